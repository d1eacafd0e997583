"""Door controllers of the buildings (R4) and the jobs that keep them in step with the cards.

These tables are local to the desk (not `Synced`): a controller's address and the push queue
are facts of this centre's LAN, not district records.

Door jobs are written by SQLite triggers on `card` (and on the lease tables that set a
card's valid-until date), inside the same transaction as the card change. A trigger sees
every write — the ORM services, the district's revocations applied with a Core UPDATE
(app/sync/download.py), bulk loaders — so no call site has to remember the door, and no
crash between "card lost" and "job written" is possible. A job only names (controller, card
number); what the door should hold for that number is computed when the job is pushed, so
re-running a job is harmless and the last state of the card always wins.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import DDL, Column, Index, Integer, event, text
from sqlmodel import Field, SQLModel

from db.ids import new_id
from db.models import utcnow

DRIVERS = ("uhppote", "file")


class DoorController(SQLModel, table=True):
    """One controller board (or one installer's whitelist) of a building."""

    __tablename__ = "door_controller"
    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    center_code: str = Field(max_length=16)
    building_id: str = Field(foreign_key="building.id", index=True)
    name: str = Field(max_length=64)
    driver: str = Field(max_length=12)  # uhppote | file
    serial: int | None = None  # UHPPOTE serial number (on the board's label)
    address: str | None = Field(default=None, max_length=64)  # IPv4[:port]
    protocol: str = Field(default="udp", max_length=4)  # udp | tcp
    doors: str = Field(default="1", max_length=16)  # door numbers this building's cards open
    file_dir: str | None = None  # where the whitelist files go (driver file)
    active: bool = True
    created_at: datetime = Field(default_factory=utcnow)
    last_seen_at: datetime | None = None  # last answer from the controller
    last_error: str | None = Field(default=None, max_length=200)
    last_reconcile_at: datetime | None = None
    last_reconcile: str | None = None  # JSON counts of the last reconcile
    cards_on_door: int | None = None  # as read by the last reconcile
    last_check_at: datetime | None = None
    clock_drift_s: float | None = None
    last_event_at: datetime | None = None
    last_export_at: datetime | None = None  # driver file


class DoorJob(SQLModel, table=True):
    """Bring card `card_number` on controller `controller_id` to what the desk says."""

    __tablename__ = "door_job"
    __table_args__ = (
        Index("ix_door_job_pending", "controller_id", "seq", sqlite_where=text("done_at IS NULL")),
        Index("ix_door_job_card", "card_id"),
    )
    seq: int | None = Field(default=None, sa_column=Column(Integer, primary_key=True,
                                                           autoincrement=True))
    controller_id: str = Field(foreign_key="door_controller.id", max_length=36)
    card_number: str = Field(max_length=32)
    card_id: str | None = Field(default=None, max_length=36)
    reason: str = Field(default="change", max_length=16)
    created_at: str | None = Field(default=None, max_length=32)  # written by the trigger (UTC)
    attempts: int = 0
    next_try_at: datetime | None = None
    done_at: datetime | None = None
    result: str | None = Field(default=None, max_length=12)  # put | delete | skipped
    last_error: str | None = Field(default=None, max_length=200)


class DoorFileCard(SQLModel, table=True):
    """A `file` controller's list: what we last exported, or what the installer says it holds."""

    __tablename__ = "door_file_card"
    controller_id: str = Field(foreign_key="door_controller.id", primary_key=True, max_length=36)
    kind: str = Field(primary_key=True, max_length=10)  # exported | installer
    card_number: int = Field(primary_key=True)
    valid_from: date | None = None
    valid_until: date | None = None
    doors: str = Field(default="", max_length=16)


_NOW = "strftime('%Y-%m-%d %H:%M:%f', 'now')"


def _jobs_for(building: str, number: str, card: str, reason: str) -> str:
    return (f"INSERT INTO door_job (controller_id, card_number, card_id, reason, created_at, "
            f"attempts) SELECT dc.id, {number}, {card}, '{reason}', {_NOW}, 0 "
            f"FROM door_controller dc WHERE dc.building_id = {building} AND dc.active = 1;")


def _jobs_for_tenancy(tenancy: str, reason: str) -> str:
    return (f"INSERT INTO door_job (controller_id, card_number, card_id, reason, created_at, "
            f"attempts) SELECT dc.id, c.number, c.id, '{reason}', {_NOW}, 0 FROM card c "
            f"JOIN door_controller dc ON dc.building_id = c.building_id AND dc.active = 1 "
            f"WHERE c.tenancy_id IN ({tenancy}) AND c.status = 'active';")


# Every statement that decides what a door holds: a card's status, number, building, a
# lease naming the stay or its end date (the card's valid-until).
TRIGGERS: tuple[tuple[str, str], ...] = (
    ("door_job_card_insert",
     "CREATE TRIGGER door_job_card_insert AFTER INSERT ON card BEGIN "
     + _jobs_for("NEW.building_id", "NEW.number", "NEW.id", "issue") + " END"),
    ("door_job_card_update",
     "CREATE TRIGGER door_job_card_update AFTER UPDATE OF status, number, building_id ON card "
     "WHEN OLD.status IS NOT NEW.status OR OLD.number IS NOT NEW.number "
     "OR OLD.building_id IS NOT NEW.building_id BEGIN "
     + _jobs_for("OLD.building_id", "OLD.number", "OLD.id", "change")
     + " INSERT INTO door_job (controller_id, card_number, card_id, reason, created_at, attempts)"
     " SELECT dc.id, NEW.number, NEW.id, 'change', " + _NOW + ", 0 FROM door_controller dc "
     "WHERE dc.building_id = NEW.building_id AND dc.active = 1 "
     "AND (NEW.building_id IS NOT OLD.building_id OR NEW.number IS NOT OLD.number); END"),
    ("door_job_lease_tenant",
     "CREATE TRIGGER door_job_lease_tenant AFTER INSERT ON lease_tenant BEGIN "
     + _jobs_for_tenancy("NEW.tenancy_id", "lease") + " END"),
    ("door_job_lease_end",
     "CREATE TRIGGER door_job_lease_end AFTER UPDATE OF end_date, status ON lease_registration "
     "WHEN OLD.end_date IS NOT NEW.end_date OR OLD.status IS NOT NEW.status BEGIN "
     + _jobs_for_tenancy("SELECT lt.tenancy_id FROM lease_tenant lt WHERE lt.lease_id = NEW.id",
                         "lease") + " END"),
)


def _install_triggers(target, connection, tables=None, **_kw) -> None:
    if tables is not None and DoorJob.__table__ not in tables:
        return
    for _name, ddl in TRIGGERS:
        connection.execute(DDL(ddl))


# A database built with metadata.create_all (not Alembic) gets the triggers too.
event.listen(SQLModel.metadata, "after_create", _install_triggers)
