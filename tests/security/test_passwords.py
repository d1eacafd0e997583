"""Accounts (issue 12): `staff add` asks for the new password itself, never from
RENTDESK_PASSWORD; the policy is length ≥ 10 and zxcvbn; first sign-in changes it."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from app.cli import main
from app.desk.errors import Refused
from app.staff.accounts import (
    authenticate,
    change_password,
    create_staff,
    must_change_password,
)
from tests.conftest import PASSWORD

STRONG = "Lantern-Quarry-57-Mosaic"
NEWER = "Harbour-Violin-83-Quilt"


@pytest.mark.parametrize("weak", ["12345678", " " * 12, "password123", "qwertyuiop",
                                  "clerk1clerk1", "LH01LH01LH01", "short!9A"])
def test_password_policy_refuses_guessable(desk, admin, weak):
    with pytest.raises(Refused) as e:
        create_staff(desk, admin, "clerk1", weak, "clerk")
    assert e.value.code == "weak_password"


def test_staff_add_never_takes_rentdesk_password(desk, admin, monkeypatch, capsys, tmp_path: Path):
    monkeypatch.setenv("RENTDESK_PASSWORD", PASSWORD)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))  # nothing typed for the new account
    home = str(desk.home)
    assert main(["--home", home, "staff", "add", "--as", "admin", "clerk1"]) == 1
    with pytest.raises(Refused):
        authenticate(desk, "clerk1", PASSWORD)  # the admin's password did not become the clerk's
    pw = tmp_path / "pw.txt"
    pw.write_text(STRONG + "\n")
    assert main(["--home", home, "staff", "add", "--as", "admin", "clerk1",
                 "--password-file", str(pw)]) == 0
    with pytest.raises(Refused):
        authenticate(desk, "clerk1", PASSWORD)
    assert authenticate(desk, "clerk1", STRONG).role == "clerk"


def test_staff_add_reads_one_stdin_line_after_the_admins(desk, admin, monkeypatch):
    monkeypatch.delenv("RENTDESK_PASSWORD", raising=False)
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{PASSWORD}\n{STRONG}\n"))
    assert main(["--home", str(desk.home), "staff", "add", "--as", "admin", "clerk1"]) == 0
    assert authenticate(desk, "clerk1", STRONG).username == "clerk1"


def test_first_sign_in_of_admin_made_account_forces_a_new_password(desk, admin, monkeypatch,
                                                                   capsys):
    clerk = create_staff(desk, admin, "clerk1", STRONG, "clerk")
    assert must_change_password(desk, clerk) and not must_change_password(desk, admin)
    monkeypatch.setenv("RENTDESK_PASSWORD", STRONG)
    home = str(desk.home)
    capsys.readouterr()
    assert main(["--home", home, "dashboard", "--as", "clerk1"]) == 1
    assert "rentdesk password" in capsys.readouterr().err
    with pytest.raises(Refused, match="differ"):
        change_password(desk, "clerk1", STRONG, STRONG)
    monkeypatch.setattr("sys.stdin", io.StringIO(NEWER + "\n"))
    assert main(["--home", home, "password", "--as", "clerk1"]) == 0
    assert json.loads(capsys.readouterr().out)["password_changed"]
    assert not must_change_password(desk, clerk)
    monkeypatch.setenv("RENTDESK_PASSWORD", NEWER)
    assert main(["--home", home, "dashboard", "--as", "clerk1"]) == 0


def test_init_with_weak_password_writes_nothing(tmp_path: Path):
    from app.desk.center import init_center
    from app.desk.context import open_desk

    desk = open_desk(tmp_path / "h")
    with pytest.raises(Refused):
        init_center(desk, "LH05", "测试", "admin", "12345678")
    assert desk.center_code is None
    init_center(desk, "LH05", "测试", "admin", STRONG)  # the directory is still usable
    desk.close()
