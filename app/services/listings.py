"""招租信息发布 (rule R1, free publication R2): a landlord's listing of a unit.

Free slots come from the occupancy cap (rule R5, app.tenants.occupancy) and who lives in the unit.
Residents = max(active cards, current stays) in the unit: the cap counts active cards, but
a tenant registered and still waiting for a card already sleeps there, and advertising that
bed would only lead to a card refused later. The building's cap applies too (cards stop when
the building is full). A full unit cannot be listed, published or printed as available, and
the notice-board export withdraws published listings whose unit has since filled up.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func
from sqlmodel import Session, select

from app.data.blobs import store_blob
from app.desk.context import Desk
from app.desk.errors import Refused
from app.services.common import image_for_storage, landlord_of, not_found, whole_yuan
from app.staff import audit
from app.staff.accounts import require
from app.staff.audit import Actor
from app.tenants.lookups import find_unit
from app.tenants.occupancy import active_cards_in_unit, building_occupancy, unit_cap
from app.tenants.phone import normalise_phone, phone_problem
from db.engine import read_session, write_session
from db.models import Building, Tenancy, Unit, utcnow
from db.service_tables import Listing, ListingPhoto

MAX_PHOTOS = 6
STATUSES = ("draft", "published", "withdrawn")


@dataclass(frozen=True)
class Slots:
    unit_cap: int | None       # rule R5 on the unit's area; None when the area is unknown
    building_free: int | None  # cards the building may still take; None when its cap is unknown
    residents: int             # in the unit: max(active cards, current stays)
    free: int | None           # who may still move in; None when no cap can be computed
    problem: str | None = None
    problem_en: str | None = None

    @property
    def full(self) -> bool:
        return self.free is not None and self.free <= 0


@dataclass(frozen=True)
class ListingInfo:
    id: str
    status: str
    building_code: str
    building_name: str
    building_address: str
    unit_number: str
    floor: int | None
    area_m2: float | None
    rent_yuan: int
    available_from: date
    contact_name: str
    contact_phone: str
    description: str
    photos: tuple[str, ...]    # blob SHA-256s, in order
    slots: Slots
    published_at: datetime | None
    withdrawn_at: datetime | None
    withdraw_reason: str | None

    @property
    def available(self) -> bool:
        """Shown on the board: published and the unit still has room."""
        return self.status == "published" and not self.slots.full and self.slots.free is not None


def _living_in_unit(session: Session, unit_id: str) -> int:
    return session.exec(select(func.count()).select_from(Tenancy).where(
        Tenancy.unit_id == unit_id, Tenancy.moved_out_at == None)).one()  # noqa: E711


def unit_slots(session: Session, unit: Unit) -> Slots:
    """rule R5: room left in a unit, from its own cap and its building's."""
    building = session.get(Building, unit.building_id)
    assert building is not None
    occ = building_occupancy(session, building)
    residents = max(active_cards_in_unit(session, unit.id), _living_in_unit(session, unit.id))
    ucap = unit_cap(unit.area_m2)
    # No building cap (area missing) means no card can be issued there at all (R5), so the
    # room left is unknown even when the unit's own area is known.
    free = None
    if occ.free is not None:
        free = occ.free if ucap is None else max(min(ucap - residents, occ.free), 0)
    return Slots(ucap, occ.free, residents, free, occ.problem, occ.problem_en)


def require_room(session: Session, unit: Unit) -> Slots:
    """rule R5, R1: refuse to advertise a unit nobody more may move into."""
    slots = unit_slots(session, unit)
    building = session.get(Building, unit.building_id)
    assert building is not None
    where = f"{building.name} {unit.number}"
    if slots.free is None:
        raise Refused("cap_unknown",
                      f"{where}：无法核定居住人数上限（{slots.problem}），不能发布招租信息。",
                      f"{where}: the occupancy cap is unknown ({slots.problem_en}), so it "
                      "cannot be listed.")
    if slots.full and (slots.unit_cap is None or slots.residents < slots.unit_cap):
        raise Refused("building_full",
                      f"楼栋 {building.name} 已达核定人数上限，不能再入住，不能发布 {unit.number} "
                      "的招租信息。",
                      f"Building {building.name} is at its cap: nobody more may move in, so "
                      f"unit {unit.number} cannot be listed.", building=building.name)
    if slots.full:
        raise Refused("unit_full",
                      f"{where} 已住满：核定 {slots.unit_cap} 人，现住 {slots.residents} 人"
                      "（按每人 6 m² 核定），不能发布招租信息。",
                      f"{where} is full: cap {slots.unit_cap}, {slots.residents} living there "
                      "(6 m² per person), so it cannot be listed.",
                      cap=slots.unit_cap, residents=slots.residents)
    return slots


def listing_info(session: Session, listing: Listing) -> ListingInfo:
    unit = session.get(Unit, listing.unit_id)
    assert unit is not None
    building = session.get(Building, unit.building_id)
    assert building is not None
    photos = session.exec(select(ListingPhoto.photo_sha256).where(
        ListingPhoto.listing_id == listing.id).order_by(ListingPhoto.position)).all()
    return ListingInfo(
        listing.id, listing.status, building.code, building.name, building.address, unit.number,
        listing.floor, listing.area_m2, listing.rent_yuan, listing.available_from,
        listing.contact_name, listing.contact_phone, listing.description or "", tuple(photos),
        unit_slots(session, unit), listing.published_at, listing.withdrawn_at,
        listing.withdraw_reason)


def _check_area(unit: Unit, area_m2: float | None) -> float | None:
    """The listing shows the registered area: the cap is computed from it (rule R5)."""
    if area_m2 is None:
        return unit.area_m2
    if area_m2 <= 0 or area_m2 > 100_000:
        raise Refused("area_invalid", f"面积 {area_m2} m² 无效。", f"Area {area_m2} m² is invalid.")
    if unit.area_m2 is not None and abs(area_m2 - unit.area_m2) > 0.5:
        raise Refused("area_mismatch",
                      f"招租面积 {area_m2} m² 与登记面积 {unit.area_m2} m² 不符；如面积有误，"
                      "请先更正房间资料。",
                      f"Listed area {area_m2} m² differs from the registered {unit.area_m2} m²: "
                      "correct the unit record first.")
    return area_m2


def add_listing(desk: Desk, actor: Actor, building_code: str, unit_number: str,
                rent_yuan: int, available_from: date, *, contact_name: str | None = None,
                contact_phone: str | None = None, area_m2: float | None = None,
                floor: int | None = None, description: str | None = None,
                photos: list[bytes] | tuple[bytes, ...] = (), publish: bool = False) -> ListingInfo:
    """A new listing (draft, or published at once); the contact defaults to the landlord."""
    require(actor, "register")
    rent = whole_yuan(rent_yuan, "月租金", "The rent")
    if len(photos) > MAX_PHOTOS:
        raise Refused("too_many_photos", f"最多 {MAX_PHOTOS} 张照片。", f"{MAX_PHOTOS} photos at most.")
    prepared = [image_for_storage(p) for p in photos]  # refuse bad images before writing
    with write_session(desk.engine) as s:
        unit = find_unit(s, actor.center_code, building_code, unit_number)
        require_room(s, unit)  # rule R5 first: a full unit is the reason that matters
        live = s.exec(select(Listing).where(Listing.unit_id == unit.id,
                                            Listing.status != "withdrawn")).first()
        if live is not None:  # one live listing per unit: the board never shows it twice
            raise Refused("listing_exists", f"房间 {unit.number} 已有招租信息（{live.status}），"
                          "请发布或撤下原信息。",
                          f"Unit {unit.number} already has a listing ({live.status}): publish "
                          "or withdraw that one.", listing=live.id)
        landlord = landlord_of(s, unit)
        name = (contact_name or (landlord.name if landlord else "") or "").strip()
        phone = normalise_phone(contact_phone or (landlord.phone if landlord else "") or "")
        if not name or phone_problem(phone):  # the tenant's phone rule (app.tenants.phone)
            raise Refused("contact_required", "请填写联系人姓名和有效的联系电话（房间未登记房东电话）。",
                          "Give a contact name and a valid phone (the unit has no landlord phone).")
        listing = Listing(center_code=actor.center_code, unit_id=unit.id,
                          landlord_id=unit.landlord_id, rent_yuan=rent,
                          area_m2=_check_area(unit, area_m2),
                          floor=floor if floor is not None else unit.floor,
                          available_from=available_from, contact_name=name, contact_phone=phone,
                          description=(description or "").strip() or None,
                          created_by=actor.staff_id)
        if publish:
            listing.status, listing.published_at = "published", utcnow()
        s.add(listing)
        s.flush()
        for i, jpeg in enumerate(dict.fromkeys(prepared)):  # the same picture once
            sha = store_blob(desk, s, jpeg, "photo")
            s.add(ListingPhoto(center_code=actor.center_code, listing_id=listing.id,
                               photo_sha256=sha, position=i))
        s.flush()
        audit.record(s, actor, "listing.create", "listing", listing.id, unit=unit.id,
                     status=listing.status, photos=len(prepared))
        return listing_info(s, listing)


def load_listing(session: Session, listing_id: str) -> Listing:
    listing = session.get(Listing, listing_id.strip())
    if listing is None:
        raise not_found("该招租信息", "listing")
    return listing


def publish_listing(desk: Desk, actor: Actor, listing_id: str) -> ListingInfo:
    """rule R5: only a unit with room may be published (again)."""
    require(actor, "register")
    with write_session(desk.engine) as s:
        listing = load_listing(s, listing_id)
        unit = s.get(Unit, listing.unit_id)
        assert unit is not None
        require_room(s, unit)
        listing.status, listing.published_at = "published", utcnow()
        listing.withdrawn_at = listing.withdraw_reason = None
        s.add(listing)
        s.flush()
        audit.record(s, actor, "listing.publish", "listing", listing.id)
        return listing_info(s, listing)


def _withdraw(session: Session, actor: Actor, listing: Listing, reason: str) -> None:
    listing.status, listing.withdrawn_at, listing.withdraw_reason = "withdrawn", utcnow(), reason
    session.add(listing)
    session.flush()
    audit.record(session, actor, "listing.withdraw", "listing", listing.id, reason=reason)


def withdraw_listing(desk: Desk, actor: Actor, listing_id: str,
                     reason: str = "房东撤回") -> ListingInfo:
    require(actor, "register")
    with write_session(desk.engine) as s:
        listing = load_listing(s, listing_id)
        if listing.status == "withdrawn":
            raise Refused("already_withdrawn", "该招租信息已撤下。", "The listing is already withdrawn.")
        _withdraw(s, actor, listing, reason.strip() or "房东撤回")
        return listing_info(s, listing)


def update_listing(desk: Desk, actor: Actor, listing_id: str, *, rent_yuan: int | None = None,
                   available_from: date | None = None, contact_name: str | None = None,
                   contact_phone: str | None = None, floor: int | None = None,
                   description: str | None = None) -> ListingInfo:
    """Change what the landlord asks for; None leaves a field as it is."""
    require(actor, "register")
    with write_session(desk.engine) as s:
        listing = load_listing(s, listing_id)
        if rent_yuan is not None:
            listing.rent_yuan = whole_yuan(rent_yuan, "月租金", "The rent")
        if contact_phone is not None:
            phone = normalise_phone(contact_phone)
            if phone_problem(phone):
                raise Refused("contact_required", "联系电话格式不对。", "The phone is not valid.")
            listing.contact_phone = phone
        if contact_name is not None and contact_name.strip():
            listing.contact_name = contact_name.strip()
        if description is not None:
            listing.description = description.strip() or None
        if available_from is not None:
            listing.available_from = available_from
        if floor is not None:
            listing.floor = floor
        s.add(listing)
        s.flush()
        audit.record(s, actor, "listing.update", "listing", listing.id)
        return listing_info(s, listing)


def withdraw_full(session: Session, actor: Actor) -> list[str]:
    """rule R5: published listings whose unit has filled up since are withdrawn (ids)."""
    gone = []
    for listing in session.exec(select(Listing).where(Listing.status == "published")).all():
        unit = session.get(Unit, listing.unit_id)
        assert unit is not None
        slots = unit_slots(session, unit)
        if slots.free is None or slots.full:
            _withdraw(session, actor, listing, "已住满（核定人数上限）")
            gone.append(listing.id)
    return gone


def get_listing(desk: Desk, listing_id: str) -> ListingInfo:
    with read_session(desk.engine) as s:
        return listing_info(s, load_listing(s, listing_id))


def list_listings(desk: Desk, status: str | None = None, building_code: str | None = None,
                  limit: int = 500, offset: int = 0) -> list[ListingInfo]:
    """Newest first; each with its live slots, so a full unit shows as not available."""
    with read_session(desk.engine) as s:
        q = select(Listing).order_by(Listing.id.desc()).offset(offset).limit(limit)
        if status:
            q = q.where(Listing.status == status)
        if building_code:
            q = q.join(Unit, Unit.id == Listing.unit_id).join(
                Building, Building.id == Unit.building_id).where(
                Building.code == building_code.strip())
        return [listing_info(s, listing) for listing in s.exec(q).all()]


def units_room(desk: Desk, building_id: str) -> dict[str, Slots]:
    """rule R5 as the listing sees it, for every unit of a building (unit number → slots):
    what a form shows beside each unit before the clerk tries to list it."""
    with read_session(desk.engine) as s:
        units = s.exec(select(Unit).where(Unit.building_id == building_id)).all()
        return {u.number: unit_slots(s, u) for u in units}
