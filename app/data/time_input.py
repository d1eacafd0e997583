"""The time boundary (rule R2, M9): a record is never collected in the future.

`tenancy.collected_at` starts rule R2's 24 hours. One set ahead of now — a PC clock set
forward, a tampered or hand-made record — would look delivered on time whatever happened.
Every ORM flush of a tenancy is checked here (the one boundary every service writes
through, as app.data.text_input is for text), allowing a small clock skew between the desk's
own clocks; the R2 counts (app.supervision.delivery) never count such a time as on time.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

from app.desk.clock import as_utc
from app.desk.errors import Refused
from db.models import utcnow

CLOCK_SKEW = timedelta(minutes=5)


def future(at: datetime | None, now: datetime | None = None) -> bool:
    """Later than now beyond the allowed skew. "Now" is the clock that stamps the desk's
    rows (db.models.utcnow): a PC clock that is simply wrong is the district's to judge by
    its receipt times; what is refused here is a time ahead of the desk's own clock."""
    return at is not None and as_utc(at) > as_utc(now or utcnow()) + CLOCK_SKEW


def check_collected_at(at: datetime | None, now: datetime | None = None) -> None:
    if future(at, now):
        raise Refused("collected_in_future",
                      "采集时间晚于现在：登记时间不能是将来（请核对本机时钟），未保存。",
                      "The collection time is in the future: a record cannot be collected "
                      "later than now (check this PC's clock). Nothing was saved.",
                      fields=["collected_at"])


def _check_flush(session: Session, _ctx, _instances) -> None:
    for obj in list(session.new) + list(session.dirty):
        if getattr(obj, "__tablename__", None) != "tenancy":
            continue
        if inspect(obj).attrs["collected_at"].history.added:
            check_collected_at(obj.collected_at)


def install() -> None:
    """Check every ORM flush (idempotent)."""
    if not event.contains(Session, "before_flush", _check_flush):
        event.listen(Session, "before_flush", _check_flush)


install()
