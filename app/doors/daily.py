"""Once a day, on the door lane: the R7 check and a reconcile of every controller.

Due when any active controller was not checked in the last DAILY hours. Run by the desk
window's door lane (under the signed-in account, which opens any fault ticket), or
headless by `rentdesk door check` and `rentdesk door reconcile` from a scheduler.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import or_, select

from app.desk import clock
from app.desk.context import Desk
from app.doors.check import check_controllers
from app.doors.reconcile import reconcile
from app.staff.audit import Actor
from app.staff.audit_query import allowed
from db.door_tables import DoorController
from db.engine import read_session

DAILY = timedelta(hours=24)


def daily_due(desk: Desk) -> bool:
    cutoff = clock.now_utc() - DAILY
    with read_session(desk.engine) as s:
        stale_check = (DoorController.driver == "uhppote") & or_(
            DoorController.last_check_at.is_(None), DoorController.last_check_at < cutoff)
        stale_reconcile = or_(DoorController.last_reconcile_at.is_(None),
                              DoorController.last_reconcile_at < cutoff)
        return s.execute(select(DoorController.id).where(
            DoorController.active, or_(stale_check, stale_reconcile)).limit(1)).first() is not None


def run_daily_if_due(desk: Desk, actor: Actor | None) -> bool:
    """rule R7: the daily check, then the daily (read-only) reconcile. True if it ran."""
    if actor is None or not allowed(actor, "card_lifecycle") or not daily_due(desk):
        return False
    check_controllers(desk, actor)
    reconcile(desk, actor)
    return True
