"""Conflicts the district flagged, for a supervisor to review and resolve (GUI comes later).

Kinds: `same_person` — one document registered by two centres (both records are kept);
`card_refused` — a second active card for one person across centres: the card the
district accepted first wins, the other stays stored but refused.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import select

from app.desk.context import Desk
from app.desk.errors import NotFound, Refused
from app.staff import audit
from app.staff.accounts import require
from app.staff.audit import Actor
from app.tenants.cards import end_card
from db.engine import read_session, write_session
from db.models import Card, CardStatus, utcnow
from db.sync_tables import SyncConflict


@dataclass(frozen=True)
class ConflictInfo:
    id: str
    kind: str
    status: str
    centers: list[str]
    refused_here: bool
    local_person_id: str | None
    local_card_id: str | None
    detected_at: datetime
    resolution: str | None
    resolved_at: datetime | None


def _info(c: SyncConflict) -> ConflictInfo:
    return ConflictInfo(c.id, c.kind, c.status, json.loads(c.centers), c.refused_here,
                        c.local_person_id, c.local_card_id, c.detected_at, c.resolution,
                        c.resolved_at)


def list_conflicts(desk: Desk, status: str | None = "open") -> list[ConflictInfo]:
    with read_session(desk.engine) as s:
        q = select(SyncConflict).order_by(SyncConflict.detected_at)
        if status:
            q = q.where(SyncConflict.status == status)
        return [_info(c) for c in s.exec(q)]


def resolve_conflict(desk: Desk, actor: Actor, conflict_id: str, resolution: str,
                     revoke_refused_card: bool = False) -> ConflictInfo:
    """A supervisor closes a conflict; the district hears of it at the next sync.

    With `revoke_refused_card`, this centre's refused card is revoked here (an ordinary
    centre change, so it travels up through the outbox like any other).
    """
    require(actor, "resolve_conflict")
    if not resolution or not resolution.strip():
        raise Refused("reason_required", "处理冲突须填写处理意见。", "Resolving needs a note.")
    with write_session(desk.engine) as s:
        conflict = s.get(SyncConflict, conflict_id)
        if conflict is None:
            raise NotFound("no_conflict", "没有这条冲突记录。", "No such conflict.")
        if conflict.status == "resolved":
            raise Refused("already_resolved", "该冲突已处理。", "This conflict is already resolved.")
        if revoke_refused_card and conflict.refused_here and conflict.local_card_id:
            card = s.get(Card, conflict.local_card_id)
            if card is not None and card.status == CardStatus.ACTIVE:
                end_card(s, actor, card, CardStatus.REVOKED,
                         "区级冲突：一人一卡 / district conflict: one card per person")
        conflict.status, conflict.resolution = "resolved", resolution.strip()
        conflict.resolved_by, conflict.resolved_at = actor.staff_id, utcnow()
        conflict.resolution_pending = True
        s.add(conflict)
        audit.record(s, actor, "conflict.resolve", "sync_conflict", conflict.id, kind=conflict.kind)
        return _info(conflict)
