"""Backups: a daily encrypted copy with rotation, manual backups, and a checked restore.

Every copy is made with SQLite's online backup between two connections keyed with the
database key (db/migrate.copy_database), so a backup is as unreadable as the database and
opens with the same key — or, on another PC, with the recovery key.

Restore never touches the current database until the copy has passed PRAGMA
integrity_check and the audit-chain check (R10); it then keeps a safety copy of the current
file, swaps the restored one in atomically, and marks it (LocalMeta `restored_at`,
`restored_from`, plus an audit entry). The replica epoch is left as the backup had it: the
district then sees an old copy and refuses its uploads until an admin runs
`rentdesk sync --rebase` (app/sync), so a restored copy can never overwrite newer data.
"""

from __future__ import annotations

import logging
import os
import re
from datetime import date, datetime
from pathlib import Path

import sqlcipher3
from sqlmodel import select

from app.data.backup_blobs import (
    prune_daily_store,
    restore_companion,
    write_companion,
    write_daily_companion,
)
from app.data.blobs import encrypt_legacy_blobs
from app.data.keys import data_key
from app.data.recovery import load_wrap, save_wrap, unwrap
from app.desk import clock, settings
from app.desk.context import Desk
from app.desk.errors import Refused
from app.desk.key_refusal import refusing_key_errors
from app.staff import audit
from app.staff.accounts import require
from app.staff.audit import Actor
from db.engine import connect_raw, open_engine, read_session, write_session
from db.keystore import adopt_key, is_plaintext_sqlite, parse_key_text
from db.migrate import backup_file, copy_database, head_revision, upgrade
from db.models import Center
from db.plain_upgrade import encrypt_in_place, export_encrypted

log = logging.getLogger(__name__)

DAILY_KEEP = 7
WEEKLY_KEEP = 4
_DAILY_NAME = re.compile(r"^rentdesk-(\d{8})\.sqlite$")


def daily_dir(desk: Desk) -> Path:
    return desk.backup_dir / "daily"


# --- start-up housekeeping and the daily backup ----------------------------------------

def secure_legacy_files(desk: Desk) -> dict:
    """Encrypt clear backups and blob files left by earlier builds (once; then a marker)."""
    done = {"backups": 0, "blobs": 0}
    with read_session(desk.engine) as s:
        if settings.get(s, settings.LEGACY_FILES_ENCRYPTED) is not None:
            return done
    key = data_key(desk)
    for path in desk.backup_dir.rglob("*.sqlite") if desk.backup_dir.exists() else ():
        if is_plaintext_sqlite(path):
            encrypt_in_place(path, key)
            done["backups"] += 1
    done["blobs"] = encrypt_legacy_blobs(desk)
    with write_session(desk.engine) as s:
        settings.put(s, settings.LEGACY_FILES_ENCRYPTED, clock.now_utc())
    return done


def maybe_daily_backup(desk: Desk, today: date | None = None) -> Path | None:
    """Call once at start-up (and e.g. at midnight): today's backup if missing, then rotate."""
    secure_legacy_files(desk)
    if desk.center_code is None:
        return None  # nothing worth keeping before `init`
    today = today or clock.today(desk)
    target = daily_dir(desk) / f"rentdesk-{today:%Y%m%d}.sqlite"
    if target.exists():
        return None
    with write_session(desk.engine) as s:
        audit.record(s, None, "db.backup", center_code=desk.center_code, kind="daily",
                     file=target.name)
    copy_database(desk.db_path, target, key=data_key(desk))
    write_daily_companion(desk, target)  # photos and scans too, only the new ones (issue 12)
    removed = rotate(daily_dir(desk))
    prune_daily_store(daily_dir(desk))
    log.info("daily backup written, %d old backups removed", len(removed))
    return target


def rotate(folder: Path, daily_keep: int = DAILY_KEEP, weekly_keep: int = WEEKLY_KEEP) -> list[Path]:
    """Keep the newest `daily_keep` days and the first backup of the newest `weekly_keep`
    ISO weeks before them; delete the rest. Returns what was deleted."""
    dated = []
    for path in folder.glob("rentdesk-*.sqlite"):
        m = _DAILY_NAME.match(path.name)
        if m:
            dated.append((datetime.strptime(m.group(1), "%Y%m%d").date(), path))
    dated.sort(reverse=True)
    keep = {p for _, p in dated[:daily_keep]}
    first_of_week: dict[tuple[int, int], Path] = {}
    for day, path in dated[daily_keep:]:  # newest first, so the last write is the week's first
        first_of_week[day.isocalendar()[:2]] = path
    for week in sorted(first_of_week, reverse=True)[:weekly_keep]:
        keep.add(first_of_week[week])
    removed = [p for _, p in dated if p not in keep]
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


# --- manual backup -------------------------------------------------------------------

def make_backup(desk: Desk, actor: Actor, out: Path | None = None) -> Path:
    """An encrypted copy to `out` (default backups/manual/), logged to the audit (R10)."""
    require(actor, "settings")
    stamp = clock.now(desk).strftime("%Y%m%d-%H%M%S")
    target = out or desk.backup_dir / "manual" / f"rentdesk-{stamp}.sqlite"
    if target.exists():
        raise Refused("backup_exists", f"文件已存在：{target}", f"{target} already exists.")
    with write_session(desk.engine) as s:
        audit.record(s, actor, "db.backup", kind="manual", file=target.name)
    copied = copy_database(desk.db_path, target, key=data_key(desk))
    wrap = load_wrap(desk.db_path)
    if wrap is not None:  # the recovery key opens this backup on another PC (issue 12)
        save_wrap(copied, wrap)
    write_companion(desk, copied)  # photos and scans, still encrypted (issue 12)
    return copied


# --- restore -------------------------------------------------------------------------

def _opens_with(path: Path, key: bytes) -> bool:
    conn = connect_raw(path, key)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return True
    except sqlcipher3.DatabaseError:  # wrong key, or not a database at all
        return False
    finally:
        conn.close()


def _refuse(code: str, zh: str, en: str) -> Refused:
    return Refused(code, f"恢复失败，当前数据库未改动：{zh}", f"Restore refused, nothing changed: {en}")


def _stage_copy(desk: Desk, source: Path, recovery_key: str | None, tmp: Path) -> tuple[bytes, str]:
    """Copy `source` to `tmp` (encrypted); which key opened it: current or recovery."""
    current = data_key(desk)
    if is_plaintext_sqlite(source):  # a clear backup from a development build
        export_encrypted(source, tmp, current)
        return current, "current"
    candidates = [(current, "current")]
    if recovery_key:
        try:
            legacy = parse_key_text(recovery_key)  # checks the typing
        except ValueError:
            raise _refuse("bad_recovery_key", "恢复密钥输入有误。", "the recovery key is mistyped.") from None
        unwrapped = unwrap(recovery_key, source, desk.db_path)
        if unwrapped is not None:
            candidates.append((unwrapped, "recovery"))
        candidates.append((legacy, "recovery"))  # a key shown before issue 12 was the key
    for key, label in candidates:
        if _opens_with(source, key):
            try:
                copy_database(source, tmp, key=key)
            except sqlcipher3.Error as e:
                raise _refuse("backup_damaged", "备份文件已损坏。",
                              f"the backup is damaged ({type(e).__name__}).") from None
            return key, label
    raise _refuse("backup_unreadable", "备份文件打不开（密钥不对或不是本系统的备份），请提供恢复密钥。",
                  "the backup does not open with this database's key (give the recovery key) "
                  "or is not a rentdesk backup.")


def _check_and_mark(desk: Desk, tmp: Path, key: bytes, actor: Actor | None, source: Path,
                    label: str) -> str | None:
    conn = connect_raw(tmp, key)
    try:
        result = conn.execute("PRAGMA integrity_check").fetchone()[0]
        rev = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlcipher3.Error as e:
        raise _refuse("backup_damaged", "备份文件已损坏。", f"the backup is damaged ({type(e).__name__}).") from None
    finally:
        conn.close()
    if result != "ok":
        raise _refuse("backup_damaged", "备份文件未通过完整性检查。", "the backup fails integrity_check.")
    if rev is None or (rev[0] != head_revision() and not _known_revision(rev[0])):
        raise _refuse("backup_newer", "备份来自更新版本的软件。", "the backup comes from a newer version.")
    engine = open_engine(tmp, key=key)
    try:
        with write_session(engine) as s:
            if audit.verify_chain(s):
                raise _refuse("audit_broken", "备份中的审计日志被改动过。",
                              "the audit log in the backup was edited (R10).")
            center = s.exec(select(Center)).first()
            code = center.center_code if center else None
            if desk.center_code and code and code != desk.center_code:
                raise _refuse("other_center", f"备份属于中心 {code}。", f"the backup belongs to centre {code}.")
            settings.put(s, settings.RESTORED_AT, clock.now_utc())
            settings.put(s, settings.RESTORED_FROM, source.name)
            audit.record(s, actor, "db.restore", center_code=code or desk.center_code or "",
                         file=source.name, key=label)
    finally:
        engine.dispose()
    return code


def _known_revision(rev: str) -> bool:
    from alembic.script import ScriptDirectory

    from db.migrate import alembic_config

    return ScriptDirectory.from_config(alembic_config()).get_revision(rev) is not None


def _swap_in(desk: Desk, tmp: Path) -> None:
    desk.engine.dispose()
    if desk.db_path.exists():
        conn = connect_raw(desk.db_path, data_key(desk))
        try:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except sqlcipher3.Error:
            pass
        finally:
            conn.close()
    for suffix in ("-wal", "-shm"):  # a stale WAL must never be replayed into the new file
        desk.db_path.with_name(desk.db_path.name + suffix).unlink(missing_ok=True)
    os.replace(tmp, desk.db_path)


@refusing_key_errors()
def restore(desk: Desk, actor: Actor | None, source: Path, recovery_key: str | None = None) -> dict:
    """Replace the database with the backup `source`, checked first; refusals change nothing.

    `actor` may be None only on an uninitialised desk (a new PC restoring its centre).
    """
    if actor is not None:
        require(actor, "settings")
    elif desk.center_code is not None:
        raise Refused("forbidden", "恢复数据库须由管理员操作。", "Only an administrator may restore.")
    if not source.is_file():
        raise _refuse("no_file", f"没有文件 {source}。", f"no file {source}.")
    tmp = desk.db_path.with_name(desk.db_path.name + ".restoring")
    from app.sync import anchor, audit_check

    before = anchor.remembered(desk) if desk.center_code else None  # the replaced database's
    try:
        key, label = _stage_copy(desk, source, recovery_key, tmp)
        code = _check_and_mark(desk, tmp, key, actor, source, label)
        safety = backup_file(desk.db_path, desk.backup_dir, "pre-restore") if desk.center_code else None
        adopt = key != data_key(desk)
        _swap_in(desk, tmp)
    finally:
        for suffix in ("", "-wal", "-shm", ".part"):
            tmp.with_name(tmp.name + suffix).unlink(missing_ok=True)
    if adopt:  # restored with the recovery key: it becomes this PC's key (blobs use it too)
        adopt_key(desk.db_path, key)
    desk.engine = open_engine(desk.db_path)
    upgrade(desk.engine, db_path=desk.db_path, backup_dir=desk.backup_dir)
    desk.center_code = code or desk.center_code
    # An old backup must not bring back people already anonymised (PIPL art. 47).
    from app.data.retention import run_retention

    again = run_retention(desk, actor).people if desk.center_code else 0
    result = {"restored_from": source.name, "key": label, "center": code,
              "safety_copy": str(safety) if safety else None, "re_anonymised": again,
              **restore_companion(desk, source)}  # photos/scans back, or a warning (issue 12)
    behind = audit_check.restored_behind(desk, before)  # R10: a cut-off log is reported
    if behind is not None:
        result["audit_warning"] = behind
    return result
