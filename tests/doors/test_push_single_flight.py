"""Attack finding 1: one pusher per controller at a time, across processes; a lost card always
ends off the board and no card is put twice (R4, R6). Real loopback UHPPOTE board."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from app.doors.claim import claim
from app.doors.controllers import add_controller
from app.doors.push import push_pending
from app.property.buildings import add_building, add_unit
from app.tenants.cards import issue_card, report_lost
from tests.conftest import idno, register
from tests.doors.conftest import FAST, push

ROOT = Path(__file__).resolve().parents[2]


def _building_with_cards(desk, admin, board, count: int):
    add_building(desk, admin, "B9", "大楼", "深圳市罗湖区 9 号", 6000.0, 0.0, "湖贝村股份合作公司")
    add_unit(desk, admin, "B9", "901")
    info = add_controller(desk, admin, "B9", "大门", "uhppote", serial=board.serial,
                          address=board.address)
    cards = []
    for n in range(1, count + 1):
        register(desk, admin, n, unit="901", photo=photo_of(desk), building_code="B9")
        cards.append(issue_card(desk, admin, idno(n), f"{5000 + n:010d}"))
    return info, cards


def photo_of(_desk) -> bytes:
    from tests.conftest import demo_photo_jpeg

    return demo_photo_jpeg()


def test_second_pusher_while_one_writes_the_board_writes_nothing_and_lost_card_ends_off(
        desk, admin, board):
    # rule R4/R6: the GUI's door lane pushes while a headless push runs; the clerk reports a
    # card lost while the board is being written. Single-flight: the second pusher finds the
    # controller busy, every card is put exactly once, the lost card ends off the door.
    info, cards = _building_with_cards(desk, admin, board, 12)
    lost = cards[5]
    second = {}

    def while_writing(_number: int) -> None:
        board.on_put = None  # once, at the first card written
        report_lost(desk, admin, lost.number)
        second["result"] = push_pending(desk, timeout=FAST)  # the other pusher, right now

    board.on_put = while_writing
    first = push_pending(desk, timeout=10.0)  # waits for the board while the hook runs
    assert second["result"].busy == [info.id] and second["result"].put == 0
    assert not first.failed and not first.busy
    assert int(lost.number) not in board.cards
    assert set(board.cards) == {int(c.number) for c in cards if c is not lost}
    assert sorted(board.puts) == sorted(set(board.puts)), "a card was put twice"
    assert push(desk).put == 0  # nothing left to do, and nothing wrong left behind


def test_a_push_in_another_process_holds_the_controller(desk, admin, board):
    # rule R4: the claim is a lock file in the data folder, so it holds across processes
    info, cards = _building_with_cards(desk, admin, board, 3)
    code = ("import sys; from pathlib import Path; from app.desk.context import open_desk; "
            "from app.doors.claim import claim\n"
            "d = open_desk(Path(sys.argv[1]))\n"
            "with claim(d, sys.argv[2]):\n"
            "    print('held', flush=True); sys.stdin.readline()\n"
            "d.close()\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-c", code, str(desk.home), info.id], cwd=ROOT,
                            env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "held"
        busy = push_pending(desk, timeout=FAST)
        assert busy.busy == [info.id] and board.puts == []  # not a single card written
    finally:
        proc.stdin.write("\n")
        proc.stdin.close()
        proc.wait(60)
    done = push(desk)
    assert done.put == len(cards) and set(board.cards) == {int(c.number) for c in cards}


def test_a_claimed_controller_is_not_reconciled_meanwhile(desk, admin, board, monkeypatch):
    # rule R6: a reconcile --fix writes the board too; it waits for the push, then says busy
    from app.doors import reconcile as rec

    info, _cards = _building_with_cards(desk, admin, board, 1)
    monkeypatch.setattr(rec, "CLAIM_WAIT_S", 0.0)
    with claim(desk, info.id):
        (report,) = rec.reconcile(desk, admin, "B9", fix=True, timeout=FAST)
    assert not report.reachable and "busy" in (report.error or "")
    assert board.cards == {} and rec.unreadable([report]) == [report]
