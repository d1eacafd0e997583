"""Daily backups with rotation, manual backups, and a restore that is checked first."""

from __future__ import annotations

import os
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from app.data.backup import daily_dir, make_backup, maybe_daily_backup, restore, rotate
from app.data.keys import recovery_key
from app.desk import clock
from app.desk.context import open_desk
from app.desk.errors import Refused
from app.staff.accounts import get_actor
from app.tenants.search import search_tenants
from db.engine import connect_raw, read_session, write_session
from db.models import LocalMeta
from tests.conftest import register


def _meta(desk, key):
    with read_session(desk.engine) as s:
        row = s.get(LocalMeta, key)
        return row.value if row else None


def test_daily_backup_once_a_day_and_encrypted(desk, admin):
    first = maybe_daily_backup(desk, date(2026, 3, 2))
    assert first is not None and first.exists()
    assert maybe_daily_backup(desk, date(2026, 3, 2)) is None
    assert b"SQLite format 3" not in first.read_bytes()[:16]
    conn = connect_raw(first, bytes.fromhex(os.environ["RENTDESK_DB_KEY"]))
    assert conn.execute("SELECT center_code FROM center").fetchone() == ("LH01",)
    conn.close()


def test_rotation_keeps_seven_daily_and_four_weekly(tmp_path: Path):
    start = date(2026, 1, 1)
    for n in range(60):
        (tmp_path / f"rentdesk-{start + timedelta(days=n):%Y%m%d}.sqlite").write_bytes(b"x")
    rotate(tmp_path)
    kept = sorted(p.name[9:17] for p in tmp_path.iterdir())
    assert len(kept) == 11
    assert kept[-7:] == [f"{start + timedelta(days=n):%Y%m%d}" for n in range(53, 60)]
    weekly = [date(int(k[:4]), int(k[4:6]), int(k[6:])) for k in kept[:4]]
    assert all(d.weekday() == 0 for d in weekly)  # the first backup (Monday) of each week
    assert len({d.isocalendar()[1] for d in weekly}) == 4


def test_manual_backup_and_restore_round_trip(desk, admin, building):
    register(desk, admin, 1)
    backup = make_backup(desk, admin)
    register(desk, admin, 2)  # made after the backup: gone after restore
    result = restore(desk, admin, backup)
    assert result["key"] == "current" and result["safety_copy"]
    assert [r.name for r in search_tenants(desk, admin, "测试")] == ["测试一"]
    assert _meta(desk, "restored_at") and _meta(desk, "restored_from") == backup.name
    assert _meta(desk, "replica_epoch")  # kept: the district spots the old copy (app/sync)
    with read_session(desk.engine) as s:
        actions = [r[0] for r in s.connection().execute(text("SELECT action FROM audit_event"))]
    assert "db.restore" in actions


def test_failed_restore_leaves_the_database_untouched(desk, admin, building, tmp_path: Path):
    register(desk, admin, 1)
    before = desk.db_path.stat().st_mtime_ns
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(os.urandom(8192))
    with pytest.raises(Refused, match="nothing changed"):
        restore(desk, admin, junk)
    backup = make_backup(desk, admin)
    raw = bytearray(backup.read_bytes())
    raw[5000:5100] = os.urandom(100)  # a damaged page
    backup.write_bytes(bytes(raw))
    with pytest.raises(Refused):
        restore(desk, admin, backup)
    assert [r.name for r in search_tenants(desk, admin, "测试")] == ["测试一"]
    assert desk.db_path.stat().st_mtime_ns >= before
    assert not list(desk.home.glob("*.restoring*"))


def test_restore_refuses_an_edited_audit_log(desk, admin, building):
    register(desk, admin, 1)
    backup = make_backup(desk, admin)
    conn = connect_raw(backup, bytes.fromhex(os.environ["RENTDESK_DB_KEY"]))
    conn.execute("UPDATE audit_event SET action = 'x' WHERE seq = 1")
    conn.commit()
    conn.close()
    with pytest.raises(Refused, match="audit"):
        restore(desk, admin, backup)


def test_restore_on_a_new_pc_with_the_recovery_key(desk, admin, building, tmp_path: Path,
                                                   monkeypatch, photo_jpeg):
    register(desk, admin, 1, photo=photo_jpeg)
    rkey = recovery_key(desk, admin)
    backup = make_backup(desk, admin, tmp_path / "usb" / "centre.sqlite")
    desk.close()
    # The new PC: no env key, keys kept in its own store.
    monkeypatch.delenv("RENTDESK_DB_KEY")
    monkeypatch.setenv("RENTDESK_KEY_STORE", "file")
    new = open_desk(tmp_path / "newpc")
    with pytest.raises(Refused, match="recovery key"):
        restore(new, None, backup)
    result = restore(new, None, backup, recovery_key=rkey)
    assert result["key"] == "recovery" and new.center_code == "LH01"
    new.close()
    again = open_desk(tmp_path / "newpc")  # the recovery key was adopted by this PC's store
    assert [r.name for r in search_tenants(again, get_actor(again, "admin"), "测试")] == ["测试一"]
    again.close()


def test_restore_needs_an_admin(desk, admin, building):
    from app.staff.accounts import create_staff, record_training

    clerk = create_staff(desk, admin, "clerk1", "Lantern-Quarry-57-Mosaic", "clerk")
    record_training(desk, admin, "clerk1", "induction", clock.today())
    backup = make_backup(desk, admin)
    with pytest.raises(Refused):
        restore(desk, clerk, backup)
    with pytest.raises(Refused):
        restore(desk, None, backup)


def test_daily_backup_encrypts_clear_legacy_backups(desk, admin, tmp_path: Path):
    import sqlite3

    legacy = desk.backup_dir / "rentdesk-pre-migrate-0001-old.sqlite"
    legacy.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(legacy)
    conn.execute("CREATE TABLE t (name TEXT)")
    conn.execute("INSERT INTO t VALUES ('欧阳保密')")
    conn.commit()
    conn.close()
    maybe_daily_backup(desk)
    assert "欧阳保密".encode() not in legacy.read_bytes()
    assert len(list(daily_dir(desk).glob("*.sqlite"))) == 1  # (its photo list beside it)
    with write_session(desk.engine):
        pass
