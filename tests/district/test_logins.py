"""`sync` needs a trained staff login, `--rebase` an administrator's, both audited; no
password is ever kept in an address or a setting (issue 11)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlmodel import select

from app.desk.errors import Refused
from app.staff.accounts import create_staff, record_training
from app.sync.history import saved_district_url
from app.sync.run import check_url, sync_as, without_password
from db.engine import read_session
from db.models import AuditEvent
from tests.conftest import PASSWORD, register
from tests.sync.conftest import CENTER_PASSWORD

ROOT = Path(__file__).resolve().parents[2]


def _actions(desk) -> list[str]:
    with read_session(desk.engine) as s:
        return [e.action for e in s.exec(select(AuditEvent).order_by(AuditEvent.seq))]


def test_sync_by_a_trained_clerk_rebase_only_by_an_admin(desk, admin, building, lh01_url):
    register(desk, admin, 1)
    url, pw = without_password(lh01_url), CENTER_PASSWORD
    clerk = create_staff(desk, admin, "clerk1", "clerk-password", "clerk")
    # rule R3: an untrained account does not sync
    with pytest.raises(Refused) as err:
        sync_as(desk, clerk, url, pw)
    assert err.value.code == "untrained"
    from app.desk.clock import today
    record_training(desk, admin, "clerk1", "induction", today(desk))
    assert sync_as(desk, clerk, url, pw)["ok"]
    with pytest.raises(Refused) as err:
        sync_as(desk, clerk, url, pw, do_rebase=True)
    assert err.value.code == "forbidden"
    assert sync_as(desk, admin, url, pw, do_rebase=True)["rebase"]["epoch_replaced"]
    assert _actions(desk).count("sync.run") == 1 and _actions(desk).count("sync.rebase") == 1


@pytest.mark.parametrize("url", [
    "postgresql://rd_lh01:secret@host/district",
    "postgresql://rd_lh01@host/district?password=secret",
    "postgresql://rd_lh01@host/district?sslmode=require&PASSWORD=secret",
])
def test_password_in_the_address_is_refused_and_never_stored(url):
    with pytest.raises(Refused) as err:
        check_url(url)
    assert "RENTDESK_DISTRICT_PASSWORD" in err.value.zh and "secret" not in str(err.value.data)
    assert "secret" not in without_password(url)


def test_saved_address_carries_no_password(desk, admin, building, lh01_url):
    register(desk, admin, 1)
    # Programmatic callers (tests, bench) may still connect with a user-info password:
    # what is saved for the next run never carries it.
    from app.sync.run import sync

    assert sync(desk, lh01_url + "&password=" + CENTER_PASSWORD)["ok"]
    saved = saved_district_url(desk) or ""
    assert CENTER_PASSWORD not in saved and "password" not in saved.lower()


def test_cli_sync_without_login_is_refused(desk, admin, building, lh01_url):
    desk.engine.dispose()
    env = {k: v for k, v in os.environ.items() if k not in ("RENTDESK_PASSWORD", "RENTDESK_USER")}
    env["PYTHONPATH"] = str(ROOT)
    base = [sys.executable, "-m", "rentdesk", "--home", str(desk.home), "sync", "--district"]
    no_login = subprocess.run(base + [without_password(lh01_url), "--rebase"], env=env,
                              capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)
    assert no_login.returncode != 0 and "--as" in no_login.stderr
    in_url = subprocess.run(base + [lh01_url, "--as", "admin"], env={**env, "RENTDESK_PASSWORD":
                            PASSWORD}, capture_output=True, text=True, timeout=120)
    assert in_url.returncode != 0 and "RENTDESK_DISTRICT_PASSWORD" in in_url.stderr
