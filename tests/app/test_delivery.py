"""24-hour delivery to the community workstation (rule R2, rule R6): deadlines, handover
batches, receipts. Every time is explicit; nothing sleeps."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import update
from sqlmodel import select

from app.desk.errors import Refused
from app.supervision.delivery import (
    create_handover,
    delivery_summary,
    due_counts,
    due_list,
    get_handover,
    overdue_for_supervisor,
    record_receipt,
)
from db.engine import read_session, write_session
from db.models import AuditEvent, Tenancy
from tests.conftest import register

SH = ZoneInfo("Asia/Shanghai")


def sh(*args: int) -> datetime:
    return datetime(*args, tzinfo=SH)


def collected(desk, tenancy_id: str, at: datetime) -> None:
    """Set the stored collection time (any instant: the deadline arithmetic is tested with
    fixed dates, some after today, so below the ORM's time boundary)."""
    with write_session(desk.engine) as s:
        s.connection().execute(update(Tenancy).where(Tenancy.id == tenancy_id)
                               .values(collected_at=at.astimezone(UTC)))


def only(items, tenancy_id):
    (item,) = [i for i in items if i.tenancy_id == tenancy_id]
    return item


def test_deadline_crosses_midnight_and_month_end_in_the_centre_zone(desk, admin, building):
    # rule R2: collected 23:30 on 31 January (Shanghai) is due 23:30 on 1 February
    tid = register(desk, admin, 1).tenancy_id
    collected(desk, tid, sh(2026, 1, 31, 23, 30))
    item = only(due_list(desk, now=sh(2026, 2, 1, 17, 0)), tid)
    assert item.due_at_local == sh(2026, 2, 1, 23, 30)
    assert item.due_at_local.tzinfo == SH and item.due_at == datetime(2026, 2, 1, 15, 30, tzinfo=UTC)
    assert (item.status, item.seconds_left) == ("green", 6.5 * 3600)
    assert only(due_list(desk, now=sh(2026, 2, 1, 17, 31)), tid).status == "amber"  # < 6 h left
    at_deadline = only(due_list(desk, now=sh(2026, 2, 1, 23, 30)), tid)
    assert (at_deadline.status, at_deadline.seconds_left) == ("amber", 0)
    late = only(due_list(desk, now=sh(2026, 2, 1, 23, 30, 1)), tid)
    assert late.status == "red" and late.seconds_left == -1


def test_year_end_and_leap_day(desk, admin, building):
    # rule R2
    a, b = register(desk, admin, 1).tenancy_id, register(desk, admin, 2).tenancy_id
    collected(desk, a, sh(2026, 12, 31, 18, 0))
    collected(desk, b, sh(2028, 2, 28, 12, 0))
    items = due_list(desk, now=sh(2027, 1, 1, 0, 0))
    assert only(items, a).due_at_local == sh(2027, 1, 1, 18, 0)
    assert only(items, b).due_at_local == sh(2028, 2, 29, 12, 0)


def test_24_elapsed_hours_across_a_summer_time_change(desk, admin, building):
    # rule R2: a centre in a zone with summer time: the deadline is 24 real hours later
    desk.timezone = "Europe/Berlin"
    berlin = ZoneInfo("Europe/Berlin")
    tid = register(desk, admin, 1).tenancy_id
    collected(desk, tid, datetime(2026, 3, 28, 12, 0, tzinfo=berlin))  # clocks go forward on 29 March
    item = only(due_list(desk, now=datetime(2026, 3, 29, 6, 0, tzinfo=berlin)), tid)
    assert item.due_at_local == datetime(2026, 3, 29, 13, 0, tzinfo=berlin)
    assert item.due_at - item.collected_at == timedelta(hours=24)


def test_list_is_ordered_by_time_left_and_counts_agree(desk, admin, building):
    # rule R2
    now = sh(2026, 6, 30, 23, 0)
    ids = [register(desk, admin, n).tenancy_id for n in range(1, 5)]
    for tid, hours_ago in zip(ids, (2, 30, 20, 10), strict=True):
        collected(desk, tid, now - timedelta(hours=hours_ago))
    items = due_list(desk, now=now)
    assert [i.tenancy_id for i in items] == [ids[1], ids[2], ids[3], ids[0]]
    assert [i.status for i in items] == ["red", "amber", "green", "green"]
    counts = due_counts(desk, now=now)
    assert (counts.red, counts.amber, counts.green) == (1, 1, 2)
    assert [i.tenancy_id for i in overdue_for_supervisor(desk, now=now)] == [ids[1]]


def test_receipt_on_time_late_and_the_first_receipt_wins(desk, admin, building):
    # rule R2: delivered within 24 h (the deadline itself counts) or late
    a, b = register(desk, admin, 1).tenancy_id, register(desk, admin, 2).tenancy_id
    collected(desk, a, sh(2026, 3, 31, 22, 0))
    collected(desk, b, sh(2026, 3, 31, 22, 0))
    r1 = record_receipt(desk, None, [a], sh(2026, 4, 1, 22, 0))
    r2 = record_receipt(desk, None, [b], sh(2026, 4, 1, 22, 0, 1))
    assert (r1.on_time, r1.late, r2.on_time, r2.late) == (1, 0, 0, 1)
    again = record_receipt(desk, None, [a, b], sh(2026, 4, 3))
    assert (again.recorded, again.already) == (0, 2)
    items = due_list(desk, now=sh(2026, 4, 1, 21, 30))  # still within their 24 h: shown
    assert {i.tenancy_id: (i.status, i.on_time) for i in items} == {
        a: ("delivered", True), b: ("delivered", False)}
    # 31 March local is the day both were collected (14:00 UTC): not 1 April
    assert delivery_summary(desk, date(2026, 3, 31), date(2026, 3, 31)).__dict__ == {
        "collected": 2, "on_time": 1, "late": 1, "undelivered": 0}
    assert delivery_summary(desk, date(2026, 4, 1), date(2026, 4, 30)).collected == 0
    # a day later they drop off the due list: delivered and older than 24 h
    assert due_list(desk, now=sh(2026, 4, 2, 23, 0)) == []


def test_handover_batches_are_numbered_per_local_day_and_audited(desk, admin, building):
    # rule R6: forms go to the workstation in batches (移交清单)
    ids = [register(desk, admin, n).tenancy_id for n in range(1, 4)]
    for tid in ids:
        collected(desk, tid, sh(2026, 5, 31, 20, 0))
    first = create_handover(desk, admin, ids[:2], now=sh(2026, 6, 1, 0, 30))
    second = create_handover(desk, admin, [ids[2]], now=sh(2026, 6, 1, 21, 0))
    assert (first.number, second.number) == ("YJ-20260601-01", "YJ-20260601-02")
    assert first.workstation == "东门社区工作站" and first.handed_over_by == "admin"
    assert [i.tenancy_id for i in first.items] == ids[:2] and first.late == 0
    assert second.late == 1  # 21:00 is past the 20:00 deadline
    assert get_handover(desk, first.id).number == "YJ-20260601-01"
    with pytest.raises(Refused) as e:
        create_handover(desk, admin, [ids[0]], now=sh(2026, 6, 1, 22, 0))
    assert e.value.code == "already_handed_over" and "已移交" in e.value.zh
    assert due_list(desk, now=sh(2026, 6, 1, 1, 0), pending_handover=True) == []
    with read_session(desk.engine) as s:
        events = s.exec(select(AuditEvent).where(AuditEvent.action == "handover.create")).all()
    assert [e.entity_id for e in events] == [first.id, second.id]
    assert '"records": 2' in events[0].detail


def test_due_and_handover_commands(desk, admin, building, monkeypatch, capsys):
    # rule R2, rule R6 through the command line
    import json

    from app.cli import main
    from tests.conftest import PASSWORD

    monkeypatch.setenv("RENTDESK_PASSWORD", PASSWORD)
    tid = register(desk, admin, 1).tenancy_id
    capsys.readouterr()
    assert main(["--home", str(desk.home), "due", "--as", "admin", "--pending-handover"]) == 0
    (item,) = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert item["tenancy_id"] == tid and item["status"] == "green" and "*" in item["idno_masked"]
    assert main(["--home", str(desk.home), "handover", "create", "--as", "admin", tid]) == 0
    batch = json.loads(capsys.readouterr().out)
    assert batch["records"] == 1 and batch["number"].startswith("YJ-")
    assert main(["--home", str(desk.home), "due", "--as", "admin", "--pending-handover"]) == 0
    assert capsys.readouterr().out == ""
    assert main(["--home", str(desk.home), "handover", "create", "--as", "admin", tid]) == 1
    assert "已移交" in capsys.readouterr().err


def test_undelivered_queries_use_the_due_index(desk, admin, building):
    # rule R2 at district scale: the due list and counts read only undelivered rows
    # (ix_tenancy_undelivered, migration 0004)
    from sqlalchemy import text

    from app.supervision.delivery import _due_query

    q = _due_query().where(Tenancy.delivered_at == None, Tenancy.handed_over_at == None)  # noqa: E711
    sql = str(q.compile(desk.engine, compile_kwargs={"literal_binds": True}))
    with read_session(desk.engine) as s:
        conn = s.connection()
        for statement in (sql, "SELECT count(*) FROM tenancy WHERE delivered_at IS NULL"):
            plan = " ".join(r[3] for r in conn.execute(text("EXPLAIN QUERY PLAN " + statement)))
            assert "tenancy USING" in plan and "ix_tenancy_undelivered" in plan, plan


def test_collected_in_the_future_is_refused_and_never_on_time(desk, admin, building):
    # rule R2 (M9): a collection time set ahead is refused where it is written, and one
    # already stored (a PC clock set forward, a hand-edited row) never counts as on time
    from app.data.time_input import CLOCK_SKEW
    from db.models import utcnow

    tid = register(desk, admin, 1).tenancy_id
    with pytest.raises(Refused) as err, write_session(desk.engine) as s:
        t = s.get(Tenancy, tid)
        t.collected_at = utcnow() + timedelta(days=2)
        s.add(t)
    assert err.value.code == "collected_in_future" and "将来" in err.value.zh
    with write_session(desk.engine) as s:  # within the clock skew: kept
        t = s.get(Tenancy, tid)
        t.collected_at = utcnow() + CLOCK_SKEW / 2
        s.add(t)
    collected(desk, tid, sh(2026, 4, 3, 12, 0))  # stored ahead of the receipt below
    assert only(due_list(desk, now=sh(2026, 4, 1, 12, 0)), tid).status == "red"
    assert due_counts(desk, now=sh(2026, 4, 1, 12, 0)).red == 1
    receipt = record_receipt(desk, None, [tid], sh(2026, 4, 1, 12, 0))
    assert (receipt.on_time, receipt.late) == (0, 1)
    assert only(due_list(desk, now=sh(2026, 4, 1, 12, 0)), tid).on_time is False
    summary = delivery_summary(desk, date(2026, 4, 3), date(2026, 4, 3))
    assert (summary.on_time, summary.late) == (0, 1)
