"""Card commands: issue, lost, replace, revoke, return (R5, R6)."""

from __future__ import annotations

from dataclasses import asdict

from app.cli.common import acting_desk, add_as, emit


def register(sub) -> None:
    c = sub.add_parser("card", help="门禁卡 / access cards").add_subparsers(dest="action", required=True)
    p = c.add_parser("issue", help="发卡 / issue a card")
    add_as(p)
    p.add_argument("--idno", required=True)
    p.add_argument("--card", required=True)
    p.set_defaults(handler=run_issue)
    p = c.add_parser("replace", help="补卡 / replace a lost or damaged card")
    add_as(p)
    p.add_argument("--idno", required=True)
    p.add_argument("--card", required=True, help="新卡号 / the new card")
    p.set_defaults(handler=run_replace)
    for action, helptext in (("lost", "挂失 / report lost (number blocked for good)"),
                             ("revoke", "注销 / revoke (needs --reason)"),
                             ("return", "退卡 / card handed back")):
        p = c.add_parser(action, help=helptext)
        add_as(p)
        who = p.add_mutually_exclusive_group(required=True)
        who.add_argument("--idno")
        who.add_argument("--card")
        if action == "revoke":
            p.add_argument("--reason", required=True)
        p.set_defaults(handler=run_end, end_action=action)


def run_issue(args) -> int:
    from app.tenants.cards import issue_card

    desk, actor = acting_desk(args)
    emit(asdict(issue_card(desk, actor, args.idno, args.card)))
    return 0


def run_replace(args) -> int:
    from app.tenants.cards import replace_card

    desk, actor = acting_desk(args)
    emit(asdict(replace_card(desk, actor, args.idno, args.card)))
    return 0


def run_end(args) -> int:
    from app.tenants.cards import report_lost, return_card, revoke_card

    desk, actor = acting_desk(args)
    if args.end_action == "lost":
        info = report_lost(desk, actor, args.card, args.idno)
    elif args.end_action == "revoke":
        info = revoke_card(desk, actor, args.reason, args.card, args.idno)
    else:
        info = return_card(desk, actor, args.card, args.idno)
    emit(asdict(info))
    return 0
