"""Local tables of a centre's database.

Every synced table carries a client-made UUIDv7 `id`, the owning `center_code` and an
`updated_at`, so the district can merge rows from many centres without renumbering.
Times are timezone-aware UTC (SQLModel refuses naive ones); the app converts to the
centre's time zone for display and for the 24-hour deadlines.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from enum import StrEnum

from sqlalchemy import Column, Index, String, UniqueConstraint, event, text
from sqlmodel import Field, SQLModel

from db.find_key import find_key
from db.ids import new_id


def utcnow() -> datetime:
    return datetime.now(UTC)


class Synced(SQLModel):
    """Columns every row that travels to the district has."""

    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    center_code: str = Field(index=True, max_length=16)
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)


class Center(Synced, table=True):
    __tablename__ = "center"
    name: str
    street_office: str | None = None
    workstation: str | None = None  # 社区工作站: the 24 h delivery target (R2)
    timezone: str = "Asia/Shanghai"
    address: str | None = None
    phone: str | None = None


class Company(Synced, table=True):
    __tablename__ = "company"
    __table_args__ = (UniqueConstraint("center_code", "name"),)
    name: str
    kind: str = "village"  # village (股份合作公司) | property (物业公司)
    contact: str | None = None
    phone: str | None = None


class Building(Synced, table=True):
    __tablename__ = "building"
    __table_args__ = (UniqueConstraint("center_code", "code"),)
    code: str = Field(max_length=32)
    name: str
    address: str
    company_id: str | None = Field(default=None, foreign_key="company.id", index=True)
    floor_area_m2: float | None = None
    public_area_m2: float | None = None
    # Set by the district when it overrides the computed cap (sync issue); None = computed.
    district_cap: int | None = None
    card_system_installer: str | None = None
    card_system_contact: str | None = None
    card_system_controller: str | None = None
    card_system_installed_on: date | None = None
    card_system_status: str = "unknown"  # ok | down | unknown | none (R4)
    # Local only (never uploaded): what the desk's type-to-find matches besides code,
    # name and address — the pinyin initials of name and address, computed at write time.
    find_key: str | None = Field(default=None, index=True)


class Landlord(Synced, table=True):
    __tablename__ = "landlord"
    name: str
    id_kind: str | None = None
    id_number: str | None = Field(default=None, index=True)
    phone: str | None = None
    address: str | None = None


class Unit(Synced, table=True):
    __tablename__ = "unit"
    __table_args__ = (UniqueConstraint("building_id", "number"),)
    building_id: str = Field(foreign_key="building.id", index=True)
    number: str = Field(max_length=32)
    floor: int | None = None
    area_m2: float | None = None
    landlord_id: str | None = Field(default=None, foreign_key="landlord.id", index=True)


class Person(Synced, table=True):
    __tablename__ = "person"
    name: str = Field(index=True)
    sex: str | None = Field(default=None, max_length=1)  # M | F
    ethnicity: str | None = None  # 民族: Chinese nationals only (None for foreigners)
    birth_date: date | None = None
    nationality: str | None = Field(default=None, max_length=3)  # ISO alpha-3 (国籍)
    phone: str | None = Field(default=None, index=True)
    household_address: str | None = None  # 户籍地址
    native_place: str | None = None
    marital_status: str | None = None
    education: str | None = None
    employer: str | None = None
    occupation: str | None = None
    photo_sha256: str | None = Field(default=None, max_length=64)
    anonymised_at: datetime | None = None


class IdDocument(Synced, table=True):
    __tablename__ = "id_document"
    __table_args__ = (UniqueConstraint("kind", "country", "number"),)
    person_id: str = Field(foreign_key="person.id", index=True)
    kind: str = Field(max_length=16)  # resident | hmt_permit | foreign_pr | passport | other
    country: str = Field(default="CHN", max_length=3)
    number: str = Field(index=True, max_length=32)
    region_code: str | None = Field(default=None, max_length=6)
    verified: bool = False
    scan_front_sha256: str | None = None
    scan_back_sha256: str | None = None


class Tenancy(Synced, table=True):
    """The tenant record (租住人员档案): one stay of one person in one unit."""

    __tablename__ = "tenancy"
    __table_args__ = (
        Index("ix_tenancy_unit_active", "unit_id", sqlite_where=text("moved_out_at IS NULL")),
        Index("ix_tenancy_collected", "collected_at"),
        # The 待移交 list reads only what the workstation has not received (R2).
        Index("ix_tenancy_undelivered", "collected_at", sqlite_where=text("delivered_at IS NULL")),
        Index("ix_tenancy_moved_out", "moved_out_at", sqlite_where=text("moved_out_at IS NOT NULL")),
        Index("ix_tenancy_handed_over", "handed_over_at",
              sqlite_where=text("handed_over_at IS NOT NULL")),
    )
    person_id: str = Field(foreign_key="person.id", index=True)
    unit_id: str = Field(foreign_key="unit.id", index=True)
    arrival_date: date | None = None
    stay_reason: str | None = None  # 务工 / 经商 / 投靠亲友 …
    family_planning_cert: str | None = None  # R9
    # R9: why a woman of child-bearing age has no certificate number (不适用/未办理/外地办理).
    family_planning_reason: str | None = Field(default=None, max_length=8)
    # R9 applied to this stay (a woman aged 15–49 on the day it was collected), decided once
    # by app.tenants.papers at intake, so statistics count the gaps without reading every person.
    family_planning_due: bool = Field(default=False, sa_column_kwargs={"server_default": "0"})
    family_planning_scan_sha256: str | None = None
    photo_sha256: str | None = None
    collected_at: datetime = Field(default_factory=utcnow)  # R2: due 24 h later
    delivered_at: datetime | None = None  # district receipt (R2)
    handed_over_at: datetime | None = None
    handover_id: str | None = None
    moved_out_at: datetime | None = None
    registered_by: str | None = Field(default=None, foreign_key="staff.id")


class CardStatus(StrEnum):
    """A card's one word for its state (stored as the string; compares equal to it)."""

    ACTIVE = "active"  # opens the door; at most one per person (R6)
    LOST = "lost"  # reported lost: blocked for ever, may be replaced
    REVOKED = "revoked"  # stopped by the centre or the district, or at move-out
    RETURNED = "returned"  # the plastic came back: the number may be issued again


ENDED_BY = {CardStatus.LOST: "lost", CardStatus.REVOKED: "revoke", CardStatus.RETURNED: "return"}


class Card(Synced, table=True):
    """One issuance of an access card number to one tenancy (R6)."""

    __tablename__ = "card"
    __table_args__ = (
        # rule R6: one active card per person; a number is active for one tenancy at a time.
        Index("ux_card_active_person", "person_id", unique=True,
              sqlite_where=text("status = 'active'")),
        Index("ux_card_active_number", "number", unique=True,
              sqlite_where=text("status = 'active'")),
        Index("ix_card_building_active", "building_id", sqlite_where=text("status = 'active'")),
        # Statistics per period (R8) range-scan these instead of reading every card.
        Index("ix_card_issued", "issued_at"),
        Index("ix_card_ended", "ended_at", sqlite_where=text("status IN ('lost', 'revoked')")),
    )
    number: str = Field(index=True, max_length=32)
    tenancy_id: str = Field(foreign_key="tenancy.id", index=True)
    person_id: str = Field(foreign_key="person.id")
    building_id: str = Field(foreign_key="building.id")
    unit_id: str = Field(foreign_key="unit.id", index=True)
    status: str = Field(default=CardStatus.ACTIVE, max_length=12)  # a CardStatus
    issued_at: datetime = Field(default_factory=utcnow)
    ended_at: datetime | None = None
    replaces_card_id: str | None = None
    end_reason: str | None = None


class CardEvent(Synced, table=True):
    __tablename__ = "card_event"
    card_id: str = Field(foreign_key="card.id", index=True)
    kind: str = Field(max_length=12)  # issue | lost | replace | revoke | return
    at: datetime = Field(default_factory=utcnow)
    staff_id: str | None = Field(default=None, foreign_key="staff.id")
    reason: str | None = None


class Staff(Synced, table=True):
    __tablename__ = "staff"
    __table_args__ = (UniqueConstraint("username"),)
    username: str = Field(max_length=64)
    display_name: str
    role: str = Field(default="clerk", max_length=12)  # clerk | supervisor | admin
    password_hash: str
    active: bool = True
    failed_logins: int = 0
    locked_until: datetime | None = None


class Training(Synced, table=True):
    __tablename__ = "training"
    staff_id: str = Field(foreign_key="staff.id", index=True)
    kind: str = Field(max_length=12)  # induction | annual (R3)
    taken_on: date
    provider: str | None = None
    passed: bool = True
    recorded_by: str | None = Field(default=None, foreign_key="staff.id")


class CollectionForm(Synced, table=True):
    """A printed 《租住人员信息采集表》 and its way to the workstation (R2, R6)."""

    __tablename__ = "collection_form"
    tenancy_id: str = Field(foreign_key="tenancy.id", index=True)
    kind: str = Field(default="collection", max_length=16)
    printed_at: datetime | None = None
    print_count: int = 0
    signed: bool = False
    handed_over_at: datetime | None = None


class FaultTicket(Synced, table=True):
    __tablename__ = "fault_ticket"
    building_id: str = Field(foreign_key="building.id", index=True)
    found_at: datetime = Field(default_factory=utcnow)
    description: str
    notified_at: datetime | None = None  # installer notified; due 24 h after found (R7)
    fixed_at: datetime | None = None
    status: str = Field(default="open", max_length=12)  # open | notified | fixed
    reported_by: str | None = Field(default=None, foreign_key="staff.id")


class OccupancyFlag(SQLModel, table=True):
    """A resident registered into a full room or building (rule R5): recorded, but no card
    until there is room; the supervisor sees it on 首页 and in 统计. Local to the desk: the
    district learns of the crowding from the tenancies themselves and the audit event."""

    __tablename__ = "occupancy_flag"
    __table_args__ = (
        Index("ix_occupancy_flag_open", "flagged_at", sqlite_where=text("resolved_at IS NULL")),
    )
    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    tenancy_id: str = Field(foreign_key="tenancy.id", index=True)
    building_id: str = Field(foreign_key="building.id", index=True)
    unit_id: str = Field(foreign_key="unit.id")
    scope: str = Field(max_length=8)  # building | unit: which cap is reached
    cap: int
    people: int  # living residents, this one included
    cards: int  # active cards at the time
    flagged_at: datetime = Field(default_factory=utcnow)
    flagged_by: str | None = Field(default=None, foreign_key="staff.id")
    handed_to_supervisor: bool = False
    resolved_at: datetime | None = None


class Blob(SQLModel, table=True):
    """A photo or scan, stored once by content hash (file under <home>/blobs)."""

    __tablename__ = "blob"
    sha256: str = Field(primary_key=True, max_length=64)
    kind: str = Field(max_length=16)  # photo | scan
    size: int
    created_at: datetime = Field(default_factory=utcnow)
    uploaded_at: datetime | None = None


class AuditEvent(SQLModel, table=True):
    """Append-only, hash-chained log of who did what (R10). Never holds ID numbers or names."""

    __tablename__ = "audit_event"
    seq: int | None = Field(default=None, primary_key=True)
    id: str = Field(default_factory=new_id, sa_column=Column(String(36), unique=True, nullable=False))
    center_code: str = Field(max_length=16)
    at: datetime = Field(default_factory=utcnow, index=True)
    staff_id: str | None = Field(default=None, index=True)
    action: str = Field(index=True, max_length=32)
    entity: str | None = Field(default=None, max_length=32)
    entity_id: str | None = Field(default=None, index=True, max_length=36)
    detail: str | None = None  # JSON, without personal data
    prev_hash: str = Field(max_length=64)
    hash: str = Field(max_length=64)


class Outbox(SQLModel, table=True):
    """Changes waiting for the district, written in the transaction that made them."""

    __tablename__ = "outbox"
    seq: int | None = Field(default=None, primary_key=True)
    tx_id: str = Field(max_length=36, index=True)
    table_name: str = Field(max_length=32)
    row_id: str = Field(max_length=64)
    op: str = Field(default="upsert", max_length=8)  # upsert | delete
    at: datetime = Field(default_factory=utcnow)


class LocalMeta(SQLModel, table=True):
    """Key/value facts about this database file (replica epoch, last sync, settings)."""

    __tablename__ = "local_meta"
    key: str = Field(primary_key=True, max_length=64)
    value: str


SYNCED_TABLES: tuple[type[Synced], ...] = (
    Center, Company, Building, Landlord, Unit, Person, IdDocument, Tenancy, Card, CardEvent,
    Staff, Training, CollectionForm, FaultTicket,
)

from db import sync_tables  # noqa: E402,F401

from db import service_tables  # noqa: E402,F401  # isort: skip


@event.listens_for(Building, "before_insert")
@event.listens_for(Building, "before_update")
def _building_find_key(_mapper, _connection, target: Building) -> None:
    """Every ORM write keeps the search key current; bulk inserts (import, demo) set it
    themselves with the same db.find_key.find_key."""
    target.find_key = find_key(target.name, target.address)


from db import door_tables  # noqa: E402,F401  # isort: skip
