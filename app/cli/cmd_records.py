"""Record commands: building, unit, register, moveout, staff, search."""

from __future__ import annotations

from datetime import date

from app.cli.common import (
    acting_desk,
    add_as,
    add_password_file,
    desk_from,
    emit,
    read_new_password,
    read_password,
    read_person,
)
from app.tenants.person_input import tenant_input


def register(sub) -> None:
    b = sub.add_parser("building", help="楼栋 / buildings").add_subparsers(dest="action", required=True)
    p = b.add_parser("add", help="添加楼栋 / add a building")
    add_as(p)
    p.add_argument("--code", required=True)
    p.add_argument("--name", required=True)
    p.add_argument("--address", required=True)
    p.add_argument("--floor-area", type=float, help="建筑面积 m²")
    p.add_argument("--public-area", type=float, help="公共设施及通道面积 m²")
    p.add_argument("--company", help="股份合作公司/物业公司 / managing company")
    p.set_defaults(handler=run_building_add)
    p = b.add_parser("list", help="楼栋与容量 / buildings with their caps")
    add_as(p)  # optional here, accepted like every other command's
    p.set_defaults(handler=run_building_list)

    u = sub.add_parser("unit", help="出租屋 / rental units").add_subparsers(dest="action", required=True)
    p = u.add_parser("add", help="添加房间 / add a unit")
    add_as(p)
    p.add_argument("--building", required=True)
    p.add_argument("--number", required=True)
    p.add_argument("--area", type=float)
    p.add_argument("--floor", type=int)
    p.add_argument("--landlord")
    p.add_argument("--landlord-phone")
    p.set_defaults(handler=run_unit_add)

    p = sub.add_parser("register", help="租住人员登记 / register a tenant (person as JSON or CSV "
                       "from --person FILE or stdin: no personal data on the command line)")
    add_as(p)
    p.add_argument("--accept-full", action="store_true",
                   help="房间或楼栋已满时仍登记（不发卡，报主管，规则 R5）/ register into a full "
                        "room: no card, flagged for the supervisor")
    p.add_argument("--person", default="-", help="JSON 对象或一行 CSV 的文件，- 为标准输入 / a file "
                   "with one JSON object or a one-row CSV; - (default) reads stdin after the "
                   "password line. Fields: idno name phone building unit photo, optional "
                   "ethnicity household_address employer occupation arrival_date stay_reason "
                   "family_planning_cert id_kind country id_front id_back family_planning_scan; for "
                   "passports and other papers sex birth_date nationality; R9's "
                   "family_planning_reason (不适用 / 未办理 / 外地办理)")
    p.set_defaults(handler=run_register)

    p = sub.add_parser("moveout", help="迁出（注销门禁卡）/ move out (stops the card)")
    add_as(p)
    p.add_argument("--idno", required=True)
    p.add_argument("--card-returned", action="store_true", help="卡已交回 / card handed back")
    p.add_argument("--reason", default="迁出")
    p.set_defaults(handler=run_moveout)

    st = sub.add_parser("staff", help="员工账号 / staff accounts").add_subparsers(dest="action", required=True)
    p = st.add_parser("add", help="添加账号 / add an account")
    add_as(p)
    p.add_argument("user")
    p.add_argument("--role", choices=["clerk", "supervisor", "admin"], default="clerk")
    p.add_argument("--display-name")
    add_password_file(p)
    p.set_defaults(handler=run_staff_add)
    p = sub.add_parser("password", help="修改自己的密码（首次登录必须）/ change your own password")
    add_as(p)
    add_password_file(p)
    p.set_defaults(handler=run_password)
    p = st.add_parser("train", help="记录培训 / record a training (R3)")
    add_as(p)
    p.add_argument("user")
    p.add_argument("--kind", choices=["induction", "annual"], required=True)
    p.add_argument("--date", type=date.fromisoformat, required=True)
    p.add_argument("--provider")
    p.add_argument("--failed", action="store_true")
    p.set_defaults(handler=run_staff_train)

    p = sub.add_parser("reveal", help="查看完整证件号码和电话（须填原因，记入审计）/ "
                       "full ID number and phone, with a logged reason")
    add_as(p)
    p.add_argument("person_id", help="search 结果中的 person_id / the person_id from search")
    p.add_argument("--reason", required=True, help="查看原因 / why (logged)")
    p.set_defaults(handler=run_reveal)

    p = sub.add_parser("search", help="查询租户 / search tenants (masked; needs --as)")
    add_as(p)
    p.add_argument("query")
    p.add_argument("--limit", type=int, default=20)
    p.set_defaults(handler=run_search)


def run_building_add(args) -> int:
    from app.property.buildings import add_building

    desk, actor = acting_desk(args)
    bid = add_building(desk, actor, args.code, args.name, args.address, args.floor_area,
                       args.public_area, args.company)
    emit({"building_id": bid, "code": args.code})
    return 0


def run_building_list(args) -> int:
    from dataclasses import asdict

    from app.property.buildings import list_buildings

    desk = acting_desk(args)[0] if args.as_user else desk_from(args)  # --as: signed in
    for b in list_buildings(desk):
        emit(asdict(b))
    return 0


def run_unit_add(args) -> int:
    from app.property.buildings import add_unit

    desk, actor = acting_desk(args)
    uid = add_unit(desk, actor, args.building, args.number, args.area, args.floor,
                   args.landlord, args.landlord_phone)
    emit({"unit_id": uid, "building": args.building, "number": args.number})
    return 0


def run_register(args) -> int:
    from app.tenants.intake import register_tenant

    desk, actor = acting_desk(args)  # the password line first, when both come on stdin
    fields, base = read_person(args.person)
    data, photo = tenant_input(fields, base)
    reg = register_tenant(desk, actor, data, photo_file=photo, accept_full=args.accept_full)
    emit({"tenancy_id": reg.tenancy_id, "person_id": reg.person_id, "building": reg.building_name,
          "unit": reg.unit_number, "full": reg.full})
    return 0


def run_moveout(args) -> int:
    from app.tenants.intake import move_out

    desk, actor = acting_desk(args)
    stopped = move_out(desk, actor, args.idno, card_returned=args.card_returned, reason=args.reason)
    emit({"moved_out": True, "card_stopped": stopped})
    return 0


def run_staff_add(args) -> int:
    from app.staff.accounts import create_staff

    desk, actor = acting_desk(args)
    password = read_new_password(args, "新账号密码 / New account's password: ")
    new = create_staff(desk, actor, args.user, password, args.role, args.display_name)
    from app.staff.accounts import role_name

    emit({"user": new.username, "role": new.role, "角色": role_name(new.role)})
    return 0


def run_password(args) -> int:
    import os

    from app.staff.accounts import change_password

    user = args.as_user or os.environ.get("RENTDESK_USER")
    if not user:
        raise SystemExit("请用 --as 用户名 指定账号 / Name the account with --as USER.")
    desk = desk_from(args)
    current = read_password("当前密码 / Current password: ")
    actor = change_password(desk, user, current, read_new_password(args))
    emit({"user": actor.username, "password_changed": True})
    return 0


def run_staff_train(args) -> int:
    from app.staff.accounts import record_training

    desk, actor = acting_desk(args)
    record_training(desk, actor, args.user, args.kind, args.date, args.provider,
                    passed=not args.failed)
    emit({"user": args.user, "kind": args.kind, "date": args.date, "passed": not args.failed})
    return 0


def run_reveal(args) -> int:
    from dataclasses import asdict

    from app.tenants.privacy import reveal_person

    desk, actor = acting_desk(args)
    emit({"person_id": args.person_id, **asdict(reveal_person(desk, actor, args.person_id,
                                                              args.reason))})
    return 0


def run_search(args) -> int:
    from dataclasses import asdict

    from app.tenants.search import search_tenants

    desk, actor = acting_desk(args)
    for row in search_tenants(desk, actor, args.query, limit=args.limit):
        emit(asdict(row))
    return 0
