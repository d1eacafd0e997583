"""The tenant window's line about the door: is their card on the building's door yet?"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel

from app.doors.status import CardDoorState, card_door_state
from app.tenants.cards import CardInfo
from ui.context import UiContext
from ui.lane_op import run_on_lane


def _text(state: CardDoorState) -> str:
    return {
        "none": QCoreApplication.translate("doors", "门禁：本楼栋没有联网门禁控制器。"),
        "waiting": QCoreApplication.translate("doors", "门禁：等待写入门禁（{n} 项）。").format(n=state.waiting_jobs),
        "failed": QCoreApplication.translate("doors", "门禁：控制器暂未连通，卡尚未写入，系统会自动重试。"),
        "on_door": QCoreApplication.translate("doors", "门禁：已写入门禁，可以开门。"),
        "off_door": QCoreApplication.translate("doors", "门禁：已从门禁删除。"),
        "removing": QCoreApplication.translate("doors", "门禁：该卡已停用，正在从门禁删除。"),
        "remove_failed": QCoreApplication.translate("doors", "门禁：该卡已停用，但控制器未连通，仍可能开门；系统会自动重试。"),
    }[state.state]


def show_card_door_state(ctx: UiContext, label: QLabel, card: CardInfo | None) -> None:
    """About the active card, else the newest one (a lost card may still open the door).
    Asked on the database lane; the label changes when the answer comes back."""
    if card is None:
        label.setText("")
        return
    card_id = card.id

    def shown(state: CardDoorState) -> None:
        label.setText(_text(state))
        colour = {"failed": "#c62828", "remove_failed": "#c62828", "waiting": "#ef6c00",
                  "removing": "#ef6c00", "on_door": "#2e7d32"}.get(state.state)
        label.setStyleSheet(f"color: {colour};" if colour else "")

    # Only a line of information: a failure leaves it empty, the clerk asked for nothing.
    run_on_lane(label, lambda desk, _actor: card_door_state(desk, card_id), success=shown,
                failure=lambda _e: label.setText(""), quiet=True, ctx=ctx)
