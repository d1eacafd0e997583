"""What a door should hold: the desk's active cards of the building, with their dates.

A card opens the controller's doors from the day it was issued until its valid-until date:
the end of the lease that names the stay when there is one (rule R6: 人走卡销 — a card ends
with the stay), else open-ended (OPEN_END), since a stay without a lease has no known end
and move-out stops the card anyway.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlalchemy import select
from sqlmodel import Session

from app.desk import clock
from app.doors.drivers import DoorCard, parse_doors
from db.door_tables import DoorController
from db.models import Card
from db.service_tables import LeaseRegistration, LeaseTenant

OPEN_END = date(2099, 12, 31)


def card_int(number: str) -> int | None:
    """The 32-bit UID a board stores, or None for a number no board can hold."""
    n = (number or "").strip()
    if not n.isdigit() or len(n) > 10 or int(n) > 0xFFFFFFFF or int(n) == 0:
        return None
    return int(n)


def _lease_ends(session: Session, tenancy_ids: list[str]) -> dict[str, date]:
    ends: dict[str, date] = {}
    for i in range(0, len(tenancy_ids), 500):
        rows = session.execute(
            select(LeaseTenant.tenancy_id, LeaseRegistration.end_date)
            .join(LeaseRegistration, LeaseRegistration.id == LeaseTenant.lease_id)
            .where(LeaseTenant.tenancy_id.in_(tenancy_ids[i:i + 500]),
                   LeaseRegistration.status == "active"))
        for tid, end in rows:
            ends[tid] = max(end, ends.get(tid, end))
    return ends


def desired_cards(session: Session, desk, controller: DoorController,
                  numbers: Iterable[str] | None = None) -> dict[int, DoorCard]:
    """UID → card the door should hold; only numbers in `numbers` when given."""
    doors = parse_doors(controller.doors)
    q = select(Card.number, Card.tenancy_id, Card.issued_at).where(
        Card.building_id == controller.building_id, Card.status == "active")
    rows: list = []
    if numbers is None:
        rows = list(session.execute(q))
    else:
        wanted = list(dict.fromkeys(numbers))
        for i in range(0, len(wanted), 500):
            rows += list(session.execute(q.where(Card.number.in_(wanted[i:i + 500]))))
    ends = _lease_ends(session, [r[1] for r in rows])
    out: dict[int, DoorCard] = {}
    for number, tenancy_id, issued_at in rows:
        uid = card_int(number)
        if uid is None:
            continue
        start = clock.local_date(desk, issued_at)
        end = ends.get(tenancy_id, OPEN_END)
        out[uid] = DoorCard(uid, start, max(end, start), doors)
    return out
