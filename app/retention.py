"""Retention (PIPL arts. 19, 47): moved-out tenants anonymised after a set period.

After `retention_years` (LocalMeta, default 3) since a person's last stay ended, with no
stay still open and no active card, their record keeps only what statistics need (sex,
ethnicity, region code, the stays' dates and units) and loses everything that identifies
them: name → 已匿名, ID number → a placeholder, phone / addresses / employer / birth date /
certificate numbers cleared, photos and scans deleted (rows and files, where no other
record still uses them).

The ID placeholder is an HMAC of the number under a random salt made for this run and
never stored: distinct numbers stay distinct (the unique constraint holds), but nobody —
us included — can test guesses against it (the ID-number space is small enough to try
every number against a stored salt, which would make it pseudonymisation, not
anonymisation).

Changes go through ORM sessions, so the outbox carries them to the district; each chunk's
audit entry records only counts (R10).
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import or_, select
from sqlmodel import Session, SQLModel

from app import audit, clock, settings
from app.audit import Actor
from app.blobs import delete_blob_file
from app.context import Desk
from app.errors import Refused
from app.staff import require
from db.engine import read_session, write_session
from db.models import Blob, Card, CardStatus, IdDocument, Person, Tenancy, utcnow

log = logging.getLogger(__name__)

DEFAULT_YEARS = settings.RETENTION_YEARS.default
ANONYMOUS_NAME = "已匿名"
CHUNK = 500
_PERSON_CLEARED = ("phone", "household_address", "native_place", "marital_status", "education",
                   "employer", "occupation", "birth_date", "photo_sha256")


@dataclass
class RetentionReport:
    years: int
    cutoff: datetime
    dry_run: bool
    people: int = 0
    blobs_deleted: int = 0
    person_ids: list[str] = field(default_factory=list, repr=False)

    def summary(self) -> dict:
        return {"years": self.years, "cutoff": self.cutoff.isoformat(), "dry_run": self.dry_run,
                "anonymised": self.people, "blobs_deleted": self.blobs_deleted}


def retention_years(session: Session) -> int:
    return settings.get(session, settings.RETENTION_YEARS)


def _years_before(now: datetime, years: int) -> datetime:
    try:
        return now.replace(year=now.year - years)
    except ValueError:  # 29 February
        return now.replace(year=now.year - years, day=28)


def due_people(session: Session, cutoff: datetime, limit: int | None = None) -> list[str]:
    """Not yet anonymised, every stay ended before `cutoff`, no active card."""
    stays = select(Tenancy.id).where(Tenancy.person_id == Person.id)
    recent = stays.where(or_(Tenancy.moved_out_at.is_(None), Tenancy.moved_out_at >= cutoff))
    card = select(Card.id).where(Card.person_id == Person.id, Card.status == CardStatus.ACTIVE)
    q = (select(Person.id).where(Person.anonymised_at.is_(None), stays.exists(),
                                 ~recent.exists(), ~card.exists()).order_by(Person.id))
    if limit:
        q = q.limit(limit)
    return list(session.execute(q).scalars())


def _blob_columns() -> list:
    """Every column that references a blob (by name: *_sha256), outside the blob table."""
    return [c for t in SQLModel.metadata.sorted_tables if t.name != "blob"
            for c in t.columns if c.name.endswith("sha256")]


def _unreferenced(session: Session, shas: set[str]) -> set[str]:
    left = set(shas)
    for col in _blob_columns():
        if not left:
            break
        chunk = list(left)
        for i in range(0, len(chunk), 500):
            used = session.execute(select(col).where(col.in_(chunk[i:i + 500]))).scalars()
            left -= set(used)
    return left


def _placeholder(salt: bytes, doc: IdDocument) -> str:
    digest = hmac.new(salt, f"{doc.kind}|{doc.country}|{doc.number}".encode(), hashlib.sha256)
    return "ANON-" + digest.hexdigest()[:27]


def _anonymise(session: Session, person_id: str, salt: bytes, now: datetime) -> set[str]:
    """Strip one person's identifying data; returns the blob hashes they referenced."""
    shas: set[str] = set()
    person = session.get(Person, person_id)
    shas.add(person.photo_sha256)
    person.name = ANONYMOUS_NAME
    for attr in _PERSON_CLEARED:
        setattr(person, attr, None)
    person.anonymised_at = now
    session.add(person)
    for doc in session.execute(select(IdDocument).where(IdDocument.person_id == person_id)).scalars():
        shas |= {doc.scan_front_sha256, doc.scan_back_sha256}
        doc.number = _placeholder(salt, doc)
        doc.scan_front_sha256 = doc.scan_back_sha256 = None
        session.add(doc)
    for stay in session.execute(select(Tenancy).where(Tenancy.person_id == person_id)).scalars():
        shas |= {stay.photo_sha256, stay.family_planning_scan_sha256}
        stay.photo_sha256 = stay.family_planning_scan_sha256 = stay.family_planning_cert = None
        session.add(stay)
    shas |= _clear_permits(session, person_id)
    shas.discard(None)
    return shas


def _clear_permits(session: Session, person_id: str) -> set[str]:
    from db.service_tables import PermitApplication

    shas: set[str] = set()
    for app_ in session.execute(select(PermitApplication)
                             .where(PermitApplication.person_id == person_id)).scalars():
        shas |= {app_.housing_proof_sha256, app_.basis_proof_sha256}
        app_.housing_proof_sha256 = app_.basis_proof_sha256 = app_.permit_number = None
        session.add(app_)
    return shas


def run_retention(desk: Desk, actor: Actor | None, dry_run: bool = False,
                  now: datetime | None = None) -> RetentionReport:
    """Anonymise everyone due. `actor` None = the scheduled run (logged as such)."""
    if actor is not None:
        require(actor, "settings")
    if desk.center_code is None:
        raise Refused("no_center", "尚未建立中心。", "No centre yet.")
    now = now or utcnow()
    with read_session(desk.engine) as s:
        years = retention_years(s)
    report = RetentionReport(years, _years_before(now, years), dry_run)
    if dry_run:
        with read_session(desk.engine) as s:
            report.person_ids = due_people(s, report.cutoff)
        report.people = len(report.person_ids)
        return report
    salt = os.urandom(32)  # never stored: see the module docstring
    while True:
        with write_session(desk.engine) as s:
            ids = due_people(s, report.cutoff, CHUNK)
            if not ids:
                break
            shas: set[str] = set()
            for pid in ids:
                shas |= _anonymise(s, pid, salt, now)
            s.flush()
            gone = _unreferenced(s, shas)
            for sha in gone:
                blob = s.get(Blob, sha)
                if blob is not None:
                    s.delete(blob)
            audit.record(s, actor, "retention.anonymise", center_code=desk.center_code,
                         people=len(ids), blobs=len(gone), years=years,
                         trigger="staff" if actor else "schedule")
        for sha in gone:  # only after the commit: a rollback must not lose files
            delete_blob_file(desk, sha)
        report.people += len(ids)
        report.blobs_deleted += len(gone)
        report.person_ids += ids
    log.info("retention: %d people anonymised, %d blobs deleted", report.people, report.blobs_deleted)
    return report


def maybe_run_retention(desk: Desk, today: date | None = None) -> RetentionReport | None:
    """For a schedule (start-up or daily timer): at most one run per day."""
    if desk.center_code is None:
        return None
    today = today or clock.today(desk)
    with write_session(desk.engine) as s:
        if settings.get(s, settings.RETENTION_LAST_RUN) == today:
            return None
        settings.put(s, settings.RETENTION_LAST_RUN, today)
    return run_retention(desk, None)


def set_retention_years(desk: Desk, actor: Actor, years: int) -> None:
    require(actor, "settings")
    settings.checked(settings.RETENTION_YEARS, years)  # 1000000 years once crashed `retention run`
    with write_session(desk.engine) as s:
        settings.put(s, settings.RETENTION_YEARS, years)
        audit.record(s, actor, "settings.retention_years", years=years)


