"""Maintenance commands: the audit log, listed in words and verified."""

from __future__ import annotations

from app.cli.common import acting_desk, add_as, desk_from, emit


def register(sub) -> None:
    a = sub.add_parser("audit", help="审计日志 / audit log").add_subparsers(dest="action", required=True)
    p = a.add_parser("verify", help="校验审计链 / find edited, deleted or reordered entries")
    p.add_argument("--district", help="区数据库地址 / district URL (else the saved one); the "
                   "password from RENTDESK_DISTRICT_PASSWORD")
    p.add_argument("--local-only", action="store_true", help="只校验本机 / skip the district")
    p.set_defaults(handler=run_audit_verify)
    p = a.add_parser("list", help="审计记录（文字显示）/ entries, in words")
    add_as(p)
    p.add_argument("--action", help="操作，如 发卡、门禁卡 或 card.issue / action or prefix")
    p.add_argument("--staff", help="账号 / account")
    p.add_argument("--entity", help="人员或记录编号 / person or record id")
    p.add_argument("--limit", type=int, default=50)
    p.set_defaults(handler=run_audit_list)


def run_audit_list(args) -> int:
    """rule R10: the same words as the 审计 page (app.staff.audit_words); the view is logged."""
    from app.staff.audit_query import AuditFilter, query_audit
    from app.staff.audit_words import (
        action_filter,
        action_words,
        detail_rows,
        entity_words,
    )

    desk, actor = acting_desk(args)
    page = query_audit(desk, actor, AuditFilter(args.staff, action_filter(args.action or ""),
                                                args.entity), 0, max(1, min(args.limit, 1000)))
    for r in page.rows:
        emit({"序号": r.seq, "时间": r.at.isoformat(timespec="seconds"), "账号": r.staff_username,
              "操作": action_words(r.action), "对象": entity_words(r.entity),
              "对象编号": r.entity_id, "详情": dict(detail_rows(r.detail))})
    emit({"共": page.total, "显示": len(page.rows)})
    return 0


def run_audit_verify(args) -> int:
    from app.sync.audit_check import verify

    result = verify(desk_from(args), args.district, with_district=not args.local_only)
    for b in result["problems"]:
        emit(b)
    emit({k: v for k, v in result.items() if k != "problems"} | {"problems": len(result["problems"])})
    return 0 if result["ok"] else 1
