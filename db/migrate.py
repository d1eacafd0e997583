"""Bring a centre database to the newest schema, after a backup copy."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from db.engine import connect_raw
from db.keystore import database_key

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def copy_database(db_path: Path, target: Path, key: bytes | None = None) -> Path:
    """A consistent, encrypted copy through SQLite's online backup (safe while WAL has pages).

    Both ends are opened with the same SQLCipher key, so the pages are copied encrypted
    and the copy opens with the database's key (or its recovery key) only.
    """
    key = key or database_key(db_path, create=False).key
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".part")
    tmp.unlink(missing_ok=True)
    src, dst = connect_raw(db_path, key), connect_raw(tmp, key)
    try:
        src.backup(dst)
        dst.execute("PRAGMA journal_mode=DELETE")  # a backup is one self-contained file
    finally:
        dst.close()
        src.close()
    with open(tmp, "rb+") as fh:
        os.fsync(fh.fileno())
    os.replace(tmp, target)
    return target


def backup_file(db_path: Path, backup_dir: Path, label: str) -> Path:
    """An encrypted copy in `backup_dir` named after `label` and the time."""
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%SZ-%f")  # UTC: the machine zone may be wrong
    return copy_database(db_path, backup_dir / f"{db_path.stem}-{label}-{stamp}.sqlite")


def upgrade(engine: Engine, db_path: Path | None = None, backup_dir: Path | None = None,
            revision: str = "head") -> Path | None:
    """Migrate to `revision`; returns the backup made first (None for a new database)."""
    current = current_revision(engine)
    target = head_revision() if revision == "head" else revision
    if current == target:
        return None
    backup = None
    if current is not None and db_path is not None and backup_dir is not None:
        backup = backup_file(db_path, backup_dir, f"pre-migrate-{current}")
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)
    return backup
