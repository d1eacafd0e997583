"""The supervisor's overview: due and overdue records (rule R2), open faults (rule R7),
training reminders (rule R3), buildings near their cap (rule R5), last sync."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import select

from app import clock
from app.cards import issue_card
from app.dashboard import dashboard, near_cap, training_reminders
from app.faults import open_fault
from app.staff import create_staff, record_training
from db.engine import write_session
from db.models import LocalMeta, Tenancy
from devkit.supervisor_bench import bench_supervisor
from tests.conftest import PASSWORD, idno, register

SH = ZoneInfo("Asia/Shanghai")
TODAY = date(2026, 11, 27)


def test_training_reminders_at_90_and_30_days_and_lapsed(desk, admin):
    # rule R3: the admin was trained today (fixture): no reminder. The centre's real today:
    # a training dated after the day judged has not happened yet and counts for nothing.
    today = clock.today(desk)
    for user, days_ago in (("a90", 365 - 60), ("a30", 365 - 20), ("lapsed", 366), ("fresh", 10)):
        create_staff(desk, admin, user, PASSWORD, "clerk")
        record_training(desk, admin, user, "induction", today - timedelta(days=days_ago))
    create_staff(desk, admin, "new", PASSWORD, "clerk")
    got = [(r.username, r.level, r.days_left) for r in training_reminders(desk, today)]
    assert got == [("new", "untrained", None), ("lapsed", "lapsed", -1),
                   ("a30", "within_30", 20), ("a90", "within_90", 60)]
    # the day itself is still valid: 0 days left, within 30
    (edge,) = [r for r in training_reminders(desk, today + timedelta(days=20)) if r.username == "a30"]
    assert (edge.level, edge.days_left, edge.lapses_on) == ("within_30", 0, today + timedelta(days=20))


def test_dashboard_counts(desk, admin, building, photo_jpeg):
    # rule R2, rule R7, rule R5, rule R3
    now = datetime(2026, 11, 27, 12, 0, tzinfo=SH)
    # The fixture trained the admin on the real today; trained by this (earlier) day too.
    record_training(desk, admin, "admin", "induction", now.date())
    for n in range(1, 10):  # 9 of 10 places: 90 %
        register(desk, admin, n, photo=photo_jpeg)
        issue_card(desk, admin, idno(n), f"{n:010d}")
    with write_session(desk.engine) as s:
        for t, hours in zip(s.exec(select(Tenancy).order_by(Tenancy.id)).all(), (1, 20, 30, 40, 2, 2, 2, 2, 2),
                            strict=True):
            t.collected_at = (now - timedelta(hours=hours)).astimezone(UTC)
            s.add(t)
        s.add(LocalMeta(key="last_sync_at", value="2026-11-27T03:00:00+00:00"))
    open_fault(desk, admin, "B1", "读卡器无响应", found_at=now - timedelta(hours=30))
    open_fault(desk, admin, "B1", "门锁松动", found_at=now - timedelta(hours=1))
    create_staff(desk, admin, "clerk", PASSWORD, "clerk")
    d = dashboard(desk, admin, now=now)
    assert (d.due, d.due_soon, d.overdue) == (7, 1, 2)
    assert (d.open_faults, d.faults_notify_overdue) == (2, 1)
    assert [(n.code, n.residents, n.cap, n.share) for n in d.near_cap] == [("B1", 9, 10, 0.9)]
    assert d.last_sync_at == datetime(2026, 11, 27, 3, 0, tzinfo=UTC)
    assert [r.username for r in d.training] == ["clerk"]  # untrained
    clerk_view = dashboard(desk, create_staff(desk, admin, "clerk2", PASSWORD, "clerk"), now=now)
    assert [r.username for r in clerk_view.training] == ["clerk2"]  # only their own
    assert near_cap(desk, share=0.95) == []


def test_no_sync_yet_and_bench_figures(desk, admin, building):
    # rule R2: the bench's keys exist; no timing is asserted
    d = dashboard(desk, admin)
    assert d.last_sync_at is None and d.due == 0 and d.near_cap == []
    figures = bench_supervisor(desk, n=1)
    assert {"stats_month_building", "due_list"} <= set(figures)
    assert all("median_ms" in v for v in figures.values())
