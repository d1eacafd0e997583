"""Record commands: building, unit, register, moveout, staff, search."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from app.cli.common import acting_desk, add_as, desk_from, emit, read_password


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

    p = sub.add_parser("register", help="租住人员登记 / register a tenant")
    add_as(p)
    p.add_argument("--idno", required=True)
    p.add_argument("--name", required=True)
    p.add_argument("--phone", required=True)
    p.add_argument("--building", required=True)
    p.add_argument("--unit", required=True)
    p.add_argument("--photo", type=Path, required=True, help="照片文件 / photo file (checked, cropped)")
    p.add_argument("--id-kind", choices=["passport", "other"],
                   help="护照或其他证件（身份证等由号码识别）/ passport or other papers")
    p.add_argument("--country", help="签发国家或地区代码 / issuing country (ISO, e.g. USA)")
    # Papers whose number carries no sex or birth date (passports, other papers).
    p.add_argument("--sex", choices=["M", "F", "男", "女"], help="性别 / sex (passport, other)")
    p.add_argument("--birth-date", type=date.fromisoformat, help="出生日期 / birth date")
    p.add_argument("--nationality", help="国籍代码 / nationality (default: issuing country)")
    p.add_argument("--family-planning-reason", choices=["不适用", "未办理", "外地办理"],
                   help="育龄妇女未登记计生证号的原因 / why no certificate number (R9)")
    for flag in ("ethnicity", "household-address", "native-place", "marital-status",
                 "education", "employer", "occupation", "stay-reason", "family-planning-cert"):
        p.add_argument(f"--{flag}")
    p.add_argument("--arrival-date", type=date.fromisoformat)
    p.add_argument("--accept-full", action="store_true",
                   help="房间或楼栋已满时仍登记（不发卡，报主管，规则 R5）/ register into a full "
                        "room: no card, flagged for the supervisor")
    for scan in ("id-front", "id-back", "family-planning-scan"):
        p.add_argument(f"--{scan}", type=Path)
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
    p.set_defaults(handler=run_staff_add)
    p = st.add_parser("train", help="记录培训 / record a training (R3)")
    add_as(p)
    p.add_argument("user")
    p.add_argument("--kind", choices=["induction", "annual"], required=True)
    p.add_argument("--date", type=date.fromisoformat, required=True)
    p.add_argument("--provider")
    p.add_argument("--failed", action="store_true")
    p.set_defaults(handler=run_staff_train)

    p = sub.add_parser("search", help="查询租户 / search tenants (masked)")
    p.add_argument("query")
    p.add_argument("--limit", type=int, default=20)
    p.set_defaults(handler=run_search)


def run_building_add(args) -> int:
    from app.property import add_building

    desk, actor = acting_desk(args)
    bid = add_building(desk, actor, args.code, args.name, args.address, args.floor_area,
                       args.public_area, args.company)
    emit({"building_id": bid, "code": args.code})
    return 0


def run_building_list(args) -> int:
    from dataclasses import asdict

    from app.property import list_buildings

    for b in list_buildings(desk_from(args)):
        emit(asdict(b))
    return 0


def run_unit_add(args) -> int:
    from app.property import add_unit

    desk, actor = acting_desk(args)
    uid = add_unit(desk, actor, args.building, args.number, args.area, args.floor,
                   args.landlord, args.landlord_phone)
    emit({"unit_id": uid, "building": args.building, "number": args.number})
    return 0


def run_register(args) -> int:
    from app.intake import TenantInput, register_tenant

    desk, actor = acting_desk(args)
    from app.intake import SCAN_NAMES
    from app.photo_intake import read_picture_file

    scans = {kind: read_picture_file(path, *SCAN_NAMES[kind]) for kind, path in (
        ("id_front", args.id_front), ("id_back", args.id_back),
        ("family_planning", args.family_planning_scan)) if path}
    data = TenantInput(
        idno=args.idno, name=args.name, phone=args.phone, building_code=args.building,
        unit_number=args.unit, id_kind=args.id_kind, country=args.country,
        sex={"男": "M", "女": "F"}.get(args.sex or "", args.sex), birth_date=args.birth_date,
        nationality=args.nationality, family_planning_reason=args.family_planning_reason,
        ethnicity=args.ethnicity, household_address=args.household_address,
        native_place=args.native_place, marital_status=args.marital_status,
        education=args.education, employer=args.employer, occupation=args.occupation,
        arrival_date=args.arrival_date, stay_reason=args.stay_reason,
        family_planning_cert=args.family_planning_cert, scans=scans)
    reg = register_tenant(desk, actor, data, photo_file=args.photo, accept_full=args.accept_full)
    emit({"tenancy_id": reg.tenancy_id, "person_id": reg.person_id, "building": reg.building_name,
          "unit": reg.unit_number, "full": reg.full})
    return 0


def run_moveout(args) -> int:
    from app.intake import move_out

    desk, actor = acting_desk(args)
    stopped = move_out(desk, actor, args.idno, card_returned=args.card_returned, reason=args.reason)
    emit({"moved_out": True, "card_stopped": stopped})
    return 0


def run_staff_add(args) -> int:
    from app.staff import create_staff

    desk, actor = acting_desk(args)
    password = read_password("新账号密码 / New account's password: ", confirm=True)
    new = create_staff(desk, actor, args.user, password, args.role, args.display_name)
    from app.staff import role_name

    emit({"user": new.username, "role": new.role, "角色": role_name(new.role)})
    return 0


def run_staff_train(args) -> int:
    from app.staff import record_training

    desk, actor = acting_desk(args)
    record_training(desk, actor, args.user, args.kind, args.date, args.provider,
                    passed=not args.failed)
    emit({"user": args.user, "kind": args.kind, "date": args.date, "passed": not args.failed})
    return 0


def run_search(args) -> int:
    from dataclasses import asdict

    from app.search import search_tenants

    for row in search_tenants(desk_from(args), args.query, limit=args.limit):
        emit(asdict(row))
    return 0
