"""Reconcile, three ways: what the controller holds, the desk's active cards, the district.

The dangerous side comes first: a card on the door that should not open it — one the
district revoked, one the desk ended (lost, revoked, returned, moved out), or one the desk
never issued. Then cards missing from the door, then cards with wrong dates or doors.
`fix=True` makes the door match the desk in one audited action (supervisor: it removes cards).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import datetime

from sqlalchemy import select, update

from app.desk import clock
from app.desk.context import Desk
from app.doors.claim import Busy, claim
from app.doors.controllers import building_by_code
from app.doors.desired import desired_cards
from app.doors.drivers import DoorCard, DoorUnreachable
from app.doors.push import TIMEOUT, driver_for
from app.staff import audit
from app.staff.accounts import require
from app.staff.audit import Actor
from db.door_tables import DoorController
from db.engine import read_session, write_session
from db.models import Building, Card
from db.sync_tables import SyncDecision

# Order of the report: the dangerous kinds first.
KINDS = ("district_revoked", "ended", "never_issued", "missing", "wrong")
DANGEROUS = frozenset(KINDS[:3])
KIND_ZH = {"district_revoked": "区级已注销但仍在门上", "ended": "已停用但仍在门上",
           "never_issued": "本中心从未发出的卡", "missing": "门上缺少", "wrong": "日期或门号不符"}


@dataclass(frozen=True)
class Difference:
    kind: str
    number: str  # 10 decimal digits, as on the card
    on_door: str  # "from..until doors" or ""
    desk: str
    dangerous: bool


@dataclass
class ControllerReport:
    controller_id: str
    controller: str
    building_code: str
    building_name: str
    reachable: bool
    error: str | None = None
    on_door: int = 0
    issued: int = 0
    differences: list[Difference] = field(default_factory=list)
    fixed: int = 0

    def counts(self) -> dict[str, int]:
        out = {k: 0 for k in KINDS}
        for d in self.differences:
            out[d.kind] += 1
        return out


def _show(c: DoorCard | None) -> str:
    if c is None:
        return ""
    return f"{c.valid_from or '-'}..{c.valid_until or '-'} 门{','.join(map(str, c.doors))}"


def _ended_numbers(s, building_id: str, numbers: set[int]) -> tuple[set[int], set[int]]:
    """Of `numbers`, those the district revoked and those the desk ended here."""
    if not numbers:
        return set(), set()
    ids = set(s.execute(select(SyncDecision.row_id).where(SyncDecision.kind == "card_revoked"))
              .scalars())
    district, ended = set(), set()
    texts = [f"{n:010d}" for n in numbers]
    for i in range(0, len(texts), 500):
        for cid, number in s.execute(select(Card.id, Card.number).where(
                Card.number.in_(texts[i:i + 500]), Card.status != "active")):
            (district if cid in ids else ended).add(int(number))
    return district, ended - district


def compare(on_door: list[DoorCard], want: dict[int, DoorCard], district: set[int],
            ended: set[int]) -> list[Difference]:
    held = {c.number: c for c in on_door}
    diffs: list[Difference] = []
    for n, c in held.items():
        if n not in want:
            kind = "district_revoked" if n in district else "ended" if n in ended else "never_issued"
            diffs.append(Difference(kind, f"{n:010d}", _show(c), "", True))
    for n, w in want.items():
        c = held.get(n)
        if c is None:
            diffs.append(Difference("missing", f"{n:010d}", "", _show(w), False))
        elif (c.valid_from, c.valid_until, tuple(c.doors)) != (w.valid_from, w.valid_until, w.doors):
            diffs.append(Difference("wrong", f"{n:010d}", _show(c), _show(w), False))
    diffs.sort(key=lambda d: (KINDS.index(d.kind), d.number))
    return diffs


def _reconcile_one(desk: Desk, actor: Actor | None, c: DoorController, b: Building,
                   fix: bool, timeout: float) -> ControllerReport:
    report = ControllerReport(c.id, c.name, b.code, b.name, True)
    driver = driver_for(desk, c, timeout)
    try:
        on_door = driver.list_cards()
    except DoorUnreachable as e:
        report.reachable, report.error = False, str(e)
        return report
    with read_session(desk.engine) as s:
        want = desired_cards(s, desk, c)
        district, ended = _ended_numbers(s, c.building_id, {x.number for x in on_door} - set(want))
    report.on_door, report.issued = len(on_door), len(want)
    report.differences = compare(on_door, want, district, ended)
    if fix and report.differences and c.driver == "uhppote":
        try:
            for d in report.differences:  # dangerous ones first: they are sorted so
                n = int(d.number)
                if d.dangerous:
                    driver.delete(n)
                else:
                    driver.put(want[n])
                report.fixed += 1
        except DoorUnreachable as e:
            report.error = str(e)
    elif fix and c.driver == "file":
        from app.doors.whitelist import export_whitelist

        export_whitelist(desk, c)  # the installer gets a list that matches the desk
        report.fixed = len(report.differences)
    now = clock.now_utc()
    summary = {**report.counts(), "on_door": report.on_door, "issued": report.issued,
               "fixed": report.fixed}
    done = report.differences[:report.fixed] if c.driver == "uhppote" else report.differences
    removed = sum(1 for d in done if d.dangerous) if fix else 0
    added = sum(1 for d in done if d.kind == "missing") if fix else 0
    with write_session(desk.engine) as s:
        s.execute(update(DoorController).where(DoorController.id == c.id).values(
            last_reconcile_at=now, last_reconcile=json.dumps(summary),
            cards_on_door=report.on_door - removed + added,
            last_seen_at=now if c.driver == "uhppote" else c.last_seen_at))
        audit.record(s, actor, "door.reconcile_fix" if fix else "door.reconcile",
                     "door_controller", c.id, center_code=desk.center_code,
                     **{k: v for k, v in summary.items() if v})
    return report


CLAIM_WAIT_S = 30.0  # a reconcile waits this long for a running push of the same board


def _claimed_one(desk: Desk, actor: Actor | None, c: DoorController, b: Building, fix: bool,
                 timeout: float) -> ControllerReport:
    """The board is read (and fixed) while no push writes it (attack finding 1)."""
    try:
        with claim(desk, c.id, CLAIM_WAIT_S):
            return _reconcile_one(desk, actor, c, b, fix, timeout)
    except Busy:
        return ControllerReport(c.id, c.name, b.code, b.name, False,
                                "busy: another process is pushing to this controller")


def unreadable(reports: list[ControllerReport]) -> list[ControllerReport]:
    """Controllers not compared (no answer, nonsense, busy) or not fully fixed (finding 3)."""
    return [r for r in reports if not r.reachable or r.error]


def reconcile(desk: Desk, actor: Actor, building_code: str | None = None, fix: bool = False,
              timeout: float = TIMEOUT) -> list[ControllerReport]:
    """rule R4/R6: compare every controller (of one building) with the desk and the district."""
    require(actor, "manage_buildings" if fix else "card_lifecycle")
    with read_session(desk.engine) as s:
        q = select(DoorController, Building).join(Building, Building.id == DoorController.building_id) \
            .where(DoorController.active)
        if building_code:
            q = q.where(DoorController.building_id == building_by_code(s, building_code).id)
        pairs = [(DoorController.model_validate(c.model_dump()), Building.model_validate(b.model_dump()))
                 for c, b in s.execute(q.order_by(Building.code, DoorController.name))]
    return [_claimed_one(desk, actor, c, b, fix, timeout) for c, b in pairs]


def report_dict(r: ControllerReport) -> dict:
    out = asdict(r)
    out["counts"] = r.counts()
    return out


def last_reconciled(desk: Desk) -> datetime | None:
    with read_session(desk.engine) as s:
        return clock.as_utc(s.execute(select(DoorController.last_reconcile_at)
                                      .order_by(DoorController.last_reconcile_at.desc())
                                      .limit(1)).scalar())
