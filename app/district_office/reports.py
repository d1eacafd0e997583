"""各中心, 送达 (R2) and 统计与奖励 (R8): the office's read-only pages."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from app import clock
from app.district_office import days
from app.district_office.session import OFFICE_ZONE, Office
from app.errors import Refused

STALE_AFTER = timedelta(days=1)  # a centre silent for longer is shown red
LATE_WINDOW_DAYS = 30  # 各中心 counts late records collected in the last 30 days


@dataclass(frozen=True)
class CentreStatus:
    center_code: str
    name: str | None
    last_sync: datetime | None
    last_batch_no: int
    epoch: str | None
    old_epochs: int  # replicas superseded (restored backups, replaced PCs)
    has_login: bool
    refused_cards: int  # rows not accepted: second active cards (R6)
    decisions_waiting: int  # revocations/caps/conflicts issued since its last sync
    late_records: int  # collected in the last 30 days, received after 24 h (R2)
    open_faults: int  # card-system faults not fixed (R7)
    open_conflicts: int
    stale: bool  # no sync for more than a day (or never)


def centres(office: Office, now: datetime | None = None) -> list[CentreStatus]:
    now = now or clock.now_utc()
    with office.cursor() as cur:
        rows = cur.execute("SELECT * FROM office_centres(%s)",
                           (now - timedelta(days=LATE_WINDOW_DAYS),)).fetchall()
    return [CentreStatus(r[0], r[1], days.local_time(r[2]), *r[3:],
                         stale=r[2] is None or now - r[2] > STALE_AFTER) for r in rows]


@dataclass(frozen=True)
class DeliveryDay:
    """Records collected on one local day at one centre and how they reached the district
    (data: the sync's receipt) and the workstation (paper: the signed forms handed over)."""

    center_code: str
    day: date
    collected: int
    on_time: int  # received by the district within 24 h
    late: int
    never: int  # no receipt recorded at the district
    paper_on_time: int
    paper_late: int
    paper_missing: int  # not handed over and past the 24 h


def _bounds(first: date, last: date) -> tuple[datetime, datetime]:
    days.check_day(first), days.check_day(last)
    if last < first:
        raise Refused("bad_range", "结束日期早于开始日期。", "The end date is before the start date.")
    if (last - first).days > 366:
        raise Refused("range_too_long", "查询范围最长一年。", "A range of at most one year.")
    return days.midnight_utc(first), days.midnight_utc(last + timedelta(days=1))


def delivery(office: Office, first: date | None = None,
             last: date | None = None) -> list[DeliveryDay]:
    """Collected per centre and day from `first` to `last` (default: 30 days up to today)."""
    start, end = _bounds(*days.day_range(first, last))
    with office.cursor() as cur:
        rows = cur.execute("SELECT * FROM office_delivery(%s, %s, %s)",
                           (start, end, OFFICE_ZONE)).fetchall()
    return [DeliveryDay(*r) for r in rows]


@dataclass(frozen=True)
class RewardRow:
    """One group's records of a month (R8). `basis` is what the office rewards: records
    received within 24 h whose holder's document was verified at the desk."""

    level: str  # center | company | building
    center_code: str | None  # None for a company (counted across the district)
    key: str
    code: str
    name: str
    company_kind: str | None
    collected: int
    on_time: int
    late: int
    undelivered: int
    basis: int


def month_bounds(month: date) -> tuple[datetime, datetime]:
    first = days.check_day(month.replace(day=1))
    nxt = (first + timedelta(days=32)).replace(day=1)
    return _bounds(first, nxt - timedelta(days=1))


def rewards(office: Office, month: date) -> list[RewardRow]:
    start, end = month_bounds(month)
    with office.cursor() as cur:
        rows = cur.execute("SELECT * FROM office_rewards(%s, %s)", (start, end)).fetchall()
    return [RewardRow(*r) for r in rows]


def parse_month(text: str) -> date:
    try:
        return datetime.strptime(text.strip(), "%Y-%m").date()
    except ValueError:
        raise Refused("bad_month", "月份格式应为 YYYY-MM，例如 2026-11。",
                      "Give the month as YYYY-MM, e.g. 2026-11.") from None
