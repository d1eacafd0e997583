"""Every audit entry reaches the district, in order, or the desk says so (R10, issue 11).

The district takes a centre's entries only as an unbroken extension of its anchor (seq + 1,
linked hash). One entry that never reached the outbox — the read log's entries did not,
before `audit.record_core` queued them — leaves a gap, and the district refuses that entry's
successors for ever (RDA07). So each sync first queues again, in seq order, every local entry
above the district's anchor that is in neither the outbox nor a batch still being sent; and
after the upload, any entry above the anchor that is no longer queued is one the district
did not accept: `sync` and `audit verify` report it, never "ok".
"""

from __future__ import annotations

import psycopg
from sqlalchemy import delete, func, select

from app.desk.context import Desk
from db.engine import read_session, write_session
from db.ids import new_id
from db.models import AuditEvent, Outbox
from db.outbox import record_changes
from db.sync_tables import SyncBatch, SyncNotAccepted

AUDIT = AuditEvent.__tablename__


def district_anchor_seq(conn: psycopg.Connection) -> int:
    row = conn.execute("SELECT seq FROM audit_anchor").fetchone()
    return int(row[0]) if row else 0


def _queued_ids(session) -> set[str]:
    return set(session.execute(select(Outbox.row_id).where(Outbox.table_name == AUDIT))
               .scalars())


def requeue(desk: Desk, anchor_seq: int) -> int:
    """Queue the entries above the anchor that nothing would send; returns how many.

    When there are any, the queued-but-unbatched entries above the anchor are queued again
    with them, all in seq order, so batches split the chain in order and each one extends
    the anchor the one before left.
    """
    with write_session(desk.engine) as s:
        conn = s.connection()
        queued = _queued_ids(s)
        above = conn.execute(select(AuditEvent.seq, AuditEvent.id)
                             .where(AuditEvent.seq > anchor_seq)
                             .order_by(AuditEvent.seq)).all()
        if all(eid in queued for _seq, eid in above):
            return 0
        # Entries inside a batch that is fixed but not finished are resent by that batch.
        fixed = conn.execute(select(func.max(SyncBatch.seq_hi))
                             .where(SyncBatch.status != "done")).scalar() or 0
        in_fixed = set(conn.execute(select(Outbox.row_id).where(
            Outbox.table_name == AUDIT, Outbox.seq <= fixed)).scalars())
        todo = [eid for _seq, eid in above if eid not in in_fixed]
        # Every unbatched audit row goes (those at or below the anchor are at the district
        # already); no IN list, which a large gap would push past SQLite's variable limit.
        conn.execute(delete(Outbox).where(Outbox.table_name == AUDIT, Outbox.seq > fixed))
        record_changes(conn, new_id(), AUDIT, todo)
        return len([eid for eid in todo if eid not in queued])


def not_accepted_entries(desk: Desk, anchor_seq: int) -> list[int]:
    """Seqs of local entries above the district's anchor that are no longer queued: the
    district was sent them and did not take them."""
    with read_session(desk.engine) as s:
        queued = _queued_ids(s)
        above = s.execute(select(AuditEvent.seq, AuditEvent.id)
                          .where(AuditEvent.seq > anchor_seq).order_by(AuditEvent.seq)).all()
    return [seq for seq, eid in above if eid not in queued]


def listed_refusals(desk: Desk) -> int:
    """Audit entries on the local not-accepted list (kept from the district's answers)."""
    with read_session(desk.engine) as s:
        return s.execute(select(func.count()).select_from(SyncNotAccepted)
                         .where(SyncNotAccepted.table_name == AUDIT)).scalar_one()


def problem(seqs: list[int], anchor_seq: int) -> dict:
    """The report of entries the district has not accepted, in Chinese and English; with
    none, the local log no longer matches the district's anchor (cut off or rewritten)."""
    if not seqs:
        return {"code": "audit_anchor_mismatch", "entries": 0, "anchor_seq": anchor_seq,
                "zh": f"本机审计日志与区数据库的锚点（第 {anchor_seq} 条）不符：日志被截短或"
                      "改写。请管理员运行 rentdesk audit verify 并联系区管理员。",
                "en": f"The local audit log does not match the district's anchor (entry "
                      f"{anchor_seq}): it was cut off or rewritten. An administrator should "
                      "run `rentdesk audit verify` and call the district."}
    first = seqs[0]
    return {"code": "audit_not_accepted", "entries": len(seqs), "first_seq": first,
            "anchor_seq": anchor_seq,
            "zh": f"区数据库未接收本中心的 {len(seqs)} 条审计记录（自第 {first} 条起；区数据库"
                  f"只保存到第 {anchor_seq} 条）。审计日志未送达区数据库，请管理员运行 "
                  "rentdesk audit verify 并联系区管理员。",
            "en": f"The district has not accepted {len(seqs)} of this centre's audit entries "
                  f"(from entry {first}; it holds them up to entry {anchor_seq}). The audit "
                  "log has not reached the district: an administrator should run "
                  "`rentdesk audit verify` and call the district."}
