"""Migrations: a new database and one at every earlier revision reach head with data intact."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import inspect
from sqlmodel import SQLModel

from db.engine import connect_raw, open_engine
from db.keystore import database_key
from db.migrate import alembic_config, current_revision, head_revision, upgrade

REVISIONS = [r.revision for r in ScriptDirectory.from_config(alembic_config()).walk_revisions()]


def test_empty_database_reaches_head_with_every_table(tmp_path: Path):
    engine = open_engine(tmp_path / "a.sqlite")
    assert upgrade(engine) is None  # nothing to back up yet
    assert current_revision(engine) == head_revision()
    tables = set(inspect(engine).get_table_names())
    assert set(SQLModel.metadata.tables) <= tables


def test_pragmas_wal_full_sync_foreign_keys(tmp_path: Path):
    engine = open_engine(tmp_path / "a.sqlite")
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


# Every revision before head (walk_revisions lists newest first).
@pytest.mark.parametrize("start", REVISIONS[1:])
def test_database_at_each_revision_upgrades_keeping_rows(tmp_path: Path, start: str):
    path = tmp_path / "c.sqlite"
    engine = open_engine(path)
    upgrade(engine, revision=start)
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO center (id, center_code, created_at, updated_at, name, timezone) "
            "VALUES ('c1', 'LH01', '2026-01-01 00:00:00', '2026-01-01 00:00:00', '东门中心', "
            "'Asia/Shanghai')")
    backup = upgrade(engine, db_path=path, backup_dir=tmp_path / "backups")
    assert current_revision(engine) == head_revision()
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT name FROM center WHERE id='c1'").scalar() == "东门中心"
    assert backup is not None
    copy = connect_raw(backup, database_key(path).key)  # backups are encrypted like the database
    assert copy.execute("SELECT name FROM center").fetchone() == ("东门中心",)
    copy.close()


def test_migrations_produce_exactly_the_models(tmp_path: Path):
    """No drift: a database migrated to head has the tables, columns, indexes and keys the
    SQLModel classes declare — a model changed without a migration (or the reverse) fails."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    import db.models  # noqa: F401  (every table registers itself in SQLModel.metadata)

    engine = open_engine(tmp_path / "d.sqlite")
    upgrade(engine)
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = compare_metadata(context, SQLModel.metadata)
    assert diff == [], "models and migrations differ:\n" + "\n".join(map(str, diff))
