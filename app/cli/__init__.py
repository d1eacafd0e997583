"""`rentdesk` — the command line, a thin shell over app/ (like the GUI)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.cli import (
    cmd_cards,
    cmd_data,
    cmd_desk,
    cmd_doors,
    cmd_forms,
    cmd_records,
    cmd_security,
    cmd_services,
    cmd_supervisor,
    cmd_sync,
    cmd_tools,
)
from app.cli.frontends import NONE, FrontEnds
from app.cli.parser import ChineseArgumentParser
from app.desk.errors import Refused
from app.desk.key_refusal import key_refused
from db.keystore import KeyUnavailable

# Commands that touch no data directory: they must not create one (or a log in it).
NO_HOME_COMMANDS = {"id", "photo"}


def build_parser() -> argparse.ArgumentParser:
    parser = ChineseArgumentParser(
        prog="rentdesk", description="出租屋管理服务中心前台系统 / rental-housing service desk")
    parser.add_argument("--home", help="数据目录 / data directory (default: RENTDESK_HOME or "
                        "the user data folder)")
    parser.add_argument("--self-test", action="store_true",
                        help="check that bundled resources load, then exit")
    sub = parser.add_subparsers(dest="command", title="命令 / commands")
    for module in (cmd_desk, cmd_records, cmd_cards, cmd_forms, cmd_data, cmd_tools, cmd_sync,
                   cmd_supervisor, cmd_services, cmd_security, cmd_doors):
        module.register(sub)
    _add_force(parser)
    return parser


def _add_force(parser: argparse.ArgumentParser) -> None:
    """Every command that writes a file (--out, --export) gets --force: without it an
    existing file is never overwritten (app.data.out_paths, issue 12). No abbreviations either:
    `--password SECRET` must not be taken as `--password-file SECRET`."""
    parser.allow_abbrev = False
    options = {o for a in parser._actions for o in a.option_strings}
    if options & {"--out", "--export"} and "--force" not in options:
        parser.add_argument("--force", action="store_true",
                            help="覆盖已有文件 / overwrite an existing output file")
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for child in action.choices.values():
                _add_force(child)


def main(argv: list[str] | None = None, front_ends: FrontEnds = NONE) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    args.front_ends = front_ends
    if args.self_test:
        from app.desk.selftest import run_self_test

        return run_self_test(front_ends.selftest_gui)
    handler = getattr(args, "handler", None)
    if handler is None:
        args.handler = cmd_desk.run_gui
        handler = args.handler
    if args.command not in NO_HOME_COMMANDS:
        from app.desk.context import default_home
        from app.desk.logging_setup import configure_logging

        configure_logging(Path(args.home) if args.home else default_home())
    args.opened_desks = []
    try:
        return int(handler(args) or 0)
    except (Refused, KeyUnavailable) as exc:
        # A key error that no service turned into a refusal yet: the same words (one table).
        r = key_refused(exc) if isinstance(exc, KeyUnavailable) else exc
        print(f"错误：{r.zh}\nError: {r.en}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("已取消 / cancelled", file=sys.stderr)
        return 130
    finally:
        for desk in args.opened_desks:  # one desk per folder: released as soon as we are done
            desk.close()
