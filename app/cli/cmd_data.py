"""Data commands: import, demo, bench."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from app.cli.common import acting, acting_desk, add_as, add_password_file, emit, read_new_password
from app.errors import Refused


def register(sub) -> None:
    p = sub.add_parser("import", help="导入楼栋/租户 (CSV, XLSX) / import buildings or tenants")
    add_as(p)
    p.add_argument("what", choices=["buildings", "tenants"])
    p.add_argument("file", type=Path)
    p.set_defaults(handler=run_import)

    p = sub.add_parser("demo", help="试用中心与演示数据 / a trial centre with synthetic data "
                       "(never in a real centre)")
    add_as(p)
    p.add_argument("--admin", default="trial", help="新试用中心的管理员 / the new trial centre's "
                   "admin (password: --password-file, stdin or a prompt)")
    add_password_file(p)
    p.add_argument("--tenants", type=int, default=1000)
    p.add_argument("--seed", type=int, default=1)
    p.set_defaults(handler=run_demo)

    p = sub.add_parser("bench", help="性能基准 / benchmark at district scale")
    p.add_argument("--tenants", type=int, default=600_000)
    p.add_argument("--json", action="store_true")
    p.add_argument("--keep", type=Path, help="reuse/keep the bench data directory")
    p.add_argument("--gui", action="store_true",
                   help="also time the window's start and search as you type (offscreen)")
    p.add_argument("--district", action="store_true",
                   help="also time the sync against a real PostgreSQL (pgserver)")
    p.add_argument("--centres", type=int, default=0,
                   help="with --district: N simulated centres syncing at once")
    p.add_argument("--office", type=int, default=0, metavar="N",
                   help="with --district: time the street office's pages over N centres")
    p.add_argument("--office-tenants", type=int, default=30_000, help="tenants per office centre")
    p.add_argument("--office-only", action="store_true",
                   help="only the office figures (no desk bench, no sync bench)")
    p.add_argument("--doors", action="store_true",
                   help="only the doors: push 1,000 cards, reconcile 20,000, 挂失 to off the door "
                        "(against the loopback UHPPOTE emulator of tests/doors)")
    p.add_argument("--door-cards", type=int, default=1000)
    p.add_argument("--board-cards", type=int, default=20_000)
    p.set_defaults(handler=run_bench)


def _progress(done: int, total: int, stage: str) -> bool:
    print(f"\r{stage}: {done}/{total}", end="", file=sys.stderr, flush=True)
    return True


def run_import(args) -> int:
    from app.importer import import_file

    desk, actor = acting_desk(args)
    report = import_file(desk, actor, args.what, args.file)
    for row in report.rows:
        emit(row)
    emit(report.summary())
    return 0 if not report.bad else 1


def run_demo(args) -> int:
    from dataclasses import asdict

    from app.clock import today
    from app.context import default_home, open_desk
    from app.trial import demo_in_trial, init_trial_center, require_trial

    if args.home or os.environ.get("RENTDESK_HOME"):
        home = Path(args.home) if args.home else default_home()
    else:  # its own home, beside the real one: demo data never lands in a real centre
        home = default_home().with_name("rentdesk-trial")
    desk = open_desk(home)
    try:
        if desk.center_code is None:
            actor = init_trial_center(desk, args.admin, read_new_password(
                args, "试用中心管理员密码 / Trial admin's password: "))
            from app.staff import record_training

            record_training(desk, actor, args.admin, "induction", today(desk))
        else:
            require_trial(desk)  # a real centre: refused with the reason, before any password
            actor = acting(desk, args)
        report = demo_in_trial(desk, actor, args.tenants, args.seed, progress=_progress)
    finally:
        desk.close()
    print(file=sys.stderr)
    emit({**asdict(report), "home": str(home), "center_code": desk.center_code,
          "admin": actor.username})
    return 0


def run_bench(args) -> int:
    from app.bench import format_table
    from app.bench import run_bench as bench

    if args.office_only:
        from app.district_office.bench import bench_office

        emit({"district_office": bench_office(max(args.office, 1), args.office_tenants)})
        return 0
    if args.doors:
        return _bench_doors(args)
    result = bench(args.tenants, keep=args.keep, progress=_progress, district=args.district,
                   centres=args.centres)
    if args.district and args.office:
        from app.district_office.bench import bench_office

        result["district_office"] = bench_office(args.office, args.office_tenants)
    if args.gui:
        # The Qt figures come from the front end the composition root plugged in.
        if args.front_ends.bench_gui is None:
            raise Refused("no_gui", "此入口不含图形界面，无法测量窗口：请用 rentdesk bench --gui。",
                          "This entry point has no window to measure: use rentdesk bench --gui.")
        result.update(args.front_ends.bench_gui(Path(result["home"])))
    print(file=sys.stderr)
    if args.json:
        emit(result)
    else:
        print(format_table(result))
    return 0


def _bench_doors(args) -> int:
    """The emulator lives with the tests; the composition root hands its class over."""
    from app.doors.bench import bench_doors

    make = args.front_ends.door_emulator
    try:
        emulator = make() if make else None
    except ImportError:
        emulator = None
    if emulator is None:
        raise Refused("no_emulator", "门禁基准需要源码目录中的 tests/doors/emulator.py（请用 python -m rentdesk 运行）。",
                      "The door bench needs tests/doors/emulator.py from the source tree "
                      "(run it as python -m rentdesk).")
    result = bench_doors(emulator, cards=args.door_cards, on_board=args.board_cards,
                         home=args.keep)
    if args.json:
        emit(result)
    else:
        for key, value in result.items():
            print(f"{key:<36} {value}")
    return 0
