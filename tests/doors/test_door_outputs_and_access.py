"""Attack findings 2–5: door outputs never overwrite the desk's files; an unreadable board is
never "in step"; door commands need a login with the right role; controller addresses are
unicast and door numbers plain (R4, R6, R7, R10). Real loopback UHPPOTE board, real files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sqlalchemy import select

from app.cli import main
from app.desk import clock
from app.desk.context import open_desk
from app.doors.controllers import add_controller
from app.staff.accounts import change_password, create_staff, record_training
from db.engine import read_session
from db.models import AuditEvent
from tests.conftest import PASSWORD
from tests.doors.conftest import push, tenant_with_card


def _clerk(desk, admin) -> None:
    """A trained clerk who has set her own password (clerk-password-1)."""
    create_staff(desk, admin, "clerk1", "first-password-0", "clerk", None)
    change_password(desk, "clerk1", "first-password-0", "clerk-password-1")
    record_training(desk, admin, "clerk1", "induction", clock.today(desk))


def test_reconcile_xlsx_never_replaces_the_database_or_an_existing_file(
        desk, admin, door, board, photo_jpeg, monkeypatch, tmp_path, capsys):
    # finding 2, rule R10: the report goes through app/out_paths (data folder, symlink, --force)
    tenant_with_card(desk, admin, 1, photo_jpeg)
    _clerk(desk, admin)
    home = desk.home
    db = home / "rentdesk.sqlite"
    desk.close()
    link = tmp_path / "report.xlsx"
    os.symlink(db, link)
    keep = tmp_path / "minutes.docx"
    keep.write_text("the centre's meeting minutes")
    monkeypatch.setenv("RENTDESK_PASSWORD", "clerk-password-1")
    for target in (db, link, keep):
        assert main(["--home", str(home), "door", "reconcile", "--as", "clerk1",
                     "--xlsx", str(target)]) != 0
        assert "--force" in capsys.readouterr().err or target != keep
    assert db.read_bytes()[:2] != b"PK" and keep.read_text() == "the centre's meeting minutes"
    monkeypatch.setenv("RENTDESK_PASSWORD", PASSWORD)
    assert main(["--home", str(home), "door", "reconcile", "--as", "admin", "--force",
                 "--xlsx", str(link)]) != 0  # --force never reaches into the data folder
    assert db.read_bytes()[:2] != b"PK"  # still the database, not a report
    assert main(["--home", str(home), "door", "reconcile", "--as", "admin", "--force",
                 "--xlsx", str(keep)]) == 0
    assert keep.read_bytes()[:2] == b"PK"
    assert main(["--home", str(home), "door", "list", "--as", "admin"]) == 0


def test_whitelist_folder_may_not_be_the_data_folder(desk, admin, building):
    # finding 2: the installer's files never land beside (or over) the database
    from app.desk.errors import Refused

    with pytest.raises(Refused) as e:
        add_controller(desk, admin, "B1", "北门", "file", file_dir=str(desk.home / "wl"))
    assert e.value.code == "out_in_data_folder"


@pytest.mark.parametrize("mode", ["silent", "huge_count", "garbage", "other_serial"])
def test_reconcile_of_an_unreadable_board_exits_2_and_says_so(desk, admin, door, board,
                                                               photo_jpeg, monkeypatch, capsys,
                                                               mode):
    # finding 3, rule R7: a scheduled daily reconcile must not report "in step"
    tenant_with_card(desk, admin, 1, photo_jpeg)
    push(desk)
    home = desk.home
    desk.close()
    board.mode = mode
    monkeypatch.setenv("RENTDESK_PASSWORD", PASSWORD)
    for extra in ([], ["--fix"]):
        assert main(["--home", str(home), "door", "reconcile", "--as", "admin", *extra]) == 2
        err = capsys.readouterr().err
        assert "未能读取" in err and "Could not read" in err


def test_door_commands_need_a_login_and_export_needs_a_supervisor(
        desk, admin, building, photo_jpeg, tmp_path, monkeypatch, capsys):
    # finding 4, rules R3/R10: the whitelist holds every card number (clonable)
    add_controller(desk, admin, "B1", "北门", "file", doors="1", file_dir=str(tmp_path / "wl"))
    tenant_with_card(desk, admin, 1, photo_jpeg)
    _clerk(desk, admin)
    home = str(desk.home)
    desk.close()
    monkeypatch.delenv("RENTDESK_PASSWORD", raising=False)
    monkeypatch.delenv("RENTDESK_USER", raising=False)
    for cmd in (["export", "北门"], ["list"], ["push"]):
        with pytest.raises(SystemExit):  # "name the acting staff account with --as"
            main(["--home", home, "door", *cmd])
    assert not list((tmp_path / "wl").glob("whitelist_*"))
    monkeypatch.setenv("RENTDESK_PASSWORD", "clerk-password-1")
    assert main(["--home", home, "door", "export", "--as", "clerk1", "北门"]) != 0
    assert not list((tmp_path / "wl").glob("whitelist_*"))
    assert main(["--home", home, "door", "list", "--as", "clerk1"]) == 0
    assert main(["--home", home, "door", "push", "--as", "clerk1"]) == 0  # writes the files
    monkeypatch.setenv("RENTDESK_PASSWORD", PASSWORD)
    assert main(["--home", home, "door", "export", "--as", "admin", "北门"]) == 0
    d = open_desk(Path(home))
    try:
        with read_session(d.engine) as s:
            actions = set(s.execute(select(AuditEvent.action)).scalars())
    finally:
        d.close()
    assert {"door.push", "door.whitelist_export"} <= actions


def test_untrained_staff_may_not_push(desk, admin, door, monkeypatch):
    # finding 4, rule R3: pushing writes the building's doors
    create_staff(desk, admin, "newbie", "first-password-0", "clerk", None)
    change_password(desk, "newbie", "first-password-0", "newbie-password-1")
    home = str(desk.home)
    desk.close()
    monkeypatch.setenv("RENTDESK_PASSWORD", "newbie-password-1")
    assert main(["--home", home, "door", "push", "--as", "newbie"]) != 0
    assert main(["--home", home, "door", "check", "--as", "newbie"]) != 0


@pytest.mark.parametrize("address", ["0.0.0.0", "224.0.0.1", "239.1.2.3:60000",
                                     "255.255.255.255", "240.0.0.1", "192.168.1.10:６００００"])
def test_add_refuses_non_unicast_addresses(desk, admin, building, address):
    # finding 5, rule R4: one controller, one device address
    from app.desk.errors import Refused

    with pytest.raises(Refused):
        add_controller(desk, admin, "B1", "大门", "uhppote", serial=423187757, address=address)


@pytest.mark.parametrize("doors", ["1,,2", "１", "1,", ",", "", "1;2", "5", "1,２"])
def test_add_refuses_sloppy_door_numbers(desk, admin, building, doors):
    # finding 5: a typing slip is pointed out, not guessed at
    from app.desk.errors import Refused

    with pytest.raises(Refused) as e:
        add_controller(desk, admin, "B1", "大门", "uhppote", serial=423187757,
                       address="192.168.1.10", doors=doors)
    assert e.value.code == "bad_doors"
