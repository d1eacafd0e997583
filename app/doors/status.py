"""Is this card on the door yet? One answer for the tenant window and the CLI."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from app.desk.context import Desk
from db.door_tables import DoorController, DoorJob
from db.engine import read_session
from db.models import Card

ZH = {"none": "本楼无联网门禁", "waiting": "等待写入门禁", "on_door": "已写入门禁",
      "off_door": "已从门禁删除", "failed": "门禁暂未连通，稍后自动重试",
      "removing": "已停用，正在从门禁删除", "remove_failed": "已停用，但门禁未连通，仍可能开门"}


@dataclass(frozen=True)
class CardDoorState:
    state: str  # none | waiting | failed | on_door | off_door | removing | remove_failed
    waiting_jobs: int
    controllers: int
    last_error: str | None

    @property
    def zh(self) -> str:
        return ZH[self.state]


def card_door_state(desk: Desk, card_id: str) -> CardDoorState:
    with read_session(desk.engine) as s:
        card = s.get(Card, card_id)
        if card is None:
            return CardDoorState("none", 0, 0, None)
        controllers = s.execute(select(func.count()).select_from(DoorController).where(
            DoorController.building_id == card.building_id, DoorController.active)).scalar() or 0
        pending = s.execute(select(func.count(), func.max(DoorJob.attempts),
                                   func.max(DoorJob.last_error)).where(
            DoorJob.card_number == card.number, DoorJob.done_at.is_(None))).one()
    if not controllers:
        return CardDoorState("none", 0, 0, None)
    waiting, attempts, error = pending[0] or 0, pending[1] or 0, pending[2]
    if waiting and card.status == "active":
        return CardDoorState("failed" if attempts else "waiting", waiting, controllers, error)
    if waiting:  # an ended card that may still open the door: the dangerous case
        return CardDoorState("remove_failed" if attempts else "removing", waiting, controllers,
                             error)
    return CardDoorState("on_door" if card.status == "active" else "off_door", 0, controllers, None)
