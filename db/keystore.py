"""Where a centre database's encryption key lives — never in clear beside the data.

One random 256-bit data key per database file. SQLCipher uses it as a raw key (no
PBKDF2 on every connection); photos and scans use keys derived from it (app/data/keys.py).

Where the key is looked up, in this order:
  1. `RENTDESK_DB_KEY` — 64 hex digits or the recovery key: headless runs, tests, and
     restoring on another PC. Nothing is stored.
  2. The OS keyring (Windows Credential Manager, macOS Keychain, Secret Service) under
     the key id written in `<db>.keyref` (a non-secret JSON file beside the database).
  3. Only where no keyring backend exists: a key file OUTSIDE the data directory
     (`RENTDESK_KEY_DIR`, default the user config folder), mode 0600. This is the weaker
     option — anyone who copies the whole user profile gets it — so it is logged as a
     warning and reported by `rentdesk security status`.
A key file inside the data directory is refused: a copied data folder must reveal nothing.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

import platformdirs

log = logging.getLogger(__name__)

KEY_ENV = "RENTDESK_DB_KEY"
KEY_DIR_ENV = "RENTDESK_KEY_DIR"
STORE_ENV = "RENTDESK_KEY_STORE"  # force "keyring" or "file"
SERVICE = "rentdesk"
_PLAIN_HEADER = b"SQLite format 3\x00"


class KeyUnavailable(RuntimeError):
    """No usable key for a database: a code and its facts only. What the clerk reads — what
    is wrong and what to do, in Chinese and English — is app/'s to say
    (app/desk/key_refusal.py turns this into the one refusal type, app.desk.errors.Refused)."""

    def __init__(self, code: str, **data: str) -> None:
        super().__init__(code)
        self.code, self.data = code, data


@dataclass(frozen=True)
class KeyInfo:
    key: bytes
    source: str  # env | keyring | file
    key_id: str | None
    weaker: bool  # True for the key-file fallback


def is_plaintext_sqlite(path: Path) -> bool:
    """An unencrypted SQLite file (SQLCipher files start with a random salt)."""
    try:
        with open(path, "rb") as fh:
            return fh.read(16) == _PLAIN_HEADER
    except FileNotFoundError:
        return False


def key_check(key: bytes) -> str:
    """A non-secret fingerprint to tell a wrong key from a damaged file."""
    return hmac.new(key, b"rentdesk key check v1", hashlib.sha256).hexdigest()[:16]


# --- recovery key: the data key in groups a person can copy down ---------------------

def format_recovery_key(key: bytes) -> str:
    raw = key + hashlib.sha256(key).digest()[:2]  # 2 check bytes catch typos
    text = base64.b32encode(raw).decode().rstrip("=")
    return "-".join(text[i:i + 5] for i in range(0, len(text), 5))


def parse_key_text(text: str) -> bytes:
    """64 hex digits or a recovery key; raises ValueError when it is neither."""
    compact = "".join(text.split()).replace("-", "")
    if len(compact) == 64:
        try:
            return bytes.fromhex(compact)
        except ValueError:
            pass
    try:
        raw = base64.b32decode(compact.upper() + "=" * (-len(compact) % 8))
    except ValueError:
        raise ValueError("not a key") from None
    key, check = raw[:32], raw[32:]
    if len(raw) != 34 or hashlib.sha256(key).digest()[:2] != check:
        raise ValueError("recovery key mistyped")
    return key


# --- the key reference beside the database (no secret in it) ------------------------

def keyref_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".keyref")


def read_keyref(db_path: Path) -> dict | None:
    try:
        return json.loads(keyref_path(db_path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None


def _write_keyref(db_path: Path, ref: dict) -> None:
    path = keyref_path(db_path)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(ref, indent=1), encoding="utf-8")
    os.replace(tmp, path)


# --- stores -----------------------------------------------------------------------

def keyring_usable() -> bool:
    """A real OS keyring; not the 'fail'/'null' stand-ins, nor plaintext file backends."""
    try:
        import keyring
    except ImportError:
        return False
    kr = keyring.get_keyring()
    mod = type(kr).__module__
    if mod.startswith(("keyring.backends.fail", "keyring.backends.null", "keyrings.alt")):
        return False
    return getattr(kr, "priority", 0) > 0


def _store_kind() -> str:
    forced = os.environ.get(STORE_ENV, "").strip().lower()
    if forced in ("keyring", "file"):
        return forced
    return "keyring" if keyring_usable() else "file"


def key_dir() -> Path:
    env = os.environ.get(KEY_DIR_ENV)
    return Path(env).expanduser() if env else Path(platformdirs.user_config_dir(SERVICE)) / "keys"


def _key_file(db_path: Path, key_id: str) -> Path:
    path = (key_dir() / f"{key_id}.key").resolve()
    data_dir = db_path.resolve().parent
    if path.is_relative_to(data_dir):
        raise KeyUnavailable("key_file_in_data_dir", data_dir=str(data_dir))
    return path


def _save(db_path: Path, key: bytes, kind: str) -> dict:
    key_id = secrets.token_hex(16)
    if kind == "keyring":
        import keyring

        keyring.set_password(SERVICE, f"db-key:{key_id}", key.hex())
    else:
        path = _key_file(db_path, key_id)
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(key.hex())
            fh.flush()
            os.fsync(fh.fileno())
        log.warning("database key kept in a key file outside the data directory (no OS "
                    "keyring here): the weaker option")
    ref = {"version": 1, "key_id": key_id, "store": kind, "check": key_check(key)}
    _write_keyref(db_path, ref)
    return ref


def _load(db_path: Path, ref: dict) -> bytes | None:
    if ref.get("store") == "env":  # only ever given through RENTDESK_DB_KEY
        return None
    if ref.get("store") == "keyring":
        if not keyring_usable():
            return None
        import keyring

        text = keyring.get_password(SERVICE, f"db-key:{ref['key_id']}")
    else:
        try:
            text = _key_file(db_path, ref["key_id"]).read_text().strip()
        except FileNotFoundError:
            return None
    return bytes.fromhex(text) if text else None


def adopt_key(db_path: Path, key: bytes) -> KeyInfo:
    """Keep `key` as this database's key in this machine's store (restore on a new PC)."""
    kind = _store_kind()
    try:
        ref = _save(db_path, key, kind)
    except KeyUnavailable:
        raise
    except Exception as e:  # noqa: BLE001 - a locked or broken keyring backend
        if kind != "keyring" or os.environ.get(STORE_ENV):
            raise
        log.warning("OS keyring refused the key (%s): falling back to a key file", type(e).__name__)
        kind = "file"
        ref = _save(db_path, key, kind)
    return KeyInfo(key, kind, ref["key_id"], kind == "file")


def _env_key() -> bytes | None:
    text = os.environ.get(KEY_ENV)
    if not text:
        return None
    try:
        return parse_key_text(text)
    except ValueError:
        raise KeyUnavailable("env_key_invalid") from None


def database_key(db_path: Path, create: bool = True) -> KeyInfo:
    """The key of the database at `db_path`; a new key (stored) for a new database."""
    env = _env_key()
    ref = read_keyref(db_path)
    if env is not None:
        if ref and ref.get("check") not in (None, key_check(env)):
            raise KeyUnavailable("env_key_mismatch")
        fresh = not (db_path.exists() and db_path.stat().st_size > 0)
        if ref is None and (fresh or is_plaintext_sqlite(db_path)):
            # Remember the fingerprint so a wrong key later gets a clear message.
            _write_keyref(db_path, {"version": 1, "key_id": None, "store": "env",
                                    "check": key_check(env)})
        return KeyInfo(env, "env", ref.get("key_id") if ref else None, False)
    if ref is not None:
        key = _load(db_path, ref)
        if key is None:
            raise KeyUnavailable("key_not_found")
        if key_check(key) != ref.get("check", key_check(key)):
            raise KeyUnavailable("stored_key_mismatch")
        return KeyInfo(key, ref["store"], ref["key_id"], ref["store"] == "file")
    has_data = db_path.exists() and db_path.stat().st_size > 0
    if has_data and not is_plaintext_sqlite(db_path):
        raise KeyUnavailable("keyref_missing", keyref=keyref_path(db_path).name)
    if not create:
        raise KeyUnavailable("no_key_yet")
    return adopt_key(db_path, secrets.token_bytes(32))
