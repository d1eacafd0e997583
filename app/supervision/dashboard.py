"""The supervisor's first screen: what is due, broken, lapsing or full, in one call.

Also the training reminders (R3: retrain at least once a year).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import select

from app.desk.clock import as_utc, zone
from app.desk.context import Desk
from app.staff.accounts import PERMISSIONS, training_status
from app.staff.audit import Actor
from app.staff.read_audit import audited_read
from app.supervision.delivery import due_counts
from app.supervision.faults import list_faults
from app.supervision.stats import groups_now
from app.sync import not_accepted
from app.sync.history import last_sync_at
from app.tenants.overcrowding import open_flag_count
from db.engine import read_session
from db.models import Staff, utcnow

REMIND_DAYS = (90, 30)  # rule R3: first and second reminder before the year runs out
NEAR_CAP_SHARE = 0.9


@dataclass(frozen=True)
class TrainingReminder:
    staff_id: str
    username: str
    display_name: str
    role: str
    last_passed: date | None
    lapses_on: date | None
    days_left: int | None  # negative once lapsed; None without an induction
    level: str  # untrained | lapsed | within_30 | within_90


def training_reminders_for(desk: Desk, actor: Actor | None,
                           today: date) -> list[TrainingReminder]:
    """The reminders one account may read: everyone's for those who record training, else
    the account's own; needs an account and is logged (rule R10)."""
    audited_read(desk, actor, "training")
    assert actor is not None
    everyone = "record_training" in PERMISSIONS.get(actor.role, frozenset())
    return training_reminders(desk, today, None if everyone else actor.staff_id)


def training_reminders(desk: Desk, today: date, staff_id: str | None = None) -> list[TrainingReminder]:
    """rule R3: active accounts untrained, lapsed, or lapsing within 30 or 90 days; most
    urgent first. On the day `lapses_on` the account still works (0 days left)."""
    out = []
    with read_session(desk.engine) as s:
        q = select(Staff).where(Staff.active == True)  # noqa: E712
        if staff_id is not None:
            q = q.where(Staff.id == staff_id)
        for st in s.exec(q.order_by(Staff.username)):
            status = training_status(s, st.id, today)
            if status.lapses_on is None:
                level, days = "untrained", None
            else:
                days = (status.lapses_on - today).days
                if days < 0:
                    level = "lapsed"
                elif days <= REMIND_DAYS[1]:
                    level = "within_30"
                elif days <= REMIND_DAYS[0]:
                    level = "within_90"
                else:
                    continue
            out.append(TrainingReminder(st.id, st.username, st.display_name, st.role,
                                        status.last_passed, status.lapses_on, days, level))
    order = {"untrained": 0, "lapsed": 1, "within_30": 2, "within_90": 3}
    return sorted(out, key=lambda r: (order[r.level], r.days_left or 0, r.username))


@dataclass(frozen=True)
class NearCap:
    building_id: str
    code: str
    name: str
    residents: int
    cap: int
    share: float  # residents / cap; ≥ 1.0 means no more cards (R5)


@dataclass(frozen=True)
class Dashboard:
    now: datetime
    due: int  # undelivered, still within 24 h
    due_soon: int  # of those, under 6 h left
    overdue: int
    open_faults: int
    faults_notify_overdue: int
    training: list[TrainingReminder]
    near_cap: list[NearCap]
    last_sync_at: datetime | None
    over_cap: int = 0  # residents registered into a full place, still without a card (R5)
    not_accepted: int = 0  # rows the district did not take (issue 11), see 同步


def near_cap(desk: Desk, share: float = NEAR_CAP_SHARE) -> list[NearCap]:
    """rule R5: buildings at or above `share` of their cap, fullest first."""
    with read_session(desk.engine) as s:
        labels, snapshot = groups_now(s.connection(), "building")
    out = [NearCap(bid, *labels[bid], residents, cap, round(residents / cap, 3))
           for bid, (residents, cap) in snapshot.items()
           if cap and residents / cap >= share]
    return sorted(out, key=lambda n: (-n.share, n.code))


def dashboard(desk: Desk, actor: Actor, now: datetime | None = None) -> Dashboard:
    """A clerk sees their own training reminder; a supervisor or admin sees everyone's."""
    audited_read(desk, actor, "dashboard")  # rule R10: an overview is a read, by someone
    now = as_utc(now) or utcnow()
    today = now.astimezone(zone(desk)).date()
    counts = due_counts(desk, now)
    faults = list_faults(desk, open_only=True, now=now)
    everyone = "record_training" in PERMISSIONS.get(actor.role, frozenset())
    return Dashboard(now, counts.green + counts.amber, counts.amber, counts.red, len(faults),
                     sum(f.notify_overdue for f in faults),
                     training_reminders(desk, today, None if everyone else actor.staff_id),
                     near_cap(desk), last_sync_at(desk), open_flag_count(desk),
                     not_accepted.count(desk))
