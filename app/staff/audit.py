"""The audit log (R10): who did what, when, chained by hashes so an edit shows.

Each entry's hash covers its own fields and the previous entry's hash. Entries are
written in the same transaction as the change they describe. Details never carry ID
numbers, names or photos: they name records by id.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlmodel import Session, select

from db.models import AuditEvent, utcnow

GENESIS = "0" * 64


@dataclass(frozen=True)
class Actor:
    """The staff account an operation is attributed to."""

    staff_id: str
    username: str
    display_name: str
    role: str
    center_code: str


def _digest(prev_hash: str, event_id: str, center_code: str, at: datetime, staff_id: str | None,
            action: str, entity: str | None, entity_id: str | None, detail: str | None) -> str:
    payload = json.dumps([prev_hash, event_id, center_code, at.isoformat(), staff_id, action,
                          entity, entity_id, detail], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode()).hexdigest()


def last_hash(session: Session) -> str:
    row = session.exec(select(AuditEvent.hash).order_by(AuditEvent.seq.desc()).limit(1)).first()
    return row or GENESIS


def chain_head(session: Session) -> tuple[int, str]:
    """(seq, hash) of the newest entry; (0, GENESIS) for an empty log."""
    row = session.exec(select(AuditEvent.seq, AuditEvent.hash)
                       .order_by(AuditEvent.seq.desc()).limit(1)).first()
    return (int(row[0]), row[1]) if row else (0, GENESIS)


def record(session: Session, actor: Actor | None, action: str, entity: str | None = None,
           entity_id: str | None = None, center_code: str | None = None,
           **detail: Any) -> AuditEvent:
    """Append one entry; call inside the write transaction of the change it records."""
    center = center_code or (actor.center_code if actor else "")
    detail_json = json.dumps(detail, ensure_ascii=False, sort_keys=True, default=str) if detail else None
    event = AuditEvent(center_code=center, at=utcnow(), staff_id=actor.staff_id if actor else None,
                       action=action, entity=entity, entity_id=entity_id, detail=detail_json,
                       prev_hash=last_hash(session), hash="")
    event.hash = _digest(event.prev_hash, event.id, event.center_code, event.at, event.staff_id,
                         action, entity, entity_id, detail_json)
    session.add(event)
    session.flush()
    return event


def record_core(session: Session, actor: Actor, action: str, entity: str | None = None,
                entity_id: str | None = None, **detail: Any) -> None:
    """`record` without the ORM unit of work (the same row, the same chain): for the
    high-rate read log, where the ORM's flush was most of the cost of a search."""
    from sqlalchemy import insert

    from db.ids import new_id
    from db.outbox import record_changes

    conn = session.connection()
    detail_json = json.dumps(detail, ensure_ascii=False, sort_keys=True, default=str) if detail else None
    prev = conn.execute(select(AuditEvent.hash).order_by(AuditEvent.seq.desc()).limit(1)).scalar()
    prev = prev or GENESIS
    event_id, at = new_id(), utcnow()
    digest = _digest(prev, event_id, actor.center_code, at, actor.staff_id, action, entity,
                     entity_id, detail_json)
    conn.execute(insert(AuditEvent.__table__).values(
        id=event_id, center_code=actor.center_code, at=at, staff_id=actor.staff_id,
        action=action, entity=entity, entity_id=entity_id, detail=detail_json, prev_hash=prev,
        hash=digest))
    # Core skips the ORM flush hook that fills the outbox: queue the entry here, in the same
    # transaction, or the district never gets it and refuses every later entry (a seq gap).
    record_changes(conn, new_id(), AuditEvent.__tablename__, [event_id])


@dataclass(frozen=True)
class ChainBreak:
    seq: int
    problem: str


def verify_chain(session: Session) -> list[ChainBreak]:
    """Every entry whose hash or link does not match: edited, deleted or reordered entries."""
    breaks: list[ChainBreak] = []
    prev = GENESIS
    expected_seq = None
    for ev in session.exec(select(AuditEvent).order_by(AuditEvent.seq)):
        if expected_seq is not None and ev.seq != expected_seq:
            breaks.append(ChainBreak(ev.seq, f"entries {expected_seq}..{ev.seq - 1} missing"))
        if ev.prev_hash != prev:
            breaks.append(ChainBreak(ev.seq, "link to the previous entry broken"))
        own = _digest(ev.prev_hash, ev.id, ev.center_code, ev.at, ev.staff_id, ev.action,
                      ev.entity, ev.entity_id, ev.detail)
        if own != ev.hash:
            breaks.append(ChainBreak(ev.seq, "entry content changed"))
        prev = ev.hash
        expected_seq = ev.seq + 1
    return breaks
