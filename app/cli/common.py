"""Shared pieces of the command line: output, passwords, the acting account."""

from __future__ import annotations

import getpass
import json
import os
import sys
from pathlib import Path
from typing import Any

from app.audit import Actor
from app.context import Desk, open_desk
from app.staff import authenticate


def emit(obj: Any) -> None:
    print(json.dumps(obj, ensure_ascii=False, default=str))


def read_password(prompt: str = "密码 / Password: ", confirm: bool = False) -> str:
    """From RENTDESK_PASSWORD, else one line of stdin when piped, else a prompt."""
    env = os.environ.get("RENTDESK_PASSWORD")
    if env:
        return env
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    password = getpass.getpass(prompt)
    if confirm and getpass.getpass("再次输入 / Again: ") != password:
        raise SystemExit("两次输入的密码不一致 / The passwords differ.")
    return password


# Commands that may run beside an open desk (they read, or are the nightly jobs that the
# busy-database handling is for); every other command acts as the desk and takes its lock.
SHARED_COMMANDS = {"id", "photo", "sync", "backup", "search", "due", "dashboard", "report",
                   "district", "bench", "audit", "training"}
SHARED_ACTIONS = {("security", "status"), ("security", "recovery-key"), ("handover", "show"),
                  ("fault", "list"), ("building", "list")}


def command_words(args) -> tuple[str, str | None]:
    action = getattr(args, "action", None)
    return (getattr(args, "command", None) or "gui",
            action if isinstance(action, str) and action.isascii() and len(action) < 20 else None)


def is_exclusive(args) -> bool:
    """rule: one desk per data folder (app/desk_lock.py) for commands that change data."""
    command, action = command_words(args)
    return command not in SHARED_COMMANDS and (command, action) not in SHARED_ACTIONS


def desk_from(args) -> Desk:
    home = Path(args.home) if getattr(args, "home", None) else None
    command, action = command_words(args)
    program = "rentdesk " + command + (f" {action}" if action else "") + "（命令行 / CLI）"
    desk = open_desk(home, program=program, exclusive=is_exclusive(args))
    opened = getattr(args, "opened_desks", None)
    if isinstance(opened, list):
        opened.append(desk)  # main() closes it: the desk lock is let go when the command ends
    return desk


def acting(desk: Desk, args) -> Actor:
    user = getattr(args, "as_user", None) or os.environ.get("RENTDESK_USER")
    if not user:
        raise SystemExit("请用 --as 用户名 指定操作员 / Name the acting staff account with --as USER.")
    return authenticate(desk, user, read_password())


def acting_desk(args) -> tuple[Desk, Actor]:
    desk = desk_from(args)
    return desk, acting(desk, args)


def add_as(p) -> None:
    p.add_argument("--as", dest="as_user", help="操作员账号 / acting staff account "
                   "(password from stdin or RENTDESK_PASSWORD)")
