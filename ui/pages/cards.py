"""门禁卡: issue a card on its own, or act on a card by its number (lost, returned, revoked)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.tenants.cards import card_holder, report_lost, return_card, revoke_card
from ui.context import UiContext
from ui.dialogs.confirm import ask
from ui.lane_op import run_on_lane
from ui.panels.card import CardPanel
from ui.widgets import card_number_edit, heading, set_message


class CardsPage(QWidget):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.panel = CardPanel(ctx)
        issue = QGroupBox(self.tr("发卡（已登记、已拍照的租户）"))
        QVBoxLayout(issue).addWidget(self.panel)
        self.number = card_number_edit()
        self.number.setPlaceholderText(self.tr("刷卡或输入卡号"))
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("注销原因"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        buttons = QHBoxLayout()
        for text, action in ((self.tr("挂失"), self.lost), (self.tr("退卡"), self.returned),
                             (self.tr("注销"), self.revoke)):
            button = QPushButton(text)
            button.setAutoDefault(False)  # a swipe's Enter never presses these
            button.clicked.connect(lambda _=False, act=action: act())
            buttons.addWidget(button)
        by_number = QGroupBox(self.tr("按卡号办理"))
        box = QVBoxLayout(by_number)
        box.addWidget(self.number)
        box.addWidget(self.reason)
        box.addLayout(buttons)
        box.addWidget(self.message)
        note = QLabel(self.tr("补卡和迁出请在“查询”中打开租户后办理。"))
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("门禁卡")))
        layout.addWidget(issue)
        layout.addWidget(by_number)
        layout.addWidget(note)
        layout.addStretch(1)

    def _run(self, op, done_text: str) -> None:
        # The whole page waits for the answer: one card act at a time.
        def ok(info) -> None:
            set_message(self.message, done_text.format(number=info.number), ok=True)
            self.number.clear()
            self.reason.clear()
            self.ctx.changes.tenants_changed.emit()
            self.number.setFocus()

        run_on_lane(self, op, success=ok, failure=lambda _e: self.number.setFocus(),
                    message=self.message, busy=self)

    def _confirm_then(self, title: str, text: str, action: str, then,
                      reason_label: str | None = None) -> None:
        """Look the card's holder up first, so the confirmation names card and person; the
        card ends only when the clerk confirms (Cancel is the default, Enter cancels)."""
        number = self.number.text()

        def found(holder) -> None:
            who = self.tr("{name}（证件 {idno}，{building} {unit}）").format(
                name=holder.name, idno=holder.idno_masked, building=holder.building_name,
                unit=holder.unit_number)
            self.confirm = ask(self, title, text.format(number=holder.number, who=who), action,
                               lambda reason: then(holder.number, reason),
                               reason_label=reason_label, reason=self.reason.text())

        run_on_lane(self, lambda desk, actor: card_holder(desk, actor, number), success=found,
                    failure=lambda _e: self.number.setFocus(), message=self.message, busy=self)

    def lost(self) -> None:
        self._confirm_then(self.tr("挂失门禁卡"),
                           self.tr("将 {who} 的门禁卡 {number} 挂失？\n挂失后此卡号永久停用，不能恢复。"),
                           self.tr("确认挂失(&Y)"), lambda number, _r: self._run(
                               lambda desk, actor: report_lost(desk, actor, card_text=number),
                               self.tr("门禁卡 {number} 已挂失，卡号永久停用。")))

    def returned(self) -> None:
        self._confirm_then(self.tr("退卡"),
                           self.tr("收回 {who} 的门禁卡 {number}？\n退卡后此卡停用。"),
                           self.tr("确认退卡(&Y)"), lambda number, _r: self._run(
                               lambda desk, actor: return_card(desk, actor, card_text=number),
                               self.tr("门禁卡 {number} 已退回。")))

    def revoke(self) -> None:
        self._confirm_then(self.tr("注销门禁卡"),
                           self.tr("注销 {who} 的门禁卡 {number}？\n注销后此卡号永久停用。"),
                           self.tr("确认注销(&Y)"), lambda number, reason: self._run(
                               lambda desk, actor: revoke_card(desk, actor, reason,
                                                               card_text=number),
                               self.tr("门禁卡 {number} 已注销。")),
                           reason_label=self.tr("原因（必填）"))
