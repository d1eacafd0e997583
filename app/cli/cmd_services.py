"""Desk services (R1): `rentdesk listing …`, `rentdesk permit …`, `rentdesk lease …`.

A thin shell over app.services.listings, app.services.permits and app.services.leases; every change acts --as a staff
account, output is one JSON object a line, files are written atomically like `form`.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from pathlib import Path

from app.cli.cmd_forms import _check_out, write_atomically
from app.cli.common import acting_desk, add_as, desk_from, emit
from app.data.file_limits import read_scan
from app.desk import clock

_day = date.fromisoformat


def register(sub) -> None:
    _listing(sub.add_parser("listing", help="招租信息 / rental listings (free)")
             .add_subparsers(dest="action", required=True))
    _permit(sub.add_parser("permit", help="居住证申办 / residence permits")
            .add_subparsers(dest="action", required=True))
    _lease(sub.add_parser("lease", help="租赁合同登记 / lease registration")
           .add_subparsers(dest="action", required=True))


def _cmd(group, name: str, helptext: str, handler, acting: bool = True):
    p = group.add_parser(name, help=helptext)
    if acting:
        add_as(p)
    p.set_defaults(handler=handler)
    return p


def _listing(g) -> None:
    p = _cmd(g, "add", "发布招租信息 / add a listing", run_listing_add)
    p.add_argument("--building", required=True)
    p.add_argument("--unit", required=True)
    p.add_argument("--rent", type=float, required=True, help="月租金（元）/ yuan a month")
    p.add_argument("--available", type=_day, required=True, help="可入住日期 YYYY-MM-DD")
    p.add_argument("--contact-name")
    p.add_argument("--contact-phone")
    p.add_argument("--area", type=float)
    p.add_argument("--floor", type=int)
    p.add_argument("--description")
    p.add_argument("--photo", type=Path, action="append", default=[], help="房屋照片，可多次")
    p.add_argument("--publish", action="store_true", help="立即发布 / publish at once")
    p = _cmd(g, "publish", "发布 / publish", run_listing_publish)
    p.add_argument("id")
    p = _cmd(g, "withdraw", "撤下 / withdraw", run_listing_withdraw)
    p.add_argument("id")
    p.add_argument("--reason", default="房东撤回")
    p = _cmd(g, "list", "列表；--export 导出公告栏 / list; --export the notice board",
             run_listing_list, acting=False)
    add_as(p)
    p.add_argument("--status", choices=["draft", "published", "withdrawn"])
    p.add_argument("--building")
    p.add_argument("--export", type=Path, help="FILE.pdf 或 FILE.xlsx：可入住的招租信息（需 --as）")
    p = _cmd(g, "sheet", "打印招租单 / print a listing sheet", run_listing_sheet)
    p.add_argument("id")
    p.add_argument("--out", type=Path, required=True)


def _permit(g) -> None:
    check = _cmd(g, "check", "资格与材料检查 / eligibility and checklist", run_permit_check)
    apply = _cmd(g, "apply", "受理申请 / take in an application", run_permit_apply)
    for p in (check, apply):
        p.add_argument("--idno", required=True)
        p.add_argument("--basis", choices=["employment", "housing", "study"])
        p.add_argument("--date", type=_day, help="办理日期 / as of (default today)")
    # check: papers shown at the desk; apply: their scans, stored with the application
    for proof in ("--housing-proof", "--basis-proof"):
        check.add_argument(proof, action="store_true", help="已交 / handed in")
        apply.add_argument(proof, type=Path, help="扫描件 / scan file")
    p = _cmd(g, "status", "查看或更新状态 / show or set the status", run_permit_status)
    who = p.add_mutually_exclusive_group(required=True)
    who.add_argument("--idno")
    who.add_argument("--id")
    p.add_argument("--set", choices=["submitted", "returned", "issued", "collected"])
    p.add_argument("--date", type=_day, help="该步骤日期 / the day of the step (default today)")
    p.add_argument("--note", help="退回原因等 / e.g. what to correct")
    p.add_argument("--number", help="居住证号码 / permit number (issued)")
    p = _cmd(g, "form", "打印申领登记表 / print the application form", run_permit_form)
    who = p.add_mutually_exclusive_group(required=True)
    who.add_argument("--idno")
    who.add_argument("--id")
    p.add_argument("--out", type=Path, required=True)


def _lease(g) -> None:
    p = _cmd(g, "add", "登记租赁合同 / register a lease", run_lease_add)
    p.add_argument("--building", required=True)
    p.add_argument("--unit", required=True)
    p.add_argument("--tenant", action="append", required=True, help="承租人证件号码，可多次")
    p.add_argument("--rent", type=float, required=True)
    p.add_argument("--deposit", type=float, default=0)
    p.add_argument("--start", type=_day, required=True)
    p.add_argument("--end", type=_day, required=True)
    p.add_argument("--landlord", help="房间未登记房东时 / when the unit has no landlord")
    p.add_argument("--landlord-phone")
    p = _cmd(g, "tasks", "到期待办 / leases ending within 30 days or ended", run_lease_tasks)
    p.add_argument("--date", type=_day)
    p.add_argument("--days", type=int, default=30)
    p = _cmd(g, "renew", "续租 / renew to a new end date", run_lease_renew)
    p.add_argument("id")
    p.add_argument("--end", type=_day, required=True)
    p.add_argument("--rent", type=float)
    p = _cmd(g, "end", "确认迁出（注销门禁卡）/ confirm move-out (stops cards)", run_lease_end)
    p.add_argument("id")
    p.add_argument("--staying", action="append", default=[], help="继续居住者证件号码，可多次")
    p.add_argument("--card-returned", action="store_true")
    p.add_argument("--reason", default="租约到期迁出")


def _listing_json(info) -> dict:
    return asdict(info) | {"available": info.available}


def run_listing_add(args) -> int:
    from app.services.listings import add_listing

    desk, actor = acting_desk(args)
    info = add_listing(desk, actor, args.building, args.unit, args.rent, args.available,
                       contact_name=args.contact_name, contact_phone=args.contact_phone,
                       area_m2=args.area, floor=args.floor, description=args.description,
                       photos=[read_scan(p) for p in args.photo], publish=args.publish)
    emit(_listing_json(info))
    return 0


def run_listing_publish(args) -> int:
    from app.services.listings import publish_listing

    desk, actor = acting_desk(args)
    emit(_listing_json(publish_listing(desk, actor, args.id)))
    return 0


def run_listing_withdraw(args) -> int:
    from app.services.listings import withdraw_listing

    desk, actor = acting_desk(args)
    emit(_listing_json(withdraw_listing(desk, actor, args.id, args.reason)))
    return 0


def run_listing_list(args) -> int:
    from app.services.listings import list_listings

    if args.export:
        from app.services.listing_print import export_board

        out = _check_out(args.export, args)
        desk, actor = acting_desk(args)
        fmt = "xlsx" if out.suffix.lower() == ".xlsx" else "pdf"
        board = export_board(desk, actor, fmt)
        write_atomically(out, board.data, args)
        emit({"out": str(out), "format": fmt, "listed": board.listed,
              "withdrawn_full": list(board.withdrawn)})
        return 0
    for info in list_listings(desk_from(args), args.status, args.building):
        emit(_listing_json(info))
    return 0


def run_listing_sheet(args) -> int:
    from app.services.listing_print import listing_sheet_pdf

    out = _check_out(args.out, args)
    desk, actor = acting_desk(args)
    write_atomically(out, listing_sheet_pdf(desk, actor, args.id), args)
    emit({"out": str(out), "listing": args.id})
    return 0


def _check_json(check) -> dict:
    return asdict(check) | {"eligible": check.eligible,
                            "missing": [i.code for i in check.missing]}


def run_permit_check(args) -> int:
    from app.services.permits import check_permit

    desk, actor = acting_desk(args)
    check = check_permit(desk, actor, args.idno, args.date, args.basis, args.housing_proof,
                         args.basis_proof)
    emit(_check_json(check))
    return 0 if check.eligible else 1


def run_permit_apply(args) -> int:
    from app.services.permits import apply_permit

    desk, actor = acting_desk(args)
    info = apply_permit(desk, actor, args.idno, args.date, args.basis,
                        read_scan(args.housing_proof) if args.housing_proof else None,
                        read_scan(args.basis_proof) if args.basis_proof else None)
    emit(asdict(info))
    return 0


def run_permit_status(args) -> int:
    from app.services.permits import permit_applications, set_permit_status

    desk, actor = acting_desk(args)
    if args.set:
        emit(asdict(set_permit_status(desk, actor, args.set, args.date or clock.today(desk),
                                      application_id=args.id, idno=args.idno, note=args.note,
                                      permit_number=args.number)))
        return 0
    for info in permit_applications(desk, actor, args.idno, application_id=args.id):
        emit(asdict(info))
    return 0


def run_permit_form(args) -> int:
    from app.services.permit_print import permit_form_pdf

    out = _check_out(args.out, args)
    desk, actor = acting_desk(args)
    write_atomically(out, permit_form_pdf(desk, actor, args.id, args.idno), args)
    emit({"out": str(out)})
    return 0


def run_lease_add(args) -> int:
    from app.services.leases import add_lease

    desk, actor = acting_desk(args)
    emit(asdict(add_lease(desk, actor, args.building, args.unit, args.tenant, args.rent,
                          args.start, args.end, args.deposit, args.landlord,
                          args.landlord_phone)))
    return 0


def run_lease_tasks(args) -> int:
    from app.services.leases import lease_tasks_for

    desk, actor = acting_desk(args)
    for task in lease_tasks_for(desk, actor, args.date or clock.today(desk), args.days):
        emit(asdict(task))
    return 0


def run_lease_renew(args) -> int:
    from app.services.leases import renew_lease

    desk, actor = acting_desk(args)
    emit(asdict(renew_lease(desk, actor, args.id, args.end, args.rent)))
    return 0


def run_lease_end(args) -> int:
    from app.services.leases import end_lease

    desk, actor = acting_desk(args)
    emit(asdict(end_lease(desk, actor, args.id, args.staying, args.card_returned, args.reason)))
    return 0
