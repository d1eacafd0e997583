"""The occupancy cap (R5): usable area ÷ 6 m² per person, per building and per unit."""

from __future__ import annotations

import math
from dataclasses import dataclass

from sqlalchemy import func
from sqlmodel import Session, select

from app.errors import Refused
from db.models import Building, Card, CardStatus, Unit

M2_PER_PERSON = 6.0


def area_cap(floor_area_m2: float | None, public_area_m2: float | None) -> int:
    """rule R5: floor((floor area − public area) / 6). Refuses impossible areas."""
    if floor_area_m2 is None:
        raise Refused("area_missing", "楼栋缺少建筑面积，无法计算可发卡人数。请在楼栋资料中填写建筑面积。",
                      "The building has no floor area, so its cap is unknown: enter the floor area.")
    if floor_area_m2 <= 0 or not math.isfinite(floor_area_m2):
        raise Refused("area_invalid", f"楼栋建筑面积 {floor_area_m2} m² 无效，请更正楼栋资料。",
                      f"Floor area {floor_area_m2} m² is not valid: correct the building record.")
    public = public_area_m2 or 0.0
    if public < 0 or not math.isfinite(public):
        raise Refused("area_invalid", f"公共面积 {public} m² 无效，请更正楼栋资料。",
                      f"Public area {public} m² is not valid: correct the building record.")
    if public >= floor_area_m2:
        raise Refused("area_invalid",
                      f"公共面积（{public} m²）不小于建筑面积（{floor_area_m2} m²），请更正楼栋资料。",
                      f"Public area ({public} m²) is not below the floor area ({floor_area_m2} m²): "
                      "correct the building record.")
    return math.floor((floor_area_m2 - public) / M2_PER_PERSON + 1e-9)


def unit_cap(area_m2: float | None) -> int | None:
    """rule R5 per unit where its area is known; None when unknown."""
    if area_m2 is None or area_m2 <= 0 or not math.isfinite(area_m2):
        return None
    return math.floor(area_m2 / M2_PER_PERSON + 1e-9)


def building_cap(building: Building) -> int:
    if building.district_cap is not None:  # a cap set centrally wins over the computed one
        return building.district_cap
    return area_cap(building.floor_area_m2, building.public_area_m2)


@dataclass(frozen=True)
class Occupancy:
    cap: int | None
    residents: int
    free: int | None
    problem: str | None = None
    problem_en: str | None = None


def active_cards_in_building(session: Session, building_id: str) -> int:
    return session.exec(select(func.count()).select_from(Card).where(
        Card.building_id == building_id, Card.status == CardStatus.ACTIVE)).one()


def active_cards_in_unit(session: Session, unit_id: str) -> int:
    return session.exec(select(func.count()).select_from(Card).where(
        Card.unit_id == unit_id, Card.status == CardStatus.ACTIVE)).one()


def building_occupancy(session: Session, building: Building) -> Occupancy:
    residents = active_cards_in_building(session, building.id)
    try:
        cap = building_cap(building)
    except Refused as r:
        return Occupancy(None, residents, None, r.zh, r.en)
    return Occupancy(cap, residents, max(cap - residents, 0))


def unit_occupancy(session: Session, unit: Unit) -> Occupancy:
    residents = active_cards_in_unit(session, unit.id)
    cap = unit_cap(unit.area_m2)
    return Occupancy(cap, residents, None if cap is None else max(cap - residents, 0))


def require_free_slot(session: Session, building: Building, unit: Unit) -> None:
    """rule R5: refuse a card when the building (or unit) already holds its cap."""
    cap = building_cap(building)
    residents = active_cards_in_building(session, building.id)
    if residents >= cap:
        raise Refused("cap_reached",
                      f"楼栋 {building.name} 已达核定人数上限：上限 {cap} 人，现有有效门禁卡 {residents} 张，不能再发卡。",
                      f"Building {building.name} is at its cap: cap {cap}, active cards {residents}; "
                      "no more cards may be issued.", cap=cap, residents=residents)
    ucap = unit_cap(unit.area_m2)
    if ucap is not None:
        in_unit = active_cards_in_unit(session, unit.id)
        if in_unit >= ucap:
            raise Refused("unit_cap_reached",
                          f"房间 {unit.number}（{unit.area_m2} m²）已达上限：上限 {ucap} 人，现有 {in_unit} 人。",
                          f"Unit {unit.number} ({unit.area_m2} m²) is at its cap: cap {ucap}, "
                          f"residents {in_unit}.", cap=ucap, residents=in_unit)
