"""Backups are complete (issue 12): photos and scans travel with the backup, and a restore
that lacks them says so."""

from __future__ import annotations

from pathlib import Path

from app.data.backup import make_backup, restore
from app.data.backup_blobs import companion
from app.data.blobs import read_blob
from app.data.keys import recovery_key
from app.desk.context import open_desk
from db.engine import read_session
from db.models import Person
from tests.conftest import register


def _new_pc(tmp_path: Path, monkeypatch, name: str):
    monkeypatch.delenv("RENTDESK_DB_KEY")
    monkeypatch.setenv("RENTDESK_KEY_STORE", "file")
    monkeypatch.setenv("RENTDESK_KEY_DIR", str(tmp_path / f"{name}-keys"))
    return open_desk(tmp_path / name)


def test_backup_carries_the_photos_to_a_new_pc(desk, admin, building, tmp_path: Path,
                                               monkeypatch, photo_jpeg):
    reg = register(desk, admin, 1, photo=photo_jpeg)
    with read_session(desk.engine) as s:
        sha = s.get(Person, reg.person_id).photo_sha256
    rkey = recovery_key(desk, admin)
    (tmp_path / "usb").mkdir()
    backup = make_backup(desk, admin, tmp_path / "usb" / "centre.sqlite")
    assert companion(backup).is_file()
    assert photo_jpeg[:64] not in companion(backup).read_bytes()  # still encrypted
    desk.close()
    new = _new_pc(tmp_path, monkeypatch, "newpc")
    result = restore(new, None, backup, recovery_key=rkey)
    assert result["blobs_restored"] == 1 and result["blobs_missing"] == 0
    assert "warning" not in result
    assert read_blob(new, sha) == photo_jpeg
    new.close()


def test_restore_without_the_photos_says_so(desk, admin, building, tmp_path: Path, monkeypatch,
                                            photo_jpeg):
    register(desk, admin, 1, photo=photo_jpeg)
    rkey = recovery_key(desk, admin)
    (tmp_path / "usb").mkdir()
    backup = make_backup(desk, admin, tmp_path / "usb" / "centre.sqlite")
    companion(backup).unlink()
    desk.close()
    new = _new_pc(tmp_path, monkeypatch, "newpc")
    result = restore(new, None, backup, recovery_key=rkey)
    assert result["blob_archive"] is False and result["blobs_missing"] == 1
    assert "照片/扫描件缺失 1 个" in result["warning"]
    new.close()
