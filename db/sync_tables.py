"""Local tables of the district sync (never themselves synced: no outbox rows).

`sync_batch`: every batch with its fixed id, number and outbox seq range, recorded BEFORE
it is sent, so a resend after a crash sends the same batch id; the district's answer is
stored here before the outbox rows are trimmed.
`sync_conflict`: conflicts the district reported that involve this centre.
`sync_decision`: the district's decisions applied here (central revocations, caps …).
`sync_run`: one row per `rentdesk sync`, with its JSON report.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from db.models import utcnow


class SyncBatch(SQLModel, table=True):
    __tablename__ = "sync_batch"
    id: str = Field(primary_key=True, max_length=36)
    batch_no: int = Field(index=True, unique=True)
    epoch: str = Field(max_length=36)
    seq_lo: int
    seq_hi: int
    entries: int
    status: str = Field(default="pending", max_length=12)  # pending | answered | done
    created_at: datetime = Field(default_factory=utcnow)
    sent_at: datetime | None = None
    answer: str | None = None  # the district's JSON answer
    answered_at: datetime | None = None
    done_at: datetime | None = None


class SyncConflict(SQLModel, table=True):
    __tablename__ = "sync_conflict"
    id: str = Field(primary_key=True, max_length=36)  # the district's conflict id
    kind: str = Field(max_length=16)  # same_person | card_refused
    status: str = Field(default="open", max_length=12)  # open | resolved
    centers: str  # JSON list of centre codes involved
    rows: str  # JSON {"person": [...], "card": [...]}: ids only, no personal data
    local_person_id: str | None = Field(default=None, max_length=36)
    local_card_id: str | None = Field(default=None, max_length=36)
    refused_here: bool = False  # this centre's card is the one the district refused
    detected_at: datetime
    resolution: str | None = None
    resolved_by: str | None = None  # staff id here, or the centre code that resolved it
    resolved_at: datetime | None = None
    resolution_pending: bool = False  # resolved here, not yet told to the district


class SyncDecision(SQLModel, table=True):
    __tablename__ = "sync_decision"
    seq: int = Field(primary_key=True)  # the district's decision seq (for this centre)
    kind: str = Field(max_length=16)
    row_id: str = Field(max_length=64)
    payload: str
    applied_at: datetime = Field(default_factory=utcnow)


class SyncRun(SQLModel, table=True):
    __tablename__ = "sync_run"
    id: str = Field(primary_key=True, max_length=36)
    started_at: datetime = Field(default_factory=utcnow)
    finished_at: datetime | None = None
    ok: bool = False
    error_code: str | None = Field(default=None, max_length=32)
    report: str | None = None


class SyncNotAccepted(SQLModel, table=True):
    """A row the desk or the district could not take (issue 11): kept here, not sent, until
    the record is corrected (its next change sends it again). Every other row keeps flowing."""

    __tablename__ = "sync_not_accepted"
    table_name: str = Field(primary_key=True, max_length=32)
    row_id: str = Field(primary_key=True, max_length=64)
    sqlstate: str = Field(max_length=8)  # PostgreSQL's, or the district's own RDxxx
    field: str | None = Field(default=None, max_length=40)
    reason_zh: str
    reason_en: str
    first_at: datetime = Field(default_factory=utcnow)
    last_at: datetime = Field(default_factory=utcnow)
