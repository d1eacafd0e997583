"""Who may drive the doors by hand (attack finding 4), one rule for the CLI and the GUI.

- list and push: any staff account that may handle cards (`card_lifecycle`: every role) and
  is trained (rule R3: an induction and a training within 12 months), since pushing writes
  the building's doors; a push by hand is audited.
- whitelist export: supervisor or admin (app/doors/whitelist.export_controller), audited.
- daily check (`door check`): any trained staff, like the lane does under the signed-in
  clerk. Rule R7 asks for a daily check and most days only a clerk is at the desk; the check
  can only open a fault ticket for a fault it saw (a clerk may open tickets anyway) and only
  set a board's clock to the desk's own clock when it is more than a minute off — it can set
  no time of the clerk's choosing. Each check is audited.
"""

from __future__ import annotations

from datetime import datetime

from app.desk import clock
from app.desk.context import Desk
from app.desk.errors import Refused
from app.staff import audit
from app.staff.accounts import require, training_status
from app.staff.audit import Actor
from db.engine import read_session, write_session


def require_door_staff(desk: Desk, actor: Actor) -> None:
    """Raises Refused unless `actor` may handle cards and is trained (rule R3)."""
    require(actor, "card_lifecycle")
    with read_session(desk.engine) as s:
        status = training_status(s, actor.staff_id, clock.today(desk))
    if not status.ok:
        raise Refused("untrained", status.reason or "", status.reason_en or "")


def push_by_hand(desk: Desk, actor: Actor, controller_ref: str | None,
                 now: datetime | None = None, wait_s: float = 60.0):
    """`rentdesk door push`: a trained staff member pushes waiting jobs now (audited)."""
    from app.doors.controllers import resolve_controller_id
    from app.doors.push import push_pending

    require_door_staff(desk, actor)
    cid = resolve_controller_id(desk, controller_ref) if controller_ref else None
    result = push_pending(desk, cid, now=now, wait_s=wait_s)
    with write_session(desk.engine) as s:
        audit.record(s, actor, "door.push", "door_controller", cid,
                     center_code=desk.center_code, put=result.put, deleted=result.deleted,
                     failed=len(result.failed), busy=len(result.busy))
    return result


def list_for(desk: Desk, actor: Actor, building_code: str | None = None):
    """`rentdesk door list`: controllers, addresses and states, for trained staff only."""
    from app.doors.controllers import list_controllers

    require_door_staff(desk, actor)
    return list_controllers(desk, building_code)


def check_by_hand(desk: Desk, actor: Actor, building_code: str | None = None):
    """`rentdesk door check` (rule R7): trained staff; see the module note for why a clerk may."""
    from app.doors.check import check_controllers

    require_door_staff(desk, actor)
    return check_controllers(desk, actor, building_code)
