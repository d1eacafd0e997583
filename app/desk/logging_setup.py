"""Log files under <home>/logs that never hold an ID number, phone, name or photo (PIPL).

`configure_logging(home)` installs a rotating file handler whose `RedactingFilter` rewrites
every record before it is written: the message is formatted and redacted, tracebacks are
formatted once (frames and redacted messages only — never locals) and redacted too. It
also installs `sys.excepthook` / `threading.excepthook` so a crash report goes through the
same filter. Mark values that are personal data with `personal(value)` when logging them;
they are written as `[hidden]` whatever they contain.

Pattern redaction is the safety net, not the plan: services should log ids, not people.
"""

from __future__ import annotations

import logging
import logging.handlers
import re
import sys
import threading
import traceback
from pathlib import Path
from types import TracebackType

LOG_NAME = "rentdesk.log"
HIDDEN = "[hidden]"  # ASCII, so a second pass of the filter leaves it alone

_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    # bytes reprs (photos, scans) and long base64 runs
    (re.compile(r"b(['\"])(?:\\x[0-9a-f]{2}|[^'\"\\]|\\.){16,}?\1"), "[bytes]"),
    (re.compile(r"[A-Za-z0-9+/]{80,}={0,2}"), "[data]"),
    # resident / residence-permit / foreigner numbers: 18 (last may be X) or legacy 15 digits
    (re.compile(r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])"), "[id-number]"),
    (re.compile(r"(?<![0-9A-Za-z])\d{15}(?![0-9A-Za-z])"), "[id-number]"),
    (re.compile(r"(?<![0-9A-Za-z])[A-Z]{3}\d{12}(?![0-9A-Za-z])"), "[id-number]"),
    (re.compile(r"(?<![0-9A-Za-z])[A-Z]{1,2}\d{7,9}(?![0-9A-Za-z])"), "[id-number]"),  # passports
    # mobiles (with optional +86) and landlines with an area code
    (re.compile(r"(?<!\d)(?:\+?86[ -]?)?1[3-9]\d[ -]?\d{4}[ -]?\d{4}(?!\d)"), "[phone]"),
    (re.compile(r"(?<!\d)0\d{2,3}-?\d{7,8}(?!\d)"), "[phone]"),
    # names: labelled (姓名：张三 / name=...) and minority names with a middle dot
    (re.compile(r"(姓名|名字|name)(\s*[:：=]\s*['\"]?)[^\s,，;；'\")]+", re.IGNORECASE), r"\1\2" + HIDDEN),
    (re.compile(rf"[{_CJK}]+[·•][{_CJK}·•]+"), HIDDEN),
    # a short run of Chinese characters standing alone (a name's shape: 2–4 characters)
    (re.compile(rf"(?<![{_CJK}])[{_CJK}]{{2,4}}(?![{_CJK}])"), HIDDEN),
]


class Personal:
    """A value logged as personal data: always written as [hidden]."""

    __slots__ = ("_value",)

    def __init__(self, value: object) -> None:
        self._value = value

    def __str__(self) -> str:
        return HIDDEN

    __repr__ = __str__


def personal(value: object) -> Personal:
    return Personal(value)


def redact(text: str) -> str:
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text


class RedactingFilter(logging.Filter):
    """Rewrites a record so that no formatter or handler after it sees personal data."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a bad format string must not lose the record
            message = f"{record.msg!r} (unformattable arguments)"
        record.msg, record.args = redact(message), None
        if record.exc_info and record.exc_info != (None, None, None):
            record.exc_text = redact(format_exception(*record.exc_info))
            record.exc_info = None
        elif record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


def format_exception(etype: type[BaseException] | None, value: BaseException | None,
                     tb: TracebackType | None) -> str:
    """Frames and messages, no local variables (traceback's default; said here on purpose)."""
    exc = traceback.TracebackException(etype or BaseException, value, tb, capture_locals=False)
    return "".join(exc.format()).rstrip()


def _excepthook(etype, value, tb) -> None:
    logging.getLogger("rentdesk.crash").critical("unhandled exception", exc_info=(etype, value, tb))
    sys.stderr.write(redact(format_exception(etype, value, tb)) + "\n")


def _thread_excepthook(args: threading.ExceptHookArgs) -> None:
    logging.getLogger("rentdesk.crash").critical(
        "unhandled exception in thread %s", args.thread.name if args.thread else "?",
        exc_info=(args.exc_type, args.exc_value, args.exc_traceback))


def configure_logging(home: Path, level: int = logging.INFO, max_bytes: int = 5_000_000,
                      backups: int = 5) -> Path:
    """Rotating log file at <home>/logs/rentdesk.log; returns its path. Call once at start."""
    log_dir = home / "logs"
    log_dir.mkdir(parents=True, exist_ok=True)
    path = log_dir / LOG_NAME
    root = logging.getLogger()
    for h in list(root.handlers):
        if getattr(h, "_rentdesk", False):
            root.removeHandler(h)
            h.close()
    handler = logging.handlers.RotatingFileHandler(path, maxBytes=max_bytes, backupCount=backups,
                                                   encoding="utf-8")
    handler._rentdesk = True  # type: ignore[attr-defined]
    handler.addFilter(RedactingFilter())
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(level)
    for h in root.handlers:  # console handlers too: a screenshot of a console is a crash report
        if not any(isinstance(f, RedactingFilter) for f in h.filters):
            h.addFilter(RedactingFilter())
    logging.captureWarnings(True)  # warnings can quote values too: same file, same filter
    sys.excepthook = _excepthook
    threading.excepthook = _thread_excepthook
    return path
