"""The supervisor's view of the audit log (R10): filter, page, verify the chain.

Qt-free. Needs the "audit" permission; every query is itself recorded ("audit.view"),
so looking at who looked at a person is traceable too.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func
from sqlmodel import select

from app.desk.clock import as_utc
from app.desk.context import Desk
from app.staff import audit
from app.staff.accounts import PERMISSIONS, require
from app.staff.audit import Actor
from db.engine import read_session, write_session
from db.models import AuditEvent, Staff

PAGE_SIZE = 100


def allowed(actor: Actor, permission: str) -> bool:
    """For the UI to hide what the role may not use (the services still `require`)."""
    return permission in PERMISSIONS.get(actor.role, frozenset())


@dataclass(frozen=True)
class AuditFilter:
    staff: str | None = None  # username or display name, exact
    action: str | None = None  # exact, or a prefix ending in "." ("card.")
    entity_id: str | None = None  # a person, tenancy, card... id
    since: datetime | None = None
    until: datetime | None = None


@dataclass(frozen=True)
class AuditRow:
    seq: int
    at: datetime  # UTC
    staff_username: str | None
    staff_name: str | None
    action: str
    entity: str | None
    entity_id: str | None
    detail: str | None


@dataclass(frozen=True)
class AuditPage:
    rows: list[AuditRow]
    total: int
    offset: int
    limit: int


@dataclass(frozen=True)
class ChainResult:
    ok: bool
    entries: int
    breaks: list[tuple[int, str]]


def _where(q, f: AuditFilter):
    if f.staff:
        q = q.where((Staff.username == f.staff) | (Staff.display_name == f.staff))
    if f.action:
        q = (q.where(AuditEvent.action.startswith(f.action)) if f.action.endswith(".")
             else q.where(AuditEvent.action == f.action))
    if f.entity_id:  # the entry's own entity, or named in its detail ({"person": id})
        q = q.where((AuditEvent.entity_id == f.entity_id)
                    | AuditEvent.detail.contains(f'"{f.entity_id}"'))
    if f.since:
        q = q.where(AuditEvent.at >= as_utc(f.since))
    if f.until:
        q = q.where(AuditEvent.at < as_utc(f.until))
    return q


def query_audit(desk: Desk, actor: Actor, f: AuditFilter, offset: int = 0,
                limit: int = PAGE_SIZE) -> AuditPage:
    """rule R10: newest first, `limit` rows from `offset`, with the total for paging."""
    require(actor, "audit")
    base = select(AuditEvent, Staff.username, Staff.display_name).join(
        Staff, Staff.id == AuditEvent.staff_id, isouter=True)
    with read_session(desk.engine) as s:
        total = s.exec(_where(select(func.count()).select_from(AuditEvent).join(
            Staff, Staff.id == AuditEvent.staff_id, isouter=True), f)).one()
        found = s.exec(_where(base, f).order_by(AuditEvent.seq.desc())
                       .offset(offset).limit(limit)).all()
    rows = [AuditRow(ev.seq, as_utc(ev.at), user, name, ev.action, ev.entity, ev.entity_id,
                     ev.detail) for ev, user, name in found]
    with write_session(desk.engine) as s:
        audit.record(s, actor, "audit.view", "audit", f.entity_id, staff=f.staff,
                     filter_action=f.action, since=f.since, until=f.until, offset=offset,
                     shown=len(rows))
    return AuditPage(rows, total, offset, limit)


def verify(desk: Desk, actor: Actor) -> ChainResult:
    """rule R10: the whole chain checked; recorded like any other view."""
    require(actor, "audit")
    with read_session(desk.engine) as s:
        breaks = audit.verify_chain(s)
        entries = s.exec(select(func.count()).select_from(AuditEvent)).one()
    with write_session(desk.engine) as s:
        audit.record(s, actor, "audit.verify", "audit", None, breaks=len(breaks))
    return ChainResult(not breaks, entries, [(b.seq, b.problem) for b in breaks])
