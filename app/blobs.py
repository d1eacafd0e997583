"""Photos and scans, stored once by SHA-256 under <home>/blobs (content-addressed)."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from sqlmodel import Session

from app.context import Desk
from db.models import Blob


def blob_path(desk: Desk, sha256: str) -> Path:
    return desk.blob_dir / sha256[:2] / sha256


def store_blob(desk: Desk, session: Session, data: bytes, kind: str) -> str:
    """Write the file durably first, then its row in the caller's transaction.

    A crash between the two leaves an orphan file (harmless, same content next time),
    never a row pointing at a missing file.
    """
    sha = hashlib.sha256(data).hexdigest()
    path = blob_path(desk, sha)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".part")
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    if session.get(Blob, sha) is None:
        session.add(Blob(sha256=sha, kind=kind, size=len(data)))
    return sha


def read_blob(desk: Desk, sha256: str) -> bytes:
    return blob_path(desk, sha256).read_bytes()
