"""Supervisor commands: report (R8), due / handover (R2, R6), fault (R4, R7), training (R3),
dashboard. Thin: every rule lives in app/."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date, datetime
from pathlib import Path

from app.cli.common import acting_desk, add_as, desk_from, emit
from app.desk import clock


def _when(text: str) -> datetime:
    """An ISO time; without an offset it is the centre's local time (as the clerk reads it)."""
    return datetime.fromisoformat(text)


def register(sub) -> None:
    p = sub.add_parser("report", help="统计报表 / statistics export, XLSX or CSV (R8)")
    add_as(p)
    p.add_argument("--by", action="append", choices=["company", "building", "center"],
                   required=True, help="统计口径，可重复 / grouping, may repeat (a sheet each)")
    p.add_argument("--period", choices=["day", "month", "year"], required=True)
    p.add_argument("--from", dest="date_from", type=date.fromisoformat)
    p.add_argument("--to", dest="date_to", type=date.fromisoformat)
    p.add_argument("--out", type=Path, required=True, help="FILE.xlsx or FILE.csv")
    p.set_defaults(handler=run_report)

    p = sub.add_parser("due", help="24小时报送 / records due at the workstation (R2)")
    add_as(p)
    p.add_argument("--pending-handover", action="store_true", help="只列待移交 / not yet handed over")
    p.add_argument("--overdue", action="store_true", help="只列逾期 / overdue only")
    p.set_defaults(handler=run_due)

    h = sub.add_parser("handover", help="移交清单 / handover batches (R6)").add_subparsers(
        dest="action", required=True)
    p = h.add_parser("create", help="移交 / hand these records over now")
    add_as(p)
    p.add_argument("tenancy_ids", nargs="+")
    p.set_defaults(handler=run_handover_create)
    p = h.add_parser("show", help="查看批次 / show a batch")
    add_as(p)
    p.add_argument("handover_id")
    p.set_defaults(handler=run_handover_show)

    f = sub.add_parser("fault", help="门禁系统故障 / card-system faults (R4, R7)").add_subparsers(
        dest="action", required=True)
    p = f.add_parser("system", help="门禁系统资料 / a building's card-system record")
    add_as(p)
    p.add_argument("--building", required=True)
    p.add_argument("--installer")
    p.add_argument("--contact")
    p.add_argument("--controller")
    p.add_argument("--installed-on", type=date.fromisoformat)
    p.add_argument("--status", choices=["ok", "down", "unknown", "none"], required=True)
    p.set_defaults(handler=run_fault_system)
    p = f.add_parser("open", help="报故障 / report a fault")
    add_as(p)
    p.add_argument("--building", required=True)
    p.add_argument("--description", required=True)
    p.add_argument("--found-at", type=_when)
    p.set_defaults(handler=run_fault_open)
    for action, helptext in (("notify", "已通知安装单位 / installer notified"),
                             ("visit", "处理记录 / a visit"), ("fix", "已修复 / fixed")):
        p = f.add_parser(action, help=helptext)
        add_as(p)
        p.add_argument("ticket_id")
        p.add_argument("--at", type=_when)
        p.add_argument("--note", required=action == "visit")
        p.set_defaults(handler=run_fault_step, step=action)
    p = f.add_parser("list", help="故障单 / tickets")
    p.add_argument("--open", action="store_true")
    p.set_defaults(handler=run_fault_list)

    p = sub.add_parser("training", help="培训提醒 / training reminders (R3)")
    add_as(p)
    p.add_argument("--today", type=date.fromisoformat)
    p.set_defaults(handler=run_training)

    p = sub.add_parser("dashboard", help="主管概览 / supervisor's overview")
    add_as(p)
    p.set_defaults(handler=run_dashboard)


def _localise(desk, value: datetime | None) -> datetime | None:
    from app.desk.clock import zone

    return value.replace(tzinfo=zone(desk)) if value and value.tzinfo is None else value


def run_report(args) -> int:
    from app.supervision.export import export_statistics

    desk, actor = acting_desk(args)
    result = export_statistics(desk, actor, args.out, args.by, args.period, args.date_from,
                               args.date_to, force=args.force)
    emit({"out": str(result.path), "rows": result.rows})
    return 0


def run_due(args) -> int:
    from app.supervision.delivery import due_list_for

    desk, actor = acting_desk(args)
    for item in due_list_for(desk, actor, pending_handover=args.pending_handover,
                             recent_delivered=not args.overdue):
        if not args.overdue or item.status == "red":
            emit(asdict(item))
    return 0


def run_handover_create(args) -> int:
    from app.supervision.delivery import create_handover

    desk, actor = acting_desk(args)
    batch = create_handover(desk, actor, args.tenancy_ids)
    emit({"handover_id": batch.id, "number": batch.number, "records": len(batch.items),
          "late": batch.late})
    return 0


def run_handover_show(args) -> int:
    from app.supervision.delivery import handover_for

    desk, actor = acting_desk(args)
    emit(asdict(handover_for(desk, actor, args.handover_id)))
    return 0


def run_fault_system(args) -> int:
    from app.supervision.faults import set_card_system

    desk, actor = acting_desk(args)
    emit(asdict(set_card_system(desk, actor, args.building, args.installer, args.contact,
                                args.controller, args.installed_on, args.status)))
    return 0


def run_fault_open(args) -> int:
    from app.supervision.faults import open_fault

    desk, actor = acting_desk(args)
    emit(asdict(open_fault(desk, actor, args.building, args.description,
                           _localise(desk, args.found_at))))
    return 0


def run_fault_step(args) -> int:
    from app.supervision.faults import add_visit, fix_fault, notify_installer

    desk, actor = acting_desk(args)
    at = _localise(desk, args.at)
    if args.step == "notify":
        result = notify_installer(desk, actor, args.ticket_id, at)
    elif args.step == "visit":
        result = add_visit(desk, actor, args.ticket_id, args.note, at)
    else:
        result = fix_fault(desk, actor, args.ticket_id, at, args.note)
    emit(asdict(result))
    return 0


def run_fault_list(args) -> int:
    from app.supervision.faults import list_faults

    for ticket in list_faults(desk_from(args), open_only=args.open):
        emit(asdict(ticket))
    return 0


def run_training(args) -> int:
    from app.supervision.dashboard import training_reminders_for

    desk, actor = acting_desk(args)
    today = args.today or clock.today(desk)
    for reminder in training_reminders_for(desk, actor, today):
        emit(asdict(reminder))
    return 0


def run_dashboard(args) -> int:
    from app.supervision.dashboard import dashboard

    desk, actor = acting_desk(args)
    emit(asdict(dashboard(desk, actor)))
    return 0
