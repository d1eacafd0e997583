"""Door commands: controllers of a building, push, reconcile, daily check (R4, R6, R7)."""

from __future__ import annotations

import sys
from dataclasses import asdict
from pathlib import Path

from app.cli.common import acting_desk, add_as, emit


def register(sub) -> None:
    d = sub.add_parser("door", help="门禁控制器 / door controllers").add_subparsers(
        dest="action", required=True)
    p = d.add_parser("add", help="登记控制器 / add a controller to a building")
    add_as(p)
    p.add_argument("--building", required=True)
    p.add_argument("--name", required=True, help="如 大门 / e.g. main gate")
    p.add_argument("--driver", choices=("uhppote", "file"), default="uhppote")
    p.add_argument("--serial", type=int, help="控制器序列号 / serial number (uhppote)")
    p.add_argument("--address", help="IPv4[:port] (uhppote; default: broadcast)")
    p.add_argument("--protocol", choices=("udp", "tcp"), default="udp")
    p.add_argument("--doors", default="1", help="门号，如 1,2 / door numbers, e.g. 1,2")
    p.add_argument("--dir", dest="file_dir", help="白名单目录 / whitelist folder (file)")
    p.set_defaults(handler=run_add)
    p = d.add_parser("list", help="控制器列表 / list controllers")
    add_as(p)
    p.add_argument("--building")
    p.set_defaults(handler=run_list)
    p = d.add_parser("remove", help="移除控制器 / remove a controller")
    add_as(p)
    p.add_argument("controller", help="控制器编号或名称 / id or name")
    p.set_defaults(handler=run_remove)
    p = d.add_parser("push", help="推送待写入的门禁任务 / push waiting door jobs (headless)")
    add_as(p)
    p.add_argument("--controller", help="控制器编号或名称 / id or name")
    p.add_argument("--now", action="store_true", help="忽略退避等待 / ignore the backoff")
    p.set_defaults(handler=run_push)
    p = d.add_parser("reconcile", help="核对门禁 / reconcile doors with the desk and district")
    add_as(p)
    p.add_argument("--building")
    p.add_argument("--fix", action="store_true", help="按本系统修正门禁 / make the doors match")
    p.add_argument("--xlsx", help="报告文件 / write the report as XLSX")
    p.add_argument("--force", action="store_true", help="覆盖已有文件 / overwrite an existing file")
    p.set_defaults(handler=run_reconcile)
    p = d.add_parser("check", help="门禁日常检查 / daily check (R7)")
    add_as(p)
    p.add_argument("--building")
    p.set_defaults(handler=run_check)
    p = d.add_parser("export", help="导出白名单 / write a file controller's whitelist now")
    add_as(p)
    p.add_argument("controller")
    p.add_argument("--force", action="store_true", help="覆盖已有文件 / overwrite existing files")
    p.set_defaults(handler=run_export)
    p = d.add_parser("import", help="导入安装单位名单 / import the installer's current list")
    add_as(p)
    p.add_argument("controller")
    p.add_argument("file")
    p.set_defaults(handler=run_import)


def run_add(args) -> int:
    from app.doors.controllers import add_controller

    desk, actor = acting_desk(args)
    emit(asdict(add_controller(desk, actor, args.building, args.name, args.driver, args.serial,
                               args.address, args.protocol, args.doors, args.file_dir)))
    return 0


def run_list(args) -> int:
    from app.doors.access import list_for

    desk, actor = acting_desk(args)
    for info in list_for(desk, actor, args.building):
        emit(asdict(info))
    return 0


def run_remove(args) -> int:
    from app.doors.controllers import remove_controller

    desk, actor = acting_desk(args)
    emit(asdict(remove_controller(desk, actor, args.controller)))
    return 0


def run_push(args) -> int:
    from datetime import timedelta

    from app.desk import clock
    from app.doors.access import push_by_hand

    desk, actor = acting_desk(args)
    now = clock.now_utc() + timedelta(days=1) if args.now else None
    result = push_by_hand(desk, actor, args.controller, now=now)
    emit(asdict(result))
    if result.busy:
        print("另一个程序正在向该控制器推送，本次未推送它（它会推送全部待写任务）。 / Another "
              f"program is pushing to {', '.join(result.busy)}; not pushed here (it pushes "
              "every waiting job).", file=sys.stderr)
    return 0 if not result.failed else 2


def run_reconcile(args) -> int:
    from app.data.out_paths import check_out
    from app.doors.reconcile import reconcile, report_dict, unreadable

    desk, actor = acting_desk(args)
    if args.xlsx:  # refused before the boards are read (finding 2: never the data folder)
        check_out(Path(args.xlsx), desk.home, args.force)
    reports = reconcile(desk, actor, args.building, args.fix)
    for r in reports:
        emit(report_dict(r))
    if args.xlsx:
        from app.doors.report import write_reconcile_xlsx

        write_reconcile_xlsx(Path(args.xlsx), reports, desk.home, args.force)
    dangerous = sum(1 for r in reports for d in r.differences if d.dangerous)
    if dangerous and not args.fix:
        return 3
    dead = unreadable(reports)
    if dead:  # finding 3: a board not read is never "in step"
        names = "、".join(f"{r.building_code}/{r.controller}" for r in dead)
        print(f"未能读取或修正控制器：{names}，门禁未核对，请检查控制器和网络后重试。 / "
              f"Could not read (or fix) controller(s) {names}: the doors were not reconciled; "
              "check the controller and the network, then run again.", file=sys.stderr)
        return 2
    return 0


def run_check(args) -> int:
    from app.doors.access import check_by_hand

    desk, actor = acting_desk(args)
    results = check_by_hand(desk, actor, args.building)
    for r in results:
        emit(asdict(r))
    return 0 if all(r.reachable for r in results) else 2


def run_export(args) -> int:
    from app.doors.whitelist import export_controller

    desk, actor = acting_desk(args)
    emit(asdict(export_controller(desk, actor, args.controller, args.force)))
    return 0


def run_import(args) -> int:
    from app.doors.controllers import resolve_controller_id
    from app.doors.whitelist import import_installer_list

    desk, actor = acting_desk(args)
    emit(import_installer_list(desk, actor, resolve_controller_id(desk, args.controller),
                               Path(args.file)))
    return 0
