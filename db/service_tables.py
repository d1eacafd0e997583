"""Tables of the one-stop desk services (R1): listings, residence permits, lease registrations.

All are `Synced` (client UUIDv7 ids, `center_code`), so the outbox flush hook records every
change for the district like any other desk record. Money is whole yuan in integers: rents
and deposits are quoted in yuan and floats would drift. Dates a clerk reports (a permit
issued on …, a lease ending on …) are plain `date`s; moments the software sees are aware UTC.
Photos and scans are referenced by their blob SHA-256, as elsewhere.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Index, UniqueConstraint, text
from sqlmodel import Field

from db.models import Synced


class Listing(Synced, table=True):
    """招租信息: a landlord's free listing of a unit (R1, R2 free publication)."""

    __tablename__ = "listing"
    __table_args__ = (
        Index("ix_listing_published", "unit_id", sqlite_where=text("status = 'published'")),
    )
    unit_id: str = Field(foreign_key="unit.id", index=True)
    landlord_id: str | None = Field(default=None, foreign_key="landlord.id")
    rent_yuan: int  # per month
    area_m2: float | None = None
    floor: int | None = None
    available_from: date
    contact_name: str
    contact_phone: str = Field(max_length=32)
    description: str | None = None
    status: str = Field(default="draft", max_length=12)  # draft | published | withdrawn
    published_at: datetime | None = None
    withdrawn_at: datetime | None = None
    withdraw_reason: str | None = None
    created_by: str | None = Field(default=None, foreign_key="staff.id")


class ListingPhoto(Synced, table=True):
    __tablename__ = "listing_photo"
    __table_args__ = (UniqueConstraint("listing_id", "photo_sha256"),)
    listing_id: str = Field(foreign_key="listing.id", index=True)
    photo_sha256: str = Field(max_length=64)
    position: int = 0


class LeaseRegistration(Synced, table=True):
    """房屋租赁合同登记: one registered lease of a unit (R1)."""

    __tablename__ = "lease_registration"
    __table_args__ = (
        Index("ix_lease_active_end", "end_date", sqlite_where=text("status = 'active'")),
    )
    unit_id: str = Field(foreign_key="unit.id", index=True)
    landlord_id: str | None = Field(default=None, foreign_key="landlord.id")
    rent_yuan: int
    deposit_yuan: int = 0
    start_date: date
    end_date: date
    status: str = Field(default="active", max_length=12)  # active | ended
    renewals: int = 0
    ended_at: datetime | None = None
    end_reason: str | None = None
    registered_by: str | None = Field(default=None, foreign_key="staff.id")


class LeaseTenant(Synced, table=True):
    """A tenant (one stay, i.e. tenancy) named on a lease."""

    __tablename__ = "lease_tenant"
    __table_args__ = (UniqueConstraint("lease_id", "tenancy_id"),)
    lease_id: str = Field(foreign_key="lease_registration.id", index=True)
    tenancy_id: str = Field(foreign_key="tenancy.id", index=True)
    person_id: str = Field(foreign_key="person.id")


class PermitApplication(Synced, table=True):
    """居住证申办: one application from one stay, with its current status and dates."""

    __tablename__ = "permit_application"
    tenancy_id: str = Field(foreign_key="tenancy.id", index=True)
    person_id: str = Field(foreign_key="person.id", index=True)
    basis: str = Field(max_length=12)  # employment | housing | study (居住证暂行条例 第二条)
    status: str = Field(default="submitted", max_length=12)  # submitted|returned|issued|collected
    residence_from: date
    submitted_on: date
    returned_on: date | None = None
    return_reason: str | None = None
    issued_on: date | None = None
    collected_on: date | None = None
    permit_number: str | None = Field(default=None, max_length=32)
    lease_id: str | None = Field(default=None, foreign_key="lease_registration.id")
    housing_proof_sha256: str | None = Field(default=None, max_length=64)  # scan, if no lease
    basis_proof_sha256: str | None = Field(default=None, max_length=64)  # 劳动合同/学生证 scan
    created_by: str | None = Field(default=None, foreign_key="staff.id")


class PermitEvent(Synced, table=True):
    """Each status step of an application, with the day it happened (the history)."""

    __tablename__ = "permit_event"
    application_id: str = Field(foreign_key="permit_application.id", index=True)
    status: str = Field(max_length=12)
    event_on: date
    note: str | None = None
    staff_id: str | None = Field(default=None, foreign_key="staff.id")


SERVICE_TABLES: tuple[type[Synced], ...] = (
    Listing, ListingPhoto, LeaseRegistration, LeaseTenant, PermitApplication, PermitEvent,
)
