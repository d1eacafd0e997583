"""`rentdesk bench --doors`: push, reconcile and 挂失-to-off-the-door, against a loopback board.

The board is the UHPPOTE emulator of tests/doors (the CLI hands its class in; the product
never imports it). The real `uhppoted` client and the real push/reconcile code are timed;
each figure is a median over `repeats` runs.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

from sqlalchemy import update

from app.desk import clock
from app.desk.center import init_center
from app.desk.context import open_desk
from app.doors.controllers import add_controller
from app.doors.lane import DoorLane
from app.doors.push import push_pending
from app.doors.reconcile import reconcile
from app.property.buildings import add_building, add_unit
from app.tenants.cards import report_lost
from db.door_tables import DoorJob
from db.engine import write_session
from db.models import Card, Person, Tenancy

PASSWORD = "bench-doors-password"


def _median(xs: list[float]) -> float:
    return round(statistics.median(xs), 3)


def _cards(desk, actor, building_id: str, unit_id: str, n: int) -> list[str]:
    """n tenants with active cards in one building, in one transaction (the triggers fire)."""
    numbers = [f"{2_000_000_000 + i:010d}" for i in range(n)]
    with write_session(desk.engine) as s:
        people = [Person(center_code=actor.center_code, name=f"门禁{i}") for i in range(n)]
        s.add_all(people)
        s.flush()
        stays = [Tenancy(center_code=actor.center_code, person_id=p.id, unit_id=unit_id)
                 for p in people]
        s.add_all(stays)
        s.flush()
        s.add_all([Card(center_code=actor.center_code, number=number, tenancy_id=t.id,
                        person_id=t.person_id, building_id=building_id, unit_id=unit_id)
                   for number, t in zip(numbers, stays, strict=True)])
    return numbers


def bench_doors(emulator_cls, cards: int = 1000, on_board: int = 20_000, repeats: int = 3,
                home: Path | None = None) -> dict:
    home = home or Path(tempfile.mkdtemp(prefix="rentdesk-doors-bench-"))
    desk = open_desk(home)
    actor = init_center(desk, "DOOR", "门禁基准中心", "doors", PASSWORD, induction_on=clock.today())
    add_building(desk, actor, "DB1", "门禁基准楼", "基准路 2 号", 6.0 * (cards + 100) + 10, 10.0)
    unit_id = add_unit(desk, actor, "DB1", "101")
    out: dict = {"cards": cards, "board_cards": on_board, "repeats": repeats}
    with emulator_cls() as board:
        ctl = add_controller(desk, actor, "DB1", "大门", "uhppote", serial=board.serial,
                             address=board.address, doors="1,2")
        from app.doors.controllers import building_by_code
        from db.engine import read_session

        with read_session(desk.engine) as s:
            building_id = building_by_code(s, "DB1").id
        numbers = _cards(desk, actor, building_id, unit_id, cards)
        # 1. push of `cards` cards to one controller (jobs re-opened for each repeat)
        pushes = []
        for _ in range(repeats):
            board.cards.clear()
            board.index.clear()
            with write_session(desk.engine) as s:
                s.execute(update(DoorJob).values(done_at=None, result=None))
            t0 = time.perf_counter()
            r = push_pending(desk)
            pushes.append(time.perf_counter() - t0)
            if r.put != cards or len(board.cards) != cards:
                raise RuntimeError(f"door bench: pushed {r.put} of {cards} ({r.failed})")
        out["push_seconds_median"] = _median(pushes)
        out["push_cards_per_s"] = round(cards / statistics.median(pushes))
        # 2. reconcile of a controller holding `on_board` cards (the rest foreign)
        board.load({3_000_000_000 + i: (date(2020, 1, 1), date(2099, 12, 31), (1, 1, 0, 0))
                    for i in range(on_board - cards)})
        recs = []
        for _ in range(repeats):
            t0 = time.perf_counter()
            (rep,) = reconcile(desk, actor, "DB1")
            recs.append(time.perf_counter() - t0)
        out["reconcile_seconds_median"] = _median(recs)
        out["reconcile_on_door"] = rep.on_door
        out["reconcile_dangerous"] = sum(1 for d in rep.differences if d.dangerous)
        # 3. 挂失 → off the door, with the lane running: polled, and woken by the desk
        for mode in ("polled", "woken"):
            lane = DoorLane(desk).start()
            samples = []
            for i in range(repeats + 2):
                uid = int(numbers[i if mode == "polled" else -1 - i])
                t0 = time.perf_counter()
                report_lost(desk, actor, f"{uid:010d}")
                if mode == "woken":
                    lane.wake()
                while uid in board.cards and time.perf_counter() - t0 < 120:
                    time.sleep(0.01)
                samples.append(time.perf_counter() - t0)
            lane.stop()
            out[f"lost_to_off_door_{mode}_s_median"] = _median(samples)
            out[f"lost_to_off_door_{mode}_s_max"] = round(max(samples), 3)
        out["controller"] = ctl.name
    desk.close()
    out["within_a_minute"] = out["lost_to_off_door_polled_s_max"] < 60
    return out
