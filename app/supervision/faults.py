"""Card systems of the buildings (R4) and their fault tickets (R7).

A damaged card system is reported to its installer within 24 hours of being found. While a
ticket is open the building's `card_system_status` is "down"; fixing its last open ticket
brings it back to "ok". Visits of the installer are kept in the audit log for now (there
is no visit table yet: see the issue note), so a ticket's history is its audit trail.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func
from sqlmodel import Session, select

from app.desk.clock import as_utc, local_midnight_utc, zone
from app.desk.context import Desk
from app.desk.errors import NotFound, Refused
from app.staff import audit
from app.staff.accounts import require
from app.staff.audit import Actor
from db.engine import read_session, write_session
from db.models import AuditEvent, Building, Center, FaultTicket, Staff, utcnow

NOTIFY_HOURS = 24  # rule R7
STATUSES = ("ok", "down", "unknown", "none")


@dataclass(frozen=True)
class CardSystem:
    building_code: str
    building_name: str
    installer: str | None
    contact: str | None
    controller: str | None
    installed_on: date | None
    status: str


@dataclass(frozen=True)
class Visit:
    at: datetime
    note: str
    by: str | None


@dataclass(frozen=True)
class FaultInfo:
    id: str
    number: str  # GZ-<local date found>-<n>: derived, the n-th ticket found that day
    building_code: str
    building_name: str
    description: str
    status: str  # open | notified | fixed
    found_at: datetime
    notify_due_at: datetime
    notified_at: datetime | None
    fixed_at: datetime | None
    notify_overdue: bool  # not notified and past the 24 h (red on the list)
    notified_late: bool  # notified, but after the 24 h
    hours_to_notify: float | None
    hours_to_fix: float | None
    visits: list[Visit]


@dataclass(frozen=True)
class InstallerNotice:
    """Everything the printed 门禁系统故障通知单 needs (times in the centre's zone)."""

    ticket_number: str
    center_name: str
    center_address: str | None
    center_phone: str | None
    building_code: str
    building_name: str
    building_address: str
    installer: str | None
    installer_contact: str | None
    controller: str | None
    installed_on: date | None
    description: str
    found_at: datetime
    notify_due_at: datetime
    notified_at: datetime | None
    notified_late: bool
    reported_by: str | None


def _building(s: Session, code: str) -> Building:
    b = s.exec(select(Building).where(Building.code == code.strip())).first()
    if b is None:
        raise NotFound("no_building", f"没有编号为 {code} 的楼栋。", f"No building with code {code}.")
    return b


def _ticket(s: Session, ticket_id: str) -> FaultTicket:
    t = s.get(FaultTicket, ticket_id)
    if t is None:
        raise NotFound("no_fault", "没有该故障单。", "No such fault ticket.")
    return t


def _open_tickets(s: Session, building_id: str) -> int:
    return s.exec(select(func.count()).select_from(FaultTicket).where(
        FaultTicket.building_id == building_id, FaultTicket.status != "fixed")).one()


def _when(at: datetime | None, not_before: datetime | None = None) -> datetime:
    at = as_utc(at) or utcnow()
    if at > utcnow() + timedelta(minutes=5):
        raise Refused("time_in_future", "时间不能晚于现在。", "The time cannot be in the future.")
    if not_before is not None and at < as_utc(not_before):
        raise Refused("time_before_found", "时间不能早于发现故障的时间。",
                      "The time cannot be before the fault was found.")
    return at


def set_card_system(desk: Desk, actor: Actor, building_code: str, installer: str | None,
                    contact: str | None, controller: str | None, installed_on: date | None,
                    status: str) -> CardSystem:
    """rule R4: the building's card-system record (installer, controller, status)."""
    require(actor, "manage_buildings")
    if status not in STATUSES:
        raise Refused("bad_status", f"门禁系统状态无效：{status}（应为 ok、down、unknown 或 none）。",
                      f"Unknown card-system status {status} (use ok, down, unknown or none).")
    with write_session(desk.engine) as s:
        b = _building(s, building_code)
        if status != "down" and _open_tickets(s, b.id):
            raise Refused("fault_open", "该楼栋有未修复的门禁故障单，修复后状态会自动恢复为正常。",
                          "The building has an open fault ticket: fix it and the status returns to ok.")
        b.card_system_installer, b.card_system_contact = installer, contact
        b.card_system_controller, b.card_system_installed_on = controller, installed_on
        b.card_system_status = status
        s.add(b)
        s.flush()
        audit.record(s, actor, "card_system.set", "building", b.id, status=status)
        return CardSystem(b.code, b.name, installer, contact, controller, installed_on, status)


def open_fault(desk: Desk, actor: Actor, building_code: str, description: str,
               found_at: datetime | None = None) -> FaultInfo:
    """rule R7: a fault found in the daily check; the installer must hear within 24 h."""
    require(actor, "card_lifecycle")
    if not description.strip():
        raise Refused("description_required", "请描述故障现象。", "Describe the fault.")
    found = _when(found_at)
    with write_session(desk.engine) as s:
        b = _building(s, building_code)
        if b.card_system_status == "none":
            raise Refused("no_card_system", f"楼栋 {b.name} 没有门禁系统。",
                          f"Building {b.name} has no card system.")
        t = FaultTicket(center_code=actor.center_code, building_id=b.id, found_at=found,
                        description=description.strip(), reported_by=actor.staff_id)
        b.card_system_status = "down"
        s.add_all([t, b])
        s.flush()
        audit.record(s, actor, "fault.open", "fault_ticket", t.id, building=b.id)
        return _info(s, desk, t, utcnow())


def notify_installer(desk: Desk, actor: Actor, ticket_id: str,
                     at: datetime | None = None) -> InstallerNotice:
    """rule R7: the installer was told (phone, visit or the printed notice) at `at`."""
    require(actor, "card_lifecycle")
    with write_session(desk.engine) as s:
        t = _ticket(s, ticket_id)
        if t.status == "fixed":
            raise Refused("fault_fixed", "该故障已修复。", "This fault is already fixed.")
        if t.notified_at is not None:
            raise Refused("already_notified", "已通知过安装单位；如需重印通知单请使用打印。",
                          "The installer was already notified; reprint the notice instead.")
        b = s.get(Building, t.building_id)
        if not b.card_system_installer:
            raise Refused("no_installer", "楼栋门禁系统资料中没有安装单位，请先填写安装单位和联系方式。",
                          "The building's card-system record names no installer: fill it in first.")
        t.notified_at = _when(at, t.found_at)
        t.status = "notified"
        s.add(t)
        s.flush()
        audit.record(s, actor, "fault.notify", "fault_ticket", t.id,
                     late=t.notified_at > _notify_due(t))
        return _notice(s, desk, t)


def installer_notice(desk: Desk, ticket_id: str) -> InstallerNotice:
    """The notice again, for a reprint; changes nothing."""
    with read_session(desk.engine) as s:
        return _notice(s, desk, _ticket(s, ticket_id))


def add_visit(desk: Desk, actor: Actor, ticket_id: str, note: str,
              at: datetime | None = None) -> FaultInfo:
    """An installer's visit or a check. The note is about the equipment, not about people."""
    require(actor, "card_lifecycle")
    if not note.strip():
        raise Refused("note_required", "请填写处理情况。", "Describe what was done.")
    with write_session(desk.engine) as s:
        t = _ticket(s, ticket_id)
        when = _when(at, t.found_at)
        audit.record(s, actor, "fault.visit", "fault_ticket", t.id, at=when.isoformat(),
                     note=note.strip())
        return _info(s, desk, t, utcnow())


def fix_fault(desk: Desk, actor: Actor, ticket_id: str, at: datetime | None = None,
              note: str | None = None) -> FaultInfo:
    require(actor, "card_lifecycle")
    with write_session(desk.engine) as s:
        t = _ticket(s, ticket_id)
        if t.status == "fixed":
            raise Refused("fault_fixed", "该故障已修复。", "This fault is already fixed.")
        t.fixed_at = _when(at, t.found_at)
        t.status = "fixed"
        s.add(t)
        s.flush()
        if not _open_tickets(s, t.building_id):  # the last open ticket: the system works again
            b = s.get(Building, t.building_id)
            b.card_system_status = "ok"
            s.add(b)
        audit.record(s, actor, "fault.fix", "fault_ticket", t.id, note=(note or "").strip() or None)
        return _info(s, desk, t, utcnow())


def list_faults(desk: Desk, open_only: bool = False, now: datetime | None = None,
                building_code: str | None = None) -> list[FaultInfo]:
    """Tickets, newest first, with their overdue flags as of `now`."""
    now = as_utc(now) or utcnow()
    with read_session(desk.engine) as s:
        q = select(FaultTicket).order_by(FaultTicket.found_at.desc())
        if open_only:
            q = q.where(FaultTicket.status != "fixed")
        if building_code:
            q = q.where(FaultTicket.building_id == _building(s, building_code).id)
        return [_info(s, desk, t, now) for t in s.exec(q)]


def _notify_due(t: FaultTicket) -> datetime:
    return as_utc(t.found_at) + timedelta(hours=NOTIFY_HOURS)


def _hours(a: datetime | None, b: datetime | None) -> float | None:
    return None if a is None or b is None else round((as_utc(b) - as_utc(a)).total_seconds() / 3600, 2)


def _number(s: Session, desk: Desk, t: FaultTicket) -> str:
    tz = zone(desk)
    day = as_utc(t.found_at).astimezone(tz).date()
    n = s.exec(select(func.count()).select_from(FaultTicket).where(
        FaultTicket.found_at >= local_midnight_utc(day, tz), FaultTicket.found_at <= t.found_at)).one()
    return f"GZ-{day:%Y%m%d}-{max(n, 1):02d}"


def _visits(s: Session, ticket_id: str) -> list[Visit]:
    rows = s.exec(select(AuditEvent.detail, Staff.display_name)
                  .join(Staff, Staff.id == AuditEvent.staff_id, isouter=True)
                  .where(AuditEvent.entity_id == ticket_id, AuditEvent.action == "fault.visit")
                  .order_by(AuditEvent.seq))
    out = []
    for detail, by in rows:
        d = json.loads(detail or "{}")
        out.append(Visit(as_utc(datetime.fromisoformat(d["at"])), d.get("note", ""), by))
    return out


def _info(s: Session, desk: Desk, t: FaultTicket, now: datetime) -> FaultInfo:
    b = s.get(Building, t.building_id)
    due = _notify_due(t)
    notified = as_utc(t.notified_at)
    return FaultInfo(t.id, _number(s, desk, t), b.code, b.name, t.description, t.status,
                     as_utc(t.found_at), due, notified, as_utc(t.fixed_at),
                     notified is None and t.status != "fixed" and now > due,
                     notified is not None and notified > due,
                     _hours(t.found_at, t.notified_at), _hours(t.found_at, t.fixed_at),
                     _visits(s, t.id))


def _notice(s: Session, desk: Desk, t: FaultTicket) -> InstallerNotice:
    tz = zone(desk)
    b = s.get(Building, t.building_id)
    center = s.exec(select(Center)).first()
    by = s.get(Staff, t.reported_by) if t.reported_by else None
    notified = as_utc(t.notified_at)
    return InstallerNotice(
        _number(s, desk, t), center.name if center else "", center.address if center else None,
        center.phone if center else None, b.code, b.name, b.address, b.card_system_installer,
        b.card_system_contact, b.card_system_controller, b.card_system_installed_on,
        t.description, as_utc(t.found_at).astimezone(tz), _notify_due(t).astimezone(tz),
        notified.astimezone(tz) if notified else None,
        notified is not None and notified > _notify_due(t), by.display_name if by else None)
