"""The office's calendar: days, months and times in the centres' zone, inside a sane range.

The district has no per-centre zone; its centres share the default one (Asia/Shanghai), so
"today", a page's default range and every time shown or exported are counted in it, never in
UTC (a range ending on the UTC date left out the centre's evening, issue 16). Dates are
bounded (2000-01-01 … a year ahead): 0001-01-01 or 9999-12-31 crashed the pages with an
OverflowError. The CLI and the window both go through here.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from app import clock
from app.errors import Refused

OFFICE_ZONE = clock.DEFAULT_ZONE
EARLIEST = date(2000, 1, 1)  # no centre's record is older
DEFAULT_DAYS = 30  # 送达's default range: the last 30 days up to today
MAX_LIMIT = 10_000


def zone() -> ZoneInfo:
    return ZoneInfo(OFFICE_ZONE)


def today() -> date:
    """The centres' calendar day now."""
    return clock.now_utc().astimezone(zone()).date()


def latest() -> date:
    return today() + timedelta(days=366)


def local_time(value: datetime | None) -> datetime | None:
    """A district instant on the centres' wall clock (aware: JSON keeps the +08:00)."""
    moment = clock.as_utc(value)
    return moment.astimezone(zone()) if moment is not None else None


def check_day(day: date | None) -> date | None:
    if day is not None and not EARLIEST <= day <= latest():
        raise Refused("bad_date", f"日期应在 {EARLIEST} 至 {latest()} 之间：{day}。",
                      f"Dates must be between {EARLIEST} and {latest()}: {day}.")
    return day


def day_range(first: date | None, last: date | None) -> tuple[date, date]:
    """A page's [first, last] days: to today and 30 days back by default, bounded."""
    last = check_day(last) or today()
    first = check_day(first) or max(EARLIEST, last - timedelta(days=DEFAULT_DAYS))
    return first, last


def midnight_utc(day: date) -> datetime:
    """The instant a centres' day begins, in UTC (the day after `latest` is still fine)."""
    return clock.local_midnight_utc(day, zone())


def check_limit(limit: int) -> int:
    if not 1 <= limit <= MAX_LIMIT:
        raise Refused("bad_limit", f"行数上限应在 1–{MAX_LIMIT} 之间。",
                      f"The row limit must be 1–{MAX_LIMIT:,}.")
    return limit
