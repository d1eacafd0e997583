"""Data commands: import, demo, bench."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from app.cli.common import acting, acting_desk, add_as, add_password_file, emit, read_new_password
from app.desk.errors import Refused


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
    p.add_argument("--centre-tenants", type=int, default=30_000,
                   help="with --centres: tenants per simulated centre (issue 16: 20 × 30,000)")
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
    p.add_argument("--city", action="store_true",
                   help="only the city simulation: districts partitioned on one PostgreSQL "
                        "(devkit.city_sim; run it with nice -n 19, ~11 GB under --city-workdir)")
    p.add_argument("--city-districts", type=int, default=10)
    p.add_argument("--city-centres", type=int, default=20, help="centres per district")
    p.add_argument("--city-tenants", type=int, default=30_000, help="tenants per centre")
    p.add_argument("--city-workdir", type=Path, default=Path(tempfile.gettempdir()))
    p.set_defaults(handler=run_bench)


def _progress(done: int, total: int, stage: str) -> bool:
    print(f"\r{stage}: {done}/{total}", end="", file=sys.stderr, flush=True)
    return True


def run_import(args) -> int:
    from app.data.importer import import_file

    desk, actor = acting_desk(args)
    report = import_file(desk, actor, args.what, args.file)
    for row in report.rows:
        emit(row)
    emit(report.summary())
    return 0 if not report.bad else 1


def run_demo(args) -> int:
    from dataclasses import asdict

    from app.desk.clock import today
    from app.desk.context import default_home, open_desk
    from app.desk.trial import demo_in_trial, init_trial_center, require_trial

    if args.home or os.environ.get("RENTDESK_HOME"):
        home = Path(args.home) if args.home else default_home()
    else:  # its own home, beside the real one: demo data never lands in a real centre
        home = default_home().with_name("rentdesk-trial")
    desk = open_desk(home)
    try:
        if desk.center_code is None:
            actor = init_trial_center(desk, args.admin, read_new_password(
                args, "试用中心管理员密码 / Trial admin's password: "))
            from app.staff.accounts import record_training

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
    # The bench is a developer tool (package devkit) that the product does not carry: the
    # composition root hands it over when run from the source tree.
    if args.front_ends.bench is None:
        raise Refused("no_bench", "此程序不含性能基准工具：请在源码目录用 python -m rentdesk bench 运行。",
                      "This build carries no benchmark: run python -m rentdesk bench from the "
                      "source tree.")
    return args.front_ends.bench(args)
