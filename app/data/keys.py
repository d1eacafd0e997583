"""The centre's keys seen from the app: data key, derived blob key, recovery key, status.

The database key itself is found by db/keystore.py (env → OS keyring → key file outside
the data directory). Photos and scans are encrypted with a key derived from it by HKDF, so
one secret (and one recovery key) covers the database, its backups and the blob files.
"""

from __future__ import annotations

import os
from functools import lru_cache

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from app.desk.context import Desk
from app.desk.key_refusal import refusing_key_errors
from app.staff import audit
from app.staff.accounts import require
from app.staff.audit import Actor
from db.engine import write_session
from db.keystore import KEY_ENV, database_key, keyring_usable

BLOB_INFO = b"rentdesk blob encryption v1"


@lru_cache(maxsize=32)
def _cached_key(db_path: str, env_value: str | None, keyref_mtime: float) -> bytes:
    from pathlib import Path

    return database_key(Path(db_path), create=False).key


@refusing_key_errors()
def data_key(desk: Desk) -> bytes:
    """The database key (cached per file, so a keyring is not asked on every photo)."""
    ref = desk.db_path.with_name(desk.db_path.name + ".keyref")
    mtime = ref.stat().st_mtime if ref.exists() else 0.0
    return _cached_key(str(desk.db_path), os.environ.get(KEY_ENV), mtime)


def derive(key: bytes, info: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=info).derive(key)


def blob_key(desk: Desk) -> bytes:
    return derive(data_key(desk), BLOB_INFO)


@refusing_key_errors()
def recovery_key(desk: Desk, actor: Actor) -> str:
    """The recovery key (restores backups on another PC); admins only, and logged (R10)."""
    require(actor, "settings")
    from app.data.recovery import new_wrap, save_wrap

    # issue 12: a new recovery secret that unwraps the data key (never the key itself);
    # the earlier recovery key no longer opens this database's wrap
    text, wrap = new_wrap(data_key(desk))
    save_wrap(desk.db_path, wrap)
    with write_session(desk.engine) as s:
        audit.record(s, actor, "security.recovery_key_shown", "center", None)
    return text


@refusing_key_errors()
def key_status(desk: Desk) -> dict:
    """Where the key lives and whether that is the weaker option (no secret in it)."""
    info = database_key(desk.db_path, create=False)
    return {"source": info.source, "weaker_key_file": info.weaker,
            "os_keyring_available": keyring_usable(), "key_id": info.key_id}
