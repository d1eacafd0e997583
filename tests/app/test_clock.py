"""One clock (issue 17): every "today" is the centre's day, whatever the machine's zone.

Each test freezes time (time-machine) at an awkward instant — just before and after the
centre's midnight (15:59 / 16:01 UTC for Shanghai), a month's end, 29 February — with the
process zone set to UTC and to a zone far from Shanghai, and checks a rule that counts days.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from io import BytesIO
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from pypdf import PdfReader

from app.desk import clock
from app.desk.center import init_center
from app.desk.errors import NotFound, Refused
from app.printing.documents import batch_collection_pdf, manifest_pdf
from app.property.buildings import add_building, add_unit
from app.services.leases import add_lease, lease_tasks
from app.services.permits import check_permit
from app.staff.accounts import TRAINING_VALID_DAYS, record_training
from app.supervision.delivery import create_handover, due_list
from app.supervision.stats import statistics
from tests.conftest import PASSWORD, idno, register

ROOT = Path(__file__).resolve().parents[2]
SHANGHAI = ZoneInfo("Asia/Shanghai")

# Instants on the centre's wall clock; 23:59 / 00:01 in Shanghai are 15:59 / 16:01 UTC.
MOMENTS = {
    "23:59 centre (15:59 UTC)": datetime(2026, 12, 2, 23, 59, tzinfo=SHANGHAI),
    "00:01 centre (16:01 UTC)": datetime(2026, 12, 3, 0, 1, tzinfo=SHANGHAI),
    "month's last day 23:59": datetime(2026, 11, 30, 23, 59, tzinfo=SHANGHAI),
    "month's first day 00:01": datetime(2026, 12, 1, 0, 1, tzinfo=SHANGHAI),
    "29 February 00:01": datetime(2028, 2, 29, 0, 1, tzinfo=SHANGHAI),
    "29 February 23:59": datetime(2028, 2, 29, 23, 59, tzinfo=SHANGHAI),
}


@pytest.fixture(params=list(MOMENTS), ids=list(MOMENTS))
def moment(request, machine_zone) -> datetime:
    return MOMENTS[request.param]


def travel(at: datetime):
    # A UTC instant: time-machine changes the process zone only for a ZoneInfo destination,
    # and the machine_zone fixture owns that.
    return time_machine.travel(at.astimezone(UTC), tick=False)


def _centre(desk):
    """A centre set up at the frozen instant: trained today, building B1, units 101/102."""
    admin = init_center(desk, "LH01", "东门出租屋管理服务中心", "admin", PASSWORD,
                        workstation="东门社区工作站", induction_on=clock.today(desk))
    add_building(desk, admin, "B1", "东门一号楼", "深圳市罗湖区东门路 1 号", 64.0, 4.0, "湖贝村股份合作公司")
    add_unit(desk, admin, "B1", "101", area_m2=12.0, landlord_name="林房东",
             landlord_phone="13800000000")
    add_unit(desk, admin, "B1", "102")
    return admin


def _text(pdf: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages)


# -- the rule itself: nothing else reads the machine's clock --------------------------

FORBIDDEN = re.compile(r"date\.today\(|datetime\.now\(\)|datetime\.today\(|datetime\.utcnow\("
                       r"|QDate\.currentDate\(|QDateTime\.currentDateTime\(|\.astimezone\(\)"
                       r"|time\.localtime\(")


def test_no_machine_clock_outside_app_clock():
    offenders = []
    for folder in ("app", "ui", "db", "tests"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            if path in (ROOT / "app" / "desk" / "clock.py", Path(__file__).resolve()):
                continue
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if FORBIDDEN.search(line):
                    offenders.append(f"{path.relative_to(ROOT)}:{n}: {line.strip()}")
    assert offenders == [], "use app.desk.clock instead:\n" + "\n".join(offenders)


def test_the_centres_zone_is_a_setting_with_a_default(desk):
    assert clock.zone(None).key == "Asia/Shanghai"
    assert clock.zone(desk).key == "Asia/Shanghai"
    desk.timezone = "Asia/Urumqi"
    assert clock.zone(desk).key == "Asia/Urumqi"
    desk.timezone = "Not/AZone"  # a broken setting must not stop the desk
    assert clock.zone(desk).key == "Asia/Shanghai"


# -- each rule that counts days, at each awkward instant --------------------------------

def test_today_is_the_centres_day(desk, moment):
    with travel(moment):
        assert clock.today(desk) == moment.date()
        assert clock.now(desk).hour == moment.hour


def test_delivery_deadline_is_24_hours_from_collection(desk, moment):  # rule R2
    with travel(moment) as t:
        admin = _centre(desk)
        register(desk, admin, 1, name="张三")
        [item] = due_list(desk)
        assert item.due_at == moment.astimezone(UTC) + timedelta(hours=24)
        assert item.due_at_local.date() == moment.date() + timedelta(days=1)
        t.shift(timedelta(hours=23, minutes=58))
        assert due_list(desk)[0].status == "amber"
        t.shift(timedelta(minutes=3))
        assert due_list(desk)[0].status == "red"


def test_batch_and_manifest_print_the_centres_day(desk, moment):  # rules R2, R6
    with travel(moment):
        admin = _centre(desk)
        reg = register(desk, admin, 1, name="张三")
        today = clock.today(desk)
        assert "张三" in _text(batch_collection_pdf(desk, admin, today))
        with pytest.raises(NotFound):
            batch_collection_pdf(desk, admin, today - timedelta(days=1))
        create_handover(desk, admin, [reg.tenancy_id])
        assert "张三" in _text(manifest_pdf(desk, admin, today))


def test_statistics_count_in_the_centres_day_and_month(desk, moment):  # rule R8
    with travel(moment):
        admin = _centre(desk)
        register(desk, admin, 1)
        by_day = statistics(desk, "center", "day")
        assert [(r.period, r.registered) for r in by_day] == [(moment.date().isoformat(), 1)]
        by_month = statistics(desk, "center", "month")
        assert [(r.period, r.registered) for r in by_month] == [(f"{moment:%Y-%m}", 1)]


def test_training_gate_judges_the_centres_day(desk, moment):  # rule R3
    with travel(moment):
        admin = _centre(desk)
        today = clock.today(desk)
        # Induction long ago, last retraining lapsed yesterday (centre's day): refused,
        # although on the machine's calendar it may still be "yesterday".
        with desk.engine.begin() as conn:
            conn.exec_driver_sql("DELETE FROM training")
        record_training(desk, None, "admin", "induction",
                        today - timedelta(days=TRAINING_VALID_DAYS + 1))
        with pytest.raises(Refused) as refused:
            register(desk, admin, 1)
        assert refused.value.code == "untrained"
        # Retrained exactly a year ago: still valid today.
        record_training(desk, None, "admin", "annual", today - timedelta(days=TRAINING_VALID_DAYS))
        register(desk, admin, 1)


def test_permit_six_months_counted_in_centre_days(desk, moment):  # rule R1
    with travel(moment) as t:
        admin = _centre(desk)
        register(desk, admin, 1, unit="101")
        check = check_permit(desk, admin, idno(1))
        assert check.residence_from == moment.date()
        due = check.eligible_on
        # One minute before the centre's midnight that starts the due day: not yet.
        eve = datetime(due.year, due.month, due.day, tzinfo=SHANGHAI) - timedelta(minutes=1)
        t.move_to(eve.astimezone(UTC))
        item = {i.code: i.ok for i in check_permit(desk, admin, idno(1)).items}
        assert item["residence_6m"] is False
        t.shift(timedelta(minutes=2))
        item = {i.code: i.ok for i in check_permit(desk, admin, idno(1)).items}
        assert item["residence_6m"] is True


def test_lease_end_is_today_then_expired_after_centre_midnight(desk, moment):  # rule R1
    with travel(moment) as t:
        admin = _centre(desk)
        register(desk, admin, 1, unit="101")
        today = clock.today(desk)
        add_lease(desk, admin, "B1", "101", [idno(1)], 1500, today - timedelta(days=30), today)
        [task] = lease_tasks(desk, clock.today(desk))
        assert (task.kind, task.days_left) == ("expiring", 0)
        midnight = datetime(today.year, today.month, today.day, tzinfo=SHANGHAI) + timedelta(days=1)
        t.move_to((midnight + timedelta(minutes=1)).astimezone(UTC))
        [task] = lease_tasks(desk, clock.today(desk))
        assert (task.kind, task.days_left) == ("expired", -1)


def test_a_date_is_a_date():
    # clock.today returns a plain date (not a datetime), as every rule compares dates.
    assert type(clock.today()) is date


def test_an_admin_sets_the_centres_zone_and_today_follows(desk, admin):
    from app.desk.center import set_center_timezone

    at = datetime(2026, 12, 3, 1, 0, tzinfo=SHANGHAI)  # still 2 December in Urumqi (UTC+6)
    with travel(at):
        assert clock.today(desk) == date(2026, 12, 3)
        set_center_timezone(desk, admin, "Asia/Urumqi")
        assert clock.today(desk) == date(2026, 12, 2)
        with pytest.raises(Refused) as refused:
            set_center_timezone(desk, admin, "Mars/Olympus")
        assert "时区无效" in refused.value.zh
    from app.desk.context import open_desk

    again = open_desk(desk.home)  # the setting is the centre's, stored in its database
    try:
        assert clock.zone(again).key == "Asia/Urumqi"
    finally:
        again.close()
