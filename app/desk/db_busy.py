"""A busy database, said in words: the one place a SQLite "database is locked" becomes a Refused.

Another process may be writing the centre's database (the nightly sync, an import, a backup
restore). Writers then wait (db/engine.py: a short try, a "busy" announcement, then the full
busy timeout); if the other program still holds it, the SQL error is replaced here, on the
engine itself, by a Refused that names the programs that have the data folder open
(app/desk/desk_lock.py). So the GUI, the CLI and the lane all get the same Chinese message and
never an exception name or a traceback.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Engine, event

from app.desk.desk_lock import holders
from app.desk.errors import Refused
from db.engine import BUSY_TIMEOUT_MS, on_busy_wait

ENV_TIMEOUT = "RENTDESK_BUSY_TIMEOUT_MS"


def busy_timeout_ms() -> int:
    """The full wait; RENTDESK_BUSY_TIMEOUT_MS may shorten it (tests, scripted jobs)."""
    raw = os.environ.get(ENV_TIMEOUT, "")
    try:
        return max(0, min(int(raw), 600_000)) if raw else BUSY_TIMEOUT_MS
    except ValueError:
        return BUSY_TIMEOUT_MS


def is_busy_error(exc: BaseException | None) -> bool:
    """SQLite's (and SQLCipher's) words for "another connection holds the lock"."""
    while exc is not None:
        text = str(exc).lower()
        if "database is locked" in text or "database is busy" in text \
                or "database table is locked" in text:
            return True
        exc = getattr(exc, "orig", None)
    return False


def busy_refusal(home: Path, waited_ms: int | None = None) -> Refused:
    """What is holding the database, as far as this folder knows."""
    others = holders(home)
    seconds = f"{(waited_ms if waited_ms is not None else busy_timeout_ms()) / 1000:g}"
    # Only programs that registered in the folder are known: name them as what has it open
    # (one of them is writing), never blame one as the writer when several are open.
    if len(others) == 1:
        who_zh, who_en = f"{others[0].describe_zh()} 正在使用数据库", \
            f"{others[0].describe_en()} is using the database"
    elif others:
        who_zh = "以下程序正在使用数据库：" + "、".join(o.describe_zh() for o in others[:3])
        who_en = "these programs have it open: " + "; ".join(o.describe_en() for o in others[:3])
    else:
        who_zh = "另一个程序（不是 rentdesk，可能是数据库工具或杀毒软件）正在写入"
        who_en = "another program (not rentdesk: a database tool or antivirus?) is writing"
    return Refused(
        "database_busy",
        f"数据库正忙：{who_zh}，已等待 {seconds} 秒仍未结束。本次操作没有保存任何内容；"
        f"请等它完成后再试（同步、导入或备份通常几分钟内结束）。",
        f"The database is busy: {who_en}; still busy after {seconds} s. Nothing was saved; "
        f"try again when it has finished (sync, import or backup usually take minutes).",
        holders=[o.__dict__ for o in others])


def explain_busy(engine: Engine, home: Path, waited_ms: int) -> None:
    """Install the translation on `engine`: every locked/busy error becomes a Refused."""
    def handle(context) -> BaseException | None:
        if is_busy_error(context.original_exception):
            return busy_refusal(home, waited_ms)
        return None

    event.listen(engine, "handle_error", handle)


def watch_busy(engine: Engine, listener: Callable[[bool], None]) -> None:
    """`listener(True)` when a write starts waiting for another program, `(False)` after."""
    on_busy_wait(engine, listener)
