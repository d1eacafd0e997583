"""Restored or copied databases are refused; clocks a day apart change nothing."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import select

import db.models
from app.desk.context import open_desk
from app.sync import batches
from app.sync.errors import SyncError
from app.sync.run import sync
from app.tenants.cards import issue_card
from db.engine import DB_FILENAME, read_session, write_session
from db.migrate import backup_file
from db.models import Person, Tenancy
from tests.conftest import idno, register
from tests.sync.conftest import assert_mirrored, district_rows, make_center


def _rename(desk, person_id: str, name: str) -> None:
    with write_session(desk.engine) as s:
        person = s.get(Person, person_id)
        person.name = name
        s.add(person)


def _district_name(district: str, person_id: str) -> str:
    return district_rows(district, "SELECT name FROM person WHERE id = %s", person_id)[0][0]


def test_restored_backup_refused_until_rebase_and_old_copy_locked_out(
        desk, admin, building, district, lh01_url, photo_jpeg, tmp_path):
    pid = register(desk, admin, 1, photo=photo_jpeg).person_id
    sync(desk, lh01_url)
    backup = backup_file(desk.db_path, tmp_path / "bk", "manual")
    _rename(desk, pid, "新名字")
    sync(desk, lh01_url)
    # The PC dies; yesterday's backup is restored on another machine (blobs copied too).
    home2 = tmp_path / "restored"
    home2.mkdir()
    shutil.copy(backup, home2 / DB_FILENAME)
    shutil.copytree(desk.blob_dir, home2 / "blobs")
    for extra in desk.home.glob(DB_FILENAME + ".key*"):  # the key reference, if encrypted
        shutil.copy(extra, home2 / extra.name)
    restored = open_desk(home2)
    _rename(restored, pid, "旧副本的修改")
    before = batches.outbox_size(restored)
    with pytest.raises(SyncError) as refused:
        sync(restored, lh01_url)
    assert refused.value.code == "replica_behind" and "--rebase" in refused.value.en
    assert batches.outbox_size(restored) == before  # nothing lost
    assert _district_name(district, pid) == "新名字"  # nothing overwritten
    # Recovery: this copy becomes the replica of record; the old PC is then locked out.
    report = sync(restored, lh01_url, do_rebase=True)
    assert report["ok"] and report["outbox_left"] == 0
    assert _district_name(district, pid) == "旧副本的修改"  # a change made after the restore
    _rename(desk, pid, "旧电脑")
    with pytest.raises(SyncError) as superseded:
        sync(desk, lh01_url)
    assert superseded.value.code == "replica_superseded"
    restored.close()


class _Clock:
    """Shifts the local clock (db.models.utcnow reads `datetime` at call time)."""

    def __init__(self, monkeypatch) -> None:
        self.monkeypatch = monkeypatch

    def set(self, offset: timedelta) -> None:
        class Shifted(datetime):
            @classmethod
            def now(cls, tz=None):
                return datetime.now(tz) + offset

        self.monkeypatch.setattr(db.models, "datetime", Shifted)


def test_clocks_a_day_apart(desk, admin, building, district, lh01_url, lh02_url, tmp_path,
                            photo_jpeg, monkeypatch):
    clock = _Clock(monkeypatch)
    desk2, admin2 = make_center(tmp_path / "home2", "LH02")
    clock.set(timedelta(days=-1))  # centre B's clock a day slow: its card looks older …
    register(desk2, admin2, 5, photo=photo_jpeg)
    card_b = issue_card(desk2, admin2, idno(5), "0000000505").id
    clock.set(timedelta(days=1))   # … centre A's a day fast
    pid = register(desk, admin, 5, photo=photo_jpeg).person_id
    card_a = issue_card(desk, admin, idno(5), "0000000606").id
    clock.set(timedelta(0))
    sync(desk, lh01_url)   # … but A reaches the district first, so A's card wins (R6)
    assert sync(desk2, lh02_url)["refused_cards"] == [card_b]
    assert district_rows(district, "SELECT id FROM card WHERE district_state = 'accepted' "
                         "AND status = 'active'") == [(card_a,)]
    # A's clock jumps back two days between two edits: the later edit still wins.
    clock.set(timedelta(days=1))
    _rename(desk, pid, "第一次")
    clock.set(timedelta(days=-1))
    _rename(desk, pid, "第二次")
    clock.set(timedelta(0))
    sync(desk, lh01_url)
    assert _district_name(district, pid) == "第二次"
    # rule R2: receipts carry the district's time, not the desk's.
    now = datetime.now(UTC)
    for d in (desk, desk2):
        with read_session(d.engine) as s:
            for t in s.exec(select(Tenancy)):
                assert abs(t.delivered_at - now) < timedelta(minutes=5)
    assert_mirrored(desk, district)
    assert_mirrored(desk2, district)
    desk2.close()
