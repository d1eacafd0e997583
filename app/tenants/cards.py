"""Access cards, one per person (R6), within the building's cap (R5)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session, select

from app.desk import clock
from app.desk.context import Desk
from app.desk.errors import NotFound, Refused
from app.identity import parse_id
from app.staff import audit
from app.staff.accounts import require, require_trained
from app.staff.audit import Actor
from app.tenants.lookups import find_person, require_active_tenancy, unit_and_building
from app.tenants.number_lookup import number_lookup
from app.tenants.occupancy import require_free_slot
from app.tenants.overcrowding import resolve_flags
from db.engine import write_session
from db.models import ENDED_BY, Card, CardEvent, CardStatus, IdDocument, Person, Tenancy, utcnow

_SEPARATORS = re.compile(r"[\s:\-_.,]")
_FULLWIDTH = str.maketrans({chr(0xFF10 + i): str(i) for i in range(10)}
                           | {chr(0xFF21 + i): chr(0x41 + i) for i in range(26)}
                           | {chr(0xFF41 + i): chr(0x61 + i) for i in range(26)})


def normalise_card_number(text: str) -> str:
    """One form for what wedge readers type: the 32-bit card UID as 10 decimal digits.

    Readers send either 10 decimal digits ("0012345678") or the 8-hex-digit UID with or
    without separators ("1A:2B:3C:4D"); both name the same 32-bit number.
    """
    raw = _SEPARATORS.sub("", (text or "").translate(_FULLWIDTH)).upper()
    if re.fullmatch(r"\d{10}", raw):
        value = int(raw)
    elif re.fullmatch(r"[0-9A-F]{8}", raw):
        value = int(raw, 16)
    else:
        raise Refused("bad_card_number",
                      "卡号格式不对：应为 10 位十进制卡号或 8 位十六进制 UID，请重新刷卡。",
                      "Card number not recognised: expected 10 decimal digits or an 8-hex-digit "
                      "UID. Swipe the card again.")
    if value > 0xFFFFFFFF:
        raise Refused("bad_card_number", "卡号超出范围（大于 4294967295），请重新刷卡。",
                      "Card number out of range (over 4294967295): swipe again.")
    return f"{value:010d}"


@dataclass(frozen=True)
class CardInfo:
    id: str
    number: str
    status: str
    person_id: str
    tenancy_id: str
    building_name: str
    unit_number: str
    issued_at: datetime
    ended_at: datetime | None


def _info(session: Session, card: Card) -> CardInfo:
    unit, building = unit_and_building(session, card.unit_id)
    return CardInfo(card.id, card.number, card.status, card.person_id, card.tenancy_id,
                    building.name, unit.number, card.issued_at, card.ended_at)


def _require_number_free(session: Session, number: str) -> None:
    """A lost or revoked number is blocked forever; an active one belongs to one tenancy."""
    for other in session.exec(select(Card).where(Card.number == number)):
        if other.status == CardStatus.ACTIVE:
            raise Refused("card_in_use", f"卡号 {number} 正在使用中（另一租户），请换一张卡。",
                          f"Card {number} is already in use by another tenant: use another card.",
                          card=number)
        if other.status in ("lost", "revoked"):
            raise Refused("card_blocked", f"卡号 {number} 已挂失或注销，永久停用，请换一张卡。",
                          f"Card {number} was reported lost or revoked and is blocked for good: "
                          "use another card.", card=number)


def _require_verified_identity(session: Session, person: Person) -> None:
    docs = session.exec(select(IdDocument).where(IdDocument.person_id == person.id)).all()
    if not any(d.verified and (d.kind in ("passport", "other") or parse_id(d.number).valid)
               for d in docs):
        raise Refused("identity_unverified", "该租户的证件尚未核验，不能发卡。请核对证件原件后登记。",
                      "The tenant's identity document is not verified: check the original first.")


def _active_card(session: Session, person_id: str) -> Card | None:
    return session.exec(select(Card).where(Card.person_id == person_id,
                                           Card.status == CardStatus.ACTIVE)).first()


def _add_event(session: Session, actor: Actor, card: Card, kind: str,
               reason: str | None = None) -> None:
    session.add(CardEvent(center_code=actor.center_code, card_id=card.id, kind=kind,
                          staff_id=actor.staff_id, reason=reason))
    audit.record(session, actor, f"card.{kind}", "card", card.id, reason=reason)


def _new_card(session: Session, actor: Actor, tenancy: Tenancy, number: str,
              replaces: Card | None = None) -> Card:
    unit, building = unit_and_building(session, tenancy.unit_id)
    card = Card(center_code=actor.center_code, number=number, tenancy_id=tenancy.id,
                person_id=tenancy.person_id, building_id=building.id, unit_id=unit.id,
                replaces_card_id=replaces.id if replaces else None)
    session.add(card)
    session.flush()
    return card


def issue_card(desk: Desk, actor: Actor, idno: str, card_text: str,
               today: date | None = None) -> CardInfo:
    """rule R6: a first card for a registered tenant; rule R5: within the cap."""
    number = normalise_card_number(card_text)
    with number_lookup(desk, actor, "card", idno), write_session(desk.engine) as s:
        require_trained(s, actor, "issue_card", today or clock.today(desk))
        person = find_person(s, idno)
        tenancy = require_active_tenancy(s, person)
        holding = _active_card(s, person.id)
        if holding is not None:
            info = _info(s, holding)
            raise Refused("already_has_card",
                          f"{person.name} 已持有有效门禁卡 {info.number}（{info.building_name} "
                          f"{info.unit_number}）。一人一卡：请先办理迁出或注销该卡（需填写原因）。",
                          f"This person already holds active card {info.number} in "
                          f"{info.building_name} {info.unit_number}. One card per person: move "
                          "out or revoke that card (with a reason) first.",
                          card=info.number, building=info.building_name)
        _require_number_free(s, number)
        _require_verified_identity(s, person)
        if not tenancy.photo_sha256:
            raise Refused("photo_missing", "该租户没有登记照片，不能发卡。请先拍照。",
                          "The tenant has no photo on record: take the photo before issuing.")
        unit, building = unit_and_building(s, tenancy.unit_id)
        require_free_slot(s, building, unit)
        card = _new_card(s, actor, tenancy, number)
        resolve_flags(s, tenancy.id)  # room was freed: the over-cap flag is closed
        _add_event(s, actor, card, "issue")
        return _info(s, card)


def _card_by_number_or_person(s: Session, card_text: str | None, idno: str | None,
                              statuses: tuple[str, ...]) -> Card:
    if card_text:
        number = normalise_card_number(card_text)
        card = s.exec(select(Card).where(Card.number == number, Card.status.in_(statuses))
                      .order_by(Card.issued_at.desc())).first()
    elif idno:
        person = find_person(s, idno)
        card = s.exec(select(Card).where(Card.person_id == person.id, Card.status.in_(statuses))
                      .order_by(Card.issued_at.desc())).first()
    else:
        raise Refused("no_card_given", "请提供卡号或证件号码。", "Give a card number or an ID number.")
    if card is None:
        raise NotFound("no_card", "没有找到符合条件的门禁卡。", "No matching card found.")
    return card


def end_card(session: Session, actor: Actor, card: Card, status: CardStatus,
             reason: str | None) -> None:
    """The one way a card stops: its state, time and reason, its event and audit row."""
    card.status, card.ended_at, card.end_reason = status, utcnow(), reason
    session.add(card)
    session.flush()
    _add_event(session, actor, card, ENDED_BY[status], reason)


def _end_card(desk: Desk, actor: Actor, status: CardStatus, card_text: str | None,
              idno: str | None, reason: str | None) -> CardInfo:
    by_number = None if card_text else idno  # a card number is not a document number
    with number_lookup(desk, actor, "card", by_number), write_session(desk.engine) as s:
        require(actor, "card_lifecycle")
        card = _card_by_number_or_person(s, card_text, idno, (CardStatus.ACTIVE,))
        end_card(s, actor, card, status, reason)
        return _info(s, card)


def report_lost(desk: Desk, actor: Actor, card_text: str | None = None,
                idno: str | None = None) -> CardInfo:
    """The number is blocked forever; the tenant may then get a replacement."""
    return _end_card(desk, actor, CardStatus.LOST, card_text, idno, "挂失")


def revoke_card(desk: Desk, actor: Actor, reason: str, card_text: str | None = None,
                idno: str | None = None) -> CardInfo:
    if not reason or not reason.strip():
        raise Refused("reason_required", "注销门禁卡须填写原因。", "Revoking a card needs a reason.")
    return _end_card(desk, actor, CardStatus.REVOKED, card_text, idno, reason.strip())


def return_card(desk: Desk, actor: Actor, card_text: str | None = None,
                idno: str | None = None) -> CardInfo:
    """The physical card came back: it stops working and its number may be issued again."""
    return _end_card(desk, actor, CardStatus.RETURNED, card_text, idno, "退卡")


def replace_card(desk: Desk, actor: Actor, idno: str, new_card_text: str,
                 today: date | None = None) -> CardInfo:
    """A new card for a lost (or damaged, still active) one; the old number is blocked.

    The replacement takes the holder's own slot back, so the cap is not checked again: the
    number of residents does not change (rule R5 counts people, not plastic).
    """
    number = normalise_card_number(new_card_text)
    with number_lookup(desk, actor, "card", idno), write_session(desk.engine) as s:
        require_trained(s, actor, "issue_card", today or clock.today(desk))
        person = find_person(s, idno)
        tenancy = require_active_tenancy(s, person)
        old = s.exec(select(Card).where(Card.tenancy_id == tenancy.id,
                                        Card.status.in_((CardStatus.ACTIVE, CardStatus.LOST)))
                     .order_by(Card.issued_at.desc())).first()
        if old is None or s.exec(select(Card).where(Card.replaces_card_id == old.id)).first():
            raise Refused("nothing_to_replace", "该租户没有可补办的门禁卡（未挂失或已补办），请直接发卡。",
                          "No lost or damaged card to replace: issue a card instead.")
        _require_number_free(s, number)
        if old.status == CardStatus.ACTIVE:
            end_card(s, actor, old, CardStatus.LOST, "补卡（损坏）")
        s.flush()
        card = _new_card(s, actor, tenancy, number, replaces=old)
        _add_event(s, actor, card, "replace")
        return _info(s, card)


def cards_of_person(session: Session, person_id: str) -> list[CardInfo]:
    cards = session.exec(select(Card).where(Card.person_id == person_id)
                         .order_by(Card.issued_at.desc())).all()
    return [_info(session, c) for c in cards]



@dataclass(frozen=True)
class CardHolder:
    """Whose card a number is, as a confirmation names it: masked, never the full ID."""

    number: str
    name: str
    idno_masked: str
    building_name: str
    unit_number: str


def card_holder(desk: Desk, actor: Actor, card_text: str) -> CardHolder:
    """The holder of an active card, so 挂失/注销/退卡 by number can name the person before
    the clerk confirms. Naming a person is a view of personal data (rule R10)."""
    from app.identity import mask_id

    with write_session(desk.engine) as s:
        require(actor, "card_lifecycle")
        card = _card_by_number_or_person(s, card_text, None, ("active",))
        person = s.get(Person, card.person_id)
        doc = s.exec(select(IdDocument).where(IdDocument.person_id == card.person_id)).first()
        info = _info(s, card)
        audit.record(s, actor, "person.view", "person", card.person_id, via="card")
        return CardHolder(card.number, person.name if person else "",
                          mask_id(doc.number) if doc else "", info.building_name,
                          info.unit_number)
