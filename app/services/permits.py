"""居住证申办 (rule R1): eligibility, the papers checklist, the application and its status.

居住证暂行条例 第二条: a person who has lived in the city for half a year or more and meets one
of 合法稳定就业 / 合法稳定住所 / 连续就读 may apply. 第九条: the application carries the ID card,
a photo, proof of the address (a lease, a deed, a housing certificate) and, where that is the
condition, proof of the employment or study.

Half a year counts from the residence registration at the address: the day the centre
collected the record (its local calendar day), or the declared arrival if that is later.
It is reached on the same day six months on, or the month's last day where that day does
not exist (民法典 第二百零二条), and 以上 includes the day itself (第一千二百五十九条).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, select

from app.data.blobs import store_blob
from app.desk import clock
from app.desk.clock import local_date
from app.desk.context import Desk
from app.desk.errors import Refused
from app.identity import mask_id
from app.services.common import image_for_storage, not_found
from app.services.leases import current_lease
from app.staff import audit
from app.staff.accounts import require
from app.staff.audit import Actor
from app.staff.read_audit import audited_read
from app.tenants.lookups import find_person, require_active_tenancy
from app.tenants.number_lookup import number_lookup
from db.engine import read_session, write_session
from db.models import IdDocument, Person, Tenancy
from db.service_tables import PermitApplication, PermitEvent

RESIDENCE_MONTHS = 6
BASES: dict[str, tuple[str, str]] = {
    "employment": ("合法稳定就业", "stable legal employment"),
    "housing": ("合法稳定住所", "stable legal residence"),
    "study": ("连续就读", "continuous study"),
}
_WORK_WORDS = ("务工", "经商", "就业", "工作", "打工")
_STUDY_WORDS = ("就读", "上学", "求学", "读书", "学习")


def add_months(d: date, months: int) -> date:
    """The same day `months` later, or that month's last day (民法典 第二百零二条)."""
    index = d.month - 1 + months
    year, month = d.year + index // 12, index % 12 + 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class CheckItem:
    code: str
    ok: bool
    zh: str
    en: str


@dataclass(frozen=True)
class PermitCheck:
    person_id: str
    tenancy_id: str
    name: str
    idno_masked: str
    residence_from: date     # the day the half year counts from
    eligible_on: date        # the first day it is reached
    days_short: int          # 0 once reached
    bases: tuple[str, ...]   # conditions met (employment / housing / study)
    basis: str | None        # the one the application would use
    lease_id: str | None     # a registered lease covering today: the address proof
    items: tuple[CheckItem, ...]

    @property
    def eligible(self) -> bool:
        return all(i.ok for i in self.items)

    @property
    def missing(self) -> tuple[CheckItem, ...]:
        return tuple(i for i in self.items if not i.ok)


def residence_from(desk: Desk, tenancy: Tenancy) -> date:
    registered = local_date(desk, tenancy.collected_at)
    if tenancy.arrival_date and tenancy.arrival_date > registered:
        return tenancy.arrival_date
    return registered


def _bases(person: Person, tenancy: Tenancy, has_address_proof: bool) -> tuple[str, ...]:
    reason = tenancy.stay_reason or ""
    met = []
    if (person.employer or "").strip() or any(w in reason for w in _WORK_WORDS):
        met.append("employment")
    if has_address_proof:
        met.append("housing")
    if any(w in reason for w in _STUDY_WORDS):
        met.append("study")
    return tuple(met)


def _item(code: str, ok: bool, zh: str, en: str) -> CheckItem:
    return CheckItem(code, ok, zh, en)


def evaluate(desk: Desk, s: Session, person: Person, today: date, basis: str | None = None,
             housing_proof: bool = False, basis_proof: bool = False) -> PermitCheck:
    """The checklist for `person` on `today`; `*_proof` say a scan is handed in now."""
    if basis is not None and basis not in BASES:
        raise Refused("bad_basis", "申领条件应为 employment（就业）、housing（住所）或 study（就读）。",
                      "The basis must be employment, housing or study.")
    tenancy = require_active_tenancy(s, person)
    docs = s.exec(select(IdDocument).where(IdDocument.person_id == person.id)).all()
    resident = [d for d in docs if d.kind == "resident"]
    lease = current_lease(s, tenancy.id, today)
    start = residence_from(desk, tenancy)
    due = add_months(start, RESIDENCE_MONTHS)
    address_proof = lease is not None or housing_proof
    met = _bases(person, tenancy, address_proof)
    chosen = basis or next((b for b in ("housing", "employment", "study") if b in met), None)
    needs_basis_proof = chosen in ("employment", "study")
    items = (
        _item("resident_id", bool(resident), "居民身份证（居住证仅面向内地居民）",
              "a resident ID card (residence permits are for mainland residents)"),
        _item("id_verified", any(d.verified for d in resident), "身份证原件已核验",
              "the original ID card checked"),
        _item("photo", bool(tenancy.photo_sha256 or person.photo_sha256), "本人相片",
              "the applicant's photo"),
        _item("residence_6m", today >= due,
              f"居住登记满半年（自 {start} 起，{due} 满）",
              f"registered residence of half a year (from {start}, reached {due})"),
        _item("address_proof", address_proof, "居住地住址证明（已登记的租赁合同或住所证明）",
              "proof of the address (a registered lease or a housing certificate)"),
        _item("basis", chosen is not None and chosen in met,
              "符合合法稳定就业、合法稳定住所、连续就读之一",
              "stable employment, stable residence or continuous study"),
        _item("basis_proof", not needs_basis_proof or basis_proof,
              "就业或就读证明（劳动合同、营业执照、学生证等）",
              "proof of the employment or study (contract, licence, student card)"),
    )
    return PermitCheck(person.id, tenancy.id, person.name,
                       mask_id(resident[0].number if resident else (docs[0].number if docs else "")),
                       start, due, max((due - today).days, 0), met, chosen,
                       lease.id if lease else None, items)


def check_permit(desk: Desk, actor: Actor, idno: str, today: date | None = None,
                 basis: str | None = None, housing_proof: bool = False,
                 basis_proof: bool = False) -> PermitCheck:
    """The eligibility check and what is missing; logged, as it reads a person's record."""
    require(actor, "search")
    with write_session(desk.engine) as s:
        person = find_person(s, idno)
        check = evaluate(desk, s, person, today or clock.today(desk), basis, housing_proof,
                         basis_proof)
        audit.record(s, actor, "permit.check", "person", person.id, eligible=check.eligible,
                     missing=[i.code for i in check.missing])
        return check


# What may follow what; a returned application goes back in once corrected.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    "submitted": ("returned", "issued"),
    "returned": ("submitted",),
    "issued": ("collected",),
    "collected": (),
}
STATUS_LABELS: dict[str, tuple[str, str]] = {
    "submitted": ("已受理", "submitted"), "returned": ("退回补正", "returned for correction"),
    "issued": ("已制证", "issued"), "collected": ("已领取", "collected"),
}


@dataclass(frozen=True)
class PermitEventInfo:
    status: str
    on: date
    note: str | None


@dataclass(frozen=True)
class PermitInfo:
    id: str
    person_id: str
    tenancy_id: str
    status: str
    basis: str
    residence_from: date
    submitted_on: date
    returned_on: date | None
    return_reason: str | None
    issued_on: date | None
    collected_on: date | None
    permit_number: str | None
    lease_id: str | None
    history: tuple[PermitEventInfo, ...]


def permit_info(s: Session, app: PermitApplication) -> PermitInfo:
    events = s.exec(select(PermitEvent).where(PermitEvent.application_id == app.id)
                    .order_by(PermitEvent.event_on, PermitEvent.id)).all()
    return PermitInfo(app.id, app.person_id, app.tenancy_id, app.status, app.basis,
                      app.residence_from, app.submitted_on, app.returned_on, app.return_reason,
                      app.issued_on, app.collected_on, app.permit_number, app.lease_id,
                      tuple(PermitEventInfo(e.status, e.event_on, e.note) for e in events))


def _event(s: Session, actor: Actor, app: PermitApplication, status: str, on: date,
           note: str | None = None) -> None:
    s.add(PermitEvent(center_code=actor.center_code, application_id=app.id, status=status,
                      event_on=on, note=note, staff_id=actor.staff_id))
    s.flush()
    audit.record(s, actor, f"permit.{status}", "permit_application", app.id, on=on)


def _open_application(s: Session, person_id: str) -> PermitApplication | None:
    return s.exec(select(PermitApplication).where(
        PermitApplication.person_id == person_id,
        PermitApplication.status != "collected")).first()


def apply_permit(desk: Desk, actor: Actor, idno: str, today: date | None = None,
                 basis: str | None = None, housing_proof: bytes | None = None,
                 basis_proof: bytes | None = None) -> PermitInfo:
    """Take in an application; refused with the checklist of what is missing."""
    require(actor, "register")
    today = today or clock.today(desk)
    scans = {k: image_for_storage(v) for k, v in (("housing", housing_proof),
                                                   ("basis", basis_proof)) if v}
    with write_session(desk.engine) as s:
        person = find_person(s, idno)
        if (open_app := _open_application(s, person.id)) is not None:
            raise Refused("permit_open", f"{person.name} 已有办理中的居住证申请（{open_app.status}）。",
                          f"An application is already in progress ({open_app.status}).",
                          application=open_app.id)
        check = evaluate(desk, s, person, today, basis, "housing" in scans, "basis" in scans)
        if not check.eligible:
            raise Refused("not_eligible",
                          "不符合申领条件，缺少：" + "；".join(i.zh for i in check.missing),
                          "Not eligible yet, missing: " + "; ".join(i.en for i in check.missing),
                          missing=[i.code for i in check.missing], days_short=check.days_short)
        assert check.basis is not None
        app = PermitApplication(
            center_code=actor.center_code, tenancy_id=check.tenancy_id, person_id=person.id,
            basis=check.basis, residence_from=check.residence_from, submitted_on=today,
            lease_id=check.lease_id, created_by=actor.staff_id,
            housing_proof_sha256=store_blob(desk, s, scans["housing"], "scan")
            if "housing" in scans else None,
            basis_proof_sha256=store_blob(desk, s, scans["basis"], "scan")
            if "basis" in scans else None)
        s.add(app)
        s.flush()
        _event(s, actor, app, "submitted", today, "受理")
        return permit_info(s, app)


def load_application(s: Session, application_id: str | None = None,
                     idno: str | None = None) -> PermitApplication:
    """By id, or a person's newest application."""
    app = None
    if application_id:
        app = s.get(PermitApplication, application_id.strip())
    elif idno:
        person = find_person(s, idno)
        app = s.exec(select(PermitApplication).where(PermitApplication.person_id == person.id)
                     .order_by(PermitApplication.id.desc())).first()
    if app is None:
        raise not_found("居住证申请", "residence-permit application")
    return app


def set_permit_status(desk: Desk, actor: Actor, status: str, on: date,
                      application_id: str | None = None, idno: str | None = None,
                      note: str | None = None, permit_number: str | None = None,
                      today: date | None = None) -> PermitInfo:
    """Record the next step on the day it happened; the order of steps is enforced."""
    require(actor, "register")
    if status not in STATUS_LABELS:
        raise Refused("bad_status", f"状态无效：{status}。", f"Unknown status {status}.")
    by_number = None if application_id else idno
    with number_lookup(desk, actor, "permit", by_number), write_session(desk.engine) as s:
        app = load_application(s, application_id, idno)
        if status not in TRANSITIONS[app.status]:
            raise Refused("bad_transition",
                          f"当前状态为「{STATUS_LABELS[app.status][0]}」，不能改为「{STATUS_LABELS[status][0]}」。",
                          f"An application {STATUS_LABELS[app.status][1]} cannot become "
                          f"{STATUS_LABELS[status][1]}.")
        last = permit_info(s, app).history[-1].on
        if on < last or on > (today or clock.today(desk)):
            raise Refused("bad_date", f"日期 {on} 须在上一步（{last}）之后且不晚于今天。",
                          f"The date {on} must be on or after the last step ({last}) and not "
                          "in the future.")
        if status == "returned":
            if not (note or "").strip():
                raise Refused("reason_required", "退回补正须填写原因。",
                              "Say what must be corrected.")
            app.returned_on, app.return_reason = on, note.strip()
        elif status == "issued":
            app.issued_on = on
            app.permit_number = (permit_number or "").strip() or app.permit_number
        elif status == "collected":
            app.collected_on = on
        app.status = status
        s.add(app)
        _event(s, actor, app, status, on, (note or "").strip() or None)
        return permit_info(s, app)


def permit_applications(desk: Desk, actor: Actor | None, idno: str | None = None,
                        application_id: str | None = None) -> list[PermitInfo]:
    """A person's applications (or one, by its id), newest first, each with its history;
    reading them needs an account and is logged like any read of personal data (R10)."""
    audited_read(desk, actor, "permit", idno or application_id)
    if application_id is not None:
        with read_session(desk.engine) as s:
            return [permit_info(s, load_application(s, application_id))]
    with number_lookup(desk, actor, "permit", idno), read_session(desk.engine) as s:
        person = find_person(s, idno)
        apps = s.exec(select(PermitApplication).where(PermitApplication.person_id == person.id)
                      .order_by(PermitApplication.id.desc())).all()
        return [permit_info(s, a) for a in apps]


def open_permits(desk: Desk) -> list[PermitInfo]:
    """The desk's worklist: applications not yet collected, oldest submission first."""
    with read_session(desk.engine) as s:
        apps = s.exec(select(PermitApplication).where(PermitApplication.status != "collected")
                      .order_by(PermitApplication.submitted_on, PermitApplication.id)).all()
        return [permit_info(s, a) for a in apps]
