"""Maintenance commands: audit verification."""

from __future__ import annotations

from app.cli.common import desk_from, emit


def register(sub) -> None:
    a = sub.add_parser("audit", help="审计日志 / audit log").add_subparsers(dest="action", required=True)
    p = a.add_parser("verify", help="校验审计链 / find edited, deleted or reordered entries")
    p.add_argument("--district", help="区数据库地址 / district URL (else the saved one); the "
                   "password from RENTDESK_DISTRICT_PASSWORD")
    p.add_argument("--local-only", action="store_true", help="只校验本机 / skip the district")
    p.set_defaults(handler=run_audit_verify)


def run_audit_verify(args) -> int:
    from app.sync.audit_check import verify

    result = verify(desk_from(args), args.district, with_district=not args.local_only)
    for b in result["problems"]:
        emit(b)
    emit({k: v for k, v in result.items() if k != "problems"} | {"problems": len(result["problems"])})
    return 0 if result["ok"] else 1
