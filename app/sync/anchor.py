"""The audit log's anchor outside the desk (issue 11, R10).

Each sync reports the local chain head (seq, hash) to the district, which keeps its own
anchor: the last entry it accepted, which every later entry must extend. `verify` compares
the local chain with that anchor and the district's copy, so deleting the newest entries,
cutting the log, or editing an entry and recomputing every hash after it is reported once
a sync has happened. Between syncs the 移交清单 prints the head on paper.
"""

from __future__ import annotations

import json

import psycopg
from sqlalchemy import select

from app.desk.context import Desk
from app.staff import audit
from app.sync.batches import get_meta, set_meta
from db.engine import read_session, write_session
from db.models import AuditEvent

META_KEY = "district_audit_anchor"


def report_head(desk: Desk, conn: psycopg.Connection) -> dict:
    """Tell the district our head; keep its anchor locally (restore compares with it)."""
    with read_session(desk.engine) as s:
        seq, digest = audit.chain_head(s)
    answer = conn.execute("SELECT district_audit_head(%s, %s)", (seq, digest)).fetchone()[0]
    remember(desk, answer["anchor_seq"], answer["anchor_hash"])
    return {"local_seq": seq, **answer}


def remember(desk: Desk, seq: int, digest: str) -> None:
    with write_session(desk.engine) as s:
        set_meta(s, META_KEY, json.dumps({"seq": seq, "hash": digest}))


def remembered(desk: Desk) -> tuple[int, str] | None:
    with read_session(desk.engine) as s:
        raw = get_meta(s, META_KEY)
    if not raw:
        return None
    got = json.loads(raw)
    return int(got["seq"]), got["hash"]


def district_copy(conn: psycopg.Connection) -> tuple[tuple[int, str], dict[int, str]]:
    """The district's anchor and its copy of this centre's chain (seq -> hash)."""
    row = conn.execute("SELECT seq, hash FROM audit_anchor").fetchone()
    anchor = (int(row[0]), row[1]) if row else (0, audit.GENESIS)
    copy = dict(conn.execute("SELECT seq, hash FROM audit_event WHERE seq <= %s",
                             (anchor[0],)).fetchall())
    return anchor, copy


def compare(desk: Desk, anchor: tuple[int, str], copy: dict[int, str]) -> list[dict]:
    """Problems of the local chain against the district's anchor and copy."""
    problems: list[dict] = []
    with read_session(desk.engine) as s:
        local = dict(s.execute(select(AuditEvent.seq, AuditEvent.hash)
                               .where(AuditEvent.seq <= max(anchor[0], 0))).all())
        head = audit.chain_head(s)
    a_seq, a_hash = anchor
    if head[0] < a_seq:
        problems.append({"seq": head[0], "problem": f"chain ends at {head[0]}, before the "
                         f"district's anchor {a_seq}: entries were deleted or cut off"})
    elif a_seq and local.get(a_seq) != a_hash:
        problems.append({"seq": a_seq, "problem": "entry at the district's anchor differs: "
                         "the log was edited and its hashes recomputed"})
    missing = sorted(q for q in copy if q not in local)
    changed = sorted(q for q, h in copy.items() if q in local and local[q] != h)
    if missing:
        problems.append({"seq": missing[0], "problem": f"{len(missing)} entries the district "
                         "holds are missing here"})
    if changed:
        problems.append({"seq": changed[0], "problem": f"{len(changed)} entries differ from "
                         "the district's copy"})
    return problems
