"""Photos and scans, stored once by SHA-256 under <home>/blobs, encrypted at rest.

The name is the SHA-256 of the plaintext (content addressing and the district's blob ids
stay as they were); the bytes on disk are `RDB1 | nonce(12) | AES-256-GCM(ciphertext+tag)`
with the name as associated data, so a file swapped under another name fails to decrypt.
The key is derived from the database key (app/data/keys.py). `read_blob` returns plaintext:
nobody else should read files under blobs/ directly.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlmodel import Session

from app.data.keys import blob_key
from app.desk.context import Desk
from db.models import Blob

MAGIC = b"RDB1"
_NONCE = 12


class BlobDamaged(ValueError):
    """A blob file that does not decrypt (wrong key, damaged, or swapped)."""


def blob_path(desk: Desk, sha256: str) -> Path:
    return desk.blob_dir / sha256[:2] / sha256


def blob_exists(desk: Desk, sha256: str) -> bool:
    return blob_path(desk, sha256).exists()


def encrypt_bytes(desk: Desk, sha256: str, data: bytes) -> bytes:
    nonce = os.urandom(_NONCE)
    return MAGIC + nonce + AESGCM(blob_key(desk)).encrypt(nonce, data, sha256.encode())


def _write_durably(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".part")
    with open(tmp, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def store_blob(desk: Desk, session: Session, data: bytes, kind: str) -> str:
    """Write the file durably first, then its row in the caller's transaction.

    A crash between the two leaves an orphan file (harmless, same content next time),
    never a row pointing at a missing file.
    """
    sha = hashlib.sha256(data).hexdigest()
    path = blob_path(desk, sha)
    if not path.exists():
        _write_durably(path, encrypt_bytes(desk, sha, data))
    if session.get(Blob, sha) is None:
        session.add(Blob(sha256=sha, kind=kind, size=len(data)))
    return sha


def read_blob(desk: Desk, sha256: str) -> bytes:
    """The plaintext of a blob (decrypted; a legacy clear file is checked by its hash)."""
    raw = blob_path(desk, sha256).read_bytes()
    if raw.startswith(MAGIC):
        nonce, body = raw[len(MAGIC):len(MAGIC) + _NONCE], raw[len(MAGIC) + _NONCE:]
        try:
            return AESGCM(blob_key(desk)).decrypt(nonce, body, sha256.encode())
        except InvalidTag:
            raise BlobDamaged(f"blob {sha256[:12]}… does not decrypt") from None
    if hashlib.sha256(raw).hexdigest() == sha256:
        return raw  # written before encryption; encrypt_legacy_blobs() converts it
    raise BlobDamaged(f"blob {sha256[:12]}… is damaged")


def delete_blob_file(desk: Desk, sha256: str) -> bool:
    path = blob_path(desk, sha256)
    existed = path.exists()
    path.unlink(missing_ok=True)
    return existed


def encrypt_legacy_blobs(desk: Desk) -> int:
    """Encrypt blob files written in clear by earlier builds; returns how many."""
    done = 0
    if not desk.blob_dir.exists():
        return 0
    for path in desk.blob_dir.glob("??/*"):
        if path.suffix == ".part" or not path.is_file():
            continue
        raw = path.read_bytes()
        if raw.startswith(MAGIC) or hashlib.sha256(raw).hexdigest() != path.name:
            continue
        _write_durably(path, encrypt_bytes(desk, path.name, raw))
        done += 1
    return done
