"""Push pending door jobs to the controllers: in order per card, with backoff, idempotent.

A job names (controller, card number). Pushing it asks the desk what the door should hold
for that number *now* — the active card's dates and doors, or nothing — and puts or
deletes it. So a job pushed twice (the worker killed after the board answered but before
the job was marked done) writes the same record again and doubles nothing, and a job left
behind by a crash is simply pushed on the next run. Jobs of one controller go in `seq`
order and stop at the first failure, so a later change of a card never overtakes an
earlier one. A controller that does not answer is retried after a backoff capped at
BACKOFF_MAX seconds, so a lost card still leaves a door that comes back within a minute.

Only one pusher writes a board at a time (app/doors/claim.py), and a job is marked done only
if no newer change of its card was recorded after the state it pushed was read: the jobs
are read (with the highest `seq` so far, the watermark) before the card states, and a card
whose later job was already completed meanwhile is queued again, so the last state of a
card always reaches the door (attack finding 1: a lost card left on the board for good).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import func, insert, or_, select, update
from sqlmodel import Session

from app.desk import clock
from app.desk.context import Desk
from app.doors.claim import Busy, claim
from app.doors.desired import card_int, desired_cards
from app.doors.drivers import DoorDriver, DoorUnreachable
from db.door_tables import DoorController, DoorJob
from db.engine import read_session, write_session

BATCH = 500
MARK_EVERY = 20  # jobs marked done per small transaction while pushing
BACKOFF_FIRST = 5.0
BACKOFF_MAX = 45.0
TIMEOUT = 1.0
POLL_HINT = 5.0  # the door lane's poll interval (app/doors/lane.py)


@dataclass
class PushResult:
    put: int = 0
    deleted: int = 0
    skipped: int = 0
    failed: dict[str, str] = field(default_factory=dict)  # controller id → error
    busy: list[str] = field(default_factory=list)  # controllers another pusher holds now

    def add(self, other: PushResult) -> None:
        self.put += other.put
        self.deleted += other.deleted
        self.skipped += other.skipped
        self.failed.update(other.failed)
        self.busy += other.busy


def backoff(attempts: int) -> float:
    return min(BACKOFF_MAX, BACKOFF_FIRST * 2 ** max(0, attempts - 1))


def driver_for(desk: Desk, c: DoorController, timeout: float = TIMEOUT) -> DoorDriver:
    if c.driver == "uhppote":
        from app.doors.uhppote import UhppoteDriver

        return UhppoteDriver(c.serial or 0, c.address, c.protocol, timeout)
    from app.doors.whitelist import FileDriver

    return FileDriver(desk, c.id)


def _due_controllers(s: Session, now: datetime, only: str | None) -> list[str]:
    q = (select(DoorJob.controller_id).join(DoorController, DoorController.id == DoorJob.controller_id)
         .where(DoorJob.done_at.is_(None), DoorController.active,
                or_(DoorJob.next_try_at.is_(None), DoorJob.next_try_at <= now)).distinct())
    if only:
        q = q.where(DoorJob.controller_id == only)
    return list(s.execute(q).scalars())


def _mark_done(desk: Desk, done: dict[str, list[int]], controller_id: str | None = None,
               numbers: list[str] | None = None, watermark: int | None = None) -> None:
    """Mark the pushed jobs done; a card changed (and already pushed by someone) after its
    state was read gets a new job, so the stale write just made is corrected next round."""
    if not any(done.values()):
        return
    with write_session(desk.engine) as s:
        for result, seqs in done.items():
            if seqs:
                s.execute(update(DoorJob).where(DoorJob.seq.in_(seqs))
                          .values(done_at=clock.now_utc(), result=result, last_error=None))
        if not numbers or controller_id is None or watermark is None:
            return
        newer = dict(s.execute(select(DoorJob.card_number, DoorJob.card_id).where(
            DoorJob.controller_id == controller_id, DoorJob.card_number.in_(numbers),
            DoorJob.seq > watermark).order_by(DoorJob.seq)).all())
        waiting = set(s.execute(select(DoorJob.card_number).where(
            DoorJob.controller_id == controller_id, DoorJob.card_number.in_(list(newer)),
            DoorJob.done_at.is_(None)).distinct()).scalars()) if newer else set()
        again = sorted(set(newer) - waiting)
        if again:
            stamp = clock.now_utc().strftime("%Y-%m-%d %H:%M:%S.%f")[:-3]  # as the triggers
            s.execute(insert(DoorJob), [{"controller_id": controller_id, "card_number": n,
                                         "card_id": newer[n], "reason": "requeue",
                                         "attempts": 0, "created_at": stamp} for n in again])


def _mark_failed(desk: Desk, controller_id: str, error: str, now: datetime) -> None:
    with write_session(desk.engine) as s:
        attempts = (s.execute(select(DoorJob.attempts).where(
            DoorJob.controller_id == controller_id, DoorJob.done_at.is_(None))
            .order_by(DoorJob.seq).limit(1)).scalar() or 0) + 1
        s.execute(update(DoorJob).where(DoorJob.controller_id == controller_id,
                                        DoorJob.done_at.is_(None))
                  .values(attempts=attempts, last_error=error[:200],
                          next_try_at=now + timedelta(seconds=backoff(attempts))))
        s.execute(update(DoorController).where(DoorController.id == controller_id)
                  .values(last_error=error[:200]))


def _mark_seen(desk: Desk, controller_id: str) -> None:
    with write_session(desk.engine) as s:
        s.execute(update(DoorController).where(DoorController.id == controller_id)
                  .values(last_seen_at=clock.now_utc(), last_error=None))


def push_controller(desk: Desk, controller_id: str, timeout: float = TIMEOUT,
                    should_stop: Callable[[], bool] = lambda: False) -> PushResult:
    result = PushResult()
    with read_session(desk.engine) as s:
        c = s.get(DoorController, controller_id)
        if c is None or not c.active:
            return result
        driver = driver_for(desk, c, timeout)
        controller = DoorController.model_validate(c.model_dump())
    if controller.driver == "file":
        from app.doors.whitelist import export_pending

        return export_pending(desk, controller)
    while not should_stop():
        with read_session(desk.engine) as s:
            # the watermark first, the card states after (same snapshot): any change of a
            # card not seen by `desired` has a job above the watermark
            watermark = s.execute(select(func.max(DoorJob.seq))).scalar() or 0
            jobs = s.execute(select(DoorJob.seq, DoorJob.card_number).where(
                DoorJob.controller_id == controller_id, DoorJob.done_at.is_(None))
                .order_by(DoorJob.seq).limit(BATCH)).all()
            if not jobs:
                break
            by_number: dict[str, list[int]] = {}
            for seq, number in jobs:
                by_number.setdefault(number, []).append(seq)
            desired = desired_cards(s, desk, controller, by_number)
        done: dict[str, list[int]] = {"put": [], "delete": [], "skipped": []}
        numbers: list[str] = []
        try:
            for number, seqs in by_number.items():
                if should_stop():
                    break
                uid = card_int(number)
                if uid is None:
                    kind = "skipped"
                elif uid in desired:
                    driver.put(desired[uid])
                    kind = "put"
                else:
                    driver.delete(uid)
                    kind = "delete"
                done[kind] += seqs
                numbers.append(number)
                setattr(result, {"put": "put", "delete": "deleted", "skipped": "skipped"}[kind],
                        getattr(result, {"put": "put", "delete": "deleted",
                                         "skipped": "skipped"}[kind]) + 1)
                if sum(map(len, done.values())) >= MARK_EVERY:
                    _mark_done(desk, done, controller_id, numbers, watermark)
                    done, numbers = {"put": [], "delete": [], "skipped": []}, []
        except DoorUnreachable as e:
            _mark_done(desk, done, controller_id, numbers, watermark)
            _mark_failed(desk, controller_id, str(e), clock.now_utc())
            result.failed[controller_id] = str(e)
            return result
        _mark_done(desk, done, controller_id, numbers, watermark)
        _mark_seen(desk, controller_id)
    return result


def push_pending(desk: Desk, controller_id: str | None = None, timeout: float = TIMEOUT,
                 should_stop: Callable[[], bool] = lambda: False,
                 now: datetime | None = None, wait_s: float = 0.0) -> PushResult:
    """Push every due job of every controller (or of one); never raises for a dead door.

    A controller another pusher holds is waited for up to `wait_s` (the headless command
    waits; the GUI's lane does not, it looks again at its next poll), else listed as busy."""
    with read_session(desk.engine) as s:
        due = _due_controllers(s, now or clock.now_utc(), controller_id)
    total = PushResult()
    for cid in due:
        if should_stop():
            break
        try:
            with claim(desk, cid, wait_s):
                total.add(push_controller(desk, cid, timeout, should_stop))
        except Busy:
            total.busy.append(cid)
    return total


def waiting_jobs(desk: Desk, card_id: str | None = None) -> int:
    from sqlalchemy import func

    with read_session(desk.engine) as s:
        q = select(func.count()).select_from(DoorJob).where(DoorJob.done_at.is_(None))
        if card_id:
            q = q.where(DoorJob.card_id == card_id)
        return s.execute(q).scalar() or 0
