"""The tenant page (from search): photo, masked identity, stays, cards and their events,
and the card actions: lost, replace, revoke (with reason), return, move out."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.supervision.desk_status import TenantDetail, tenant_detail
from app.tenants.cards import replace_card, report_lost, return_card, revoke_card
from app.tenants.intake import move_out
from app.tenants.privacy import Revealed, may_reveal, reveal_person
from ui.context import UiContext
from ui.dates import local_time
from ui.dialogs.confirm import ConfirmDialog, ask
from ui.lane_op import run_on_lane
from ui.printing.collection_form import print_collection_form
from ui.widgets import card_number_edit, heading, set_message


class TenantDialog(QDialog):
    def __init__(self, ctx: UiContext, detail: TenantDetail, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.detail = detail
        self.setWindowTitle(self.tr("租户：{name}").format(name=detail.name))
        self.photo = QLabel(self.tr("无照片"))
        self.photo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        h = self.fontMetrics().height()
        self.photo.setFixedSize(round(h * 8 * 358 / 441), h * 8)
        self.identity = QFormLayout()
        self.cards = QTreeWidget()
        self.cards.setHeaderLabels([self.tr("卡号 / 事件"), self.tr("状态"), self.tr("时间"),
                                    self.tr("原因")])
        self.cards.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.door = QLabel()  # is the active card on the building's door yet?
        self.new_card = card_number_edit()
        self.new_card.setPlaceholderText(self.tr("补卡：刷新卡"))
        self.new_card.returnPressed.connect(self.replace)
        actions = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for key, text, slot in (("lost", self.tr("挂失"), self.lost),
                                ("replace", self.tr("补卡"), self.replace),
                                ("revoke", self.tr("注销…"), self.revoke),
                                ("return", self.tr("退卡"), self.returned),
                                ("move_out", self.tr("迁出…"), self.move_out),
                                ("photo", self.tr("更换照片…"), self.retake_photo),
                                ("print", self.tr("打印采集表…"), self.print_form),
                                ("reveal", self.tr("查看完整号码…"), self.reveal)):
            button = QPushButton(text)
            # No button of this window is ever a default: Enter alone must not end a card
            # (a wedge reader's Enter once blocked a card for ever).
            button.setAutoDefault(False)
            button.setDefault(False)
            button.clicked.connect(lambda _=False, act=slot: act())
            self.buttons[key] = button
            actions.addWidget(button)
        top = QHBoxLayout()
        top.addWidget(self.photo, 0, Qt.AlignmentFlag.AlignTop)
        top.addLayout(self.identity, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(detail.name))
        layout.addLayout(top)
        layout.addWidget(QLabel(self.tr("门禁卡及记录")))
        layout.addWidget(self.cards, 1)
        layout.addWidget(self.door)
        layout.addWidget(self.new_card)
        layout.addLayout(actions)
        layout.addWidget(self.message)
        # rule R10: offered only to roles that may reveal; the service checks again and logs
        self.buttons["reveal"].setVisible(may_reveal(ctx.actor))
        self.resize(h * 46, h * 34)
        self._fill()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        # The clerk's next act: swipe the replacement when a card is lost, else read.
        if self.new_card.isEnabled() and self.detail.active_card is None:
            self.new_card.setFocus()
        else:
            self.cards.setFocus()

    def _fill(self) -> None:
        d = self.detail
        if d.photo_jpeg:
            pixmap = QPixmap()
            pixmap.loadFromData(d.photo_jpeg)
            ratio = self.devicePixelRatioF()
            scaled = pixmap.scaled(self.photo.size() * ratio, Qt.AspectRatioMode.KeepAspectRatio,
                                   Qt.TransformationMode.SmoothTransformation)
            scaled.setDevicePixelRatio(ratio)
            self.photo.setPixmap(scaled)
        while self.identity.rowCount():
            self.identity.removeRow(0)
        sex = {"M": self.tr("男"), "F": self.tr("女")}.get(d.sex or "", "")
        stay = d.current
        rows = [(self.tr("证件号码"), d.idno_masked), (self.tr("性别"), sex),
                (self.tr("出生日期"), d.birth_date.isoformat() if d.birth_date else ""),
                (self.tr("民族"), d.ethnicity or ""), (self.tr("电话"), d.phone_masked),
                (self.tr("工作单位"), d.employer or ""),
                (self.tr("现住"), f"{stay.building_name} {stay.unit_number}" if stay
                 else self.tr("已迁出")),
                (self.tr("采集时间"), local_time(self.ctx.desk, stay.collected_at) if stay else ""),
                (self.tr("送达工作站"), local_time(self.ctx.desk, stay.delivered_at) if stay and stay.delivered_at
                 else self.tr("未送达"))]
        for label, value in rows:
            self.identity.addRow(label, QLabel(value))
        self.cards.clear()
        status = {"active": self.tr("有效"), "lost": self.tr("已挂失"),
                  "revoked": self.tr("已注销"), "returned": self.tr("已退回")}
        kinds = {"issue": self.tr("发卡"), "lost": self.tr("挂失"), "replace": self.tr("补卡"),
                 "revoke": self.tr("注销"), "return": self.tr("退卡")}
        for entry in d.cards:
            c = entry.card
            item = QTreeWidgetItem([f"{c.number}  ({c.building_name} {c.unit_number})",
                                    status.get(c.status, c.status), local_time(self.ctx.desk, c.issued_at), ""])
            for e in entry.events:
                item.addChild(QTreeWidgetItem([kinds.get(e.kind, e.kind), "", local_time(self.ctx.desk, e.at),
                                               e.reason or ""]))
            self.cards.addTopLevelItem(item)
        self.cards.expandAll()
        active = d.active_card is not None
        for key in ("lost", "revoke", "return"):
            self.buttons[key].setEnabled(active)
        self.buttons["move_out"].setEnabled(stay is not None)
        self.buttons["replace"].setEnabled(stay is not None)
        self.buttons["photo"].setEnabled(stay is not None)
        self.new_card.setEnabled(stay is not None)
        self._door_state()

    def _door_state(self) -> None:
        from ui.panels.door_state import show_card_door_state

        d = self.detail
        newest = d.cards[0].card if d.cards else None
        show_card_door_state(self.ctx, self.door, d.active_card or newest)

    def _act(self, op, done: str, after=None) -> None:
        """Run a card action on the database lane, then reload the page there too (the
        reload is a logged view, R10); buttons stay off until the answer is back."""
        person_id = self.detail.person_id

        def work(desk, actor):
            return op(desk, actor), tenant_detail(desk, actor, person_id)

        def ok(answer) -> None:
            result, detail = answer
            number = getattr(result, "number", result) or "—"
            set_message(self.message, done.format(number=number), ok=True)
            self.detail = detail
            self._fill()
            self.ctx.changes.tenants_changed.emit()
            if after is not None:
                after()

        run_on_lane(self, work, success=ok, message=self.message, busy=self)

    def reveal(self, reason: str | None = None) -> None:
        """The full number and phone with a logged reason (rule R10), shown in the window."""
        if not isinstance(reason, str):
            text, ok = QInputDialog.getText(self, self.tr("查看完整号码"), self.tr("原因（必填）："))
            if not ok:
                return
            reason = text
        person_id = self.detail.person_id

        def shown(found: Revealed) -> None:
            set_message(self.message, self.tr("证件号码：{idno}　电话：{phone}（已记录查看原因）").format(
                idno=found.idno, phone=found.phone), ok=True)

        run_on_lane(self, lambda desk, actor: reveal_person(desk, actor, person_id, reason),
                    success=shown, message=self.message)

    def _who(self) -> str:
        d = self.detail
        return self.tr("{name}（证件 {idno}）").format(name=d.name, idno=d.idno_masked)

    def _card_number(self) -> str:
        card = self.detail.active_card
        return card.number if card is not None else "—"

    def lost(self) -> ConfirmDialog:
        return ask(self, self.tr("挂失门禁卡"),
                   self.tr("将 {who} 的门禁卡 {number} 挂失？\n挂失后此卡号永久停用，不能恢复；"
                           "之后可刷新卡补卡。").format(who=self._who(), number=self._card_number()),
                   self.tr("确认挂失(&Y)"), lambda _r: self._lost())

    def _lost(self) -> None:
        lookup = self.detail.lookup
        self._act(lambda desk, actor: report_lost(desk, actor, idno=lookup),
                  self.tr("门禁卡 {number} 已挂失。刷新卡可补卡。"), self.new_card.setFocus)

    def replace(self) -> None:
        number, lookup = self.new_card.text(), self.detail.lookup
        self._act(lambda desk, actor: replace_card(desk, actor, lookup, number),
                  self.tr("已补卡：{number}，原卡永久停用。"), self.new_card.clear)

    def revoke(self) -> ConfirmDialog:
        return ask(self, self.tr("注销门禁卡"),
                   self.tr("注销 {who} 的门禁卡 {number}？\n注销后此卡号永久停用。").format(
                       who=self._who(), number=self._card_number()),
                   self.tr("确认注销(&Y)"), self._revoke, reason_label=self.tr("原因（必填）"))

    def _revoke(self, reason: str) -> None:
        lookup = self.detail.lookup
        self._act(lambda desk, actor: revoke_card(desk, actor, reason, idno=lookup),
                  self.tr("门禁卡 {number} 已注销。"))

    def returned(self) -> ConfirmDialog:
        return ask(self, self.tr("退卡"),
                   self.tr("收回 {who} 的门禁卡 {number}？\n退卡后此卡停用。").format(
                       who=self._who(), number=self._card_number()),
                   self.tr("确认退卡(&Y)"), lambda _r: self._returned())

    def _returned(self) -> None:
        lookup = self.detail.lookup
        self._act(lambda desk, actor: return_card(desk, actor, idno=lookup),
                  self.tr("门禁卡 {number} 已退回。"))

    def move_out(self) -> ConfirmDialog:
        stay = self.detail.current
        where = f"{stay.building_name} {stay.unit_number}" if stay else ""
        return ask(self, self.tr("迁出"),
                   self.tr("为 {who} 办理迁出（{where}）？\n其门禁卡 {number} 将同时停用。").format(
                       who=self._who(), where=where, number=self._card_number()),
                   self.tr("确认迁出(&Y)"), self._move_out, reason_label=self.tr("原因（必填）"),
                   reason=self.tr("迁出"))

    def _move_out(self, reason: str) -> None:
        lookup = self.detail.lookup
        self._act(lambda desk, actor: move_out(desk, actor, lookup, reason=reason or "迁出"),
                  self.tr("已迁出，门禁卡 {number} 已停用。"))

    def retake_photo(self) -> None:
        from ui.dialogs.photo import PhotoDialog

        dialog = PhotoDialog(self.ctx, self.detail.lookup, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(self._reload)
        dialog.open()

    def _reload(self) -> None:
        self._act(lambda _desk, _actor: None, self.tr("照片已更新。"))

    def print_form(self, show=None) -> None:
        print_collection_form(self.ctx, self.detail.lookup, self, show)

    @classmethod
    def show_tenant(cls, ctx: UiContext, person_id: str, parent: QWidget | None = None) -> None:
        """Read the tenant on the lane (the view is logged: a write), then open the page."""
        def opened(detail: TenantDetail) -> None:
            dialog = cls(ctx, detail, parent)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.open()

        run_on_lane(parent, lambda desk, actor: tenant_detail(desk, actor, person_id),
                    success=opened, ctx=ctx)
