"""What the district decided, applied here without echoing back up.

Every local write below is a Core statement on the session's connection: the outbox hook
only sees ORM flushes of synced objects, so none of these changes is queued for upload
(the district already has them — it made them).
"""

from __future__ import annotations

import json
import re
from datetime import datetime

import psycopg
from sqlalchemy import select, update
from sqlmodel import Session

from app.desk.context import Desk
from app.staff import audit
from app.sync.batches import get_meta, set_meta
from db.engine import write_session
from db.models import Building, Card, CardStatus, Person
from db.sync_tables import SyncConflict, SyncDecision

NOTE_MAX = 500
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_CONFLICT_COLS = ("id, kind, status, centers, rows, detected_at, resolution, resolved_by, "
                  "resolved_at")


def upload_resolutions(desk: Desk, conn: psycopg.Connection) -> int:
    """Conflicts a supervisor resolved here, told to the district (idempotent)."""
    with write_session(desk.engine) as s:
        pending = s.execute(select(SyncConflict.id, SyncConflict.resolution)
                            .where(SyncConflict.resolution_pending.is_(True))).all()
    for cid, resolution in pending:
        # The district keeps only a centre's note (<= 500 characters, no control characters);
        # it closes the conflict itself and tells both centres.
        note = " ".join(_CONTROL.sub(" ", resolution or "").split())[:NOTE_MAX] or "-"
        try:
            with conn.transaction():  # a savepoint: one busy conflict fails only itself
                conn.execute("SELECT district_resolve_conflict(%s, %s)", (cid, note))
        except psycopg.errors.LockNotAvailable:
            continue  # the other centre holds the conflict row: sent again at the next sync
        with write_session(desk.engine) as s:
            s.connection().execute(update(SyncConflict).where(SyncConflict.id == cid)
                                   .values(resolution_pending=False))
    return len(pending)


def _local_ids(session: Session, model, ids: list[str]) -> set[str]:
    if not ids:
        return set()
    return set(session.execute(select(model.id).where(model.id.in_(ids))).scalars())


def _store_conflict(session: Session, row: tuple) -> None:
    cid, kind, status, centers, rows, detected_at, resolution, resolved_by, resolved_at = row
    people = _local_ids(session, Person, rows.get("person", []))
    cards = _local_ids(session, Card, rows.get("card", []))
    existing = session.get(SyncConflict, cid)
    conflict = existing or SyncConflict(id=cid, kind=kind, centers="[]", rows="{}",
                                        detected_at=detected_at)
    conflict.centers = json.dumps(centers)
    conflict.rows = json.dumps(rows)
    conflict.local_person_id = next(iter(people), None)
    conflict.local_card_id = next(iter(cards), None)
    conflict.refused_here = rows.get("refused_card") in cards
    if not (existing and existing.resolution_pending):  # our own resolution is on its way up
        conflict.status, conflict.resolution = status, resolution
        conflict.resolved_at = resolved_at
        if status == "resolved" and not (existing and existing.resolved_by):
            conflict.resolved_by = resolved_by
    session.add(conflict)


def _apply(session: Session, center: str, kind: str, row_id: str, payload: dict,
           at: datetime) -> None:
    conn = session.connection()
    if kind == "card_revoked":
        # A revocation made centrally wins (rule R6 upkeep by the district).
        conn.execute(update(Card).where(Card.id == row_id, Card.status == CardStatus.ACTIVE)
                     .values(status="revoked", ended_at=at,
                             end_reason="区级注销 / revoked by the district: "
                                        + str(payload.get("reason") or "")))
    elif kind == "building_cap":
        conn.execute(update(Building).where(Building.id == row_id)
                     .values(district_cap=payload.get("cap")))
    if kind in ("card_revoked", "building_cap"):
        audit.record(session, None, f"sync.{kind}", kind.split("_")[0], row_id,
                     center_code=center)


def download(desk: Desk, conn: psycopg.Connection) -> dict:
    """Fetch this centre's new decisions and the conflicts they name; apply in one transaction."""
    with write_session(desk.engine) as s:
        last = int(get_meta(s, "sync_decision_seq") or 0)
    decisions = conn.execute("SELECT seq, kind, row_id, payload, at FROM decision "
                             "WHERE seq > %s ORDER BY seq", (last,)).fetchall()
    conflict_ids = sorted({d[2] for d in decisions if d[1] == "conflict"})
    # centre_conflict: the centre's view (document masked, other centres' ids left out)
    conflicts = conn.execute(f"SELECT {_CONFLICT_COLS} FROM centre_conflict WHERE id = ANY(%s)",
                             (conflict_ids,)).fetchall() if conflict_ids else []
    counts: dict[str, int] = {}
    with write_session(desk.engine) as s:
        for seq, kind, row_id, payload, at in decisions:
            if s.get(SyncDecision, seq) is not None:
                continue
            _apply(s, desk.center_code or "", kind, row_id, payload, at)
            s.add(SyncDecision(seq=seq, kind=kind, row_id=row_id, payload=json.dumps(payload)))
            counts[kind] = counts.get(kind, 0) + 1
        for row in conflicts:
            _store_conflict(s, row)
        if decisions:
            set_meta(s, "sync_decision_seq", str(decisions[-1][0]))
    return {"decisions": counts, "conflicts_updated": len(conflicts)}
