"""Sending to the district: photos/scans first, then one batch per district transaction.

The centre's login writes no district table (issue 11). Bulk rows go through COPY into
staging tables the district creates for the transaction (`district_stage`), and
`district_finish_batch` merges them set-based, one INSERT … ON CONFLICT per table, with
the district's own values for every district-owned column. The batch begins with
`district_begin_batch` (ordering and replica checks; a known batch id returns the stored
answer and changes nothing) — all in one district transaction.
"""

from __future__ import annotations

from collections.abc import Callable

import psycopg
from sqlalchemy import update
from sqlmodel import select

from app.data import text_input
from app.data.blobs import blob_exists, read_blob
from app.desk.context import Desk
from app.sync.batches import BatchData
from app.sync.steps import reached
from db.engine import read_session, write_session
from db.models import Blob, utcnow
from db.sync_tables import SyncBatch

BLOB_CHUNK = 200


def copy_rows(cur: psycopg.Cursor, table: str, cols: list[str], rows: list[tuple]) -> None:
    """COPY into the staging table the district made for this transaction (`district_stage`):
    the centre's login may fill it, never alter it, and has no write right on any table."""
    stg = cur.execute("SELECT district_stage(%s, %s)", (table, cols)).fetchone()[0]
    with cur.copy(f"COPY pg_temp.{stg} ({', '.join(cols)}) FROM STDIN") as cp:
        for row in rows:
            cp.write_row(row)


def _unstorable(value: object) -> bool:
    if not isinstance(value, str):
        return False
    if "\x00" in value:
        return True
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _screened(data: BatchData) -> tuple[BatchData, list[dict]]:
    """Rows PostgreSQL cannot take (a NUL, a control character, an over-long field — stored
    before the text boundary existed) are kept back and listed; every other row goes."""
    kept: dict[str, tuple[list[str], list[tuple]]] = {}
    refused: list[dict] = []
    for table, (cols, rows) in data.rows.items():
        good = []
        for row in rows:
            # Only what PostgreSQL cannot store at all is held back (a NUL, a lone
            # surrogate); long or odd but storable legacy text still goes.
            bad = next((text_input.problem(table, c, v) or (c, c, c)
                        for c, v in zip(cols, row, strict=True) if _unstorable(v)), None)
            if bad is None:
                good.append(row)
            else:
                refused.append({"table": table, "id": row[cols.index("id")], "sqlstate": "22021",
                                "field": bad[0], "reason_zh": bad[1], "reason_en": bad[2]})
        kept[table] = (cols, good)
    return BatchData(kept, data.deletes), refused


def send_batch(conn: psycopg.Connection, batch: SyncBatch,
               load: Callable[[], BatchData], screen: bool = False) -> dict:
    """Apply the batch in one district transaction; returns the district's answer.

    The district is asked first whether it knows the batch id, so a resend of an applied
    batch reads and sends no rows at all. With `screen`, rows the district cannot take are
    held back and named in the answer's `not_accepted` (the caller retries that way after
    a data error, so the happy path pays nothing for the check).
    """
    held: list[dict] = []
    with conn.transaction(), conn.cursor() as cur:
        known = cur.execute("SELECT district_begin_batch(%s, %s, %s)",
                            (batch.id, batch.batch_no, batch.epoch)).fetchone()[0]
        if known is not None:
            return with_held(known)  # already applied: a resend changes nothing
        data = load()
        if screen:
            data, held = _screened(data)
        if data.deletes:
            copy_rows(cur, "deletes", ["table_name", "id"],
                      [(t, i) for t, ids in data.deletes.items() for i in ids])
        for table, (cols, rows) in data.rows.items():
            if rows:
                copy_rows(cur, table, cols, rows)
        reached("district_merged")
        counts: dict = data.counts()
        if held:  # stored with the answer, so a resend after a lost answer still lists them
            counts[HELD_KEY] = held
        answer = cur.execute(
            "SELECT district_finish_batch(%s, %s, %s, %s, %s, %s)",
            (batch.id, batch.batch_no, batch.epoch, batch.seq_lo, batch.seq_hi,
             psycopg.types.json.Jsonb(counts))).fetchone()[0]
    reached("district_committed")
    return with_held(answer)


HELD_KEY = "held_at_desk"


def with_held(answer: dict) -> dict:
    """Rows the desk held back (in `rows`, see send_batch) joined to the district's list."""
    rows = dict(answer.get("rows") or {})
    held = rows.pop(HELD_KEY, None)
    if not held:
        return answer
    return {**answer, "rows": rows, "not_accepted": (answer.get("not_accepted") or []) + held}


def upload_blobs(desk: Desk, conn: psycopg.Connection) -> int:
    """Photos and scans not yet at the district, content-addressed by SHA-256."""
    with read_session(desk.engine) as s:
        pending = [(b.sha256, b.kind, b.size) for b in
                   s.exec(select(Blob).where(Blob.uploaded_at.is_(None)))]
    sent = 0
    rejected: set[str] = set()
    for i in range(0, len(pending), BLOB_CHUNK):
        chunk = pending[i:i + BLOB_CHUNK]
        shas = [p[0] for p in chunk]
        with conn.transaction(), conn.cursor() as cur:
            missing = set(cur.execute("SELECT district_missing_blobs(%s)", (shas,)).fetchone()[0])
            todo = [p for p in chunk if p[0] in missing and blob_exists(desk, p[0])]
            if todo:
                stg = cur.execute("SELECT district_stage('blob', NULL)").fetchone()[0]
                with cur.copy(f"COPY pg_temp.{stg} (sha256, kind, size, data) FROM STDIN") as cp:
                    # The district gets the plaintext (it holds its own keys, TLS on the wire):
                    # the local at-rest key never leaves the desk.
                    for sha, kind, size in todo:
                        cp.write_row((sha, kind, size, read_blob(desk, sha)))
                # The district checks SHA-256 and size of every blob before keeping it.
                put = cur.execute("SELECT district_put_blobs()").fetchone()[0]
                rejected.update(put.get("refused") or [])
            sent += len(todo)
        # A row whose file is missing stays pending (and is retried), never marked sent.
        done = [sha for sha in shas if sha not in missing] + [p[0] for p in todo
                                                              if p[0] not in rejected]
        with write_session(desk.engine) as s:
            s.connection().execute(update(Blob).where(Blob.sha256.in_(done))
                                   .values(uploaded_at=utcnow()))
    if rejected:
        from app.sync.not_accepted import record_blobs
        record_blobs(desk, sorted(rejected))
    return sent - len(rejected)
