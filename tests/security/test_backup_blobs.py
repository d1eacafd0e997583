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


# --- daily backups are complete too (issue 12) ------------------------------------------

def test_daily_backup_brings_the_photos_back(desk, admin, building, photo_jpeg):
    # rule R10 / issue 12: a restored daily backup is as complete as a manual one
    from datetime import date

    from app.data.backup import maybe_daily_backup
    from app.data.backup_blobs import daily_manifest, daily_store
    from app.data.blobs import blob_path

    reg = register(desk, admin, 1, photo=photo_jpeg)
    with read_session(desk.engine) as s:
        sha = s.get(Person, reg.person_id).photo_sha256
    first = maybe_daily_backup(desk, date(2026, 3, 2))
    stored = daily_store(first) / sha[:2] / sha
    assert daily_manifest(first).is_file() and stored.is_file()
    assert photo_jpeg[:64] not in stored.read_bytes()  # still encrypted
    inode = stored.stat().st_ino
    second = maybe_daily_backup(desk, date(2026, 3, 3))
    assert stored.stat().st_ino == inode  # incremental: the photo was not copied again
    assert sha in daily_manifest(second).read_text()
    blob_path(desk, sha).unlink()  # the photo is lost on this PC
    result = restore(desk, admin, first)
    assert result["blobs_restored"] == 1 and result["blobs_missing"] == 0
    assert read_blob(desk, sha) == photo_jpeg


def test_daily_store_keeps_only_what_kept_backups_list(tmp_path: Path):
    # PIPL art. 47: a photo no kept backup names leaves the backup folder with its last backup
    import json

    from app.data.backup_blobs import prune_daily_store

    old, new = "a" * 64, "b" * 64
    for sha in (old, new):
        (tmp_path / "blobs" / sha[:2]).mkdir(parents=True)
        (tmp_path / "blobs" / sha[:2] / sha).write_bytes(b"x")
    for day in range(1, 5):
        b = tmp_path / f"rentdesk-202603{day:02d}.sqlite"
        b.write_bytes(b"x")
        shas = [old] if day <= 2 else [new]
        (tmp_path / f"{b.name}.blobs.json").write_text(json.dumps({"blobs": shas}))
    for day in (1, 2):  # rotated away (rotate() deletes only the .sqlite)
        (tmp_path / f"rentdesk-202603{day:02d}.sqlite").unlink()
    assert prune_daily_store(tmp_path) == 1
    assert not (tmp_path / "blobs" / "aa" / old).exists()
    assert (tmp_path / "blobs" / "bb" / new).exists()
    assert len(list(tmp_path.glob("*.blobs.json"))) == 2  # the deleted backups' lists went too


def test_daily_restore_ignores_links_planted_in_the_store(desk, admin, building, photo_jpeg,
                                                         tmp_path: Path):
    # hostile backup folder: a link in the store must not copy an outside file into blobs/
    from datetime import date

    from app.data.backup import maybe_daily_backup
    from app.data.backup_blobs import daily_store
    from app.data.blobs import blob_path

    reg = register(desk, admin, 1, photo=photo_jpeg)
    with read_session(desk.engine) as s:
        sha = s.get(Person, reg.person_id).photo_sha256
    first = maybe_daily_backup(desk, date(2026, 3, 2))
    stored = daily_store(first) / sha[:2] / sha
    secret = tmp_path / "secret.txt"
    secret.write_text("not a blob", encoding="utf-8")
    stored.unlink()
    stored.symlink_to(secret)
    blob_path(desk, sha).unlink()
    result = restore(desk, admin, first)
    assert result["blobs_restored"] == 0 and result["blobs_missing"] == 1
    assert not blob_path(desk, sha).exists()
