"""New district passwords are typed (or piped), never taken from RENTDESK_PASSWORD, which
holds the operator's own login (M10, found by the attacker-helper)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.desk.errors import Refused
from app.district_office.session import sign_in

ROOT = Path(__file__).resolve().parents[2]
OPERATOR = "operator-own-password"
NEW = "new-staff-password-1"


def test_add_staff_reads_the_new_password_from_stdin_not_the_env(district, tmp_path):
    # rule R10: an account's password is its owner's; the operator's own never becomes it
    env = {**os.environ, "PYTHONPATH": str(ROOT), "RENTDESK_PASSWORD": OPERATOR}
    run = subprocess.run([sys.executable, "-m", "rentdesk", "--home", str(tmp_path / "h"),
                          "district", "add-staff", "zhao", "--role", "viewer", "--url", district],
                         env=env, input=f"{NEW}\n", capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert OPERATOR not in run.stdout and NEW not in run.stdout
    with pytest.raises(Refused):
        sign_in(district, "zhao", OPERATOR)
    sign_in(district, "zhao", NEW).close()


def test_center_login_new_password_is_not_the_officers_own(district, tmp_path):
    # the officer signs in with RENTDESK_PASSWORD; the centre's new password is the stdin line
    import psycopg

    from app.district_office.staff import add_staff
    from app.sync.district import add_center

    add_staff(district, "li_admin", "admin", OPERATOR)
    centre_url = add_center(district, "LH01", "first-centre-password")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "RENTDESK_PASSWORD": OPERATOR}
    env.pop("RENTDESK_CENTER_PASSWORD", None)
    run = subprocess.run([sys.executable, "-m", "rentdesk", "--home", str(tmp_path / "h"),
                          "district", "center-login", "LH01", "--user", "li_admin",
                          "--district", district], env=env, input=f"{NEW}\n",
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    with pytest.raises(psycopg.OperationalError):
        psycopg.connect(centre_url.replace("first-centre-password", OPERATOR)).close()
    psycopg.connect(centre_url.replace("first-centre-password", NEW)).close()
