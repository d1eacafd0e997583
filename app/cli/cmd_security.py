"""Security commands: backup, restore, retention, key status and the recovery key."""

from __future__ import annotations

import getpass
import os
import sys
from pathlib import Path

from app.cli.common import acting, acting_desk, add_as, desk_from, emit
from app.desk.key_refusal import refusing_key_errors

RECOVERY_ENV = "RENTDESK_RECOVERY_KEY"


def register(sub) -> None:
    p = sub.add_parser("backup", help="加密备份数据库 / encrypted backup of the database")
    p.add_argument("--out", type=Path, help="备份文件 / target file (default backups/manual/)")
    add_as(p)
    p.set_defaults(handler=run_backup)

    p = sub.add_parser("restore", help="从备份恢复（先校验）/ restore a backup, checked first")
    p.add_argument("file", type=Path)
    p.add_argument("--recovery-key", action="store_true",
                   help=f"备份来自另一台电脑：输入恢复密钥（或 {RECOVERY_ENV}）/ ask for the recovery key")
    add_as(p)
    p.set_defaults(handler=run_restore)

    r = sub.add_parser("retention", help="到期迁出人员匿名化 / anonymise moved-out tenants")
    ra = r.add_subparsers(dest="action", required=True)
    p = ra.add_parser("run", help="匿名化到期记录 / anonymise records past the retention period")
    p.add_argument("--dry-run", action="store_true", help="只统计 / count only, change nothing")
    add_as(p)
    p.set_defaults(handler=run_retention)
    p = ra.add_parser("set-years", help="保存年限 / set the retention period in years")
    p.add_argument("years", type=int)
    add_as(p)
    p.set_defaults(handler=run_set_years)

    s = sub.add_parser("security", help="加密与密钥 / encryption and keys")
    sa = s.add_subparsers(dest="action", required=True)
    p = sa.add_parser("status", help="密钥保存位置（不显示密钥）/ where the key lives (no secret)")
    p.set_defaults(handler=run_status)
    p = sa.add_parser("recovery-key", help="显示恢复密钥（管理员，记入审计）/ show the recovery key")
    add_as(p)
    p.set_defaults(handler=run_recovery_key)
    p = sa.add_parser("rotate-key", help="更换数据密钥（数据库、照片、备份）并生成新恢复密钥 / new "
                      "data key for database, photos and backups; new recovery key")
    add_as(p)
    p.set_defaults(handler=run_rotate_key)
    p = sa.add_parser("adopt-key", help=f"把恢复密钥存入本机钥匙串（或 {RECOVERY_ENV}）/ "
                      "keep the recovery key in this PC's key store")
    p.set_defaults(handler=run_adopt_key)


def _recovery_key(args) -> str | None:
    if not args.recovery_key:
        return None
    return os.environ.get(RECOVERY_ENV) or getpass.getpass("恢复密钥 / Recovery key: ")


def run_backup(args) -> int:
    from app.data.backup import make_backup

    desk, actor = acting_desk(args)
    if args.out is not None:  # app.data.out_paths: not into the data/key folder, no silent overwrite
        from app.data.out_paths import check_out

        check_out(args.out, desk.home, args.force)
    emit({"backup": str(make_backup(desk, actor, args.out))})
    return 0


def run_restore(args) -> int:
    from app.data.backup import restore

    desk = desk_from(args)
    # A new PC has no accounts yet: restoring its centre is the first step, like `init`.
    actor = None
    if desk.center_code is not None:
        actor = acting(desk, args)
    emit(restore(desk, actor, args.file, _recovery_key(args)))
    return 0


def run_retention(args) -> int:
    from app.data.retention import run_retention as run

    desk, actor = acting_desk(args)
    emit(run(desk, actor, dry_run=args.dry_run).summary())
    return 0


def run_set_years(args) -> int:
    from app.data.retention import set_retention_years

    desk, actor = acting_desk(args)
    set_retention_years(desk, actor, args.years)
    emit({"retention_years": args.years})
    return 0


def run_status(args) -> int:
    from app.data.keys import key_status
    from app.desk.settings import (
        RESTORED_AT,
        RESTORED_FROM,
        RETENTION_LAST_RUN,
        RETENTION_YEARS,
        read_settings,
    )

    desk = desk_from(args)
    status = key_status(desk)
    for setting, value in read_settings(desk, (RESTORED_AT, RESTORED_FROM, RETENTION_YEARS,
                                               RETENTION_LAST_RUN)).items():
        status[setting.key] = value.isoformat() if hasattr(value, "isoformat") else value
    emit(status)
    if status["weaker_key_file"]:
        print("注意：本机没有系统钥匙串，密钥保存在数据目录之外的密钥文件中（较弱的方式）。\n"
              "Note: no OS keyring here; the key is in a key file outside the data directory "
              "(the weaker option).", file=sys.stderr)
    return 0


def run_recovery_key(args) -> int:
    from app.data.keys import recovery_key

    desk, actor = acting_desk(args)
    print(recovery_key(desk, actor))
    print("请抄写并离线保管；凭它可在另一台电脑上打开备份。\nWrite it down and keep it offline: "
          "it opens the backups on another PC.", file=sys.stderr)
    return 0


@refusing_key_errors()
def run_adopt_key(args) -> int:
    """On a PC that lost its key (or got the data folder copied): store the recovery key."""
    from app.desk.context import default_home
    from app.desk.errors import Refused
    from db.engine import DB_FILENAME, check_key
    from db.keystore import adopt_key, parse_key_text

    home = Path(args.home) if getattr(args, "home", None) else default_home()
    db_path = home / DB_FILENAME
    text = os.environ.get(RECOVERY_ENV) or getpass.getpass("恢复密钥 / Recovery key: ")
    try:
        key = parse_key_text(text)
    except ValueError:
        raise Refused("bad_recovery_key", "恢复密钥输入有误。", "The recovery key is mistyped.") from None
    from app.data.recovery import unwrap

    key = unwrap(text, db_path) or key  # issue 12: the recovery key unwraps the data key
    check_key(db_path, key)
    info = adopt_key(db_path, key)
    emit({"stored_in": info.source, "weaker_key_file": info.weaker})
    return 0


def run_rotate_key(args) -> int:
    from app.data.rotate import rotate_key

    desk, actor = acting_desk(args)
    emit(rotate_key(desk, actor))  # the new recovery key is shown once: write it down
    return 0
