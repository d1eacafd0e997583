"""Desk commands: gui, init, id, building, unit, register, moveout, staff, search, photo."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from app.cli.common import acting_desk, add_as, desk_from, emit, read_password
from app.identity import parse_id


def register(sub) -> None:
    p = sub.add_parser("gui", help="图形界面 / start the desk window")
    p.set_defaults(handler=run_gui)

    p = sub.add_parser("init", help="建立中心和首个管理员 / create the centre and first admin")
    p.add_argument("--trial", action="store_true",
                   help="试用中心（编码 TRIAL…，可生成演示数据，不同步）/ a trial centre for demos")
    p.add_argument("--center-code")
    p.add_argument("--center-name")
    p.add_argument("--admin", required=True)
    p.add_argument("--workstation", help="社区工作站 / community workstation (24 h delivery)")
    p.add_argument("--street-office")
    p.add_argument("--induction-date", type=date.fromisoformat,
                   help="管理员岗前培训日期 / the admin's induction training date (R3)")
    p.add_argument("--timezone", default="Asia/Shanghai",
                   help="中心所在时区，决定“今天”是哪一天 / the centre's time zone (default Asia/Shanghai)")
    p.set_defaults(handler=run_init)

    p = sub.add_parser("timezone", help="查看或设置中心时区 / show or set the centre's time zone")
    p.add_argument("zone", nargs="?", help="例如 / e.g. Asia/Shanghai")
    add_as(p)
    p.set_defaults(handler=run_timezone)

    p = sub.add_parser("id", help="校验证件号码 / check ID numbers (JSON lines)")
    p.add_argument("numbers", nargs="+")
    p.add_argument("--kind", choices=["resident", "hmt_permit", "foreign_pr", "passport", "other"])
    p.add_argument("--country")
    p.set_defaults(handler=run_id)

    p = sub.add_parser("photo", help="证件照检测与裁剪 / check and crop an ID photo")
    p.add_argument("file", type=Path)
    p.add_argument("--out", type=Path)
    p.set_defaults(handler=run_photo)


def run_gui(args) -> int:
    from app.desk.errors import Refused

    if args.front_ends.gui is None:  # app.cli.main called without the composition root
        raise Refused("no_gui", "此入口不含图形界面：请用 rentdesk 或 python -m rentdesk 启动。",
                      "This entry point has no window: start it with rentdesk.")
    return args.front_ends.gui(Path(args.home) if getattr(args, "home", None) else None)


def run_init(args) -> int:
    from app.desk.center import init_center

    if not args.trial and not (args.center_code and args.center_name):
        raise SystemExit("请给出 --center-code 和 --center-name（或 --trial 建立试用中心）/ "
                         "Give --center-code and --center-name (or --trial).")
    desk = desk_from(args)
    password = read_password("管理员密码 / Admin password: ", confirm=True)
    if args.trial:
        from app.desk.trial import init_trial_center

        actor = init_trial_center(desk, args.admin, password, args.center_name or "试用中心",
                                  induction_on=args.induction_date)
    else:
        actor = init_center(desk, args.center_code, args.center_name, args.admin, password,
                            workstation=args.workstation, street_office=args.street_office,
                            induction_on=args.induction_date, timezone=args.timezone)
    from app.data.keys import recovery_key

    # Shown once: with it, a backup can be restored on another PC (write it down, keep it safe).
    emit({"center_code": actor.center_code, "admin": actor.username, "home": str(desk.home),
          "recovery_key": recovery_key(desk, actor)})
    return 0


def run_timezone(args) -> int:
    from app.desk import clock
    from app.desk.center import set_center_timezone

    if args.zone is None:
        desk = desk_from(args)
        emit({"timezone": clock.zone(desk).key, "today": clock.today(desk).isoformat()})
        return 0
    desk, actor = acting_desk(args)
    emit({"timezone": set_center_timezone(desk, actor, args.zone)})
    return 0


def run_id(args) -> int:
    invalid = False
    for number in args.numbers:
        result = parse_id(number, args.kind, args.country)
        invalid |= not result.valid
        emit(result.to_dict())
    return 1 if invalid else 0


def run_photo(args) -> int:
    from app.data.out_paths import check_out
    from app.desk.context import default_home
    from app.photos import process_photo_file

    if args.out is not None:  # never into the data or key folder, never over a file unasked
        check_out(args.out, Path(args.home) if args.home else default_home(), args.force)
    result = process_photo_file(args.file, args.out)
    emit(result)
    return 0 if result["ok"] else 1

