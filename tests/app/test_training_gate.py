"""The training gate (rule R3): no register, no card without a passed induction and a training
within the last 12 months; refused in the service layer and through the command line."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from app.cli import main
from app.desk import clock
from app.desk.errors import Refused
from app.staff.accounts import create_staff, record_training
from app.tenants.cards import issue_card
from app.tenants.intake import TenantInput, register_tenant
from tests.conftest import DATA, PASSWORD, cn, idno, register

TODAY = date(2026, 11, 27)


def tenant(n: int) -> TenantInput:
    return TenantInput(idno(n), f"测试{cn(n)}", f"1390000{n:04d}", "B1", "102")


def test_untrained_account_refused_in_the_service(desk, admin, building, photo_jpeg):
    # rule R3
    clerk = create_staff(desk, admin, "clerk", PASSWORD, "clerk")
    with pytest.raises(Refused) as e:
        register_tenant(desk, clerk, tenant(1), photo_jpeg=photo_jpeg, today=TODAY)
    assert e.value.code == "untrained" and "尚未通过岗前培训" in e.value.zh
    register(desk, admin, 2, photo=photo_jpeg)
    with pytest.raises(Refused) as e:
        issue_card(desk, clerk, idno(2), "0000000002", today=TODAY)
    assert e.value.code == "untrained"


def test_lapsed_account_refused_and_the_day_it_lapses_still_allowed(desk, admin, building, photo_jpeg):
    # rule R3: retrained at least once a year (365 days)
    clerk = create_staff(desk, admin, "clerk", PASSWORD, "clerk")
    record_training(desk, admin, "clerk", "induction", TODAY - timedelta(days=366))
    with pytest.raises(Refused) as e:
        register_tenant(desk, clerk, tenant(1), photo_jpeg=photo_jpeg, today=TODAY)
    assert e.value.code == "untrained" and "超过 12 个月" in e.value.zh
    # a failed annual training does not count
    record_training(desk, admin, "clerk", "annual", TODAY, passed=False)
    with pytest.raises(Refused):
        register_tenant(desk, clerk, tenant(1), photo_jpeg=photo_jpeg, today=TODAY)
    # on the 365th day after the last training the account still works
    register_tenant(desk, clerk, tenant(1), photo_jpeg=photo_jpeg,
                    today=TODAY - timedelta(days=1))


def test_annual_training_without_induction_is_not_enough(desk, admin, building, photo_jpeg):
    # rule R3: the induction (岗前培训) comes first
    clerk = create_staff(desk, admin, "clerk", PASSWORD, "clerk")
    record_training(desk, admin, "clerk", "annual", TODAY)
    with pytest.raises(Refused) as e:
        register_tenant(desk, clerk, tenant(1), photo_jpeg=photo_jpeg, today=TODAY)
    assert "岗前培训" in e.value.zh


@pytest.fixture
def home(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.setenv("RENTDESK_PASSWORD", PASSWORD)
    h = tmp_path / "home"
    for argv in (["init", "--center-code", "LH01", "--center-name", "东门中心", "--admin", "admin",
                  "--induction-date", clock.today().isoformat()],
                 ["building", "add", "--as", "admin", "--code", "B1", "--name", "一号楼",
                  "--address", "东门路1号", "--floor-area", "100"],
                 ["unit", "add", "--as", "admin", "--building", "B1", "--number", "101"]):
        assert main(["--home", str(h), *argv]) == 0
    # the clerk's password comes from a file, never RENTDESK_PASSWORD (issue 12), and the
    # clerk replaces it at first sign-in
    first, own = tmp_path / "first.txt", tmp_path / "own.txt"
    first.write_text("Lantern-Quarry-57-Mosaic\n")
    own.write_text(PASSWORD + "\n")
    assert main(["--home", str(h), "staff", "add", "--as", "admin", "clerk", "--role", "clerk",
                 "--password-file", str(first)]) == 0
    monkeypatch.setenv("RENTDESK_PASSWORD", "Lantern-Quarry-57-Mosaic")
    assert main(["--home", str(h), "password", "--as", "clerk", "--password-file", str(own)]) == 0
    monkeypatch.setenv("RENTDESK_PASSWORD", PASSWORD)
    return h


def cli_register(home: Path, n: int) -> int:
    import json

    person = home.parent / f"person{n}.json"
    person.write_text(json.dumps({"idno": idno(n), "name": f"租户{cn(n)}", "phone": f"1390000{n:04d}",
                                  "building": "B1", "unit": "101",
                                  "photo": str(DATA / "astronaut.png")}), encoding="utf-8")
    return main(["--home", str(home), "register", "--as", "clerk", "--person", str(person)])


def test_cli_refuses_untrained_then_lapsed_clerk_with_the_reason(home: Path, capsys):
    # rule R3 via `rentdesk register … --as clerk`
    capsys.readouterr()
    assert cli_register(home, 1) == 1
    err = capsys.readouterr().err
    assert "错误：尚未通过岗前培训，不能登记租住人员或发卡。" in err
    lapsed = (clock.today() - timedelta(days=400)).isoformat()
    assert main(["--home", str(home), "staff", "train", "--as", "admin", "clerk",
                 "--kind", "induction", "--date", lapsed]) == 0
    capsys.readouterr()
    assert cli_register(home, 1) == 1
    err = capsys.readouterr().err
    assert f"上次培训为 {lapsed}，已超过 12 个月" in err
    assert main(["--home", str(home), "staff", "train", "--as", "admin", "clerk",
                 "--kind", "annual", "--date", clock.today().isoformat()]) == 0
    assert cli_register(home, 1) == 0  # retrained: allowed again
