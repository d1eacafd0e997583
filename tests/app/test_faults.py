"""Card-system records (rule R4) and fault tickets with the 24 h notice (rule R7)."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from app.desk.errors import Refused
from app.property.buildings import list_buildings
from app.supervision.faults import (
    add_visit,
    fix_fault,
    installer_notice,
    list_faults,
    notify_installer,
    open_fault,
    set_card_system,
)

SH = ZoneInfo("Asia/Shanghai")


def sh(*args: int) -> datetime:
    return datetime(*args, tzinfo=SH)


def status(desk) -> str:
    (b,) = list_buildings(desk)
    return b.card_system_status


@pytest.fixture
def equipped(desk, admin, building) -> str:
    # rule R4
    cs = set_card_system(desk, admin, "B1", "深安门禁工程有限公司", "0755-25550000", "ZK-C3-400",
                         date(2024, 5, 1), "ok")
    assert (cs.installer, cs.status) == ("深安门禁工程有限公司", "ok")
    return "B1"


def test_open_fault_marks_the_building_down_until_its_last_ticket_is_fixed(desk, admin, equipped):
    # rule R7, rule R4
    a = open_fault(desk, admin, "B1", "读卡器无响应", found_at=sh(2026, 1, 31, 22, 0))
    b = open_fault(desk, admin, "B1", "门锁不吸合", found_at=sh(2026, 2, 1, 9, 0))
    assert status(desk) == "down" and (a.number, b.number) == ("GZ-20260131-01", "GZ-20260201-01")
    with pytest.raises(Refused) as e:
        set_card_system(desk, admin, "B1", "深安门禁工程有限公司", None, None, None, "ok")
    assert e.value.code == "fault_open"
    fix_fault(desk, admin, a.id, at=sh(2026, 2, 2, 10, 0))
    assert status(desk) == "down"  # the other ticket is still open
    fixed = fix_fault(desk, admin, b.id, at=sh(2026, 2, 3, 9, 0))
    assert status(desk) == "ok" and fixed.hours_to_fix == 48.0
    assert list_faults(desk, open_only=True) == []


def test_notify_deadline_24_hours_after_found_across_month_end(desk, admin, equipped):
    # rule R7: found 22:00 on 31 January (local), the installer must hear by 22:00 on 1 February
    t = open_fault(desk, admin, "B1", "控制器死机", found_at=sh(2026, 1, 31, 22, 0))
    (before,) = list_faults(desk, now=sh(2026, 2, 1, 22, 0))
    (after,) = list_faults(desk, now=sh(2026, 2, 1, 22, 0, 1))
    assert before.notify_due_at == sh(2026, 2, 1, 22, 0)
    assert (before.notify_overdue, after.notify_overdue) == (False, True)
    notice = notify_installer(desk, admin, t.id, at=sh(2026, 2, 1, 23, 0))
    assert notice.notified_late and notice.notified_at == sh(2026, 2, 1, 23, 0)
    assert notice.notified_at.tzinfo == SH and notice.found_at == sh(2026, 1, 31, 22, 0)
    (now,) = list_faults(desk, now=sh(2026, 2, 5))
    assert (now.status, now.notify_overdue, now.notified_late, now.hours_to_notify) == (
        "notified", False, True, 25.0)


def test_installer_notice_has_what_the_printed_form_needs(desk, admin, equipped):
    # rule R7, rule R4
    t = open_fault(desk, admin, "B1", "读卡器被破坏", found_at=sh(2026, 3, 1, 8, 0))
    notice = notify_installer(desk, admin, t.id, at=sh(2026, 3, 1, 9, 30))
    assert (notice.installer, notice.installer_contact, notice.controller) == (
        "深安门禁工程有限公司", "0755-25550000", "ZK-C3-400")
    assert (notice.building_code, notice.building_name, notice.center_name) == (
        "B1", "东门一号楼", "东门出租屋管理服务中心")
    assert notice.description == "读卡器被破坏" and not notice.notified_late
    assert notice.reported_by == "admin" and notice.ticket_number == "GZ-20260301-01"
    assert installer_notice(desk, t.id) == notice  # a reprint changes nothing
    with pytest.raises(Refused) as e:
        notify_installer(desk, admin, t.id)
    assert e.value.code == "already_notified"


def test_visits_make_the_history_and_times_are_checked(desk, admin, equipped):
    # rule R7: status and history
    t = open_fault(desk, admin, "B1", "门禁不开", found_at=sh(2026, 4, 1, 8, 0))
    add_visit(desk, admin, t.id, "安装单位到场检查，需更换电源", at=sh(2026, 4, 1, 15, 0))
    info = add_visit(desk, admin, t.id, "已更换电源，观察中", at=sh(2026, 4, 2, 10, 0))
    assert [v.note for v in info.visits] == ["安装单位到场检查，需更换电源", "已更换电源，观察中"]
    assert info.visits[0].at == sh(2026, 4, 1, 15, 0) and info.visits[0].by == "admin"
    with pytest.raises(Refused) as e:
        fix_fault(desk, admin, t.id, at=sh(2026, 3, 31, 8, 0))
    assert e.value.code == "time_before_found"


def test_no_installer_on_record_refuses_the_notice(desk, admin, building):
    # rule R4: the notice needs an installer to send it to
    t = open_fault(desk, admin, "B1", "读卡器无响应", found_at=sh(2026, 4, 1, 8, 0))
    with pytest.raises(Refused) as e:
        notify_installer(desk, admin, t.id, at=sh(2026, 4, 1, 9, 0))
    assert e.value.code == "no_installer" and "安装单位" in e.value.zh


def test_bad_status_and_missing_description_refused(desk, admin, building):
    # rule R4
    with pytest.raises(Refused):
        set_card_system(desk, admin, "B1", None, None, None, None, "broken")
    with pytest.raises(Refused):
        open_fault(desk, admin, "B1", "  ")


def test_fault_commands_read_times_as_centre_local(tmp_path, monkeypatch, capsys):
    # rule R7 through the command line: a time without an offset is the centre's local time
    import json

    from app.cli import main
    from tests.conftest import PASSWORD

    monkeypatch.setenv("RENTDESK_PASSWORD", PASSWORD)
    home = str(tmp_path / "home")
    for argv in (["init", "--center-code", "LH01", "--center-name", "东门中心", "--admin", "admin"],
                 ["building", "add", "--as", "admin", "--code", "B1", "--name", "一号楼",
                  "--address", "东门路1号", "--floor-area", "100"],
                 ["fault", "system", "--as", "admin", "--building", "B1", "--installer", "深安门禁",
                  "--contact", "0755-1", "--status", "ok"]):
        assert main(["--home", home, *argv]) == 0
    capsys.readouterr()
    assert main(["--home", home, "fault", "open", "--as", "admin", "--building", "B1",
                 "--description", "读卡器无响应", "--found-at", "2026-01-31T22:00"]) == 0
    ticket = json.loads(capsys.readouterr().out)
    assert ticket["found_at"].startswith("2026-01-31 14:00:00")  # UTC
    assert main(["--home", home, "fault", "notify", "--as", "admin", ticket["id"],
                 "--at", "2026-02-01T21:00"]) == 0
    notice = json.loads(capsys.readouterr().out)
    assert notice["notified_late"] is False and notice["installer"] == "深安门禁"
    assert main(["--home", home, "fault", "list", "--open"]) == 0
    (listed,) = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert listed["status"] == "notified" and listed["hours_to_notify"] == 23.0
