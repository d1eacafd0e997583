"""The recovery key unwraps the database key instead of being it (issue 12).

A recovery key used to be the data key in base32: whoever had it held the key itself, and
it could not be changed without re-encrypting everything. Now it is a separate random
256-bit secret R; the data key is stored wrapped under a key derived from R (AES-GCM,
HKDF-SHA256) in `<db>.recovery.json` beside the database and `<backup>.recovery.json`
beside each backup. These files hold no secret: without R they are noise. Showing the
recovery key makes a new R and a new wrap, so an earlier recovery key stops working for the
live database; `rentdesk security rotate-key` changes the data key itself.
"""

from __future__ import annotations

import json
import os
import secrets
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from app.data.keys import derive
from db.keystore import format_recovery_key, key_check, parse_key_text

WRAP_INFO = b"rentdesk recovery wrap v1"
SUFFIX = ".recovery.json"


def wrap_path(file: Path) -> Path:
    return file.with_name(file.name + SUFFIX)


def new_wrap(data_key: bytes) -> tuple[str, dict]:
    """A fresh recovery key (shown once) and the wrap of `data_key` under it."""
    secret = secrets.token_bytes(32)
    nonce = secrets.token_bytes(12)
    wrapped = AESGCM(derive(secret, WRAP_INFO)).encrypt(nonce, data_key, b"rentdesk data key")
    return format_recovery_key(secret), {"v": 1, "nonce": nonce.hex(), "wrapped": wrapped.hex(),
                                         "key_check": key_check(data_key)}


def save_wrap(file: Path, wrap: dict) -> None:
    path = wrap_path(file)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(wrap), encoding="utf-8")
    os.replace(tmp, path)


def load_wrap(file: Path) -> dict | None:
    try:
        return json.loads(wrap_path(file).read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return None


def unwrap(recovery_text: str, *files: Path) -> bytes | None:
    """The data key from the first wrap beside `files` that this recovery key opens."""
    try:
        secret = parse_key_text(recovery_text)
    except ValueError:
        return None
    for file in files:
        wrap = load_wrap(file)
        if not wrap:
            continue
        try:
            key = AESGCM(derive(secret, WRAP_INFO)).decrypt(
                bytes.fromhex(wrap["nonce"]), bytes.fromhex(wrap["wrapped"]), b"rentdesk data key")
        except (InvalidTag, ValueError, KeyError):
            continue
        if key_check(key) == wrap.get("key_check"):
            return key
    return None
