"""Printing the forms from the records: gather, render, log the print (rules R2, R6, R10).

Each `*_pdf` function reads what its form needs in one read transaction, renders with
app.forms while no session is open (ReportLab takes 15–130 ms; the SQLite write lock is not
held meanwhile), then records the print in one write transaction: an audit entry per record
(rule R10: every print and reprint of personal data is attributed to a staff account) and,
for the 采集表, the CollectionForm row (printed_at, print_count). The bytes are returned only
after that commit, so a refused or failed print leaves neither a PDF nor a log entry.

What each paper prints in full or masked is decided here, with the one masking rule of each
kind (app.identity.mask_id, app.tenants.privacy.mask_phone): the 采集表 carries the full
identity number (the tenant signs it, the workstation files it, rule R6); the card receipt,
the manifest and the unit form get it masked. app.forms only lays out what it is given.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import or_
from sqlmodel import Session, select

from app.data.blobs import read_blob
from app.desk.clock import as_utc, local_midnight_utc, zone
from app.desk.context import Desk
from app.desk.errors import NotFound, Refused
from app.forms import (
    CardReceiptData,
    CenterInfo,
    ManifestData,
    ManifestEntry,
    ResidentRow,
    TenantFormData,
    UnitFormData,
    render_blank_collection,
    render_blank_unit,
    render_card_receipt,
    render_collection_batch,
    render_collection_form,
    render_manifest,
    render_unit_form,
)
from app.identity import mask_id
from app.printing.print_log import Printed, record_prints
from app.printing.print_policy import check_reveal, masked_form
from app.staff import audit
from app.staff.accounts import require
from app.staff.audit import Actor
from app.staff.read_audit import check_miss_budget, log_read
from app.supervision.delivery import get_handover
from app.tenants.cards import normalise_card_number
from app.tenants.lookups import (
    active_tenancy,
    canonical_idno,
    find_person,
    find_unit,
    unit_and_building,
)
from app.tenants.occupancy import active_cards_in_building, building_cap, unit_cap
from app.tenants.papers import document_label, ethnicity_or_nationality, family_planning_text
from app.tenants.privacy import mask_phone
from db.engine import read_session
from db.models import (
    Card,
    CardEvent,
    CardStatus,
    Center,
    CollectionForm,
    Company,
    IdDocument,
    Landlord,
    Person,
    Staff,
    Tenancy,
    utcnow,
)

SEX = {"M": "男", "F": "女"}
BLANK_KINDS = ("collection", "unit")


# -- small readers ---------------------------------------------------------------------------

def center_info(s: Session) -> CenterInfo:
    center = s.exec(select(Center)).first()
    if center is None:
        raise Refused("no_center", "尚未建立中心，请先运行 rentdesk init。",
                      "No centre yet: run `rentdesk init` first.")
    return CenterInfo(center.name, center.center_code, center.workstation or "")


def _local(desk: Desk, value: datetime | None) -> datetime | None:
    """Stored UTC instants print in the centre's time zone (what the clerk's clock says)."""
    return as_utc(value).astimezone(zone(desk)) if value is not None else None


def _day_bounds(desk: Desk, day: date) -> tuple[datetime, datetime]:
    tz = zone(desk)
    return local_midnight_utc(day, tz), local_midnight_utc(day + timedelta(days=1), tz)


def _document(s: Session, person_id: str, number: str | None = None) -> IdDocument | None:
    q = select(IdDocument).where(IdDocument.person_id == person_id)
    if number:
        q = q.where(IdDocument.number == number)
    return s.exec(q.order_by(IdDocument.verified.desc(), IdDocument.created_at)).first()


def _staff_name(s: Session, staff_id: str | None) -> str:
    staff = s.get(Staff, staff_id) if staff_id else None
    return staff.display_name if staff else ""


def _photo(desk: Desk, sha: str | None) -> bytes | None:
    if not sha:
        return None
    try:
        return read_blob(desk, sha)
    except FileNotFoundError:
        # The form keeps an empty 照片 box for a glued print: one lost file should not stop
        # the desk from printing the rest of the record.
        return None


# -- 采集表 (rule R6) --------------------------------------------------------------------------

def _tenant_form(s: Session, desk: Desk, tenancy: Tenancy,
                 doc: IdDocument | None = None) -> TenantFormData:
    person = s.get(Person, tenancy.person_id)
    assert person is not None
    doc = doc or _document(s, person.id)
    unit, building = unit_and_building(s, tenancy.unit_id)
    landlord = s.get(Landlord, unit.landlord_id) if unit.landlord_id else None
    card = s.exec(select(Card.number).where(Card.tenancy_id == tenancy.id,
                                            Card.status == CardStatus.ACTIVE)).first()
    number = doc.number if doc else ""
    return TenantFormData(
        # the number the clerk types into the search box, so the QR finds the record again
        record_no=number or tenancy.id, name=person.name, sex=SEX.get(person.sex or "", ""),
        ethnicity=ethnicity_or_nationality(person), birth_date=person.birth_date,
        id_kind_label=document_label(doc), id_number=number,
        household_address=person.household_address or "", phone=person.phone or "",
        employer=person.employer or "", occupation=person.occupation or "",
        arrival_date=tenancy.arrival_date, registered_at=_local(desk, tenancy.collected_at),
        building_name=building.name, building_address=building.address,
        unit_number=unit.number, landlord_name=landlord.name if landlord else "",
        landlord_phone=(landlord.phone or "") if landlord else "",
        family_planning_cert=family_planning_text(tenancy),  # rule R9
        marital_status=person.marital_status or "", education=person.education or "",
        stay_reason=tenancy.stay_reason or "", card_number=card,
        photo_jpeg=_photo(desk, tenancy.photo_sha256 or person.photo_sha256),
        clerk_name=_staff_name(s, tenancy.registered_by))


def _tenancy_of(s: Session, idno: str) -> tuple[Tenancy, IdDocument | None]:
    """The current stay, else the latest one (a moved-out tenant's form may be reprinted)."""
    person = find_person(s, idno)
    tenancy = active_tenancy(s, person.id) or s.exec(
        select(Tenancy).where(Tenancy.person_id == person.id)
        .order_by(Tenancy.collected_at.desc())).first()
    if tenancy is None:
        raise NotFound("no_tenancy", f"{person.name} 没有租住登记记录，请先登记。",
                       "This person has no tenancy on record: register the stay first.")
    # the document typed, when the person holds several (e.g. a passport and a permit)
    return tenancy, _document(s, person.id, canonical_idno(idno)) or _document(s, person.id)


def collection_form_pdf(desk: Desk, actor: Actor, idno: str) -> bytes:
    """《租住人员信息采集表》 of the tenant with this document number (rules R2, R6)."""
    require(actor, "print")
    check_miss_budget(desk, actor)  # a whole number typed: no brute-force oracle (issue 12)
    try:
        with read_session(desk.engine) as s:
            center = center_info(s)
            tenancy, doc = _tenancy_of(s, idno)
            data = _tenant_form(s, desk, tenancy, doc)
    except NotFound:
        log_read(desk, actor, "form_id", idno, found=0, miss=True)
        raise
    pdf = render_collection_form(center, data)
    record_prints(desk, actor, [Printed("collection", "tenancy", tenancy.id)])
    return pdf


def _collected_on(s: Session, desk: Desk, day: date) -> list[Tenancy]:
    start, end = _day_bounds(desk, day)
    return list(s.exec(select(Tenancy).where(Tenancy.collected_at >= start,
                                             Tenancy.collected_at < end)
                       .order_by(Tenancy.collected_at)))


def batch_collection_pdf(desk: Desk, actor: Actor, day: date,
                         reveal_reason: str | None = None) -> bytes:
    """Every 采集表 collected on this local day in one PDF, one page each, oldest first;
    masked unless `reveal_reason` is given by an account that may reveal (app.printing.print_policy)."""
    require(actor, "print")
    reason = check_reveal(actor, reveal_reason)
    with read_session(desk.engine) as s:
        center = center_info(s)
        tenancies = _collected_on(s, desk, day)
        if not tenancies:
            raise NotFound("no_records", f"{day.isoformat()} 没有采集记录，无表可打印。",
                           f"No records were collected on {day.isoformat()}: nothing to print.")
        forms = [_tenant_form(s, desk, t) for t in tenancies]
    if reason is None:
        forms = [masked_form(f, t.id) for f, t in zip(forms, tenancies, strict=True)]
    pdf = render_collection_batch(center, forms)
    # rule R10: a full-number batch is a reveal, logged with its reason and how many
    extra = {"numbers": "masked"} if reason is None else {
        "numbers": "full", "reason": reason, "batch_size": str(len(tenancies))}
    record_prints(desk, actor, [Printed("collection", "tenancy", t.id) for t in tenancies],
                  batch=day.isoformat(), **extra)
    return pdf


# -- 门禁卡发卡回执 (rules R5, R6) --------------------------------------------------------------

def card_receipt_pdf(desk: Desk, actor: Actor, card: str) -> bytes:
    """The receipt of the active card with this number (as a reader types it)."""
    require(actor, "print")
    number = normalise_card_number(card)
    with read_session(desk.engine) as s:
        center = center_info(s)
        row = s.exec(select(Card).where(Card.number == number)
                     .order_by((Card.status == CardStatus.ACTIVE).desc(), Card.issued_at.desc())).first()
        if row is None:
            raise NotFound("no_card", f"没有卡号为 {number} 的门禁卡。",
                           f"No access card with number {number}.")
        if row.status != CardStatus.ACTIVE:
            # a receipt tells the holder the card is theirs and works: not for a dead card
            raise Refused("card_not_active", f"门禁卡 {number} 已停用（{row.status}），不能打印回执。",
                          f"Card {number} is no longer active ({row.status}): no receipt.")
        person = s.get(Person, row.person_id)
        assert person is not None
        doc = _document(s, person.id)
        unit, building = unit_and_building(s, row.unit_id)
        issuer = s.exec(select(CardEvent.staff_id).where(
            CardEvent.card_id == row.id, CardEvent.kind.in_(("issue", "replace")))).first()
        data = CardReceiptData(
            record_no=number, tenant_name=person.name, id_number=mask_id(doc.number) if doc else "",
            card_number=number, building_name=building.name, unit_number=unit.number,
            issued_at=_local(desk, row.issued_at), clerk_name=_staff_name(s, issuer),
            building_address=building.address)
    pdf = render_card_receipt(center, data)
    record_prints(desk, actor, [Printed("receipt", "card", row.id)])
    return pdf


# -- 移交清单 (rule R2) ------------------------------------------------------------------------

def _entry(s: Session, desk: Desk, t: Tenancy) -> ManifestEntry:
    person = s.get(Person, t.person_id)
    assert person is not None
    doc = _document(s, person.id)
    unit, building = unit_and_building(s, t.unit_id)
    printed = s.exec(select(CollectionForm.id).where(CollectionForm.tenancy_id == t.id,
                                                     CollectionForm.printed_at != None)  # noqa: E711
                     ).first()
    # A tick only where the system knows the paper exists; the empty boxes are ticked by hand.
    return ManifestEntry(
        name=person.name, id_number=mask_id(doc.number) if doc else "", building_name=building.name,
        unit_number=unit.number, collected_at=_local(desk, t.collected_at),
        has_form=printed is not None, has_id_copy=bool(doc and doc.scan_front_sha256),
        has_photo=bool(t.photo_sha256 or person.photo_sha256),
        has_family_planning_cert=bool(t.family_planning_cert or t.family_planning_scan_sha256))


def _manifest_data(s: Session, desk: Desk, actor: Actor,
                   day: date) -> tuple[ManifestData, list[str]]:
    start, end = _day_bounds(desk, day)
    rows = list(s.exec(select(Tenancy).where(or_(
        (Tenancy.collected_at >= start) & (Tenancy.collected_at < end),
        (Tenancy.handed_over_at >= start) & (Tenancy.handed_over_at < end)))
        .order_by(Tenancy.collected_at)))
    if not rows:
        raise NotFound("no_records", f"{day.isoformat()} 没有采集或移交的记录，无清单可打印。",
                       f"No records were collected or handed over on {day.isoformat()}.")
    batches = {t.handover_id for t in rows}
    batch_no, staff = f"YJ-{day:%Y%m%d}", actor.display_name
    handed = None
    if len(batches) == 1 and None not in batches:
        # the whole day went in one handover batch: print it under that batch's number
        batch = get_handover(desk, batches.pop())
        batch_no, staff = batch.number, batch.handed_over_by or staff
        handed = _local(desk, batch.handed_over_at)
    return ManifestData(batch_no=batch_no, created_at=_local(desk, utcnow()),
                        entries=[_entry(s, desk, t) for t in rows], handed_over_at=handed,
                        center_staff=staff, audit_head=audit.chain_head(s)), [t.id for t in rows]


def manifest_pdf(desk: Desk, actor: Actor, day: date) -> bytes:
    """移交清单 of the records collected or handed over on this local day."""
    require(actor, "print")
    with read_session(desk.engine) as s:
        center = center_info(s)
        data, shown = _manifest_data(s, desk, actor, day)
    pdf = render_manifest(center, data)
    # the list names people: the entry lists their records by id, so a view is traceable
    record_prints(desk, actor, [Printed("manifest", "manifest", day.isoformat())],
                  batch=data.batch_no, tenancies=shown)
    return pdf


# -- 出租屋综合信息登记表 (rule R5) -------------------------------------------------------------

def _residents(s: Session, desk: Desk, unit_id: str) -> tuple[list[ResidentRow], list[str]]:
    rows, ids = [], []
    for t in s.exec(select(Tenancy).where(Tenancy.unit_id == unit_id,
                                          Tenancy.moved_out_at == None)  # noqa: E711
                    .order_by(Tenancy.collected_at)):
        person = s.get(Person, t.person_id)
        assert person is not None
        doc = _document(s, person.id)
        card = s.exec(select(Card.number).where(Card.tenancy_id == t.id,
                                                Card.status == CardStatus.ACTIVE)).first()
        rows.append(ResidentRow(person.name, SEX.get(person.sex or "", ""),
                                mask_id(doc.number) if doc else "", mask_phone(person.phone),
                                t.arrival_date or _local(desk, t.collected_at).date(), card))
        ids.append(t.id)
    return rows, ids


def unit_form_pdf(desk: Desk, actor: Actor, building_code: str, unit_number: str) -> bytes:
    """The unit's register: building, cap (rule R5, from app.tenants.occupancy), landlord, residents."""
    require(actor, "print")
    with read_session(desk.engine) as s:
        center = center_info(s)
        unit = find_unit(s, actor.center_code, building_code, unit_number)
        unit, building = unit_and_building(s, unit.id)
        try:
            cap: int | None = building_cap(building)
        except Refused:
            cap = None  # area unknown or invalid: the box stays empty for the clerk to query
        company = s.get(Company, building.company_id) if building.company_id else None
        landlord = s.get(Landlord, unit.landlord_id) if unit.landlord_id else None
        residents, shown = _residents(s, desk, unit.id)
        data = UnitFormData(
            record_no=f"{building.code}-{unit.number}", building_name=building.name,
            unit_number=unit.number, building_address=building.address,
            building_code=building.code, company_name=company.name if company else "",
            floor=unit.floor, unit_area_m2=unit.area_m2,
            building_floor_area_m2=building.floor_area_m2,
            building_public_area_m2=building.public_area_m2, building_cap=cap,
            unit_cap=unit_cap(unit.area_m2),
            building_active_cards=active_cards_in_building(s, building.id),
            landlord_name=landlord.name if landlord else "",
            landlord_id_number=mask_id(landlord.id_number or "") if landlord else "",
            landlord_phone=(landlord.phone or "") if landlord else "",
            landlord_address=(landlord.address or "") if landlord else "",
            residents=residents, registered_at=_local(desk, unit.created_at),
            clerk_name=actor.display_name)
    pdf = render_unit_form(center, data)
    record_prints(desk, actor, [Printed("unit", "unit", unit.id)], tenancies=shown)
    return pdf


# -- blank forms -------------------------------------------------------------------------------

def blank_pdf(kind: str, desk: Desk | None = None) -> bytes:
    """An empty 采集表 or unit form for handwriting when the system is down.

    No personal data, so no account and no log entry; with a desk, the centre's name heads it.
    """
    if kind not in BLANK_KINDS:
        raise Refused("bad_form_kind", f"没有这种空白表：{kind}（可选 collection 或 unit）。",
                      f"No blank form {kind!r} (choose collection or unit).")
    center = CenterInfo("出租屋管理服务中心")
    if desk is not None and desk.center_code is not None:
        with read_session(desk.engine) as s:
            center = center_info(s)
    return render_blank_collection(center) if kind == "collection" else render_blank_unit(center)
