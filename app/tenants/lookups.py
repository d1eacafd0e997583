"""Lookups shared by the services: a person by document number, their current stay."""

from __future__ import annotations

from sqlmodel import Session, select

from app.desk.errors import NotFound
from app.identity import normalise_id_text, parse_id
from db.models import Building, IdDocument, Person, Tenancy, Unit


def canonical_idno(text: str) -> str:
    """The stored form of a typed number (15-digit legacy numbers become 18 digits)."""
    parsed = parse_id(text)
    return parsed.number if parsed.valid and parsed.number else normalise_id_text(text)


def find_person(session: Session, idno: str) -> Person:
    number = canonical_idno(idno)
    doc = session.exec(select(IdDocument).where(IdDocument.number == number)).first()
    if doc is None:
        raise NotFound("no_person", "没有该证件号码的登记记录，请先登记。",
                       "No tenant is registered with that document number: register first.")
    person = session.get(Person, doc.person_id)
    assert person is not None
    return person


def active_tenancy(session: Session, person_id: str) -> Tenancy | None:
    return session.exec(select(Tenancy).where(Tenancy.person_id == person_id,
                                              Tenancy.moved_out_at == None)  # noqa: E711
                        ).first()


def require_active_tenancy(session: Session, person: Person) -> Tenancy:
    tenancy = active_tenancy(session, person.id)
    if tenancy is None:
        raise NotFound("no_tenancy", f"{person.name} 目前没有在住登记（已迁出）。请先重新登记入住。",
                       "This person has no current tenancy (moved out): register the stay first.")
    return tenancy


def unit_and_building(session: Session, unit_id: str) -> tuple[Unit, Building]:
    unit = session.get(Unit, unit_id)
    assert unit is not None
    building = session.get(Building, unit.building_id)
    assert building is not None
    return unit, building


def find_unit(session: Session, center_code: str, building_code: str, unit_number: str) -> Unit:
    building = session.exec(select(Building).where(Building.center_code == center_code,
                                                   Building.code == building_code.strip())).first()
    if building is None:
        raise NotFound("no_building", f"没有编号为 {building_code} 的楼栋，请先添加楼栋。",
                       f"No building with code {building_code}: add the building first.")
    unit = session.exec(select(Unit).where(Unit.building_id == building.id,
                                           Unit.number == unit_number.strip())).first()
    if unit is None:
        raise NotFound("no_unit", f"楼栋 {building.name} 没有房号 {unit_number}，请先添加房间。",
                       f"Building {building.name} has no unit {unit_number}: add the unit first.")
    return unit
