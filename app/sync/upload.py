"""Sending to the district: photos/scans first, then one batch per district transaction.

Bulk rows go through COPY into a temporary staging table and one INSERT … ON CONFLICT
merge per table (never a row-by-row loop). The batch begins with `district_begin_batch`
(ordering and replica checks; a known batch id returns the stored answer and changes
nothing) and ends with `district_finish_batch` (screening for district-wide rules, the
applied_batch record) — all in the same transaction as the merge.
"""

from __future__ import annotations

from collections.abc import Callable

import psycopg
from sqlalchemy import update
from sqlmodel import select

from app.blobs import blob_exists, read_blob
from app.context import Desk
from app.sync.batches import BatchData
from app.sync.crash import crash_point
from db.engine import read_session, write_session
from db.models import Blob, utcnow
from db.sync_tables import SyncBatch

BLOB_CHUNK = 200
APPEND_ONLY = frozenset({"audit_event"})


def _merge_sql(table: str, cols: list[str]) -> str:
    """One set-based upsert from the staging table; a stale duplicate never wins."""
    listed = ", ".join(cols)
    if table in APPEND_ONLY:
        # The audit log is never rewritten, here or there: a resent entry changes nothing.
        return (f"INSERT INTO {table} ({listed}, src_batch_no) "
                f"SELECT {listed}, %(batch_no)s FROM stg_{table} ON CONFLICT (id) DO NOTHING")
    selected = ", ".join("coalesce(delivered_at, now())" if table == "tenancy" and c == "delivered_at"
                         else c for c in cols)
    sets = []
    for c in cols:
        if c in ("id", "center_code") or (table == "building" and c == "district_cap"):
            continue  # the owner never changes; the district owns its cap override
        if table == "tenancy" and c == "delivered_at":
            sets.append("delivered_at = coalesce(d.delivered_at, EXCLUDED.delivered_at)")
        elif table == "card" and c in ("status", "ended_at", "end_reason"):
            # A revocation made centrally wins over whatever the centre sends later.
            sets.append(f"{c} = CASE WHEN d.central_revoked_at IS NULL THEN EXCLUDED.{c} "
                        f"ELSE d.{c} END")
        else:
            sets.append(f"{c} = EXCLUDED.{c}")
    sets += ["src_batch_no = EXCLUDED.src_batch_no", "received_at = now()"]
    return (f"INSERT INTO {table} AS d ({listed}, src_batch_no) "
            f"SELECT {selected}, %(batch_no)s FROM stg_{table} "
            f"ON CONFLICT (id) DO UPDATE SET {', '.join(sets)} "
            f"WHERE d.src_batch_no <= EXCLUDED.src_batch_no")


def copy_rows(cur: psycopg.Cursor, table: str, cols: list[str], rows: list[tuple]) -> None:
    cur.execute(f"CREATE TEMP TABLE stg_{table} ON COMMIT DROP AS "
                f"SELECT {', '.join(cols)} FROM {table} WITH NO DATA")
    with cur.copy(f"COPY stg_{table} ({', '.join(cols)}) FROM STDIN") as cp:
        for row in rows:
            cp.write_row(row)


def send_batch(conn: psycopg.Connection, batch: SyncBatch,
               load: Callable[[], BatchData]) -> dict:
    """Apply the batch in one district transaction; returns the district's answer.

    The district is asked first whether it knows the batch id, so a resend of an applied
    batch reads and sends no rows at all.
    """
    with conn.transaction(), conn.cursor() as cur:
        known = cur.execute("SELECT district_begin_batch(%s, %s, %s)",
                            (batch.id, batch.batch_no, batch.epoch)).fetchone()[0]
        if known is not None:
            return known  # already applied: a resend changes nothing
        data = load()
        for table, ids in data.deletes.items():
            cur.execute(f"DELETE FROM {table} WHERE id = ANY(%s)", (ids,))
        for table, (cols, rows) in data.rows.items():
            copy_rows(cur, table, cols, rows)
            cur.execute(_merge_sql(table, cols), {"batch_no": batch.batch_no})
        crash_point("district_merged")
        answer = cur.execute(
            "SELECT district_finish_batch(%s, %s, %s, %s, %s, %s)",
            (batch.id, batch.batch_no, batch.epoch, batch.seq_lo, batch.seq_hi,
             psycopg.types.json.Jsonb(data.counts()))).fetchone()[0]
    crash_point("district_committed")
    return answer


def upload_blobs(desk: Desk, conn: psycopg.Connection) -> int:
    """Photos and scans not yet at the district, content-addressed by SHA-256."""
    with read_session(desk.engine) as s:
        pending = [(b.sha256, b.kind, b.size) for b in
                   s.exec(select(Blob).where(Blob.uploaded_at.is_(None)))]
    sent = 0
    for i in range(0, len(pending), BLOB_CHUNK):
        chunk = pending[i:i + BLOB_CHUNK]
        shas = [p[0] for p in chunk]
        with conn.transaction(), conn.cursor() as cur:
            missing = set(cur.execute("SELECT district_missing_blobs(%s)", (shas,)).fetchone()[0])
            todo = [p for p in chunk if p[0] in missing and blob_exists(desk, p[0])]
            if todo:
                cur.execute("CREATE TEMP TABLE stg_blob ON COMMIT DROP AS "
                            "SELECT sha256, kind, size, data, center_code FROM blob WITH NO DATA")
                with cur.copy("COPY stg_blob FROM STDIN") as cp:
                    # The district gets the plaintext (it holds its own keys, TLS on the wire):
                    # the local at-rest key never leaves the desk.
                    for sha, kind, size in todo:
                        cp.write_row((sha, kind, size, read_blob(desk, sha), desk.center_code))
                cur.execute("INSERT INTO blob (sha256, kind, size, data, center_code) "
                            "SELECT * FROM stg_blob ON CONFLICT (sha256) DO NOTHING")
            sent += len(todo)
        # A row whose file is missing stays pending (and is retried), never marked sent.
        done = [sha for sha in shas if sha not in missing] + [p[0] for p in todo]
        with write_session(desk.engine) as s:
            s.connection().execute(update(Blob).where(Blob.sha256.in_(done))
                                   .values(uploaded_at=utcnow()))
    return sent
