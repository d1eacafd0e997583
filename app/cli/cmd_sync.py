"""Sync and district commands: `rentdesk sync`, `rentdesk district init|demo|add-center`."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from app.cli.common import desk_from, emit, read_password

ADMIN_URL_ENV = "RENTDESK_DISTRICT_ADMIN_URL"


def register(sub) -> None:
    p = sub.add_parser("sync", help="与区数据库同步 / sync with the district database")
    p.add_argument("--district", help="区数据库地址 / district URL (else RENTDESK_DISTRICT_URL "
                   "or the address saved by the last sync)")
    p.add_argument("--rebase", action="store_true",
                   help="本机成为本中心的正式副本（恢复备份后）/ make this copy the centre's replica "
                   "of record (after restoring a backup)")
    p.add_argument("--batch", type=int, default=None, help="outbox entries per batch")
    p.set_defaults(handler=run_sync)

    d = sub.add_parser("district", help="区数据库 / the district database").add_subparsers(
        dest="action", required=True)
    p = d.add_parser("init", help="建立或升级区数据库 / create or upgrade the district schema")
    p.add_argument("url")
    p.set_defaults(handler=run_init)
    p = d.add_parser("demo", help="启动试用区数据库 (pgserver) / start a trial district PostgreSQL")
    p.add_argument("--dir", type=Path, default=None,
                   help="data directory of the server (default <home>/district-pg). As root, "
                   "pgserver runs it as system user 'pgserver' and makes the parent folders "
                   "world-traversable (o+rx): choose a folder outside private trees")
    p.set_defaults(handler=run_demo)
    p = d.add_parser("add-center", help="为中心建立登录账号 / a login for one centre (RLS)")
    p.add_argument("code")
    p.add_argument("--password", help="中心密码 / the centre's password (else stdin)")
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
    from app.sync.run import sync

    desk = desk_from(args)
    try:
        report = sync(desk, args.district, progress=_progress, do_rebase=args.rebase,
                      batch_entries=args.batch or BATCH_ENTRIES)
    except SyncError as err:
        emit({"ok": False, **err.to_dict()})
        raise
    finally:
        print(file=sys.stderr)
    emit(report)
    return 0 if report["ok"] else 2


def run_init(args) -> int:
    from app.sync.district import init_district

    emit({"ok": True, "revision": init_district(args.url)})
    return 0


def run_demo(args) -> int:
    """Start (or reuse) a trial district server that keeps running after this command."""
    import psycopg

    from app.context import default_home
    from app.sync.district import init_district
    from app.sync.pgdemo import create_database, pg_ctl_path, start_server, with_database

    home = Path(args.home) if getattr(args, "home", None) else default_home()
    data_dir = (args.dir or home / "district-pg").resolve()
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
    password = args.password or read_password("中心密码 / Centre password: ", confirm=True)
    center_url = add_center(url, args.code, password)
    # Never print the password: the URL without it, and where the password goes instead.
    parts = urlsplit(center_url)
    bare = urlunsplit(parts._replace(
        netloc=f"{parts.username}@{parts.netloc.rpartition('@')[2]}"))
    emit({"ok": True, "center": args.code.upper(), "url": bare,
          "password": "PGPASSWORD 或 ~/.pgpass（不写入地址）/ PGPASSWORD or ~/.pgpass, "
                      "never in the URL"})
    return 0
