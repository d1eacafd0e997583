"""The local half of the batch protocol: fix a batch, read its rows, store the answer, trim.

A batch is a range of outbox seqs with a fixed id and number, written to `sync_batch`
before anything is sent; until the district's answer is stored locally, every attempt
resends that same id, so the district can tell a resend from new work.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, select, update
from sqlmodel import Session
from sqlmodel import select as orm_select

from app import settings
from app.context import Desk
from app.sync import not_accepted
from db.district.schema import synced_columns
from db.engine import read_session, write_session
from db.ids import new_id
from db.models import Outbox, Tenancy, utcnow
from db.sync_scope import UPLOADED_TABLES
from db.sync_tables import SyncBatch

BATCH_ENTRIES = 50_000  # outbox entries per batch: one district transaction each


@dataclass
class BatchData:
    rows: dict[str, tuple[list[str], list[tuple]]]  # table -> (columns, raw rows)
    deletes: dict[str, list[str]]

    def counts(self) -> dict[str, int]:
        out = {t: len(r) for t, (_c, r) in self.rows.items() if r}
        for t, ids in self.deletes.items():
            out[f"{t}:deleted"] = len(ids)
        return out


def get_meta(session: Session, key: str) -> str | None:
    """A sync setting as its stored text (app.settings holds the type, default and bounds)."""
    value = settings.get(session, settings.REGISTRY[key])
    return None if value is None else (value.isoformat() if hasattr(value, "isoformat")
                                       else str(value))


def set_meta(session: Session, key: str, value: str) -> None:
    setting = settings.REGISTRY[key]
    settings.put(session, setting, setting.kind(value) if setting.kind in (int, str) else
                 settings.parse_text(setting, value))


def open_batch(desk: Desk, max_entries: int = BATCH_ENTRIES,
               busy: frozenset[str] = frozenset()) -> SyncBatch | None:
    """The oldest unfinished batch not in `busy` (being finished elsewhere), else a new one
    over the next outbox entries after every unfinished batch (None: nothing to send)."""
    with write_session(desk.engine) as s:
        unfinished = s.exec(orm_select(SyncBatch).where(SyncBatch.status != "done")
                            .order_by(SyncBatch.batch_no)).all()
        for batch in unfinished:
            if batch.id not in busy:
                return batch
        after = max((b.seq_hi for b in unfinished), default=0)
        head = (select(Outbox.seq).where(Outbox.seq > after).order_by(Outbox.seq)
                .limit(max_entries).subquery())
        lo, hi, n = s.execute(select(func.min(head.c.seq), func.max(head.c.seq),
                                     func.count())).one()
        if not n:
            return None
        number = int(get_meta(s, "sync_batch_no") or 0) + 1
        set_meta(s, "sync_batch_no", str(number))
        batch = SyncBatch(id=new_id(), batch_no=number, epoch=get_meta(s, "replica_epoch") or "",
                          seq_lo=lo, seq_hi=hi, entries=n)
        s.add(batch)
        return batch


def read_batch(desk: Desk, batch: SyncBatch) -> BatchData:
    return read_range(desk, batch.seq_lo, batch.seq_hi)


def read_ahead(desk: Desk, after_seq: int, max_entries: int) -> tuple[int, int, BatchData] | None:
    """The rows of the batch that will follow `after_seq`, read before it is recorded.

    Used to overlap the local read with the district's work on the current batch; the
    caller uses it only if the recorded batch has exactly this range.
    """
    with read_session(desk.engine) as s:
        head = (select(Outbox.seq).where(Outbox.seq > after_seq).order_by(Outbox.seq)
                .limit(max_entries).subquery())
        lo, hi = s.execute(select(func.min(head.c.seq), func.max(head.c.seq))).one()
    if lo is None:
        return None
    return lo, hi, read_range(desk, lo, hi)


def read_range(desk: Desk, seq_lo: int, seq_hi: int) -> BatchData:
    """Current state of every row the batch's entries name, read in one snapshot.

    Rows are sent as they are now (not as they were when the entry was written): a later
    version only makes the district current sooner, and later entries resend it anyway.
    """
    data = BatchData({}, {})
    with read_session(desk.engine) as s:
        # The DB-API cursor hands back plain tuples: no Row objects for a million rows.
        cur = s.connection().connection.cursor()
        for model in UPLOADED_TABLES:
            table = model.__tablename__
            cols = synced_columns(table)
            in_batch = ("SELECT row_id FROM outbox WHERE seq BETWEEN ? AND ? AND table_name = ?")
            rows = cur.execute(
                f"SELECT {', '.join(cols)} FROM {table} WHERE id IN ({in_batch})",
                (seq_lo, seq_hi, table)).fetchall()
            # NOT EXISTS probes the primary key; NOT IN would materialise the whole table.
            gone = cur.execute(
                f"SELECT DISTINCT row_id FROM outbox o WHERE seq BETWEEN ? AND ? AND table_name = ? "
                f"AND op = 'delete' AND NOT EXISTS (SELECT 1 FROM {table} t WHERE t.id = o.row_id)",
                (seq_lo, seq_hi, table)).fetchall()
            if rows:
                data.rows[table] = (cols, rows)
            if gone:
                data.deletes[table] = [r[0] for r in gone]
        cur.close()
    return data


def store_answer(desk: Desk, batch: SyncBatch, answer: dict) -> None:
    with write_session(desk.engine) as s:
        row = s.get(SyncBatch, batch.id)
        row.answer = json.dumps(answer, ensure_ascii=False)
        row.answered_at = utcnow()
        row.status = "answered"
        s.add(row)
    batch.answer, batch.status = row.answer, "answered"


def finish_batch(desk: Desk, batch: SyncBatch) -> dict:
    """Delivery receipts (R2), then trim the outbox — one local transaction, no outbox rows."""
    answer = json.loads(batch.answer or "{}")
    applied = datetime.fromisoformat(answer["applied_at"])
    with write_session(desk.engine) as s:
        conn = s.connection()  # Core statements: no flush hook, so nothing echoes back up
        in_batch = select(Outbox.row_id).where(Outbox.seq.between(batch.seq_lo, batch.seq_hi),
                                               Outbox.table_name == "tenancy")
        refused = not_accepted.record(conn, answer.get("not_accepted") or [],
                                      batch.seq_lo, batch.seq_hi)
        # rule R2: the district's receipt time is the delivery time — only for rows it took.
        kept_back = [rid for table, rid in refused if table == "tenancy"]
        conn.execute(update(Tenancy).where(Tenancy.delivered_at.is_(None),
                                           Tenancy.id.in_(in_batch),
                                           Tenancy.id.not_in(kept_back))
                     .values(delivered_at=applied))
        conn.execute(delete(Outbox).where(Outbox.seq.between(batch.seq_lo, batch.seq_hi)))
        conn.execute(update(SyncBatch).where(SyncBatch.id == batch.id)
                     .values(status="done", done_at=utcnow()))
    batch.status = "done"
    return answer


def outbox_size(desk: Desk) -> int:
    with read_session(desk.engine) as s:
        return s.execute(select(func.count()).select_from(Outbox)).scalar_one()
