"""Read-only queries the desk window needs and no service offered yet (no Qt here).

Each returns plain dataclasses read through `read_session`, so the GUI never holds a
session. Viewing a tenant's details is recorded in the audit log (rule R10).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func
from sqlmodel import select

from app.data.blobs import read_blob
from app.desk import clock
from app.desk.context import Desk
from app.desk.errors import NotFound
from app.identity import mask_id
from app.staff import audit
from app.staff.accounts import TrainingStatus, require, training_status
from app.staff.audit import Actor
from app.supervision.delivery import due_counts
from app.sync.history import last_sync_at
from app.tenants.cards import CardInfo, cards_of_person
from app.tenants.lookups import unit_and_building
from app.tenants.privacy import mask_phone
from db.engine import read_session, write_session
from db.models import Card, CardEvent, CardStatus, IdDocument, Person, Tenancy


def due_within_24h(desk: Desk, now: datetime | None = None) -> int:
    """rule R2: records still within their 24 h that the district has not yet received
    (the deadline itself lives in app.supervision.delivery)."""
    counts = due_counts(desk, now)
    return counts.green + counts.amber


@dataclass(frozen=True)
class CardEventRow:
    kind: str  # issue | lost | replace | revoke | return
    at: datetime
    reason: str | None


@dataclass(frozen=True)
class CardWithEvents:
    card: CardInfo
    events: list[CardEventRow]


@dataclass(frozen=True)
class TenancyRow:
    id: str
    building_name: str
    unit_number: str
    arrival_date: date | None
    stay_reason: str | None
    collected_at: datetime
    delivered_at: datetime | None
    moved_out_at: datetime | None

    @property
    def living(self) -> bool:
        return self.moved_out_at is None


@dataclass(frozen=True)
class TenantDetail:
    """One tenant as the tenant page shows them: identity masked, never the full number.

    `lookup` is the stored document number the card services take as their key. The GUI
    passes it back to those services and never displays or logs it.
    """

    person_id: str
    lookup: str
    name: str
    idno_masked: str
    id_kind: str
    sex: str | None
    birth_date: date | None
    ethnicity: str | None
    phone_masked: str
    household_address: str | None
    employer: str | None
    occupation: str | None
    photo_jpeg: bytes | None
    tenancies: list[TenancyRow]
    cards: list[CardWithEvents]

    @property
    def current(self) -> TenancyRow | None:
        return next((t for t in self.tenancies if t.living), None)

    @property
    def active_card(self) -> CardInfo | None:
        return next((c.card for c in self.cards if c.card.status == CardStatus.ACTIVE), None)


def tenant_detail(desk: Desk, actor: Actor, person_id: str) -> TenantDetail:
    """The tenant page's data; the view itself is logged (rule R10)."""
    require(actor, "search")
    with write_session(desk.engine) as s:
        person = s.get(Person, person_id)
        if person is None:
            raise NotFound("no_person", "没有该租户。", "No such tenant.")
        doc = s.exec(select(IdDocument).where(IdDocument.person_id == person_id)).first()
        stays = s.exec(select(Tenancy).where(Tenancy.person_id == person_id)
                       .order_by(Tenancy.collected_at.desc())).all()
        tenancies = []
        for t in stays:
            unit, building = unit_and_building(s, t.unit_id)
            tenancies.append(TenancyRow(t.id, building.name, unit.number, t.arrival_date,
                                        t.stay_reason, t.collected_at, t.delivered_at,
                                        t.moved_out_at))
        cards = []
        for info in cards_of_person(s, person_id):
            events = s.exec(select(CardEvent).where(CardEvent.card_id == info.id)
                            .order_by(CardEvent.at)).all()
            cards.append(CardWithEvents(info, [CardEventRow(e.kind, e.at, e.reason)
                                               for e in events]))
        audit.record(s, actor, "person.view", "person", person_id)
        photo = None
        if person.photo_sha256:
            try:
                photo = read_blob(desk, person.photo_sha256)
            except OSError:  # a missing file shows as "no photo", the record still opens
                photo = None
        number = doc.number if doc else ""
        return TenantDetail(person.id, number, person.name, mask_id(number),
                            doc.kind if doc else "", person.sex, person.birth_date,
                            person.ethnicity, mask_phone(person.phone),
                            person.household_address, person.employer, person.occupation,
                            photo, tenancies, cards)


@dataclass(frozen=True)
class DeskStatus:
    """What the status bar shows: deliveries (R2), last sync, the account's training (R3)."""

    due_24h: int  # collected in the last 24 h, not yet received by the district
    overdue: int  # collected more than 24 h ago, still not received
    last_sync_at: datetime | None
    training: TrainingStatus


def desk_status(desk: Desk, actor: Actor, now: datetime | None = None) -> DeskStatus:
    now = now or clock.now_utc()
    counts = due_counts(desk, now)
    with read_session(desk.engine) as s:
        training = training_status(s, actor.staff_id, now.date())
    return DeskStatus(counts.green + counts.amber, counts.red, last_sync_at(desk), training)


def my_training(desk: Desk, actor: Actor, today: date | None = None) -> TrainingStatus:
    """rule R3: whether the signed-in account may register and issue, and until when."""
    with read_session(desk.engine) as s:
        return training_status(s, actor.staff_id, today or clock.today(desk))


def active_card_count(desk: Desk) -> int:
    with read_session(desk.engine) as s:
        return s.exec(select(func.count()).select_from(Card).where(Card.status == CardStatus.ACTIVE)).one()
