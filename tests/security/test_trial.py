"""Demo data lives only in a trial centre (issue 12)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlmodel import select

from app.cli import main
from app.data.retention import run_retention, set_retention_years
from app.desk.context import open_desk
from app.desk.errors import Refused
from app.desk.trial import demo_in_trial, init_trial_center, is_trial
from db.engine import read_session
from db.models import AuditEvent, Person

STRONG = "Lantern-Quarry-57-Mosaic"


def _pw(tmp_path: Path) -> str:
    path = tmp_path / "pw.txt"
    path.write_text(STRONG + "\n")
    return str(path)


def test_demo_on_a_real_centre_is_refused_with_the_reason(desk, admin, capsys):
    with pytest.raises(Refused, match="real centre LH01"):
        demo_in_trial(desk, admin, 50)
    desk.close()
    assert main(["--home", str(desk.home), "demo", "--tenants", "50"]) == 1
    err = capsys.readouterr().err
    assert "正式中心" in err and "Traceback" not in err
    again = open_desk(desk.home)
    with read_session(again.engine) as s:
        assert s.exec(select(Person)).first() is None
    again.close()


def test_demo_makes_its_own_trial_home_and_a_second_run_is_refused_cleanly(tmp_path: Path,
                                                                           capsys, monkeypatch):
    home = tmp_path / "trial"
    assert main(["--home", str(home), "demo", "--tenants", "60", "--password-file",
                 _pw(tmp_path)]) == 0
    report = json.loads(capsys.readouterr().out.splitlines()[-1])
    assert report["center_code"].startswith("TRIAL") and report["tenants"] == 60
    desk = open_desk(home)
    assert is_trial(desk)
    with read_session(desk.engine) as s:
        event = s.exec(select(AuditEvent).where(AuditEvent.action == "demo.generate")).one()
    assert event.staff_id is not None  # attributed to the trial admin (R10)
    desk.close()
    monkeypatch.setenv("RENTDESK_PASSWORD", STRONG)
    assert main(["--home", str(home), "demo", "--as", "trial", "--tenants", "60"]) == 1
    err = capsys.readouterr().err
    assert "已有演示数据" in err and "Traceback" not in err and "IntegrityError" not in err


def test_init_trial_marks_the_centre(tmp_path: Path):
    desk = open_desk(tmp_path / "t")
    actor = init_trial_center(desk, "admin", STRONG)
    assert actor.center_code.startswith("TRIAL") and is_trial(desk)
    desk.close()


def test_sync_refuses_a_trial_centre(tmp_path: Path):
    from app.sync.run import sync

    desk = open_desk(tmp_path / "t")
    init_trial_center(desk, "admin", STRONG)
    with pytest.raises(Refused, match="trial centre"):
        sync(desk, url="postgresql://nobody@127.0.0.1:1/none")  # refused before connecting
    desk.close()


def test_retention_set_years_is_bounded(desk, admin, capsys, monkeypatch):
    for years in (0, 31, 1_000_000, -5):
        with pytest.raises(Refused, match="1 to 30"):
            set_retention_years(desk, admin, years)
    set_retention_years(desk, admin, 30)
    assert run_retention(desk, admin).years == 30
    from tests.conftest import PASSWORD

    monkeypatch.setenv("RENTDESK_PASSWORD", PASSWORD)
    assert main(["--home", str(desk.home), "retention", "set-years", "--as", "admin",
                 "1000000"]) == 1
    assert "1–30" in capsys.readouterr().err
