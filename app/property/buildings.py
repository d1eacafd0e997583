"""Buildings, units, companies and landlords: where tenants live."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, select

from app.desk.context import Desk
from app.desk.errors import Refused
from app.staff import audit
from app.staff.accounts import require
from app.staff.audit import Actor
from app.tenants.occupancy import building_occupancies, building_occupancy, unit_cap, unit_occupancy
from db.engine import read_session, write_session
from db.models import Building, Company, Landlord, Unit


def _check_area(value: float | None, label_zh: str, label_en: str) -> None:
    if value is not None and (value < 0 or value != value or value > 1_000_000):
        raise Refused("area_invalid", f"{label_zh} {value} m² 无效。", f"{label_en} {value} m² is invalid.")


def company_id(s: Session, center_code: str, name: str | None, kind: str = "village") -> str | None:
    if not name or not name.strip():
        return None
    company = s.exec(select(Company).where(Company.center_code == center_code,
                                           Company.name == name.strip())).first()
    if company is None:
        company = Company(center_code=center_code, name=name.strip(), kind=kind)
        s.add(company)
        s.flush()
    return company.id


def add_building(desk: Desk, actor: Actor, code: str, name: str, address: str,
                 floor_area_m2: float | None, public_area_m2: float | None,
                 company: str | None = None) -> str:
    require(actor, "manage_buildings")
    if not code.strip() or not name.strip():
        raise Refused("building_fields", "楼栋编号和名称必填。", "Building code and name are required.")
    _check_area(floor_area_m2, "建筑面积", "Floor area")
    _check_area(public_area_m2, "公共面积", "Public area")
    with write_session(desk.engine) as s:
        if s.exec(select(Building).where(Building.center_code == actor.center_code,
                                         Building.code == code.strip())).first():
            raise Refused("building_exists", f"楼栋编号 {code} 已存在。", f"Building {code} exists.")
        b = Building(center_code=actor.center_code, code=code.strip(), name=name.strip(),
                     address=address.strip(), floor_area_m2=floor_area_m2,
                     public_area_m2=public_area_m2,
                     company_id=company_id(s, actor.center_code, company))
        s.add(b)
        s.flush()
        audit.record(s, actor, "building.create", "building", b.id)
        return b.id


def add_unit(desk: Desk, actor: Actor, building_code: str, number: str,
             area_m2: float | None = None, floor: int | None = None,
             landlord_name: str | None = None, landlord_phone: str | None = None) -> str:
    require(actor, "manage_buildings")
    _check_area(area_m2, "房间面积", "Unit area")
    with write_session(desk.engine) as s:
        b = s.exec(select(Building).where(Building.center_code == actor.center_code,
                                          Building.code == building_code.strip())).first()
        if b is None:
            raise Refused("no_building", f"没有编号为 {building_code} 的楼栋。",
                          f"No building with code {building_code}.")
        if not number.strip():
            raise Refused("unit_fields", "房号必填。", "The unit number is required.")
        if s.exec(select(Unit).where(Unit.building_id == b.id, Unit.number == number.strip())).first():
            raise Refused("unit_exists", f"房号 {number} 已存在。", f"Unit {number} exists.")
        landlord_id = None
        if landlord_name:
            landlord = Landlord(center_code=actor.center_code, name=landlord_name.strip(),
                                phone=landlord_phone)
            s.add(landlord)
            s.flush()
            landlord_id = landlord.id
        u = Unit(center_code=actor.center_code, building_id=b.id, number=number.strip(),
                 area_m2=area_m2, floor=floor, landlord_id=landlord_id)
        s.add(u)
        s.flush()
        audit.record(s, actor, "unit.create", "unit", u.id)
        return u.id


@dataclass(frozen=True)
class BuildingSummary:
    id: str
    code: str
    name: str
    address: str
    cap: int | None
    residents: int
    free: int | None
    cap_problem: str | None
    cap_problem_en: str | None
    card_system_status: str
    people: int = 0  # living residents; `residents` above counts active cards (R5)


@dataclass(frozen=True)
class UnitSummary:
    id: str
    number: str
    floor: int | None
    area_m2: float | None
    cap: int | None
    residents: int  # active cards
    free: int | None
    people: int = 0  # living residents, card or not


def building_summaries(s: Session, buildings: list[Building]) -> list[BuildingSummary]:
    occupancy = building_occupancies(s, buildings)
    return [building_summary(s, b, occupancy[b.id]) for b in buildings]


def building_summary(s: Session, b: Building, occ=None) -> BuildingSummary:
    occ = occ or building_occupancy(s, b)
    return BuildingSummary(b.id, b.code, b.name, b.address, occ.cap, occ.residents, occ.free,
                           occ.problem, occ.problem_en, b.card_system_status, occ.people)


def list_buildings(desk: Desk, limit: int = 500, offset: int = 0,
                   text: str = "") -> list[BuildingSummary]:
    with read_session(desk.engine) as s:
        q = select(Building).order_by(Building.code).offset(offset).limit(limit)
        if text:
            q = q.where(Building.code.startswith(text) | Building.name.contains(text))
        return building_summaries(s, list(s.exec(q)))


def list_units(desk: Desk, building_id: str) -> list[UnitSummary]:
    with read_session(desk.engine) as s:
        units = s.exec(select(Unit).where(Unit.building_id == building_id).order_by(Unit.number))
        out = []
        for u in units:
            occ = unit_occupancy(s, u)
            out.append(UnitSummary(u.id, u.number, u.floor, u.area_m2, unit_cap(u.area_m2),
                                   occ.residents, occ.free, occ.people))
        return out
