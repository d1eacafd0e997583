"""A data folder copied off the machine reveals nothing (PIPL art. 51)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import create_engine

from app.data.blobs import BlobDamaged, blob_path, encrypt_legacy_blobs, read_blob
from app.desk.context import open_desk
from app.desk.key_refusal import key_refused
from db.engine import open_engine
from db.keystore import KeyUnavailable, is_plaintext_sqlite
from db.migrate import backup_file, upgrade
from tests.conftest import idno, register

SECRET_NAME = "欧阳保密"


def _all_bytes(home: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in home.rglob("*") if p.is_file()}


def _assert_reveals_nothing(home: Path, jpeg: bytes) -> None:
    needles = [SECRET_NAME.encode(), idno(7).encode(), b"13900000007", "5c" * 32]
    for path, raw in _all_bytes(home).items():
        for needle in needles:
            needle = needle if isinstance(needle, bytes) else needle.encode()
            assert needle not in raw, f"{needle!r} found in {path.name}"
        assert jpeg[:64] not in raw, f"JPEG data in {path.name}"
        if path.parent.parent.name == "blobs":
            assert not raw.startswith(b"\xff\xd8") and b"JFIF" not in raw


def test_copied_files_reveal_nothing(desk, admin, building, photo_jpeg):
    register(desk, admin, 7, photo=photo_jpeg, name=SECRET_NAME)
    backup = backup_file(desk.db_path, desk.backup_dir, "test")
    _assert_reveals_nothing(desk.home, photo_jpeg)  # open: WAL present too
    desk.close()
    _assert_reveals_nothing(desk.home, photo_jpeg)
    for db in (desk.db_path, backup):
        with pytest.raises(sqlite3.DatabaseError, match="file is not a database"):
            sqlite3.connect(db).execute("SELECT * FROM sqlite_master").fetchall()


def test_registered_photo_reads_back_as_plaintext(desk, admin, building, photo_jpeg):
    from db.engine import read_session
    from db.models import Person

    reg = register(desk, admin, 8, photo=photo_jpeg)
    with read_session(desk.engine) as s:
        sha = s.get(Person, reg.person_id).photo_sha256
    assert read_blob(desk, sha) == photo_jpeg
    assert photo_jpeg[:64] not in blob_path(desk, sha).read_bytes()


def test_wrong_key_is_refused_clearly(tmp_path: Path, monkeypatch):
    engine = open_engine(tmp_path / "a.sqlite")
    upgrade(engine)
    engine.dispose()
    monkeypatch.setenv("RENTDESK_DB_KEY", "17" * 32)
    with pytest.raises(KeyUnavailable) as err:
        open_engine(tmp_path / "a.sqlite")
    assert err.value.code == "env_key_mismatch"
    assert "not this database's key" in key_refused(err.value).en
    with pytest.raises(KeyUnavailable) as err:
        open_engine(tmp_path / "a.sqlite", key=bytes(32))
    assert err.value.code == "key_does_not_open"
    assert "wrong key" in key_refused(err.value).en and "a.sqlite" in key_refused(err.value).en


def test_a_wrong_key_reaches_the_clerk_as_a_refusal(tmp_path: Path, monkeypatch):
    # issue 15: one refusal type: opening the desk turns the key error into a Refused
    from app.desk.context import open_desk
    from app.desk.errors import Refused

    home = tmp_path / "home"
    open_desk(home).close()
    monkeypatch.setenv("RENTDESK_DB_KEY", "17" * 32)
    with pytest.raises(Refused) as err:
        open_desk(home)
    assert err.value.code == "env_key_mismatch" and "RENTDESK_DB_KEY" in err.value.zh


def test_plaintext_database_is_encrypted_on_open(tmp_path: Path):
    home = tmp_path / "home"
    home.mkdir()
    plain = create_engine(f"sqlite:///{home / 'rentdesk.sqlite'}")
    upgrade(plain)
    with plain.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO center (id, center_code, created_at, updated_at, name, timezone) "
            f"VALUES ('c1', 'LH01', '2026-01-01', '2026-01-01', '{SECRET_NAME}', 'Asia/Shanghai')")
    plain.dispose()
    assert is_plaintext_sqlite(home / "rentdesk.sqlite")
    desk = open_desk(home)
    assert desk.center_code == "LH01"
    desk.close()
    assert not is_plaintext_sqlite(home / "rentdesk.sqlite")
    assert SECRET_NAME.encode() not in (home / "rentdesk.sqlite").read_bytes()
    assert not (home / "rentdesk.sqlite.encrypting").exists()


def test_legacy_clear_blob_is_read_then_encrypted(desk, photo_jpeg):
    import hashlib

    sha = hashlib.sha256(photo_jpeg).hexdigest()
    path = blob_path(desk, sha)
    path.parent.mkdir(parents=True)
    path.write_bytes(photo_jpeg)
    assert read_blob(desk, sha) == photo_jpeg
    assert encrypt_legacy_blobs(desk) == 1
    assert not path.read_bytes().startswith(b"\xff\xd8")
    assert read_blob(desk, sha) == photo_jpeg
    assert encrypt_legacy_blobs(desk) == 0


def test_swapped_blob_file_does_not_decrypt(desk, admin, photo_jpeg):
    import hashlib

    from app.data.blobs import store_blob
    from db.engine import write_session

    other = photo_jpeg[:-2] + b"\x00\xff\xd9"
    with write_session(desk.engine) as s:
        a, b = store_blob(desk, s, photo_jpeg, "photo"), store_blob(desk, s, other, "photo")
    assert read_blob(desk, a) == photo_jpeg and a == hashlib.sha256(photo_jpeg).hexdigest()
    blob_path(desk, a).write_bytes(blob_path(desk, b).read_bytes())
    with pytest.raises(BlobDamaged):
        read_blob(desk, a)


def test_migration_backup_is_encrypted_and_opens_with_the_key(tmp_path: Path):
    from alembic.script import ScriptDirectory

    from db.engine import connect_raw
    from db.keystore import database_key
    from db.migrate import alembic_config

    first = list(ScriptDirectory.from_config(alembic_config()).walk_revisions())[-1].revision
    path = tmp_path / "c.sqlite"
    engine = open_engine(path)
    upgrade(engine, revision=first)
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO center (id, center_code, created_at, updated_at, name, timezone) "
            f"VALUES ('c1', 'LH01', '2026-01-01', '2026-01-01', '{SECRET_NAME}', 'Asia/Shanghai')")
    backup = upgrade(engine, db_path=path, backup_dir=tmp_path / "backups")
    assert backup is not None and SECRET_NAME.encode() not in backup.read_bytes()
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(backup).execute("SELECT name FROM center").fetchall()
    copy = connect_raw(backup, database_key(path).key)
    assert copy.execute("SELECT name FROM center").fetchone() == (SECRET_NAME,)
    copy.close()
