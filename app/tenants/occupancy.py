"""The occupancy cap (R5): usable area ÷ 6 m² per person, per building and per unit."""

from __future__ import annotations

import math
from dataclasses import dataclass

from sqlalchemy import func
from sqlmodel import Session, select

from app.desk.errors import Refused
from db.models import Building, Card, CardStatus, Tenancy, Unit

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
    """`residents` counts active cards (what R5 issues against); `people` counts the
    residents actually living there, with or without a card: the two differ when a room
    is over-full, and the desk shows both. `free` is the places left for residents
    (`free_places`: people and cards both count against the cap)."""

    cap: int | None
    residents: int
    free: int | None
    problem: str | None = None
    problem_en: str | None = None
    people: int = 0

    @property
    def cards(self) -> int:
        return self.residents

    @property
    def full(self) -> bool:
        """rule R5: no room for one more resident (see `free_places`)."""
        return self.free is not None and self.free <= 0


def free_places(cap: int, people: int, cards: int) -> int:
    """rule R5, the one place it is decided: how many more residents a room or building
    takes. The cap counts residents, so people living there without a card count too
    (a room of two people and no cards is full at cap 2); cards count as well, in case a
    card outlives its stay. A card itself is refused on cards alone (require_free_slot):
    a resident already living in a full room may still get the card that is theirs."""
    return max(cap - max(people, cards), 0)


def active_cards_in_building(session: Session, building_id: str) -> int:
    return session.exec(select(func.count()).select_from(Card).where(
        Card.building_id == building_id, Card.status == CardStatus.ACTIVE)).one()


def active_cards_in_unit(session: Session, unit_id: str) -> int:
    return session.exec(select(func.count()).select_from(Card).where(
        Card.unit_id == unit_id, Card.status == CardStatus.ACTIVE)).one()


def people_in_building(session: Session, building_id: str) -> int:
    """Living residents (open stays), card or not: unit index, then the partial index of
    open stays per unit."""
    return session.exec(select(func.count()).select_from(Tenancy).join(
        Unit, Unit.id == Tenancy.unit_id).where(Unit.building_id == building_id,
                                                Tenancy.moved_out_at.is_(None))).one()


def people_in_unit(session: Session, unit_id: str) -> int:
    return session.exec(select(func.count()).select_from(Tenancy).where(
        Tenancy.unit_id == unit_id, Tenancy.moved_out_at.is_(None))).one()


def building_occupancy(session: Session, building: Building) -> Occupancy:
    residents = active_cards_in_building(session, building.id)
    people = people_in_building(session, building.id)
    try:
        cap = building_cap(building)
    except Refused as r:
        return Occupancy(None, residents, None, r.zh, r.en, people=people)
    return Occupancy(cap, residents, free_places(cap, people, residents), people=people)


def unit_occupancy(session: Session, unit: Unit) -> Occupancy:
    residents = active_cards_in_unit(session, unit.id)
    people = people_in_unit(session, unit.id)
    cap = unit_cap(unit.area_m2)
    return Occupancy(cap, residents, None if cap is None else free_places(cap, people, residents),
                     people=people)


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


@dataclass(frozen=True)
class RoomCheck:
    """Before an intake is saved: is there room for one more resident here (rule R5)?"""

    full: bool  # no room: the stay is recorded without a card and flagged instead
    scope: str | None  # "building" | "unit": which cap is reached
    cap: int | None
    people: int  # living there now, before this person
    cards: int
    zh: str = ""
    en: str = ""


def room_check(session: Session, building: Building, unit: Unit) -> RoomCheck:
    """Before an intake is saved: is there room for one more resident (rule R5,
    `free_places`)? Asked before saving so the clerk hears of a full room while the tenant
    is at the desk; the CLI's `register --accept-full` and the supervisor flag use this same
    answer. A building without a known cap is not "full" here: require_free_slot explains
    that at the card step."""
    tally = RoomTally(session)
    return tally.check(building, unit)


class RoomTally:
    """room_check for many intakes in one transaction (the CSV import, M4): each building's
    and unit's counts are read once, then every accepted resident is added, so row 11 of a
    file sees the ten rows before it in a building of cap 10 — the same answer one intake
    after another would give."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.buildings: dict[str, list[int]] = {}  # id -> [people, cards]
        self.units: dict[str, list[int]] = {}

    def _counts(self, table: dict[str, list[int]], key: str, people, cards) -> list[int]:
        if key not in table:
            table[key] = [people(self.session, key), cards(self.session, key)]
        return table[key]

    def check(self, building: Building, unit: Unit) -> RoomCheck:
        try:
            cap = building_cap(building)
        except Refused:
            return RoomCheck(False, None, None, 0, 0)
        people, cards = self._counts(self.buildings, building.id, people_in_building,
                                     active_cards_in_building)
        if free_places(cap, people, cards) <= 0:
            return _full("building", building.name, cap, people, cards)
        ucap = unit_cap(unit.area_m2)
        if ucap is not None:
            people, cards = self._counts(self.units, unit.id, people_in_unit,
                                         active_cards_in_unit)
            if free_places(ucap, people, cards) <= 0:
                return _full("unit", f"{building.name} {unit.number}", ucap, people, cards)
        return RoomCheck(False, None, None, 0, 0)

    def add(self, building: Building, unit: Unit) -> None:
        """One more resident living there (no card: an import issues none)."""
        for table, key in ((self.buildings, building.id), (self.units, unit.id)):
            if key in table:
                table[key][0] += 1


def _full(scope: str, where: str, cap: int, people: int, cards: int) -> RoomCheck:
    return RoomCheck(
        True, scope, cap, people, cards,
        f"{where} 已满：上限 {cap} 人，现住 {people} 人，有效门禁卡 {cards} 张。"
        "仍可登记（住户信息必须采集），但不能发卡，并将标记为超员报主管。",
        f"{where} is full: cap {cap}, {people} living there, {cards} active cards. The "
        "person can still be registered (every resident must be recorded), but no card "
        "will be issued and the overcrowding is flagged for the supervisor.")


def building_occupancies(session: Session, buildings: list[Building]) -> dict[str, Occupancy]:
    """building_occupancy for a page of buildings in two grouped queries (type-to-find
    shows a page per keystroke: one count per row was most of its time)."""
    ids = [b.id for b in buildings]
    if not ids:
        return {}
    cards = dict(session.exec(select(Card.building_id, func.count()).where(
        Card.building_id.in_(ids), Card.status == CardStatus.ACTIVE).group_by(Card.building_id)).all())
    people = dict(session.exec(select(Unit.building_id, func.count()).select_from(Tenancy).join(
        Unit, Unit.id == Tenancy.unit_id).where(Unit.building_id.in_(ids),
                                                Tenancy.moved_out_at.is_(None))
        .group_by(Unit.building_id)).all())
    out = {}
    for b in buildings:
        residents, living = cards.get(b.id, 0), people.get(b.id, 0)
        try:
            cap = building_cap(b)
        except Refused as r:
            out[b.id] = Occupancy(None, residents, None, r.zh, r.en, people=living)
            continue
        out[b.id] = Occupancy(cap, residents, free_places(cap, living, residents), people=living)
    return out
