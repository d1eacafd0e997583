"""Tenant intake (信息采集) and move-out: the tenant record of R6."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, fields
from datetime import date
from pathlib import Path

from sqlmodel import Session, select

from app.data.blobs import store_blob
from app.data.text_input import (
    check_fields,
    has_visible_letter,
    odd_name_character,
    strip_invisible,
)
from app.desk import clock
from app.desk.context import Desk
from app.desk.errors import Refused
from app.identity import doc_key, parse_id
from app.staff import audit
from app.staff.accounts import require, require_trained
from app.staff.audit import Actor
from app.tenants.cards import end_card
from app.tenants.lookups import (
    active_tenancy,
    find_person,
    find_unit,
    require_active_tenancy,
    unit_and_building,
)
from app.tenants.number_lookup import number_lookup
from app.tenants.occupancy import room_check
from app.tenants.overcrowding import flag_over_cap, resolve_flags
from app.tenants.papers import (  # noqa: F401  (family_planning_applies, clean_cert: re-exported)
    clean_cert,
    ethnicity_for,
    family_planning_applies,
    family_planning_reason,
    papers_of,
    papers_problems,
)
from app.tenants.phone import normalise_phone, phone_problem
from app.tenants.photo_intake import id_photo_from_file
from db.engine import write_session
from db.models import Card, CardStatus, IdDocument, Person, Tenancy, utcnow

_WHITESPACE = re.compile(r"\s+")


@dataclass
class TenantInput:
    """The fields of 《租住人员信息采集表》 a clerk collects."""

    idno: str
    name: str
    phone: str
    building_code: str
    unit_number: str
    id_kind: str | None = None  # detected from the number unless passport/other
    country: str | None = None
    # Papers whose number does not carry them (passports, other papers): the clerk types
    # them from the document. Ignored where the number carries them (resident ID etc.).
    sex: str | None = None  # M | F
    birth_date: date | None = None
    nationality: str | None = None  # ISO alpha-3; a passport's issuing country by default
    ethnicity: str | None = None  # 民族: Chinese nationals only, never assumed
    household_address: str | None = None
    native_place: str | None = None
    marital_status: str | None = None
    education: str | None = None
    employer: str | None = None
    occupation: str | None = None
    arrival_date: date | None = None
    stay_reason: str | None = None
    family_planning_cert: str | None = None
    family_planning_reason: str | None = None  # rule R9: one of FP_REASONS when no number
    scans: dict[str, bytes] = field(default_factory=dict)  # id_front | id_back | family_planning

    def __post_init__(self) -> None:
        """The person's input boundary: the GUI, `register --person` and the import all
        build a TenantInput, so what they typed or pasted is cleaned here, once. A number
        pasted with its line break or spaces is trimmed (not refused as a control
        character); the phone gets ASCII digits (app.tenants.phone); the name loses the
        invisible format characters copy-paste brings (U+200B, U+00AD, U+2060 …), which
        would otherwise be stored inside it."""
        if isinstance(self.idno, str):
            self.idno = _WHITESPACE.sub(" ", self.idno).strip()
        if isinstance(self.phone, str):
            self.phone = normalise_phone(self.phone)
        if isinstance(self.name, str):
            self.name = strip_invisible(self.name).strip()
        for spec in fields(self):  # an optional field of nothing visible is an empty one
            value = getattr(self, spec.name)
            if isinstance(value, str) and value and not strip_invisible(value).strip():
                setattr(self, spec.name, "")


@dataclass(frozen=True)
class Registered:
    person_id: str
    tenancy_id: str
    idno: str
    name: str
    building_name: str
    unit_number: str
    full: str | None = None  # "building" | "unit": registered into a full place, no card (R5)


def validate_input(data: TenantInput, today: date) -> list[tuple[str, str, str]]:
    """Every field problem as (field, zh, en), so the form can mark them inline; `today` is
    the centre's day (app.desk.clock), which ages and arrival dates are judged against."""
    # The text boundary first (issue 11): NUL, control characters, over-long cells.
    problems = check_fields("person", {
        "idno": data.idno, "name": data.name, "phone": data.phone,
        "building_code": data.building_code, "unit_number": data.unit_number,
        "ethnicity": data.ethnicity, "household_address": data.household_address,
        "native_place": data.native_place, "marital_status": data.marital_status,
        "education": data.education, "employer": data.employer, "occupation": data.occupation,
        "stay_reason": data.stay_reason, "family_planning_cert": data.family_planning_cert})
    if problems:
        return problems
    parsed = parse_id(data.idno, data.id_kind, data.country, today=today)
    if not parsed.valid:
        problems.append(("idno", f"证件号码：{parsed.error}", f"ID number: {parsed.error_en}"))
    else:
        problems += papers_problems(parsed, data, today)
    problems += name_problems(data.name)
    if (bad_phone := phone_problem(data.phone)) is not None:
        problems.append(bad_phone)
    if not (data.building_code or "").strip():
        problems.append(("building_code", "请选择楼栋。", "Choose the building."))
    if not (data.unit_number or "").strip():
        problems.append(("unit_number", "请选择房号。", "Choose the unit."))
    if data.arrival_date and data.arrival_date > today:
        problems.append(("arrival_date", "来本地日期不能晚于今天。", "Arrival date is in the future."))
    return problems


def name_problems(text: str | None) -> list[tuple[str, str, str]]:
    name = strip_invisible(text or "").strip()
    if not name:
        return [("name", "姓名必填。", "Name (姓名) is required.")]
    if len(name) > 60:
        return [("name", "姓名过长（最多 60 字）。", "Name (姓名) too long (60 characters at most).")]
    if not has_visible_letter(name):  # only marks, symbols or blank letters: nobody's name
        return [("name", "姓名：须含至少一个汉字或字母。",
                 "Name (姓名): must hold at least one letter or Chinese character.")]
    if (odd := odd_name_character(name)) is not None:
        return [("name", f"姓名：含有看不见或特殊的字符（U+{ord(odd):04X}），请删除后重新输入。",
                 f"Name (姓名): holds an invisible or special character (U+{ord(odd):04X}); "
                 "delete it and type the name again.")]
    if any(unicodedata.category(c) == "Nd" for c in name):
        # A digit in a name is a slip: the rest of a number typed a key too far.
        return [("name", "姓名：不能含数字，请删除数字（是否多输入了证件号码或电话的一位？）。",
                 "Name (姓名): must not contain digits; delete them (was a digit of the ID "
                 "number or phone typed one key too far?).")]
    return []


SCAN_NAMES = {"id_front": ("身份证正面", "ID front"), "id_back": ("身份证反面", "ID back"),
              "family_planning": ("计生证", "family-planning certificate")}


def _store_scans(desk: Desk, s: Session, scans: dict[str, bytes]) -> dict[str, str]:
    from app.photos import ImageRefused, prepare_scan  # OpenCV only when scans come in

    stored = {}
    for kind, data in scans.items():
        try:
            stored[kind] = store_blob(desk, s, prepare_scan(data), "scan")
        except ImageRefused as e:  # the clerk's refusal, like every other: which paper, why
            zh, en = SCAN_NAMES.get(kind, (kind, kind))
            raise Refused(f"scan_{e.reason}", f"{zh}扫描件：{e.message}",
                          f"{en} scan: {e.message_en}") from None
    return stored


def register_tenant(desk: Desk, actor: Actor, data: TenantInput, photo_jpeg: bytes | None = None,
                    photo_file: Path | None = None, today: date | None = None,
                    accept_full: bool = False) -> Registered:
    """Register a stay. The photo must already be a checked ID crop, or a file to check.

    rule R5: into a full room or building the stay is refused with `room_full` unless the
    clerk accepts it (`accept_full`): the person is then recorded all the same (every
    resident must be collected), no card can be issued, and the crowding is flagged for the
    supervisor in the same transaction."""
    today = today or clock.today(desk)
    problems = validate_input(data, today)
    if problems:
        raise Refused("invalid_input", "；".join(p[1] for p in problems),
                      "; ".join(p[2] for p in problems), fields=[p[0] for p in problems])
    if photo_file is not None:
        photo_jpeg = id_photo_from_file(photo_file)
    parsed = parse_id(data.idno, data.id_kind, data.country, today=today)
    assert parsed.number and parsed.kind
    with write_session(desk.engine) as s:
        require_trained(s, actor, "register", today)
        unit = find_unit(s, actor.center_code, data.building_code, data.unit_number)
        room = room_check(s, *reversed(unit_and_building(s, unit.id)))
        if room.full and not accept_full:
            raise Refused("room_full", room.zh, room.en, scope=room.scope, cap=room.cap,
                          people=room.people, cards=room.cards)
        kind, country, number = doc_key(parsed)  # rule R6: passports differ by country
        doc = s.exec(select(IdDocument).where(IdDocument.kind == kind, IdDocument.country == country,
                                              IdDocument.number == number)).first()
        person = s.get(Person, doc.person_id) if doc else None
        if person is not None:
            current = active_tenancy(s, person.id)
            if current is not None:
                cu, cb = unit_and_building(s, current.unit_id)
                raise Refused("already_registered",
                              f"该证件已登记在住：{cb.name} {cu.number}。如已搬离，请先办理迁出。",
                              f"Already registered as living in {cb.name} {cu.number}: move them "
                              "out there first.", building=cb.name, unit=cu.number)
        else:
            person = Person(center_code=actor.center_code, name=data.name.strip())
        person.name = data.name.strip()
        papers = papers_of(parsed, data)
        person.sex, person.birth_date = papers.sex, papers.birth_date
        person.nationality = papers.nationality
        person.ethnicity = ethnicity_for(papers, data.ethnicity)
        for attr in ("household_address", "native_place", "marital_status",
                     "education", "employer", "occupation"):
            setattr(person, attr, getattr(data, attr))
        person.phone = normalise_phone(data.phone)
        photo_sha = store_blob(desk, s, photo_jpeg, "photo") if photo_jpeg else None
        if photo_sha:
            person.photo_sha256 = photo_sha
        s.add(person)
        s.flush()
        scans = _store_scans(desk, s, data.scans) if data.scans else {}
        if doc is None:
            doc = IdDocument(center_code=actor.center_code, person_id=person.id, kind=kind,
                             country=country, number=number,
                             region_code=parsed.region_code)
        doc.verified = True  # the clerk checked the original (R6)
        doc.scan_front_sha256 = scans.get("id_front", doc.scan_front_sha256)
        doc.scan_back_sha256 = scans.get("id_back", doc.scan_back_sha256)
        s.add(doc)
        tenancy = Tenancy(center_code=actor.center_code, person_id=person.id, unit_id=unit.id,
                          arrival_date=data.arrival_date, stay_reason=data.stay_reason,
                          family_planning_cert=clean_cert(data.family_planning_cert),
                          family_planning_reason=family_planning_reason(papers, data, today),
                          family_planning_due=family_planning_applies(
                              papers.sex, papers.birth_date, today),  # rule R9
                          family_planning_scan_sha256=scans.get("family_planning"),
                          photo_sha256=photo_sha, registered_by=actor.staff_id)
        s.add(tenancy)
        s.flush()
        audit.record(s, actor, "tenant.register", "tenancy", tenancy.id, person=person.id,
                     photo=bool(photo_sha), scans=sorted(scans))
        unit, building = unit_and_building(s, unit.id)
        if room.full:
            flag_over_cap(s, actor, tenancy, building, unit, room)
        return Registered(person.id, tenancy.id, parsed.number, person.name, building.name,
                          unit.number, room.scope if room.full else None)


def attach_photo(desk: Desk, actor: Actor, idno: str, photo_jpeg: bytes) -> None:
    """Add or retake the photo of a current stay."""
    with write_session(desk.engine) as s:
        require(actor, "register")
        person = find_person(s, idno)
        tenancy = require_active_tenancy(s, person)
        sha = store_blob(desk, s, photo_jpeg, "photo")
        tenancy.photo_sha256 = person.photo_sha256 = sha
        s.add_all([tenancy, person])
        s.flush()
        audit.record(s, actor, "tenant.photo", "tenancy", tenancy.id)


def move_out(desk: Desk, actor: Actor, idno: str, card_returned: bool = False,
             reason: str = "迁出") -> str | None:
    """End the stay and stop its card (人走卡销). Returns the card number stopped, if any."""
    with number_lookup(desk, actor, "moveout", idno), write_session(desk.engine) as s:
        require(actor, "card_lifecycle")
        person = find_person(s, idno)
        tenancy = require_active_tenancy(s, person)
        tenancy.moved_out_at = utcnow()
        resolve_flags(s, tenancy.id)
        s.add(tenancy)
        stopped = None
        for card in s.exec(select(Card).where(Card.tenancy_id == tenancy.id,
                                              Card.status == CardStatus.ACTIVE)).all():
            end_card(s, actor, card, CardStatus.RETURNED if card_returned else CardStatus.REVOKED,
                     reason)
            stopped = card.number
        s.flush()
        audit.record(s, actor, "tenant.move_out", "tenancy", tenancy.id, reason=reason)
        return stopped
