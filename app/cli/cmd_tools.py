"""Maintenance commands: audit verification."""

from __future__ import annotations

from app.cli.common import desk_from, emit


def register(sub) -> None:
    a = sub.add_parser("audit", help="审计日志 / audit log").add_subparsers(dest="action", required=True)
    p = a.add_parser("verify", help="校验审计链 / find edited, deleted or reordered entries")
    p.set_defaults(handler=run_audit_verify)


def run_audit_verify(args) -> int:
    from app.audit import verify_chain
    from db.engine import read_session

    desk = desk_from(args)
    with read_session(desk.engine) as s:
        breaks = verify_chain(s)
    for b in breaks:
        emit({"seq": b.seq, "problem": b.problem})
    emit({"ok": not breaks, "problems": len(breaks)})
    return 0 if not breaks else 1
