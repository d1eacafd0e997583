"""Residents registered into a full room or building (rule R5), for the supervisor.

Collecting every resident is the centre's duty, so a full room never stops the intake:
the stay is recorded without a card, and a flag tells the supervisor (首页, 统计) until the
resident gets a card (room was freed) or moves out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func
from sqlmodel import Session, select

from app.desk.context import Desk
from app.staff import audit
from app.staff.accounts import require
from app.staff.audit import Actor
from app.tenants.occupancy import RoomCheck
from db.engine import read_session
from db.models import Building, OccupancyFlag, Person, Tenancy, Unit, utcnow


def flag_over_cap(s: Session, actor: Actor, tenancy: Tenancy | str, building: Building,
                  unit: Unit, room: RoomCheck) -> OccupancyFlag:
    """In the registration's own transaction: the flag and its audit entry (R10). The
    import passes the tenancy's id (its rows are Core inserts, not ORM objects)."""
    tenancy_id = tenancy if isinstance(tenancy, str) else tenancy.id
    flag = OccupancyFlag(tenancy_id=tenancy_id, building_id=building.id, unit_id=unit.id,
                         scope=room.scope or "building", cap=room.cap or 0,
                         people=room.people + 1, cards=room.cards, flagged_by=actor.staff_id,
                         handed_to_supervisor=True)
    s.add(flag)
    s.flush()
    audit.record(s, actor, "tenant.over_cap", "tenancy", tenancy_id, scope=flag.scope,
                 cap=flag.cap, people=flag.people, cards=flag.cards)
    return flag


def resolve_flags(s: Session, tenancy_id: str) -> None:
    """A card was issued after all (room freed) or the stay ended: the flag is closed."""
    for flag in s.exec(select(OccupancyFlag).where(OccupancyFlag.tenancy_id == tenancy_id,
                                                   OccupancyFlag.resolved_at.is_(None))):
        flag.resolved_at = utcnow()
        s.add(flag)


@dataclass(frozen=True)
class FlagRow:
    flagged_at: datetime
    person_name: str
    building_code: str
    building_name: str
    unit_number: str
    scope: str  # building | unit
    cap: int
    people: int
    cards: int


def open_flag_count(desk: Desk) -> int:
    """The 首页 count: a range scan of the partial index of open flags."""
    with read_session(desk.engine) as s:
        return s.exec(select(func.count()).select_from(OccupancyFlag)
                      .where(OccupancyFlag.resolved_at.is_(None))).one()


def open_flags(desk: Desk, actor: Actor, limit: int = 200) -> list[FlagRow]:
    """The supervisor's list of over-full places, newest first."""
    require(actor, "search")
    with read_session(desk.engine) as s:
        rows = s.exec(
            select(OccupancyFlag, Person.name, Building.code, Building.name, Unit.number)
            .join(Tenancy, Tenancy.id == OccupancyFlag.tenancy_id)
            .join(Person, Person.id == Tenancy.person_id)
            .join(Building, Building.id == OccupancyFlag.building_id)
            .join(Unit, Unit.id == OccupancyFlag.unit_id)
            .where(OccupancyFlag.resolved_at.is_(None))
            .order_by(OccupancyFlag.flagged_at.desc()).limit(limit)).all()
        return [FlagRow(f.flagged_at, name, code, bname, number, f.scope, f.cap, f.people,
                        f.cards) for f, name, code, bname, number in rows]
