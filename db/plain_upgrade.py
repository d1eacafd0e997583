"""Encrypting a plaintext SQLite file left by earlier development, in place.

Chosen over refusing: a centre that ran a development build must not have to re-enter its
tenants, and a refusal would leave the clear file on disk anyway. The steps keep the clear
file until an encrypted, checked copy is in its place:
  1. checkpoint the WAL into the clear file (so the export sees every committed row);
  2. `sqlcipher_export` into `<name>.encrypting`, fsync it;
  3. open that copy with the key and run `PRAGMA integrity_check`;
  4. rename it over the original (atomic on one file system), drop the -wal/-shm files.
A crash before 4 leaves the clear original intact (the next open starts again); after 4 the
file is encrypted. The freed clear blocks may survive on disk until overwritten (SSD wear
levelling): say so to the centre, and treat the old disk accordingly.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

import sqlcipher3

log = logging.getLogger(__name__)


def _raw_key(key: bytes) -> str:
    return f"x'{key.hex()}'"


def export_encrypted(plain_path: Path, target: Path, key: bytes) -> None:
    """Write an encrypted copy of the clear database `plain_path` to `target`."""
    target.unlink(missing_ok=True)
    src = sqlcipher3.connect(str(plain_path))  # no key: reads the file as plain SQLite
    try:
        src.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        src.execute("ATTACH DATABASE ? AS enc KEY ?", (str(target), _raw_key(key)))
        src.execute("SELECT sqlcipher_export('enc')")
        version = src.execute("PRAGMA user_version").fetchone()[0]
        src.execute(f"PRAGMA enc.user_version = {int(version)}")
        src.execute("DETACH DATABASE enc")
    finally:
        src.close()
    with open(target, "rb+") as fh:
        os.fsync(fh.fileno())


def verify_encrypted(path: Path, key: bytes) -> None:
    conn = sqlcipher3.connect(str(path))
    try:
        conn.execute(f"PRAGMA key = \"{_raw_key(key)}\"")
        result = conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()
    if result != "ok":
        raise RuntimeError(f"encrypted copy failed integrity_check: {result}")


def encrypt_in_place(path: Path, key: bytes) -> None:
    tmp = path.with_name(path.name + ".encrypting")
    export_encrypted(path, tmp, key)
    verify_encrypted(tmp, key)
    os.replace(tmp, path)
    for suffix in ("-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    log.warning("a plaintext database was found and encrypted in place")
