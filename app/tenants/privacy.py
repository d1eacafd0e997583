"""What of a person the screen may show: masked by default, revealed with a logged reason."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import select

from app.desk.context import Desk
from app.desk.errors import Refused
from app.identity import mask_id
from app.staff import audit
from app.staff.accounts import PERMISSIONS, require
from app.staff.audit import Actor
from app.tenants.lookups import find_person
from db.engine import write_session
from db.models import IdDocument, Person

__all__ = ["Revealed", "mask_id", "mask_phone", "may_reveal", "reveal_id", "reveal_person"]


def mask_phone(phone: str | None) -> str:
    if not phone:
        return ""
    if len(phone) <= 7:
        return phone[:2] + "*" * (len(phone) - 2)
    return phone[:3] + "*" * (len(phone) - 7) + phone[-4:]


def reveal_id(desk: Desk, actor: Actor, person_id: str, reason: str) -> str:
    """The full document number, for an account allowed to see it, logged with the reason (R10)."""
    require(actor, "reveal_id")
    if not reason.strip():
        raise Refused("reason_required", "查看完整证件号码须填写原因。",
                      "Give a reason to see the full ID number.")
    with write_session(desk.engine) as s:
        doc = s.exec(IdDocument.__table__.select().where(IdDocument.person_id == person_id)).first()
        if doc is None:
            raise Refused("no_person", "没有该租户。", "No such tenant.")
        audit.record(s, actor, "person.reveal_id", "person", person_id, reason=reason.strip())
        return doc.number


@dataclass(frozen=True)
class Revealed:
    idno: str
    phone: str


def reveal_person(desk: Desk, actor: Actor, person_id: str, reason: str) -> Revealed:
    """Full document number and phone of one tenant, for the tenant window and `rentdesk
    reveal`; refused without reveal_id or a reason; logged with the reason (rule R10)."""
    require(actor, "reveal_id")
    if not reason.strip():
        raise Refused("reason_required", "查看完整证件号码须填写原因。",
                      "Give a reason to see the full ID number.")
    with write_session(desk.engine) as s:
        person = s.get(Person, person_id)
        doc = s.exec(select(IdDocument).where(IdDocument.person_id == person_id)).first()
        if person is None or doc is None:
            raise Refused("no_person", "没有该租户。", "No such tenant.")
        audit.record(s, actor, "person.reveal_id", "person", person_id, reason=reason.strip())
        return Revealed(doc.number, person.phone or "")


def may_reveal(actor: Actor) -> bool:
    """Whether the window offers the reveal button (the service checks again)."""
    return "reveal_id" in PERMISSIONS.get(actor.role, frozenset())


def reveal_id_by_number(desk: Desk, actor: Actor, idno: str, reason: str) -> str:
    with write_session(desk.engine) as s:
        person_id = find_person(s, idno).id
    return reveal_id(desk, actor, person_id, reason)
