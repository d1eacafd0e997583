"""Every desk setting in one registry: key, type, default, bounds (issue 15).

Settings live in the centre's database (table local_meta, as text). Nothing reads or writes
that table by its own string key: a module names a `Setting` from here and calls `get` / `put`,
which convert the text, fall back to the default when a value is missing or unreadable (a
setting written by another version must not stop the desk), and refuse an out-of-range
value with its range named (`retention set-years 1000000` once crashed `retention run`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlmodel import Session

from app.errors import Refused
from db.models import LocalMeta


@dataclass(frozen=True)
class Setting:
    key: str
    kind: type  # int, str, date, datetime or bool
    default: Any = None
    low: int | None = None  # bounds of an int
    high: int | None = None
    zh: str = ""  # what it is, for the refusal
    en: str = ""


RETENTION_YEARS = Setting("retention_years", int, 3, 1, 30, "保存年限（年）",
                          "retention period in years")
RETENTION_LAST_RUN = Setting("retention_last_run", date)
DISTRICT_URL = Setting("district_url", str)  # never with a password (app.sync.run)
LAST_SYNC_AT = Setting("last_sync_at", datetime)
REPLICA_EPOCH = Setting("replica_epoch", str)
SYNC_BATCH_NO = Setting("sync_batch_no", int, 0, 0, 2**62)
SYNC_DECISION_SEQ = Setting("sync_decision_seq", int, 0, 0, 2**62)
LEGACY_FILES_ENCRYPTED = Setting("legacy_files_encrypted", datetime)
RESTORED_AT = Setting("restored_at", datetime)
RESTORED_FROM = Setting("restored_from", str)
AUDIT_TERM_SECRET = Setting("audit_term_secret", str)  # HMAC key of logged search terms
TRIAL_CENTRE = Setting("trial_center", bool, False)  # a trial centre (demo data)
# Numbers a user types that are not stored, bounded in the same place.
DEMO_TENANTS = Setting("demo_tenants", int, 500, 1, 1_000_000, "演示租户数", "number of demo tenants")
SEARCH_LIMIT = Setting("search_limit", int, 50, 1, 500, "查询条数", "search page size")
LEASE_TASK_DAYS = Setting("lease_task_days", int, 30, 0, 366, "租约提醒天数", "lease reminder days")
AUDIT_ANCHOR = Setting("district_audit_anchor", str)  # JSON {seq, hash} the district holds

REGISTRY = {s.key: s for s in (
    RETENTION_YEARS, RETENTION_LAST_RUN, DISTRICT_URL, LAST_SYNC_AT, REPLICA_EPOCH,
    SYNC_BATCH_NO, SYNC_DECISION_SEQ, LEGACY_FILES_ENCRYPTED, RESTORED_AT, RESTORED_FROM,
    AUDIT_TERM_SECRET, TRIAL_CENTRE, DEMO_TENANTS, SEARCH_LIMIT, LEASE_TASK_DAYS, AUDIT_ANCHOR)}


# Per-record flags: one key per record, `prefix + id`.
MUST_CHANGE_PASSWORD = "must_change_password:"  # an admin-made account, until its holder sets one


def get_flag(session: Session, prefix: str, ident: str) -> bool:
    return session.get(LocalMeta, prefix + ident) is not None


def set_flag(session: Session, prefix: str, ident: str, on: bool) -> None:
    row = session.get(LocalMeta, prefix + ident)
    if on and row is None:
        session.add(LocalMeta(key=prefix + ident, value="1"))
    elif not on and row is not None:
        session.delete(row)


def checked(setting: Setting, value: Any) -> Any:
    """The value if it fits the setting's type and bounds; a Refused naming the range if not."""
    if setting.kind is int:
        lo, hi = setting.low, setting.high
        if (isinstance(value, bool) or not isinstance(value, int)
                or (lo is not None and value < lo) or (hi is not None and value > hi)):
            raise Refused("out_of_range",
                          f"{setting.zh or setting.key}应为 {lo}–{hi} 之间的整数（收到 {value!r}）。",
                          f"The {setting.en or setting.key} must be a whole number from {lo} to "
                          f"{hi} (got {value!r}).", setting=setting.key)
    elif value is not None and not isinstance(value, setting.kind):
        raise TypeError(f"{setting.key} takes {setting.kind.__name__}, not {type(value).__name__}")
    return value


def _parse(setting: Setting, text: str) -> Any:
    if setting.kind is int:  # a stored value out of range (an older version) is clamped
        lo = setting.low if setting.low is not None else -(2**63)
        hi = setting.high if setting.high is not None else 2**63
        return min(max(lo, int(text)), hi)
    if setting.kind is bool:
        return text not in ("", "0", "false")
    if setting.kind is date:
        return date.fromisoformat(text)
    if setting.kind is datetime:
        return datetime.fromisoformat(text)
    return text


def parse_text(setting: Setting, text: str) -> Any:
    return _parse(setting, text)


def get(session: Session, setting: Setting) -> Any:
    row = session.get(LocalMeta, setting.key)
    if row is None:
        return setting.default
    try:
        return _parse(setting, row.value)
    except ValueError:  # written by another version, or damaged: the default
        return setting.default


def put(session: Session, setting: Setting, value: Any) -> None:
    checked(setting, value)
    if value is None:
        row = session.get(LocalMeta, setting.key)
        if row is not None:
            session.delete(row)
        return
    text = value.isoformat() if isinstance(value, date | datetime) else (
        ("1" if value else "0") if isinstance(value, bool) else str(value))
    row = session.get(LocalMeta, setting.key)
    if row is None:
        session.add(LocalMeta(key=setting.key, value=text))
    else:
        row.value = text
        session.add(row)


def check_int(name: str, value: object) -> int:
    """A typed number checked against its registered bounds (for values not stored)."""
    return checked(REGISTRY[name], value)


def read_settings(desk, wanted) -> dict[Setting, Any]:
    """Several settings in one read (the CLI never opens a session itself)."""
    from db.engine import read_session

    with read_session(desk.engine) as s:
        return {setting: get(s, setting) for setting in wanted}
