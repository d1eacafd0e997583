"""Issuing a card: swipe (a wedge reader types the number and Enter) and read the answer.

Refusals come from app.tenants.cards with their own message (cap reached with the numbers, the
card already held elsewhere, a number in use); for "already holds a card" the panel offers
the two ways out the rule allows: revoke that card with a reason, or move the tenant out.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.desk.errors import Refused
from app.identity import mask_id
from app.tenants.cards import issue_card, revoke_card
from app.tenants.intake import move_out
from ui.context import UiContext
from ui.dialogs.confirm import ask
from ui.lane_op import run_on_lane
from ui.widgets import card_number_edit, set_message


class CardPanel(QWidget):
    issued = Signal(object)  # app.tenants.cards.CardInfo
    answered = Signal()  # a card job's answer is on screen (issued, refused, revoked, …)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._preset: str | None = None
        self._held: str = "—"  # the card the tenant already holds, named by the confirmation
        self.confirm = None
        self.idno = QLineEdit()
        self.idno.setPlaceholderText(self.tr("租户证件号码"))
        self.idno.returnPressed.connect(lambda: self.card.setFocus())
        self.who = QLabel()
        self.card = card_number_edit()
        self.card.setPlaceholderText(self.tr("请刷卡（或输入卡号后按回车）"))
        self.card.returnPressed.connect(self.issue)
        self.message = QLabel()
        self.message.setWordWrap(True)
        # A swipe that arrived while the last card was still on its way: said apart from the
        # message line, which the first card's answer then takes.
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.notice.hide()
        self._pending = False
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("注销原因（必填）"))
        self.reason.returnPressed.connect(self.revoke_held)
        self.revoke_button = QPushButton(self.tr("注销原卡…"))
        self.revoke_button.clicked.connect(self.revoke_held)
        self.move_out_button = QPushButton(self.tr("办理迁出…"))
        for button in (self.revoke_button, self.move_out_button):
            button.setAutoDefault(False)  # Enter never ends a card
        self.move_out_button.clicked.connect(self.move_out_tenant)
        self.way_out = QWidget()
        row = QHBoxLayout(self.way_out)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.reason, 1)
        row.addWidget(self.revoke_button)
        row.addWidget(self.move_out_button)
        self.way_out.hide()
        form = QFormLayout()
        form.addRow(self.tr("证件号码"), self.idno)
        form.addRow("", self.who)
        form.addRow(self.tr("门禁卡号"), self.card)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.notice)
        layout.addWidget(self.way_out)
        layout.addStretch(1)

    def set_tenant(self, idno: str, label: str) -> None:
        """Preset after intake: the ID field shows the masked number and is locked, the card
        field has focus. The full number stays in memory only, as the services' key."""
        self._preset = idno
        self.idno.setText(mask_id(idno))
        self.idno.setReadOnly(True)
        self.who.setText(label)
        self.message.clear()
        self.notice.hide()
        self.way_out.hide()
        self.card.clear()
        self.card.setFocus()

    def key(self) -> str:
        """The document number the card services look the tenant up by."""
        return self._preset or self.idno.text()

    def reset(self) -> None:
        self._preset = None
        self.idno.setReadOnly(False)
        self.idno.clear()
        self.who.clear()
        self.card.clear()
        self.message.clear()
        self.notice.hide()
        self.way_out.hide()

    def _on_lane(self, op, done) -> None:
        """Writes go through the database lane, one at a time. The swipe field stays on
        meanwhile, so a second swipe is heard and told it was not taken (a disabled field
        once let it fall silently elsewhere); `issue` refuses it while one is pending."""
        def finished(result) -> None:
            self._pending = False
            done(result)
            self.answered.emit()

        def failed(exc: BaseException) -> None:
            self._pending = False
            self._refused(exc)
            self.answered.emit()

        self._pending = True
        run_on_lane(self, op, success=finished, failure=failed, message=self.message,
                    busy=(self.reason, self.revoke_button, self.move_out_button))

    @property
    def pending(self) -> bool:
        """A card job is on its way; its answer has not been said yet."""
        return self._pending

    def _refused(self, exc: BaseException) -> None:
        """After the refusal's own words (said in the message line): the way out the rule
        allows when the tenant already holds a card, else back to the field in use."""
        if isinstance(exc, Refused) and exc.code == "already_has_card":
            self._held = str(exc.data.get("card", "—"))
            self.way_out.show()
            self.reason.setFocus()
        elif not self.way_out.isHidden():
            self.reason.setFocus()
        else:
            self.card.setFocus()

    def issue(self) -> None:
        text, idno = self.card.text(), self.key()
        self.card.clear()  # the next swipe starts clean whatever the answer
        if self._pending:
            set_message(self.notice, self.tr(
                "上一张卡还在处理中，这次刷的卡（{number}）没有接收：请等结果出来后，如需要再刷一次。")
                .format(number=text.strip()), ok=False)
            self.notice.show()
            return
        self.notice.hide()
        self.way_out.hide()
        self._on_lane(lambda desk, actor: issue_card(desk, actor, idno, text), self._issued)

    def _issued(self, info) -> None:
        set_message(self.message, self.tr("已发卡：{number}（{building} {unit}）").format(
            number=info.number, building=info.building_name, unit=info.unit_number), ok=True)
        self.ctx.changes.tenants_changed.emit()
        self.issued.emit(info)

    def _who(self) -> str:
        return self.who.text() or self.idno.text()

    def revoke_held(self) -> None:
        """The held card ends only after a deliberate confirmation (Cancel is the default)."""
        self.confirm = ask(self, self.tr("注销门禁卡"),
                           self.tr("注销 {who} 持有的门禁卡 {number}？\n注销后此卡号永久停用。")
                           .format(who=self._who(), number=self._held),
                           self.tr("确认注销(&Y)"), self._revoke_held,
                           reason_label=self.tr("原因（必填）"), reason=self.reason.text())

    def _revoke_held(self, reason: str) -> None:
        idno = self.key()
        self._on_lane(lambda desk, actor: revoke_card(desk, actor, reason, idno=idno),
                      self._revoked)

    def _revoked(self, info) -> None:
        self.reason.clear()
        self.way_out.hide()
        set_message(self.message, self.tr("原卡 {number} 已注销。请刷新卡。").format(
            number=info.number), ok=True)
        self.ctx.changes.tenants_changed.emit()
        self.card.setFocus()

    def move_out_tenant(self) -> None:
        self.confirm = ask(self, self.tr("迁出"),
                           self.tr("为 {who} 办理迁出？\n其门禁卡 {number} 将同时停用。").format(
                               who=self._who(), number=self._held),
                           self.tr("确认迁出(&Y)"), self._move_out,
                           reason_label=self.tr("原因（必填）"), reason=self.tr("迁出"))

    def _move_out(self, reason: str) -> None:
        idno = self.key()
        self._on_lane(lambda desk, actor: move_out(desk, actor, idno, reason=reason),
                      self._moved_out)

    def _moved_out(self, stopped: str | None) -> None:
        self.way_out.hide()
        set_message(self.message, self.tr("已办理迁出，门禁卡 {number} 已停用。如需入住新地址，请重新登记。")
                    .format(number=stopped or "—"), ok=True)
        self.ctx.changes.tenants_changed.emit()
