"""The one clock: every "now" and "today" of the desk is the centre's, never the machine's.

A desk PC may run in the wrong zone (a fresh Windows install on UTC, a laptop brought from
elsewhere); rules, pages, forms and reports must still agree on which day it is at the centre.
Instants are stored and compared in UTC; the centre's zone (a setting of the centre, default
Asia/Shanghai) turns them into calendar days. Nothing else in the code base may call
`date.today()` or a naive `datetime.now()` (tests/app/test_clock.py greps for it).
"""

from __future__ import annotations

import zoneinfo
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from typing import Protocol
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DEFAULT_ZONE = "Asia/Shanghai"
# Names a zone database holds that are not a place: the machine's own zone, legacy links,
# and the leap-second ("right/") and POSIX ("posix/") variants. A centre's zone is a place.
_NOT_A_PLACE = frozenset({"localtime", "posixrules", "Factory"})


def _prefer_tzdata() -> bool:
    """Use the `tzdata` wheel shipped with the desk, not the machine's zone database.

    Windows has no system zone database at all (ZoneInfoNotFoundError on every "today"),
    and Linux machines carry different rule versions; the wheel gives every desk the same
    rules. Importing it by name also lets PyInstaller's tzdata hook bundle its files."""
    try:
        import tzdata  # noqa: F401 - imported for its data files
    except ImportError:
        return False
    zoneinfo.reset_tzpath(to=())  # only the wheel: zoneinfo falls back to it when TZPATH is empty
    return True


USING_TZDATA = _prefer_tzdata()


@lru_cache(maxsize=1)
def zone_names() -> frozenset[str]:
    """Every name a centre may choose: IANA places only (no localtime, posix/, right/)."""
    return frozenset(n for n in zoneinfo.available_timezones()
                     if n not in _NOT_A_PLACE and not n.startswith(("posix/", "right/")))


def is_zone_name(name: str) -> bool:
    return name in zone_names()


class HasZone(Protocol):
    timezone: str


def zone(desk: HasZone | None = None) -> ZoneInfo:
    """The centre's zone; the default zone when there is no centre yet (or a bad name)."""
    name = getattr(desk, "timezone", None) or DEFAULT_ZONE
    if not is_zone_name(name):  # e.g. 'localtime' stored before names were checked
        name = DEFAULT_ZONE
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(DEFAULT_ZONE)


def now_utc() -> datetime:
    """This instant, aware, in UTC (what the database stores)."""
    return datetime.now(UTC)


def now(desk: HasZone | None = None) -> datetime:
    """This instant on the centre's wall clock (aware)."""
    return now_utc().astimezone(zone(desk))


def today(desk: HasZone | None = None) -> date:
    """The centre's calendar day now."""
    return now(desk).date()


def as_utc(value: datetime | None) -> datetime | None:
    """SQLite hands datetimes back naive; they were stored as UTC."""
    if value is None:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def local(desk: HasZone | None, value: datetime | None) -> datetime | None:
    """A stored instant on the centre's wall clock."""
    moment = as_utc(value)
    return moment.astimezone(zone(desk)) if moment is not None else None


def local_date(desk: HasZone | None, value: datetime) -> date:
    """The centre's calendar day of a stored instant."""
    return as_utc(value).astimezone(zone(desk)).date()


def local_midnight_utc(day: date, tz: ZoneInfo) -> datetime:
    """The instant a local calendar day begins, in UTC."""
    return datetime(day.year, day.month, day.day, tzinfo=tz).astimezone(UTC)


def day_bounds_utc(desk: HasZone | None, day: date) -> tuple[datetime, datetime]:
    """[start, end) of one centre day as UTC instants."""
    tz = zone(desk)
    return local_midnight_utc(day, tz), local_midnight_utc(day + timedelta(days=1), tz)
