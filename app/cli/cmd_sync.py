"""Sync and district commands: `rentdesk sync`, `rentdesk district init|demo|add-center`."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from app.cli.common import (
    acting_desk,
    add_as,
    add_password_file,
    desk_from,
    emit,
    read_new_password,
    read_value,
)

ADMIN_URL_ENV = "RENTDESK_DISTRICT_ADMIN_URL"


def register(sub) -> None:
    p = sub.add_parser("sync", help="与区数据库同步 / sync with the district database")
    p.add_argument("--district", help="区数据库地址 / district URL (else RENTDESK_DISTRICT_URL "
                   "or the address saved by the last sync)")
    p.add_argument("--rebase", action="store_true",
                   help="本机成为本中心的正式副本（恢复备份后）/ make this copy the centre's replica "
                   "of record (after restoring a backup)")
    p.add_argument("--batch", type=int, default=None, help="outbox entries per batch")
    add_as(p)  # a trained staff login; --rebase an administrator's (issue 11)
    p.set_defaults(handler=run_sync)

    p = sub.add_parser("not-accepted", help="区数据库未接收的记录 / rows the district did not take")
    add_as(p)  # optional here, accepted like every other command's
    p.set_defaults(handler=run_not_accepted)
    p = sub.add_parser("correct", help="修正未接收的记录 / correct a not-accepted record's field")
    p.add_argument("table")
    p.add_argument("id")
    p.add_argument("field")
    p.add_argument("value", nargs="?", default=None,
                   help="新内容（个人资料与证件号码不可在此给出：从标准输入（密码行之后）或提示输入）"
                   " / new value (never personal data or a document number: those come from "
                   "stdin after the password line, or a prompt)")
    add_as(p)
    p.set_defaults(handler=run_correct)

    d = sub.add_parser("district", help="区数据库 / the district database").add_subparsers(
        dest="action", required=True)
    p = d.add_parser("init", help="建立或升级区数据库 / create or upgrade the district schema")
    p.add_argument("url")
    p.set_defaults(handler=run_init)
    p = d.add_parser("demo", help="启动试用区数据库 (pgserver) / start a trial district PostgreSQL")
    p.add_argument("--dir", type=Path, default=None,
                   help="data directory of the server (default: a folder beside the desk's data "
                   "folder, never inside it: its PostgreSQL is not encrypted). As root, "
                   "pgserver runs it as system user 'pgserver' and makes the parent folders "
                   "world-traversable (o+rx): choose a folder outside private trees")
    p.set_defaults(handler=run_demo)
    p = d.add_parser("add-center", help="为中心建立登录账号 / a login for one centre (RLS)")
    p.add_argument("code")
    add_password_file(p)  # never an argument: it would show in `ps` (issue 12)
    p.add_argument("--url", help=f"管理员地址 / admin URL (else {ADMIN_URL_ENV})")
    p.set_defaults(handler=run_add_center)
    from app.cli import cmd_district

    cmd_district.register(d)  # the street office's pages and staff logins (issue 16)


def _progress(done: int, total: int, stage: str) -> bool:
    print(f"\r{stage}: {done}/{total}", end="", file=sys.stderr, flush=True)
    return True


def run_sync(args) -> int:
    from app.sync.batches import BATCH_ENTRIES
    from app.sync.errors import SyncError
    from app.sync.run import PASSWORD_ENV, check_url, sync_as

    check_url(args.district)  # before asking for any password
    desk, actor = acting_desk(args)
    password = None
    if not os.environ.get(PASSWORD_ENV) and sys.stdin.isatty():
        import getpass

        password = getpass.getpass("区数据库密码 / District password: ")
    try:
        report = sync_as(desk, actor, args.district, password, progress=_progress,
                         do_rebase=args.rebase, batch_entries=args.batch or BATCH_ENTRIES)
    except SyncError as err:
        emit({"ok": False, **err.to_dict()})
        raise
    finally:
        print(file=sys.stderr)
    emit(report)
    problem = report.get("audit_problem")
    if problem:  # R10: never a quiet success while the district refuses the audit chain
        print(f"{problem['zh']}\n{problem['en']}", file=sys.stderr)
    return 0 if report["ok"] else 2


def run_not_accepted(args) -> int:
    from dataclasses import asdict

    from app.sync.not_accepted import listed

    rows = listed(acting_desk(args)[0] if args.as_user else desk_from(args))
    for row in rows:
        emit(asdict(row))
    emit({"ok": not rows, "not_accepted": len(rows)})
    return 0


def run_correct(args) -> int:
    from app.desk.errors import Refused
    from app.sync.correct import NUMBER_FIELDS, correct, is_personal

    if args.value is not None and is_personal(args.table, args.field):
        # issue 12 / H4: shell history and `ps` would keep it; nothing has been read yet
        raise Refused("value_on_command_line",
                      "个人资料和证件号码不能写在命令行中（其他用户可在进程列表和命令历史中看到）："
                      "请去掉该参数，在密码行之后从标准输入给出，或在提示时输入。",
                      "Personal data and document numbers never go on the command line (other "
                      "users see them in the process list and shell history): leave the value "
                      "out and give it on stdin after the password line, or at the prompt.")
    desk, actor = acting_desk(args)
    value = args.value
    if value is None:
        value = read_value("新内容 / New value: ", confirm=args.field in NUMBER_FIELDS)
    correct(desk, actor, args.table, args.id, args.field, value)
    emit({"ok": True, "queued": f"{args.table}:{args.id}"})
    return 0


def run_init(args) -> int:
    from app.sync.district import init_district

    emit({"ok": True, "revision": init_district(args.url)})
    return 0


def run_demo(args) -> int:
    """Start (or reuse) a trial district server that keeps running after this command."""
    import psycopg

    from app.desk.context import default_home
    from app.sync.district import init_district
    from app.sync.pgdemo import (
        create_database,
        demo_data_dir,
        pg_ctl_path,
        start_server,
        with_database,
    )

    home = Path(args.home) if getattr(args, "home", None) else default_home()
    data_dir = demo_data_dir(home, args.dir)
    admin_url = start_server(data_dir, keep_running=True).get_uri()
    with psycopg.connect(admin_url) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = 'district'").fetchone()
    url = with_database(admin_url, "district") if exists else create_database(admin_url, "district")
    emit({"ok": True, "url": url, "revision": init_district(url), "data_dir": str(data_dir),
          "stop": f"{pg_ctl_path()} -D {data_dir} stop"})
    return 0


def run_add_center(args) -> int:
    from urllib.parse import urlsplit, urlunsplit

    from app.sync.district import add_center

    url = args.url or os.environ.get(ADMIN_URL_ENV)
    if not url:
        raise SystemExit(f"请用 --url 或 {ADMIN_URL_ENV} 指定区数据库管理员地址 / "
                         f"Give the admin URL with --url or {ADMIN_URL_ENV}.")
    password = read_new_password(args, "中心密码 / Centre password: ")
    center_url = add_center(url, args.code, password)
    # Never print the password: the URL without it, and where the password goes instead.
    parts = urlsplit(center_url)
    bare = urlunsplit(parts._replace(
        netloc=f"{parts.username}@{parts.netloc.rpartition('@')[2]}"))
    emit({"ok": True, "center": args.code.upper(), "url": bare,
          "password": "PGPASSWORD 或 ~/.pgpass（不写入地址）/ PGPASSWORD or ~/.pgpass, "
                      "never in the URL"})
    return 0
