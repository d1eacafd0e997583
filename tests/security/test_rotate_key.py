"""`rentdesk security rotate-key` (issue 12): database, photos and backups under a new key;
the old recovery key stops working."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.data.backup import make_backup, restore
from app.data.blobs import read_blob
from app.data.keys import data_key, recovery_key
from app.data.recovery import unwrap
from app.data.rotate import rotate_key
from app.desk import clock
from app.desk.context import open_desk
from app.desk.errors import Refused
from app.tenants.search import search_tenants
from db.engine import connect_raw, read_session
from db.models import Person
from tests.conftest import register


@pytest.fixture
def keyring_desk(tmp_path: Path, monkeypatch):
    """A desk whose key lives in the key store (a key from the environment cannot rotate)."""
    monkeypatch.delenv("RENTDESK_DB_KEY")
    monkeypatch.setenv("RENTDESK_KEY_STORE", "file")
    d = open_desk(tmp_path / "home")
    yield d
    d.close()


def test_rotate_key_reencrypts_database_photos_and_backups(keyring_desk, tmp_path, photo_jpeg):
    from app.desk.center import init_center
    from app.property.buildings import add_building, add_unit

    desk = keyring_desk
    admin = init_center(desk, "LH01", "东门", "admin", "Lantern-Quarry-57-Mosaic",
                        induction_on=clock.today())
    add_building(desk, admin, "B1", "一号楼", "东门路1号", 64.0, 4.0)
    add_unit(desk, admin, "B1", "102")
    reg = register(desk, admin, 1, photo=photo_jpeg)
    with read_session(desk.engine) as s:
        sha = s.get(Person, reg.person_id).photo_sha256
    old_recovery = recovery_key(desk, admin)
    backup = make_backup(desk, admin)
    old_key = data_key(desk)

    result = rotate_key(desk, admin)
    new_key = data_key(desk)
    assert new_key != old_key and result["backups"] >= 1
    assert read_blob(desk, sha) == photo_jpeg  # photo decrypts under the new key
    assert [r.name for r in search_tenants(desk, admin, "测试")] == ["测试一"]
    # the database and the backup no longer open with the old key
    for path in (desk.db_path, backup):
        conn = connect_raw(path, old_key)
        with pytest.raises(Exception, match="not a database"):
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        conn.close()
    # the old recovery key unwraps nothing; the new one unwraps the new key
    assert unwrap(old_recovery, desk.db_path, backup) is None
    assert unwrap(result["recovery_key"], desk.db_path, backup) == new_key
    assert restore(desk, admin, backup)["blobs_missing"] == 0


def test_rotate_key_needs_an_admin_and_a_stored_key(desk, admin):
    from app.staff.accounts import create_staff

    clerk = create_staff(desk, admin, "clerk1", "Lantern-Quarry-57-Mosaic", "clerk")
    with pytest.raises(Refused):
        rotate_key(desk, clerk)
    with pytest.raises(Refused, match="RENTDESK_DB_KEY"):
        rotate_key(desk, admin)  # the test key comes from the environment
