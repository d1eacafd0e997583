"""冲突, 撤卡与核定人数: the district admin's decisions (buttons off for a viewer)."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QFormLayout, QGroupBox, QLineEdit, QPushButton, QSpinBox

from app.desk.errors import Refused
from app.district_office import decisions
from ui.dates import local_time
from ui.district.base import OfficeContext, OfficePage
from ui.i18n import is_english
from ui.notify import report


class ConflictsPage(OfficePage):
    def __init__(self, ctx: OfficeContext, parent=None) -> None:
        headers = [self.tr("发现时间"), self.tr("类型"), self.tr("证件号码"), self.tr("涉及中心"),
                   self.tr("状态"), self.tr("处理意见"), self.tr("处理人")]
        super().__init__(ctx, headers, self._cells, None, parent)
        self.open_only = QCheckBox(self.tr("只看未处理"))
        self.open_only.setChecked(True)
        self.open_only.toggled.connect(self.reload)
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("处理意见（必填）"))
        self.resolve_button = QPushButton(self.tr("处理"))
        self.resolve_button.clicked.connect(self.resolve)
        self.resolve_button.setEnabled(ctx.office.is_admin)
        for w in (self.open_only, self.note, self.resolve_button):
            self.filters.addWidget(w, 1 if w is self.note else 0)
        self.finish_filters()

    def _cells(self, c: decisions.OfficeConflict) -> list:
        kind = {"same_person": self.tr("同一人在多个中心登记"),
                "card_refused": self.tr("一人多卡")}.get(c.kind, c.kind)
        status = self.tr("已处理") if c.status == "resolved" else self.tr("未处理")
        sep = ", " if is_english() else "、"
        return [local_time(None, c.detected_at), kind, c.doc_masked, sep.join(c.centers), status,
                c.resolution, c.resolved_by]

    def query(self):
        office, open_only = self.ctx.office, self.open_only.isChecked()
        return lambda: decisions.conflicts(office, open_only)

    def resolve(self) -> None:
        if (c := self.selected()) is None:
            return
        office, note = self.ctx.office, self.note.text()
        self.act(lambda: decisions.resolve(office, c.id, note),
                 self.tr("已处理，相关中心下次同步时收到。"))


class DecisionsPage(OfficePage):
    """Revoke a card / override a cap, each with a reason; the list shows what was decided."""

    def __init__(self, ctx: OfficeContext, parent=None) -> None:
        headers = [self.tr("时间"), self.tr("工作人员"), self.tr("操作"), self.tr("中心编码"),
                   self.tr("理由")]
        super().__init__(ctx, headers, lambda e: [
            local_time(None, e.at), e.staff,
            {"revoke_card": self.tr("全区注销卡"), "set_cap": self.tr("核定人数")}.get(e.action, e.action),
            e.center_code, e.detail], None, parent)
        self.center, self.card, self.building = QLineEdit(), QLineEdit(), QLineEdit()
        self.center.setPlaceholderText(self.tr("中心编码，如 LH01"))
        self.card.setPlaceholderText(self.tr("卡号"))
        self.building.setPlaceholderText(self.tr("楼栋编号"))
        self.cap = QSpinBox()
        self.cap.setRange(-1, 100000)
        self.cap.setSpecialValueText(self.tr("恢复按面积核定"))
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("理由（必填）"))
        self.revoke_button = QPushButton(self.tr("全区注销此卡"))
        self.cap_button = QPushButton(self.tr("核定人数"))
        self.revoke_button.clicked.connect(self.revoke)
        self.cap_button.clicked.connect(self.set_cap)
        box = QGroupBox(self.tr("区级决定（下次同步时送达中心）"))
        form = QFormLayout(box)
        form.addRow(self.tr("中心"), self.center)
        form.addRow(self.tr("卡号"), self.card)
        form.addRow(self.tr("楼栋"), self.building)
        form.addRow(self.tr("核定人数"), self.cap)
        form.addRow(self.tr("理由"), self.reason)
        form.addRow(self.revoke_button, self.cap_button)
        for w in (box, self.revoke_button, self.cap_button):
            w.setEnabled(ctx.office.is_admin)
        self.filters.addWidget(box, 1)
        self.finish_filters()

    def query(self):
        from app.district_office.lookups import audit_entries

        office = self.ctx.office
        return lambda: [e for e in audit_entries(office, limit=200)
                        if e.source == "district" and e.action in ("revoke_card", "set_cap")]

    def revoke(self) -> None:
        office, center, card, reason = (self.ctx.office, self.center.text(), self.card.text(),
                                        self.reason.text())
        self.act(lambda: decisions.revoke_card(office, center, card, reason),
                 self.tr("已注销，该中心下次同步时收到。"))

    def set_cap(self) -> None:
        office, center, building, reason = (self.ctx.office, self.center.text(),
                                            self.building.text(), self.reason.text())
        cap = None if self.cap.value() < 0 else self.cap.value()
        if not building.strip():
            report(self, Refused("no_building", "请填写楼栋编号。", "Give the building code."),
                   self.message)
            return
        self.act(lambda: decisions.set_cap(office, center, building, cap, reason),
                 self.tr("已核定，该中心下次同步时收到。"))
