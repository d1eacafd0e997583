"""Dates on screen come from the one clock (app.desk.clock): the centre's day and wall time,
never this PC's zone, so a desk set to UTC still shows and asks for the centre's dates."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QDate

from app.desk import clock


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def today_qdate(desk: clock.HasZone | None, days: int = 0) -> QDate:
    """The centre's today (plus `days`), for date pickers."""
    return qdate(clock.today(desk)).addDays(days)


def local_time(desk: clock.HasZone | None, value: datetime | None,
               fmt: str = "%Y-%m-%d %H:%M") -> str:
    """A stored instant on the centre's wall clock, or empty."""
    moment = clock.local(desk, value)
    return "" if moment is None else moment.strftime(fmt)
