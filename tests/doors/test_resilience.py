"""The door side survives crashes, outages, wrong boards and hostile replies (R4, R6)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from app.desk import clock
from app.doors.controllers import add_controller, list_controllers
from app.doors.push import MARK_EVERY, push_pending
from app.doors.reconcile import reconcile
from app.property.buildings import add_building, add_unit
from app.tenants.cards import issue_card, report_lost
from db.door_tables import DoorJob
from db.engine import read_session
from devkit.door_emulator import Emulator
from tests.conftest import PASSWORD, idno, register
from tests.doors.conftest import FAST, push, tenant_with_card

ROOT = Path(__file__).resolve().parents[2]


def pending(desk) -> int:
    with read_session(desk.engine) as s:
        return len(s.execute(select(DoorJob.seq).where(DoorJob.done_at.is_(None))).all())


def test_kill_the_worker_mid_push_then_restart_nothing_lost_or_doubled(
        desk, admin, building, board, photo_jpeg):
    add_building(desk, admin, "B9", "大楼", "深圳市罗湖区 9 号", 6000.0, 0.0, "湖贝村股份合作公司")
    add_unit(desk, admin, "B9", "901")
    add_controller(desk, admin, "B9", "大门", "uhppote", serial=board.serial, address=board.address)
    cards = []
    for n in range(1, 41):
        register(desk, admin, n, unit="901", photo=photo_jpeg, building_code="B9")
        cards.append(issue_card(desk, admin, idno(n), f"{5000 + n:010d}"))
    # A slow board, so the kill lands mid-push: the board answers, the worker dies.
    board.delay = 0.03
    env = {**os.environ, "PYTHONPATH": str(ROOT), "RENTDESK_PASSWORD": PASSWORD}
    proc = subprocess.Popen([sys.executable, "-m", "rentdesk", "--home", str(desk.home), "door", "push",
                             "--as", "admin"],
                            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while len(board.puts) < 25 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    assert proc.poll() is None, proc.stderr.read().decode()[-2000:]  # still pushing
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    left = pending(desk)
    assert 0 < left < len(cards)  # killed mid-push: what was marked done stays done
    board.delay = 0.0
    result = push(desk)
    assert not result.failed and pending(desk) == 0
    assert set(board.cards) == {int(c.number) for c in cards}  # nothing lost
    assert len(board.index) == len(cards)  # nothing doubled on the board
    # re-pushes after the crash are bounded by what was not yet marked done
    assert len(board.puts) <= len(cards) + MARK_EVERY


def test_controller_down_for_a_day_then_back(desk, admin, door, board, photo_jpeg):
    info = tenant_with_card(desk, admin, 40, photo_jpeg)
    push(desk)
    board.mode = "silent"
    report_lost(desk, admin, info.number)
    now = clock.now_utc()
    for hour in range(0, 24, 6):  # tried all day: fails, backs off, never marks done
        result = push_pending(desk, timeout=FAST, now=now + timedelta(hours=hour))
        assert result.failed and result.deleted == 0
    assert pending(desk) == 1 and int(info.number) in board.cards
    assert list_controllers(desk, "B1")[0].online is False
    with read_session(desk.engine) as s:
        job = s.execute(select(DoorJob).where(DoorJob.done_at.is_(None))).scalar_one()
        assert job.attempts == 4 and job.next_try_at is not None
    board.mode = "ok"
    result = push_pending(desk, timeout=FAST, now=now + timedelta(days=1))
    assert result.deleted == 1 and int(info.number) not in board.cards
    assert list_controllers(desk, "B1")[0].online is True


def test_backoff_is_capped_so_a_lost_card_leaves_within_a_minute(desk, admin, door, board,
                                                                 photo_jpeg):
    from app.doors.push import BACKOFF_MAX, POLL_HINT, backoff

    assert max(backoff(n) for n in range(1, 50)) == BACKOFF_MAX
    assert BACKOFF_MAX + POLL_HINT < 60


def test_wrong_serial_is_never_taken_for_success(desk, admin, building, board, photo_jpeg):
    add_controller(desk, admin, "B1", "错号", "uhppote", serial=board.serial + 7,
                   address=board.address)
    info = tenant_with_card(desk, admin, 41, photo_jpeg)
    result = push(desk)
    assert result.failed and pending(desk) == 1 and int(info.number) not in board.cards


@pytest.mark.parametrize("mode", ["short", "wrong_code", "other_serial", "garbage"])
def test_hostile_replies_leave_the_job_waiting(desk, admin, door, board, photo_jpeg, mode):
    info = tenant_with_card(desk, admin, 42, photo_jpeg)
    push(desk)
    report_lost(desk, admin, info.number)
    board.mode = mode
    result = push(desk)
    assert result.failed and result.deleted == 0 and pending(desk) == 1
    board.mode = "ok"
    assert push_pending(desk, timeout=FAST, now=clock.now_utc() + timedelta(minutes=5)).deleted == 1


def test_a_huge_card_count_is_refused_not_read(desk, admin, door, board, photo_jpeg):
    board.mode = "huge_count"
    (report,) = reconcile(desk, admin, "B1", timeout=FAST)
    assert not report.reachable and "implausible" in report.error
    assert board.requests.get(0x5C, 0) == 0  # not one of 2 billion index reads was tried


def test_a_second_board_with_another_serial_does_not_answer_for_the_first(
        desk, admin, door, board, photo_jpeg):
    with Emulator(serial=board.serial + 1) as other:
        add_controller(desk, admin, "B1", "侧门", "uhppote", serial=other.serial + 100,
                       address=other.address)
        tenant_with_card(desk, admin, 43, photo_jpeg)
        result = push(desk)
        assert len(result.failed) == 1 and other.cards == {}
