"""A database key that cannot be had, said to the clerk: db/keystore.py raises
`KeyUnavailable` with a code and facts only (db cannot know app's refusal type); this is the
one place those codes become `Refused`, in Chinese and English, with what to do."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from app.desk.errors import Refused
from db.keystore import KEY_DIR_ENV, KEY_ENV, KeyUnavailable

# code -> (zh, en), formatted with the error's data and the environment variables' names.
TEXTS: dict[str, tuple[str, str]] = {
    "key_file_in_data_dir": (
        "密钥文件不能放在数据目录内（复制数据目录就会连同密钥一起泄露）。请把 {key_dir_env} 设为数据目录以外的文件夹。",
        "Refusing a key file inside the data directory {data_dir}: set {key_dir_env} to a "
        "folder outside it."),
    "env_key_invalid": (
        "环境变量 {key_env} 不是有效的密钥或恢复密钥。",
        "{key_env} is neither 64 hex digits nor a valid recovery key."),
    "env_key_mismatch": (
        "{key_env} 中的密钥与此数据库不符。",
        "The key in {key_env} is not this database's key."),
    "key_not_found": (
        "找不到此数据库的密钥（本机钥匙串或密钥文件中都没有）。请把恢复密钥设置到环境变量 {key_env} "
        "后再打开，或运行 rentdesk security adopt-key。",
        "This database's key is not in this machine's keyring or key folder. Set {key_env} to "
        "the recovery key, or run `rentdesk security adopt-key`."),
    "stored_key_mismatch": (
        "本机保存的密钥与此数据库不符。",
        "The key stored on this machine does not match this database."),
    "keyref_missing": (
        "数据库已加密，但缺少密钥引用文件 {keyref}。请用恢复密钥打开（{key_env}）。",
        "The database is encrypted but {keyref} is missing: open it with the recovery key in "
        "{key_env}."),
    "no_key_yet": ("此数据库还没有密钥。", "This database has no key yet."),
    "key_does_not_open": (
        "密钥无法打开此数据库（密钥不对，或文件已损坏）。",
        "The key does not open {file} (wrong key or damaged file)."),
}


def key_refused(exc: KeyUnavailable) -> Refused:
    zh, en = TEXTS.get(exc.code, ("无法取得数据库密钥（{code}）。", "No usable database key ({code})."))
    facts = {"key_env": KEY_ENV, "key_dir_env": KEY_DIR_ENV, "code": exc.code, **exc.data}
    return Refused(exc.code, zh.format(**facts), en.format(**facts), **exc.data)


@contextmanager
def refusing_key_errors() -> Iterator[None]:
    """Around app/ code that opens or re-keys a database: a missing or wrong key reaches
    the clerk as a refusal like every other."""
    try:
        yield
    except KeyUnavailable as exc:
        raise key_refused(exc) from None
