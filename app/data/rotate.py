"""`rentdesk security rotate-key` (issue 12): a new data key for the database, the photos and
scans, and the backups in the data folder, and a new recovery key; the old one stops working.

Order, so that a failure before the last step leaves the centre on its old key, intact:
1. every blob and every backup (with its photo archive) is re-encrypted into a `.rotating`
   file beside the original — the originals are untouched;
2. the database is rekeyed in place (SQLCipher PRAGMA rekey, one transaction) and the new
   key stored (OS keyring or key file) — from here on the new key is the key;
3. the `.rotating` files replace the originals, and a new recovery wrap replaces the old one
   beside the database and each backup (the old recovery key then unwraps nothing).
Copies already carried off the machine (a USB backup) stay readable with the old recovery
key: rotation cannot reach them, and the command says so.
"""

from __future__ import annotations

import os
import secrets
import zipfile
from pathlib import Path

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from app.data.backup_blobs import SUFFIX as BLOB_ARCHIVE
from app.data.blobs import _NONCE, MAGIC
from app.data.keys import BLOB_INFO, _cached_key, data_key, derive
from app.data.recovery import new_wrap, save_wrap, wrap_path
from app.desk.context import Desk
from app.desk.errors import Refused
from app.desk.key_refusal import refusing_key_errors
from app.staff import audit
from app.staff.accounts import require
from app.staff.audit import Actor
from db.engine import connect_raw, open_engine, write_session
from db.keystore import KEY_ENV, adopt_key, database_key
from db.migrate import copy_database

ROTATING = ".rotating"


def _reencrypt(raw: bytes, sha: str, old: bytes, new: bytes) -> bytes:
    if not raw.startswith(MAGIC):
        return raw  # a legacy clear file: left for encrypt_legacy_blobs
    nonce, body = raw[len(MAGIC):len(MAGIC) + _NONCE], raw[len(MAGIC) + _NONCE:]
    plain = AESGCM(old).decrypt(nonce, body, sha.encode())
    fresh = os.urandom(_NONCE)
    return MAGIC + fresh + AESGCM(new).encrypt(fresh, plain, sha.encode())


def _write(path: Path, data: bytes) -> None:
    with open(path, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())


def _stage_blobs(desk: Desk, old: bytes, new: bytes) -> list[Path]:
    staged = []
    for path in desk.blob_dir.glob("??/*") if desk.blob_dir.exists() else ():
        if path.is_file() and len(path.name) == 64:
            target = path.with_name(path.name + ROTATING)
            _write(target, _reencrypt(path.read_bytes(), path.name, old, new))
            staged.append(target)
    return staged


def _stage_archive(archive: Path, old: bytes, new: bytes) -> Path:
    target = archive.with_name(archive.name + ROTATING)
    with zipfile.ZipFile(archive) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_STORED) as dst:
        for info in src.infolist():
            data = src.read(info)
            sha = info.filename.rsplit("/", 1)[-1]
            if info.filename.startswith("blobs/") and len(sha) == 64:
                data = _reencrypt(data, sha, old, new)
            dst.writestr(info.filename, data)
    return target


def _stage_backups(desk: Desk, old_key: bytes, new_key: bytes, old_bk: bytes,
                   new_bk: bytes) -> tuple[list[Path], list[Path]]:
    staged, backups = [], []
    for path in sorted(desk.backup_dir.rglob("*.sqlite")) if desk.backup_dir.exists() else ():
        target = path.with_name(path.name + ROTATING)
        try:
            copy_database(path, target, key=old_key)
        except Exception:  # noqa: BLE001 - a backup under an even older key stays as it is
            target.unlink(missing_ok=True)
            continue
        conn = connect_raw(target, old_key)
        try:
            conn.execute(f"PRAGMA rekey = \"x'{new_key.hex()}'\"")
        finally:
            conn.close()
        staged.append(target)
        backups.append(path)
        archive = path.with_name(path.name + BLOB_ARCHIVE)
        if archive.is_file():
            staged.append(_stage_archive(archive, old_bk, new_bk))
    return staged, backups


@refusing_key_errors()
def rotate_key(desk: Desk, actor: Actor) -> dict:
    """New data key everywhere in the data folder; returns the new recovery key (once)."""
    require(actor, "settings")
    if os.environ.get(KEY_ENV):
        raise Refused("key_from_env", f"密钥来自环境变量 {KEY_ENV}：请先改用本机钥匙串（或密钥文件）再轮换。",
                      f"The key comes from {KEY_ENV}: move it to the OS key store first, then "
                      "rotate.")
    old_key, new_key = data_key(desk), secrets.token_bytes(32)
    old_bk, new_bk = derive(old_key, BLOB_INFO), derive(new_key, BLOB_INFO)
    staged: list[Path] = []
    try:
        staged += _stage_blobs(desk, old_bk, new_bk)
        more, backups = _stage_backups(desk, old_key, new_key, old_bk, new_bk)
        staged += more
        desk.engine.dispose()
        conn = connect_raw(desk.db_path, old_key)
        try:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            conn.execute(f"PRAGMA rekey = \"x'{new_key.hex()}'\"")
        finally:
            conn.close()
    except BaseException:
        for path in staged:
            path.unlink(missing_ok=True)
        desk.engine = open_engine(desk.db_path)
        raise
    adopt_key(desk.db_path, new_key)  # the point of no return: the new key is the key
    _cached_key.cache_clear()
    for path in staged:
        os.replace(path, path.with_name(path.name[: -len(ROTATING)]))
    text, wrap = new_wrap(new_key)
    save_wrap(desk.db_path, wrap)
    for backup in backups:
        save_wrap(backup, wrap)
    kept = {wrap_path(b) for b in backups}
    for stale in desk.backup_dir.rglob("*.recovery.json") if desk.backup_dir.exists() else ():
        if stale not in kept:
            stale.unlink(missing_ok=True)  # the old recovery key opens nothing here any more
    desk.engine = open_engine(desk.db_path)
    assert database_key(desk.db_path, create=False).key == new_key
    with write_session(desk.engine) as s:
        audit.record(s, actor, "security.rotate_key", "center", None, backups=len(backups),
                     blobs=sum(1 for p in staged if len(p.name) == 64 + len(ROTATING)))
    return {"rotated": True, "backups": len(backups), "recovery_key": text,
            "note": "数据目录以外的备份副本仍只能用旧恢复密钥打开 / copies outside the data folder "
                    "still need the old recovery key"}
