"""The 24-hour delivery of collected records to the community workstation (R2, R6).

A record (tenancy) is due 24 elapsed hours after `collected_at`. Two things travel:
the data, by sync (the district's receipt sets `delivered_at`), and the signed paper forms,
handed over in batches (`handed_over_at`, `handover_id`). Deadlines are absolute instants;
the centre's time zone is used only to show them and to number the day's batches.

The due list reads only undelivered rows plus those collected in the last 24 hours, so it
costs the same with 600,000 tenants as with 600 (the partial index ix_tenancy_undelivered).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, text
from sqlmodel import Session, select

from app.data.time_input import CLOCK_SKEW, future
from app.desk.clock import as_utc, local_midnight_utc, zone
from app.desk.context import Desk
from app.desk.errors import NotFound, Refused
from app.identity import mask_id
from app.staff import audit
from app.staff.accounts import require
from app.staff.audit import Actor
from app.staff.read_audit import audited_read
from db.engine import read_session, write_session
from db.ids import new_id
from db.models import (
    AuditEvent,
    Building,
    Center,
    CollectionForm,
    IdDocument,
    Person,
    Staff,
    Tenancy,
    Unit,
    utcnow,
)

DELIVERY_HOURS = 24  # rule R2
AMBER_HOURS = 6  # under 6 h left: hurry
# The index the undelivered query wants (not yet in db/models.py; see the issue note):

def due_at(collected_at: datetime) -> datetime:
    return as_utc(collected_at) + timedelta(hours=DELIVERY_HOURS)


def on_time(collected_at: datetime, delivered_at: datetime) -> bool:
    """rule R2: delivered within 24 h of collection. A collection time after the delivery
    (beyond the clock skew) is not a real one and never counts as on time (M9)."""
    return (as_utc(delivered_at) <= due_at(collected_at)
            and not future(collected_at, delivered_at))


def status_of(collected_at: datetime, delivered_at: datetime | None, now: datetime) -> str:
    """rule R2: delivered, or by time left: green, amber (< 6 h), red (overdue). A record
    collected "in the future" is red: its 24 h cannot be trusted (M9)."""
    if delivered_at is not None:
        return "delivered"
    if future(collected_at, now):
        return "red"
    left = due_at(collected_at) - now
    if left < timedelta(0):
        return "red"
    return "amber" if left < timedelta(hours=AMBER_HOURS) else "green"


# -- the due list ------------------------------------------------------------------------

@dataclass(frozen=True)
class DueItem:
    tenancy_id: str
    name: str
    idno_masked: str
    building_code: str
    building_name: str
    unit_number: str
    collected_at: datetime  # UTC
    due_at: datetime  # UTC
    due_at_local: datetime  # the same instant in the centre's zone, for display
    seconds_left: float  # negative once overdue
    status: str  # green | amber | red | delivered
    handed_over_at: datetime | None
    handover_id: str | None
    delivered_at: datetime | None
    on_time: bool | None  # delivered within 24 h; None while undelivered


def _due_query():
    idno = (select(IdDocument.number).where(IdDocument.person_id == Tenancy.person_id)
            .limit(1).scalar_subquery())
    return (select(Tenancy.id, Tenancy.collected_at, Tenancy.delivered_at, Tenancy.handed_over_at,
                   Tenancy.handover_id, Person.name, idno, Unit.number, Building.code,
                   Building.name)
            .join(Person, Person.id == Tenancy.person_id)
            .join(Unit, Unit.id == Tenancy.unit_id)
            .join(Building, Building.id == Unit.building_id))


def _item(row, now: datetime, tz: ZoneInfo) -> DueItem:
    tid, collected, delivered, handed, hid, name, number, unit, bcode, bname = row
    collected, delivered = as_utc(collected), as_utc(delivered)
    due = due_at(collected)
    return DueItem(tid, name, mask_id(number or ""), bcode, bname, unit, collected, due,
                   due.astimezone(tz), (due - now).total_seconds(),
                   status_of(collected, delivered, now), as_utc(handed), hid, delivered,
                   None if delivered is None else on_time(collected, delivered))


def due_list(desk: Desk, now: datetime | None = None, pending_handover: bool = False,
             recent_delivered: bool = True) -> list[DueItem]:
    """rule R2: undelivered records by time left; with `recent_delivered`, also those
    collected in the last 24 h and already delivered (shown last, as delivered).
    `pending_handover` keeps only records whose forms are not yet handed over (待移交)."""
    now = as_utc(now) or utcnow()
    tz = zone(desk)
    with read_session(desk.engine) as s:
        # `delivered_at IS NULL` alone: the partial index ix_tenancy_undelivered serves exactly this.
        q = _due_query().where(Tenancy.delivered_at == None)  # noqa: E711
        if pending_handover:
            q = q.where(Tenancy.handed_over_at == None)  # noqa: E711
        # No ORDER BY: sorting on collected_at would send SQLite down ix_tenancy_collected,
        # one random row fetch per tenant; the few due rows are sorted below instead.
        rows = list(s.exec(q))
        if recent_delivered:
            since = now - timedelta(hours=DELIVERY_HOURS)
            q = _due_query().where(Tenancy.collected_at >= since,  # ix_tenancy_collected
                                   Tenancy.delivered_at != None)  # noqa: E711
            if pending_handover:
                q = q.where(Tenancy.handed_over_at == None)  # noqa: E711
            rows += list(s.exec(q))
    items = [_item(r, now, tz) for r in rows]
    # Undelivered first by time left; the delivered ones after, newest first.
    return sorted(items, key=lambda i: (i.status == "delivered",
                                        i.seconds_left if i.status != "delivered"
                                        else -i.collected_at.timestamp()))


@dataclass(frozen=True)
class DueCounts:
    green: int
    amber: int
    red: int


def due_counts(desk: Desk, now: datetime | None = None) -> DueCounts:
    """Counts of undelivered records by colour, without loading the rows (dashboard)."""
    now = as_utc(now) or utcnow()
    overdue_before = now - timedelta(hours=DELIVERY_HOURS)
    amber_before = overdue_before + timedelta(hours=AMBER_HOURS)
    # One pass over the undelivered rows; a range on collected_at here would make SQLite
    # walk ix_tenancy_collected and fetch nearly every row at random.
    with read_session(desk.engine) as s:
        row = s.connection().execute(text(
            "SELECT count(*), sum(collected_at < :red OR collected_at > :ahead), "
            "sum(collected_at >= :red AND collected_at < :amber) "
            "FROM tenancy WHERE delivered_at IS NULL"),
            {"red": db_time(overdue_before), "amber": db_time(amber_before),
             "ahead": db_time(now + CLOCK_SKEW)}).one()  # M9: as status_of
    total, red, amber = (int(v or 0) for v in row)
    return DueCounts(total - red - amber, amber, red)


def overdue_for_supervisor(desk: Desk, now: datetime | None = None) -> list[DueItem]:
    """rule R2: the records past their 24 h, oldest first, for the supervisor to chase."""
    now = as_utc(now) or utcnow()
    return sorted((i for i in due_list(desk, now, recent_delivered=False) if i.status == "red"),
                  key=lambda i: i.collected_at)


# -- handover batches (移交清单) ----------------------------------------------------------

@dataclass(frozen=True)
class HandoverBatch:
    id: str
    number: str  # YJ-<local date>-<n>: derived, the n-th batch of that local day
    handed_over_at: datetime
    handed_over_by: str | None  # display name, from the audit log
    center_name: str
    workstation: str | None
    items: list[DueItem]

    @property
    def late(self) -> int:
        """Records whose forms reached the workstation after their 24 h."""
        return sum(1 for i in self.items if i.handed_over_at and i.handed_over_at > i.due_at)


def _batch_number(s: Session, handover_id: str, at: datetime, tz: ZoneInfo) -> str:
    local_day = at.astimezone(tz).date()
    start = local_midnight_utc(local_day, tz)
    firsts = (select(Tenancy.handover_id, func.min(Tenancy.handed_over_at).label("at"))
              .where(Tenancy.handed_over_at >= start, Tenancy.handed_over_at <= at,
                     Tenancy.handover_id != None)  # noqa: E711
              .group_by(Tenancy.handover_id)).subquery()
    n = s.exec(select(func.count()).select_from(firsts)).one()
    return f"YJ-{local_day:%Y%m%d}-{max(n, 1):02d}"


def _load_batch(s: Session, desk: Desk, handover_id: str, now: datetime) -> HandoverBatch:
    tz = zone(desk)
    rows = list(s.exec(_due_query().where(Tenancy.handover_id == handover_id)
                       .order_by(Tenancy.collected_at)))
    if not rows:
        raise NotFound("no_handover", "没有该移交批次。", "No such handover batch.")
    items = [_item(r, now, tz) for r in rows]
    at = min(i.handed_over_at for i in items if i.handed_over_at)
    by = s.exec(select(Staff.display_name).join(AuditEvent, AuditEvent.staff_id == Staff.id)
                .where(AuditEvent.action == "handover.create",
                       AuditEvent.entity_id == handover_id)).first()
    center = s.exec(select(Center)).first()
    return HandoverBatch(handover_id, _batch_number(s, handover_id, at, tz), at, by,
                         center.name if center else "", center.workstation if center else None,
                         items)


def create_handover(desk: Desk, actor: Actor, tenancy_ids: Iterable[str],
                    now: datetime | None = None) -> HandoverBatch:
    """rule R6: the forms of these records go to the workstation now, as one batch."""
    require(actor, "register")
    ids = list(dict.fromkeys(tenancy_ids))
    if not ids:
        raise Refused("empty_handover", "请选择要移交的记录。", "Choose the records to hand over.")
    now = as_utc(now) or utcnow()
    batch_id = new_id()
    with write_session(desk.engine) as s:
        rows = s.exec(select(Tenancy).where(Tenancy.id.in_(ids))).all()
        if len(rows) != len(ids):
            raise NotFound("no_tenancy", f"有 {len(ids) - len(rows)} 条记录不存在。",
                           f"{len(ids) - len(rows)} of the records do not exist.")
        done = [t for t in rows if t.handover_id is not None]
        if done:
            raise Refused("already_handed_over", f"有 {len(done)} 条记录已移交过，请取消选择。",
                          f"{len(done)} of the records were already handed over: deselect them.",
                          tenancy_ids=[t.id for t in done])
        for t in rows:
            t.handed_over_at, t.handover_id = now, batch_id
            s.add(t)
        forms = s.exec(select(CollectionForm).where(CollectionForm.tenancy_id.in_(ids),
                                                    CollectionForm.handed_over_at == None)).all()  # noqa: E711
        for f in forms:
            f.handed_over_at = now
            s.add(f)
        s.flush()
        late = sum(1 for t in rows if not on_time(t.collected_at, now))
        audit.record(s, actor, "handover.create", "handover", batch_id, records=len(rows),
                     forms=len(forms), late=late)
        return _load_batch(s, desk, batch_id, now)


def due_list_for(desk: Desk, actor: Actor | None, pending_handover: bool = False,
                 recent_delivered: bool = True) -> list[DueItem]:
    """The 待报送 list as the GUI and CLI show it: names tenants, so an account and a log
    entry first (rule R10)."""
    audited_read(desk, actor, "due", pending_handover=pending_handover)
    return due_list(desk, pending_handover=pending_handover, recent_delivered=recent_delivered)


def handover_for(desk: Desk, actor: Actor | None, handover_id: str) -> HandoverBatch:
    """A handover batch as shown to a person (it lists tenants): account and log first (R10)."""
    audited_read(desk, actor, "handover", handover_id=handover_id)
    return get_handover(desk, handover_id)


def get_handover(desk: Desk, handover_id: str, now: datetime | None = None) -> HandoverBatch:
    with read_session(desk.engine) as s:
        return _load_batch(s, desk, handover_id, as_utc(now) or utcnow())


# -- the district's receipt ----------------------------------------------------------------

@dataclass(frozen=True)
class Receipt:
    recorded: int  # rows that got their delivered_at now
    already: int  # rows that had a receipt before (the earlier one is kept)
    on_time: int
    late: int


def apply_receipt(s: Session, tenancy_ids: Iterable[str], received_at: datetime) -> Receipt:
    """Set `delivered_at` inside the caller's transaction (the sync calls this).

    The first receipt wins: a resent receipt never moves a delivery later (or earlier).
    """
    received_at = as_utc(received_at)
    ids = list(dict.fromkeys(tenancy_ids))
    recorded = already = in_time = late = 0
    for chunk in (ids[i:i + 500] for i in range(0, len(ids), 500)):
        for t in s.exec(select(Tenancy).where(Tenancy.id.in_(chunk))):
            if t.delivered_at is not None:
                already += 1
                continue
            t.delivered_at = received_at
            s.add(t)
            recorded += 1
            if on_time(t.collected_at, received_at):
                in_time += 1
            else:
                late += 1
    s.flush()
    return Receipt(recorded, already, in_time, late)


def record_receipt(desk: Desk, actor: Actor | None, tenancy_ids: Iterable[str],
                   received_at: datetime, source: str = "sync") -> Receipt:
    """rule R2: the district (or the workstation, on paper) confirmed it has these records."""
    if actor is not None:
        require(actor, "register")
    with write_session(desk.engine) as s:
        receipt = apply_receipt(s, tenancy_ids, received_at)
        audit.record(s, actor, "delivery.receipt", "tenancy", None, center_code=desk.center_code,
                     source=source, recorded=receipt.recorded, already=receipt.already,
                     on_time=receipt.on_time, late=receipt.late)
        return receipt


@dataclass(frozen=True)
class DeliverySummary:
    collected: int
    on_time: int
    late: int
    undelivered: int


def delivery_summary(desk: Desk, date_from: date, date_to: date) -> DeliverySummary:
    """Records collected on these local days: delivered within 24 h, late, not yet."""
    tz = zone(desk)
    start, end = local_midnight_utc(date_from, tz), local_midnight_utc(date_to + timedelta(days=1), tz)
    late_sql = late_sql_expr("delivered_at", "collected_at")
    with read_session(desk.engine) as s:
        row = s.connection().execute(text(
            "SELECT count(*), sum(delivered_at IS NOT NULL AND NOT (" + late_sql + ")), "
            "sum(delivered_at IS NOT NULL AND (" + late_sql + ")) FROM tenancy "
            "WHERE collected_at >= :a AND collected_at < :b"),
            {"a": db_time(start), "b": db_time(end)}).one()
    total, timely, late = (int(v or 0) for v in row)
    return DeliverySummary(total, timely, late, total - timely - late)


def late_sql_expr(delivered: str, collected: str) -> str:
    """SQL: delivered more than 24 h after collected — or "collected" after the delivery
    beyond the clock skew, which is no real time and never on time (M9). Whole
    milliseconds, because the difference of two julian days is a float that can land a
    hair either side of 1.0."""
    ms = f"round((julianday({delivered}) - julianday({collected})) * 86400000)"
    skew = int(CLOCK_SKEW.total_seconds() * 1000)
    return f"({ms} > {DELIVERY_HOURS * 3600000} OR {ms} < -{skew})"


def db_time(value: datetime) -> str:
    """A UTC instant in the form SQLAlchemy stores it in SQLite, for raw-SQL comparisons."""
    return as_utc(value).strftime("%Y-%m-%d %H:%M:%S.%f")
