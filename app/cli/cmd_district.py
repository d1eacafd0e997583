"""The street office's commands (issue 16): `rentdesk district add-staff|console|centres|
delivery|rewards|conflicts|resolve|revoke|set-cap|search|audit|center-login`.

Each page of the office's window is one command here, over the same app.district_office
functions. Staff sign in with --user (or RENTDESK_DISTRICT_USER) and a password from
RENTDESK_PASSWORD, one stdin line, or a prompt — never an argument.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from app.cli.common import add_password_file, emit, read_new_password, read_password

URL_ENV, USER_ENV, ADMIN_URL_ENV = ("RENTDESK_DISTRICT_URL", "RENTDESK_DISTRICT_USER",
                                    "RENTDESK_DISTRICT_ADMIN_URL")


def _staff_args(p, xlsx: bool = False) -> None:
    p.add_argument("--district", help=f"区数据库地址 / district URL (else {URL_ENV})")
    p.add_argument("--user", help=f"街道办账号 / staff login (else {USER_ENV})")
    if xlsx:
        p.add_argument("--xlsx", type=Path, help="写出 XLSX（中文表头）/ write an XLSX file")


def register(d) -> None:
    p = d.add_parser("add-staff", help="街道办工作人员账号 / a street-office staff login")
    p.add_argument("name")
    p.add_argument("--role", choices=("admin", "viewer"), required=True)
    p.add_argument("--url", help=f"管理员地址 / admin URL (else {ADMIN_URL_ENV})")
    add_password_file(p)  # the new password: file, stdin line or prompt, never the env (M10)
    p.set_defaults(handler=run_add_staff)
    p = d.add_parser("console", help="街道办窗口 / the street office's window")
    _staff_args(p)
    p.set_defaults(handler=run_console)
    p = d.add_parser("centres", help="各中心 / every centre's state")
    _staff_args(p, xlsx=True)
    p.set_defaults(handler=run_centres)
    p = d.add_parser("delivery", help="送达 (R2) per centre and day")
    _staff_args(p, xlsx=True)
    p.add_argument("--from", dest="first", type=date.fromisoformat, help="YYYY-MM-DD (30 days ago)")
    p.add_argument("--to", dest="last", type=date.fromisoformat, help="YYYY-MM-DD (the centres' today, Asia/Shanghai)")
    p.set_defaults(handler=run_delivery)
    p = d.add_parser("rewards", help="统计与奖励 (R8) of one month")
    _staff_args(p, xlsx=True)
    p.add_argument("--month", required=True, help="YYYY-MM")
    p.set_defaults(handler=run_rewards)
    p = d.add_parser("conflicts", help="冲突 / conflicts across centres")
    _staff_args(p)
    p.add_argument("--all", action="store_true", help="also resolved ones")
    p.set_defaults(handler=run_conflicts)
    p = d.add_parser("resolve", help="处理冲突 / resolve a conflict (admin)")
    _staff_args(p)
    p.add_argument("conflict_id")
    p.add_argument("--resolution", required=True)
    p.set_defaults(handler=run_resolve)
    p = d.add_parser("revoke", help="全区撤卡 / revoke a card district-wide (admin)")
    _staff_args(p)
    p.add_argument("--center", required=True)
    p.add_argument("--card", required=True)
    p.add_argument("--reason", required=True)
    p.set_defaults(handler=run_revoke)
    p = d.add_parser("set-cap", help="核定人数 / override a building's cap (admin)")
    _staff_args(p)
    p.add_argument("--center", required=True)
    p.add_argument("--building", required=True, help="楼栋编号 / building code")
    p.add_argument("--cap", type=int, help="omit to give back the computed cap")
    p.add_argument("--reason", required=True)
    p.set_defaults(handler=run_set_cap)
    p = d.add_parser("search", help="查询 / full document number or name (masked, audited)")
    _staff_args(p)
    p.add_argument("query")
    p.set_defaults(handler=run_search)
    p = d.add_parser("audit", help="审计 / every centre's audit entries")
    _staff_args(p, xlsx=True)
    for name in ("center", "staff", "action", "person"):
        p.add_argument(f"--{name}")
    p.add_argument("--from", dest="first", type=date.fromisoformat)
    p.add_argument("--to", dest="last", type=date.fromisoformat)
    p.add_argument("--limit", type=int, default=1000)
    p.set_defaults(handler=run_audit)
    p = d.add_parser("center-login", help="中心登录账号 / set or stop a centre's login (admin)")
    _staff_args(p)
    p.add_argument("code")
    p.add_argument("--disable-reason", help="stop the login instead (password from stdin otherwise)")
    add_password_file(p)
    p.set_defaults(handler=run_center_login)


def _office(args):
    from app.district_office.session import sign_in

    url = args.district or os.environ.get(URL_ENV)
    user = args.user or os.environ.get(USER_ENV)
    if not url or not user:
        raise SystemExit(f"请用 --district 与 --user 指定区数据库和账号 / Give --district and --user "
                         f"(or {URL_ENV}, {USER_ENV}).")
    return sign_in(url, user, read_password("街道办密码 / Staff password: "))


def _table(args, rows, headers, cells, sheet: str) -> int:
    from app.district_office.tables import to_json
    from app.district_office.xlsx import write_sheets

    if getattr(args, "xlsx", None):
        write_sheets(args.xlsx, {sheet: (headers, [cells(r) for r in rows])})
        emit({"ok": True, "rows": len(rows), "xlsx": str(args.xlsx)})
    else:
        for row in to_json(rows):
            emit(row)
    return 0


def run_add_staff(args) -> int:
    from app.district_office.staff import add_staff

    url = args.url or os.environ.get(ADMIN_URL_ENV)
    if not url:
        raise SystemExit(f"请用 --url 或 {ADMIN_URL_ENV} 指定管理员地址 / Give --url or {ADMIN_URL_ENV}.")
    # RENTDESK_PASSWORD is the operator's own login, never the new account's (M10)
    password = read_new_password(args, "新账号密码 / New staff password: ")
    emit({"ok": True, **add_staff(url, args.name, args.role, password)})
    return 0


def run_console(args) -> int:
    from app.desk.errors import Refused

    if args.front_ends.district_console is None:  # app.cli.main without the composition root
        raise Refused("no_gui", "此入口不含图形界面：请用 rentdesk district console 启动。",
                      "This entry point has no window: use rentdesk district console.")
    return args.front_ends.district_console(args.district or os.environ.get(URL_ENV),
                                            args.user or os.environ.get(USER_ENV))


def run_centres(args) -> int:
    from app.district_office.reports import centres
    from app.district_office.tables import CENTRE_HEADERS, centre_cells

    return _table(args, centres(_office(args)), CENTRE_HEADERS, centre_cells, "各中心")


def run_delivery(args) -> int:
    from app.district_office.reports import delivery
    from app.district_office.tables import DELIVERY_HEADERS, delivery_cells

    # Defaults (to the centres' today, 30 days back) and bounds are app/'s, as in the window.
    return _table(args, delivery(_office(args), args.first, args.last), DELIVERY_HEADERS,
                  delivery_cells, "送达")


def run_rewards(args) -> int:
    from app.district_office.reports import parse_month, rewards
    from app.district_office.tables import rewards_xlsx, to_json

    month = parse_month(args.month)
    rows = rewards(_office(args), month)
    if args.xlsx:
        rewards_xlsx(args.xlsx, rows, args.month)
        emit({"ok": True, "rows": len(rows), "xlsx": str(args.xlsx)})
    else:
        for row in to_json(rows):
            emit(row)
    return 0


def run_conflicts(args) -> int:
    from app.district_office.decisions import conflicts
    from app.district_office.tables import to_json

    for row in to_json(conflicts(_office(args), open_only=not args.all)):
        emit(row)
    return 0


def run_resolve(args) -> int:
    from app.district_office.decisions import resolve

    done = resolve(_office(args), args.conflict_id, args.resolution)
    emit({"ok": done, "conflict": args.conflict_id})
    return 0 if done else 1


def run_revoke(args) -> int:
    from app.district_office.decisions import revoke_card

    emit({"ok": True, "card_id": revoke_card(_office(args), args.center, args.card, args.reason)})
    return 0


def run_set_cap(args) -> int:
    from app.district_office.decisions import set_cap

    building = set_cap(_office(args), args.center, args.building, args.cap, args.reason)
    emit({"ok": True, "building_id": building, "cap": args.cap})
    return 0


def run_search(args) -> int:
    from app.district_office.lookups import search
    from app.district_office.tables import to_json

    for row in to_json(search(_office(args), args.query)):
        emit(row)
    return 0


def run_audit(args) -> int:
    from app.district_office.lookups import audit_entries

    rows = audit_entries(_office(args), args.center, args.staff, args.action, args.person,
                         args.first, args.last, args.limit)
    from app.district_office.days import OFFICE_ZONE

    # Times are the centres' wall clock (as --from/--to are centres' days): the header says so.
    headers = ("来源", "中心编码", f"时间（{OFFICE_ZONE}）", "工作人员", "操作", "对象", "对象编号",
               "详情")
    return _table(args, rows, headers, lambda e: [e.source, e.center_code, e.at, e.staff,
                                                  e.action, e.entity, e.entity_id, e.detail], "审计")


def run_center_login(args) -> int:
    from app.district_office.staff import disable_center_login, set_center_login

    office = _office(args)
    if args.disable_reason:
        emit({"ok": True, "disabled": disable_center_login(office, args.code, args.disable_reason)})
        return 0
    # The staff password was the first stdin line; the centre's is read the same way.
    password = os.environ.get("RENTDESK_CENTER_PASSWORD") or read_new_password(
        args, "中心新密码 / Centre's new password: ")  # never RENTDESK_PASSWORD (M10)
    emit({"ok": True, "role": set_center_login(office, args.code, password)})
    return 0
