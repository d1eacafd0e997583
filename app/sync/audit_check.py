"""`rentdesk audit verify` and `restore` against the district's audit anchor (issue 11)."""

from __future__ import annotations

import os

from app.desk.context import Desk
from app.desk.errors import Refused
from app.staff import audit
from app.sync import anchor, audit_queue
from db.engine import read_session
from db.models import AuditEvent


def _district(desk: Desk, url: str | None, password: str | None):
    from app.sync.district import connect
    from app.sync.run import PASSWORD_ENV, resolve_url

    try:
        target = resolve_url(desk, url)
    except Refused:
        return None  # no district configured: the local check is all there is
    return connect(target, password or os.environ.get(PASSWORD_ENV))


def verify(desk: Desk, url: str | None = None, password: str | None = None,
           with_district: bool = True) -> dict:
    """The local chain, then (when a district is configured) its anchor and copy."""
    with read_session(desk.engine) as s:
        problems = [{"seq": b.seq, "problem": b.problem} for b in audit.verify_chain(s)]
        head = audit.chain_head(s)
    result: dict = {"head_seq": head[0], "head_hash": head[1], "district_checked": False}
    conn = _district(desk, url, password) if with_district else None
    if conn is not None:
        with conn:
            got_anchor, copy = anchor.district_copy(conn)
        problems += anchor.compare(desk, got_anchor, copy)
        refused = audit_queue.not_accepted_entries(desk, got_anchor[0])
        if refused:  # sent, and not taken: the district's copy stops short of this log
            told = audit_queue.problem(refused, got_anchor[0])
            problems.append({"seq": told["first_seq"], "problem": told["en"],
                             "problem_zh": told["zh"]})
        result.update(district_checked=True, anchor_seq=got_anchor[0],
                      anchor_hash=got_anchor[1], district_entries=len(copy))
    listed = audit_queue.listed_refusals(desk)
    if listed:  # the district's own answers said so, whether or not it is reachable now
        problems.append({"seq": None, "problem": f"{listed} audit entries are on the "
                         "not-accepted list: the district refused them",
                         "problem_zh": f"未接收列表中有 {listed} 条审计记录：区数据库拒收了它们"})
    result.update(ok=not problems, problems=problems)
    return result


def restored_behind(desk: Desk, before: tuple[int, str] | None) -> dict | None:
    """After a restore: does the restored chain end before the district's anchor?

    `before` is the anchor the replaced database had remembered; the district itself is
    asked too when its address and password are at hand (no prompt during a restore).
    """
    best = before
    try:
        conn = _district(desk, None, None)
    except Refused:
        conn = None
    if conn is not None:
        with conn:
            got, _copy = anchor.district_copy(conn)
        if best is None or got[0] > best[0]:
            best = got
    if best is None:
        return None
    with read_session(desk.engine) as s:
        head = audit.chain_head(s)
        at_anchor = s.get(AuditEvent, best[0]) if best[0] else None
    # The restored chain must hold the anchored entry itself; entries the restore writes
    # after the backup's end (its own audit record) do not count as reaching it.
    if best[0] == 0 or (at_anchor is not None and at_anchor.hash == best[1]):
        return None
    return {"code": "backup_behind_anchor", "restored_head_seq": head[0], "anchor_seq": best[0],
            "zh": f"该备份的审计日志未包含区数据库已锚定的第 {best[0]} 条：备份早于最近一次同步，"
                  "之后的审计记录不在本机，区数据库仍保存着它们。",
            "en": f"The backup's audit log does not hold entry {best[0]}, the district's "
                  "anchor: the backup predates the last sync; later entries are not here, the "
                  "district still holds them."}
