"""Shared pieces of the command line: output, passwords, the acting account."""

from __future__ import annotations

import getpass
import json
import os
import sys
from pathlib import Path
from typing import Any

from app.cli.idno_args import resolve_numbers
from app.desk.context import Desk, open_desk
from app.desk.errors import Refused
from app.staff.accounts import authenticate, must_change_password
from app.staff.audit import Actor


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
    """rule: one desk per data folder (app/desk/desk_lock.py) for commands that change data."""
    command, action = command_words(args)
    return command not in SHARED_COMMANDS and (command, action) not in SHARED_ACTIONS


def read_new_password(args, prompt: str = "新密码 / New password: ") -> str:
    """A password for an account being made or changed: `--password-file` (its first line),
    else one line of stdin when piped, else a prompt typed twice. Never RENTDESK_PASSWORD,
    which holds the acting account's own password (issue 12), and never an argument."""
    path = getattr(args, "password_file", None)
    if path is not None:
        from app.data.file_limits import read_bounded

        raw = read_bounded(Path(path), max_bytes=4096, what="密码文件 / password file")
        return raw.decode("utf-8", "replace").splitlines()[0] if raw.strip() else ""
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    password = getpass.getpass(prompt)
    if getpass.getpass("再次输入 / Again: ") != password:
        raise SystemExit("两次输入的密码不一致 / The passwords differ.")
    return password


def read_value(prompt: str, confirm: bool = False) -> str:
    """A value that must not be an argument (a document number, a name): one line of stdin
    when piped (after the password line), else a prompt — typed twice with `confirm`, as a
    new password is, since a mistyped number would be sent on."""
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    value = input(prompt)
    if confirm and input("再次输入 / Again: ") != value:
        raise SystemExit("两次输入不一致 / The two entries differ.")
    return value


def read_person(source: str) -> tuple[dict[str, str], Path]:
    """A person from a file (or `-`: stdin), parsed by app.tenants.person_input; relative paths in
    it are taken from the file's folder (stdin: the working folder)."""
    from app.data.file_limits import PERSON_MAX_BYTES, read_bounded
    from app.tenants.person_input import parse_person

    if source == "-":
        text = sys.stdin.read(PERSON_MAX_BYTES + 1)
        if len(text) > PERSON_MAX_BYTES:
            raise Refused("file_too_large", "标准输入内容过长。", "Too much on standard input.")
        return parse_person(text), Path.cwd()
    path = Path(source).expanduser()
    raw = read_bounded(path, PERSON_MAX_BYTES, "人员资料文件 / person file")
    return parse_person(raw.decode("utf-8-sig", "replace")), path.parent


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
    actor = authenticate(desk, user, read_password())
    # `--idno -` / `@FILE`: the number after the password line or in a file, so it does not
    # show in `ps` (issue 12); a literal full number still works, with a warning
    resolve_numbers(args)
    if must_change_password(desk, actor):
        raise Refused("password_change_required",
                      f"账号 {user} 首次登录须先设置自己的密码：rentdesk password --as {user}",
                      f"First sign-in of {user}: set your own password first with "
                      f"`rentdesk password --as {user}`.")
    return actor


def acting_desk(args) -> tuple[Desk, Actor]:
    desk = desk_from(args)
    return desk, acting(desk, args)


def add_password_file(p) -> None:
    p.add_argument("--password-file", type=Path, help="从文件第一行读取新密码 / read the new "
                   "password from the first line of this file (else stdin or a prompt)")


def add_as(p) -> None:
    p.add_argument("--as", dest="as_user", help="操作员账号 / acting staff account "
                   "(password from stdin or RENTDESK_PASSWORD)")
