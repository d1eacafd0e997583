"""查询 and 审计: district-wide search (masked; every look audited at the district by the
office_search function itself, so no client can look without leaving a trace) and every
centre's audit trail in one place (R10)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from app.district_office import days
from app.district_office.session import Office
from app.errors import Refused

SEARCH_LIMIT = 200
AUDIT_LIMIT = 1000


def _text(value: str | None, what_zh: str, what_en: str, limit: int = 64) -> str | None:
    value = (value or "").strip()
    if not value:
        return None
    if len(value) > limit or any(ord(ch) < 32 for ch in value):
        raise Refused("bad_filter", f"{what_zh}过长或含控制字符。",
                      f"The {what_en} is too long or holds control characters.")
    return value


@dataclass(frozen=True)
class PersonHit:
    center_code: str
    person_id: str
    name: str
    doc_masked: str | None
    sex: str | None
    building_code: str | None
    unit_number: str | None
    collected_at: datetime | None
    moved_out_at: datetime | None
    card_id: str | None
    card_number: str | None
    card_status: str | None
    district_state: str | None


def search(office: Office, query: str) -> list[PersonHit]:
    """A full document number or a full name, across every centre; results masked."""
    q = _text(query, "查询内容", "query")
    if q is None or len(q) < 2:
        raise Refused("bad_query", "请输入完整证件号码或完整姓名（2–64 个字符）。",
                      "Enter a full document number or a full name (2–64 characters).")
    rows = office.look("SELECT * FROM office_search(%s, %s)", (q, SEARCH_LIMIT))
    return [replace(h, collected_at=days.local_time(h.collected_at),
                    moved_out_at=days.local_time(h.moved_out_at))
            for h in (PersonHit(*r) for r in rows)]


@dataclass(frozen=True)
class AuditEntry:
    source: str  # centre | district
    center_code: str | None
    at: datetime
    staff: str | None
    action: str
    entity: str | None
    entity_id: str | None
    detail: str | None


def audit_entries(office: Office, center: str | None = None, staff: str | None = None,
                  action: str | None = None, person: str | None = None,
                  first: date | None = None, last: date | None = None,
                  limit: int = AUDIT_LIMIT) -> list[AuditEntry]:
    """Newest first; `person` is a full document number or a person id (that look is audited)."""
    days.check_day(first), days.check_day(last)
    if first and last and last < first:
        raise Refused("bad_range", "结束日期早于开始日期。", "The end date is before the start date.")
    start = days.midnight_utc(first) if first else None
    end = days.midnight_utc(last + timedelta(days=1)) if last else None
    params = (_text(center, "中心", "centre", 16), _text(staff, "工作人员", "staff"),
              _text(action, "操作", "action"), _text(person, "人员", "person"), start, end,
              days.check_limit(limit))
    if params[0]:
        params = (params[0].upper(), *params[1:])
    rows = office.look("SELECT * FROM office_audit_events(%s, %s, %s, %s, %s, %s, %s)", params)
    # Shown and exported on the centres' wall clock, as the --from/--to days are counted.
    return [replace(e, at=days.local_time(e.at)) for e in (AuditEntry(*r) for r in rows)]
