"""The outbox: every change to a synced table, recorded in the same transaction.

A flush hook on every Session writes one outbox row per inserted, updated or deleted
synced object, so no service can forget it. Bulk loaders (demo data, imports) that use
Core inserts call `record_changes` themselves in their transaction.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import event, insert
from sqlalchemy.engine import Connection
from sqlmodel import Session

from db.ids import new_id
from db.models import AuditEvent, Outbox, Synced, utcnow

_TX_KEY = "outbox_tx_id"


def _tx_id(session: Session) -> str:
    if _TX_KEY not in session.info:
        session.info[_TX_KEY] = new_id()
    return session.info[_TX_KEY]


def record_changes(conn: Connection, tx_id: str, table: str, row_ids: Iterable[str],
                   op: str = "upsert") -> None:
    now = utcnow()
    rows = [{"tx_id": tx_id, "table_name": table, "row_id": rid, "op": op, "at": now}
            for rid in row_ids]
    if rows:
        conn.execute(insert(Outbox), rows)


@event.listens_for(Session, "before_flush")
def _touch_updated(session: Session, _ctx, _instances) -> None:
    now = utcnow()
    for obj in session.dirty:
        if isinstance(obj, Synced) and session.is_modified(obj):
            obj.updated_at = now


@event.listens_for(Session, "after_flush")
def _write_outbox(session: Session, _ctx) -> None:
    changes: list[dict] = []
    now = utcnow()
    tx = None
    for objs, op in ((session.new, "upsert"), (session.dirty, "upsert"),
                     (session.deleted, "delete")):
        for obj in objs:
            # Audit entries travel too (R10), as inserts only: the log is append-only.
            if not isinstance(obj, Synced) and not (isinstance(obj, AuditEvent) and op == "upsert"
                                                    and obj in session.new):
                continue
            if op == "upsert" and obj in session.dirty and not session.is_modified(obj):
                continue
            tx = tx or _tx_id(session)
            changes.append({"tx_id": tx, "table_name": obj.__tablename__, "row_id": obj.id,
                            "op": op, "at": now})
    if changes:
        session.connection().execute(insert(Outbox), changes)


@event.listens_for(Session, "after_commit")
@event.listens_for(Session, "after_rollback")
def _forget_tx(session: Session) -> None:
    session.info.pop(_TX_KEY, None)
