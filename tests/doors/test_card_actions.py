"""Every card change reaches the door, from the same transaction as the change (R4, R6).

The real `uhppoted` client talks UDP to tests/doors/emulator.py on loopback.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from app.desk import clock
from app.doors.desired import OPEN_END
from app.doors.status import card_door_state
from app.services.leases import add_lease, renew_lease
from app.sync.download import _apply
from app.tenants.cards import replace_card, report_lost, return_card, revoke_card
from app.tenants.intake import move_out
from db.door_tables import DoorJob
from db.engine import read_session, write_session
from db.models import Card
from tests.conftest import idno
from tests.doors.conftest import push, tenant_with_card


def pending(desk) -> int:
    with read_session(desk.engine) as s:
        return len(s.execute(select(DoorJob.seq).where(DoorJob.done_at.is_(None))).all())


def test_issue_puts_the_card_with_dates_and_doors(desk, admin, door, board, photo_jpeg):
    # rule R6: the card opens the door once issued; nothing waits on the clerk
    info = tenant_with_card(desk, admin, 1, photo_jpeg)
    assert pending(desk) == 1 and card_door_state(desk, info.id).state == "waiting"
    result = push(desk)
    assert result.put == 1 and not result.failed
    start, end, doors = board.cards[int(info.number)]
    assert start == clock.today(desk) and end == OPEN_END and doors == (1, 1, 0, 0)
    assert pending(desk) == 0 and card_door_state(desk, info.id).state == "on_door"


@pytest.mark.parametrize("action", ["lost", "revoke", "return", "move_out", "district"])
def test_every_ending_takes_the_card_off_the_door(desk, admin, door, board, photo_jpeg, action):
    # rule R6 (人走卡销) and the district's revocation (a Core UPDATE, still caught)
    info = tenant_with_card(desk, admin, 2, photo_jpeg)
    push(desk)
    assert int(info.number) in board.cards
    if action == "lost":
        report_lost(desk, admin, info.number)
    elif action == "revoke":
        revoke_card(desk, admin, "违规转借", info.number)
    elif action == "return":
        return_card(desk, admin, info.number)
    elif action == "move_out":
        move_out(desk, admin, idno(2))
    else:
        with write_session(desk.engine) as s:
            _apply(s, "LH01", "card_revoked", info.id, {"reason": "重复"}, clock.now_utc())
    assert pending(desk) == 1
    assert push(desk).deleted == 1
    assert int(info.number) not in board.cards
    assert card_door_state(desk, info.id).state == "off_door"


def test_replace_puts_the_new_card_and_removes_the_old(desk, admin, door, board, photo_jpeg):
    old = tenant_with_card(desk, admin, 3, photo_jpeg)
    push(desk)
    report_lost(desk, admin, old.number)
    new = replace_card(desk, admin, idno(3), "0000099999")
    assert new.status == "active"
    result = push(desk)
    assert (result.put, result.deleted) == (1, 1)
    assert int(old.number) not in board.cards and 99999 in board.cards


def test_lease_end_is_the_valid_until_and_renewal_moves_it(desk, admin, door, board, photo_jpeg):
    # a card's valid-until date is its lease end
    info = tenant_with_card(desk, admin, 4, photo_jpeg)
    today = clock.today(desk)
    lease = add_lease(desk, admin, "B1", "102", [idno(4)], 1500, today, today + timedelta(days=200),
                      landlord_name="林房东")
    push(desk)
    assert board.cards[int(info.number)][1] == today + timedelta(days=200)
    renew_lease(desk, admin, lease.id, today + timedelta(days=565))
    push(desk)
    assert board.cards[int(info.number)][1] == today + timedelta(days=565)


def test_no_job_survives_a_rolled_back_card_change(desk, admin, door, board, photo_jpeg):
    # the job is in the card's own transaction: a failed change leaves no door job behind
    info = tenant_with_card(desk, admin, 5, photo_jpeg)
    push(desk)
    with pytest.raises(RuntimeError), write_session(desk.engine) as s:
        card = s.get(Card, info.id)
        card.status = "lost"
        s.add(card)
        s.flush()
        raise RuntimeError("crash before commit")
    assert pending(desk) == 0 and int(info.number) in board.cards


def test_a_controller_added_later_learns_every_active_card(desk, admin, building, board, photo_jpeg):
    from app.doors.controllers import add_controller

    cards = [tenant_with_card(desk, admin, n, photo_jpeg) for n in (6, 7)]
    add_controller(desk, admin, "B1", "后门", "uhppote", serial=board.serial, address=board.address)
    assert push(desk).put == 2
    assert {int(c.number) for c in cards} == set(board.cards)


def test_a_clerk_cannot_add_or_remove_controllers(desk, admin, building, board):
    from app.desk.errors import Refused
    from app.doors.controllers import add_controller
    from app.staff.accounts import authenticate, create_staff
    from tests.conftest import PASSWORD

    create_staff(desk, admin, "clerk1", PASSWORD, "clerk")
    clerk = authenticate(desk, "clerk1", PASSWORD)
    with pytest.raises(Refused):
        add_controller(desk, clerk, "B1", "大门", "uhppote", serial=1, address=board.address)
    from app.doors.controllers import list_controllers

    assert list_controllers(desk, "B1") == []


def test_issue_then_lost_before_any_push_never_reaches_the_door(desk, admin, door, board,
                                                                photo_jpeg):
    # a clerk with fast reflexes: the door never learns a card already lost (in order per card)
    info = tenant_with_card(desk, admin, 8, photo_jpeg)
    report_lost(desk, admin, info.number)
    result = push(desk)
    assert (result.put, result.deleted) == (0, 1) and board.puts == []


def test_the_door_lane_pushes_on_its_own_thread_when_woken(desk, admin, door, board, photo_jpeg):
    import threading

    from app.doors.lane import DoorLane

    pushed = threading.Event()
    lane = DoorLane(desk, on_result=lambda r: pushed.set(), poll_s=3600).start()
    try:
        info = tenant_with_card(desk, admin, 9, photo_jpeg)
        lane.wake()
        assert pushed.wait(30)
        assert int(info.number) in board.cards and pending(desk) == 0
    finally:
        lane.stop()
    assert not lane.running
