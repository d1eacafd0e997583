"""The daily check of the card system (rule R7): status, clock drift, last event.

A controller that does not answer, or whose clock is more than a minute off, opens a fault
ticket on its own (app/supervision/faults.py), so the 24-hour deadline to notify the installer starts
running without anyone noticing first. A drifting clock is also set right, since the
board checks valid-from/until dates against it. One open ticket per controller: a second
day of the same fault does not open a second ticket.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, update

from app.desk import clock
from app.desk.context import Desk
from app.desk.errors import Refused
from app.doors.drivers import DoorUnreachable
from app.doors.push import TIMEOUT, driver_for
from app.staff.accounts import require
from app.staff.audit import Actor
from app.supervision.faults import open_fault
from db.door_tables import DoorController
from db.engine import read_session, write_session
from db.models import Building, FaultTicket

MAX_DRIFT_S = 60.0


@dataclass(frozen=True)
class CheckResult:
    controller_id: str
    controller: str
    building_code: str
    reachable: bool
    drift_s: float | None
    clock_set: bool
    last_event_at: datetime | None
    ticket_id: str | None  # a ticket opened by this check
    error: str | None


def _marker(c: DoorController) -> str:
    return f"[门禁控制器 {c.name} / door controller {c.serial or c.id[:8]}]"


def _has_open_ticket(desk: Desk, c: DoorController) -> bool:
    with read_session(desk.engine) as s:
        return s.execute(select(FaultTicket.id).where(
            FaultTicket.building_id == c.building_id, FaultTicket.status != "fixed",
            FaultTicket.description.startswith(_marker(c)))).first() is not None


def _ticket(desk: Desk, actor: Actor, c: DoorController, code: str, what: str) -> str | None:
    if _has_open_ticket(desk, c):
        return None
    try:
        return open_fault(desk, actor, code, f"{_marker(c)} {what}").id
    except Refused:
        return None  # e.g. the building is recorded as having no card system


def check_controllers(desk: Desk, actor: Actor, building_code: str | None = None,
                      timeout: float = TIMEOUT) -> list[CheckResult]:
    """rule R7: read every UHPPOTE controller; open tickets and set clocks as needed."""
    require(actor, "card_lifecycle")
    with read_session(desk.engine) as s:
        q = select(DoorController, Building.code).join(
            Building, Building.id == DoorController.building_id).where(
            DoorController.active, DoorController.driver == "uhppote")
        if building_code:
            q = q.where(Building.code == building_code.strip())
        rows = [(DoorController.model_validate(c.model_dump()), code) for c, code in s.execute(q)]
    results = []
    for c, code in rows:
        driver = driver_for(desk, c, timeout)
        drift, clock_set, ticket, error, last_event = None, False, None, None, None
        try:
            st = driver.status()
            here = clock.now(desk).replace(tzinfo=None)
            drift = (st.controller_time - here).total_seconds() if st.controller_time else None
            last_event = st.last_event_at
            if drift is None or abs(drift) > MAX_DRIFT_S:
                driver.set_time(clock.now(desk))
                clock_set = True
                ticket = _ticket(desk, actor, c, code,
                                 f"控制器时钟偏差 {drift if drift is not None else '?'} 秒，已自动校时。"
                                 f" / Clock off by {drift} s; set by the daily check.")
        except DoorUnreachable as e:
            error = str(e)
            ticket = _ticket(desk, actor, c, code, f"日常检查：控制器无应答（{error}）。"
                             f" / Daily check: no answer ({error}).")
        now = clock.now_utc()
        with write_session(desk.engine) as s:
            values = {"last_check_at": now, "clock_drift_s": drift, "last_error": error}
            if error is None:
                values["last_seen_at"] = now
                if last_event is not None:
                    values["last_event_at"] = last_event.replace(tzinfo=clock.zone(desk))
            s.execute(update(DoorController).where(DoorController.id == c.id).values(**values))
        results.append(CheckResult(c.id, c.name, code, error is None, drift, clock_set,
                                   last_event, ticket, error))
    return results
