"""Reconcile three ways (controller / desk / district) and the daily check (R4, R7, R10)."""

from __future__ import annotations

import json
from datetime import date, timedelta

import openpyxl
import pytest
from sqlalchemy import select

from app.desk import clock
from app.desk.errors import Refused
from app.doors.check import check_controllers
from app.doors.reconcile import reconcile
from app.doors.report import write_reconcile_xlsx
from app.staff.accounts import authenticate, create_staff
from app.supervision.faults import list_faults
from app.sync.download import _apply
from app.tenants.cards import report_lost
from db.engine import read_session, write_session
from db.models import AuditEvent
from db.sync_tables import SyncDecision
from tests.conftest import PASSWORD
from tests.doors.conftest import FAST, push, tenant_with_card

FOREIGN = {3_000_000_001: (date(2020, 1, 1), date(2099, 12, 31), (1, 1, 1, 1)),
           3_000_000_002: (date(2020, 1, 1), date(2099, 12, 31), (1, 0, 0, 0))}


def test_cards_the_desk_never_issued_come_first_and_fix_removes_them(
        desk, admin, door, board, photo_jpeg, tmp_path):
    # rule R4: the door holds only the desk's cards; the dangerous side is shown first
    ok = tenant_with_card(desk, admin, 1, photo_jpeg)
    missing = tenant_with_card(desk, admin, 2, photo_jpeg)
    push(desk)
    del board.cards[int(missing.number)]  # someone deleted it on the board
    board.index.remove(int(missing.number))
    board.load(FOREIGN)  # and someone added two cards by hand
    start, _end, doors = board.cards[int(ok.number)]
    board.cards[int(ok.number)] = (start, date(2030, 1, 1), doors)  # and changed a date
    (report,) = reconcile(desk, admin, "B1", timeout=FAST)
    kinds = [d.kind for d in report.differences]
    assert kinds == ["never_issued", "never_issued", "missing", "wrong"]
    assert [d.dangerous for d in report.differences] == [True, True, False, False]
    out = write_reconcile_xlsx(tmp_path / "r.xlsx", [report], desk.home)
    ws = openpyxl.load_workbook(out).active
    assert ws["D2"].value == "本中心从未发出的卡" and ws["D2"].fill.fgColor.rgb.endswith("FFC7CE")
    assert ws["E2"].value == "3000000001"
    (fixed,) = reconcile(desk, admin, "B1", fix=True, timeout=FAST)
    assert fixed.fixed == 4
    assert set(board.cards) == {int(ok.number), int(missing.number)}
    assert board.cards[int(ok.number)][1] == date(2099, 12, 31)
    (again,) = reconcile(desk, admin, "B1", timeout=FAST)
    assert again.differences == []
    with read_session(desk.engine) as s:
        fix = s.execute(select(AuditEvent).where(AuditEvent.action == "door.reconcile_fix")).scalar_one()
        assert json.loads(fix.detail)["never_issued"] == 2 and fix.staff_id == admin.staff_id


def test_ended_and_district_revoked_cards_on_the_door_are_named_so(
        desk, admin, door, board, photo_jpeg):
    lost = tenant_with_card(desk, admin, 3, photo_jpeg)
    revoked = tenant_with_card(desk, admin, 4, photo_jpeg)
    push(desk)
    board.mode = "silent"  # the jobs cannot reach it: the cards stay on the door
    report_lost(desk, admin, lost.number)
    with write_session(desk.engine) as s:
        _apply(s, "LH01", "card_revoked", revoked.id, {"reason": "x"}, clock.now_utc())
        s.add(SyncDecision(seq=1, kind="card_revoked", row_id=revoked.id, payload="{}"))
    push(desk)
    board.mode = "ok"
    (report,) = reconcile(desk, admin, "B1", timeout=FAST)
    assert [(d.kind, d.number) for d in report.differences] == [
        ("district_revoked", revoked.number), ("ended", lost.number)]


def test_a_clerk_may_look_but_not_fix(desk, admin, door, board):
    create_staff(desk, admin, "clerk1", PASSWORD, "clerk")
    clerk = authenticate(desk, "clerk1", PASSWORD)
    assert reconcile(desk, clerk, "B1", timeout=FAST)[0].reachable
    with pytest.raises(Refused):
        reconcile(desk, clerk, "B1", fix=True, timeout=FAST)


def test_unreachable_door_is_reported_not_read_as_empty(desk, admin, door, board, photo_jpeg):
    tenant_with_card(desk, admin, 5, photo_jpeg)
    board.mode = "silent"
    (report,) = reconcile(desk, admin, "B1", fix=True, timeout=FAST)
    assert not report.reachable and report.differences == [] and report.fixed == 0


def test_daily_check_sets_a_drifting_clock_and_opens_one_ticket(desk, admin, door, board):
    # rule R7: a clock off by more than a minute opens a fault ticket; the clock is set
    board.clock_offset = timedelta(minutes=5)
    (r,) = check_controllers(desk, admin, "B1", timeout=FAST)
    assert r.reachable and r.drift_s > 240 and r.clock_set and r.ticket_id
    assert abs((board.now() - clock.now(desk).replace(tzinfo=None)).total_seconds()) < 5
    faults = list_faults(desk, open_only=True)
    assert len(faults) == 1 and "时钟" in faults[0].description
    board.clock_offset = timedelta(minutes=-3)
    (again,) = check_controllers(desk, admin, "B1", timeout=FAST)
    assert again.clock_set and again.ticket_id is None  # one open ticket per controller
    assert len(list_faults(desk, open_only=True)) == 1


def test_daily_check_of_a_silent_board_opens_a_ticket_with_the_24h_deadline(
        desk, admin, door, board):
    # rule R7: no answer → a ticket, installer to be told within 24 hours
    board.mode = "silent"
    (r,) = check_controllers(desk, admin, "B1", timeout=FAST)
    assert not r.reachable and r.ticket_id
    (fault,) = list_faults(desk, open_only=True)
    assert fault.notify_due_at - fault.found_at == timedelta(hours=24)


def test_daily_check_of_a_healthy_board_opens_nothing(desk, admin, door, board):
    (r,) = check_controllers(desk, admin, "B1", timeout=FAST)
    assert r.reachable and not r.clock_set and r.ticket_id is None and abs(r.drift_s) < 5
    assert r.last_event_at is not None and list_faults(desk, open_only=True) == []


def test_the_daily_round_runs_once_a_day(desk, admin, door, board, photo_jpeg):
    # rule R7: checked daily without anyone starting it; not again the same day
    from app.doors.daily import daily_due, run_daily_if_due

    board.clock_offset = timedelta(minutes=-4)
    assert daily_due(desk) and run_daily_if_due(desk, admin)
    assert not daily_due(desk) and not run_daily_if_due(desk, admin)
    assert len(list_faults(desk, open_only=True)) == 1
    assert abs((board.now() - clock.now(desk).replace(tzinfo=None)).total_seconds()) < 5
