"""查询 (masked, every look audited by the district) and 审计 (every centre's entries)."""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QCheckBox, QDateEdit, QLineEdit

from app.district_office import days, lookups
from ui.dates import local_time
from ui.district.base import OfficeContext, OfficePage


class SearchPage(OfficePage):
    def __init__(self, ctx: OfficeContext, parent=None) -> None:
        headers = [self.tr("中心编码"), self.tr("姓名"), self.tr("证件号码"), self.tr("性别"),
                   self.tr("楼栋"), self.tr("房号"), self.tr("采集时间"), self.tr("卡号"),
                   self.tr("卡状态"), self.tr("区级审核")]
        super().__init__(ctx, headers, lambda h: [
            h.center_code, h.name, h.doc_masked, h.sex, h.building_code, h.unit_number,
            local_time(None, h.collected_at), h.card_number, h.card_status, h.district_state], None, parent)
        self.loaded = True  # nothing to show until someone asks
        self.text = QLineEdit()
        self.text.setPlaceholderText(self.tr("完整证件号码或完整姓名（查询将记入审计）"))
        self.text.returnPressed.connect(self.reload)
        self.filters.addWidget(self.text, 1)
        self.finish_filters()
        self.refresh_button.setText(self.tr("查询"))

    def query(self):
        office, text = self.ctx.office, self.text.text()
        return lambda: lookups.search(office, text)


class AuditPage(OfficePage):
    def __init__(self, ctx: OfficeContext, parent=None) -> None:
        headers = [self.tr("来源"), self.tr("中心编码"), self.tr("时间"), self.tr("工作人员"),
                   self.tr("操作"), self.tr("对象"), self.tr("对象编号"), self.tr("详情")]
        super().__init__(ctx, headers, lambda e: [
            self.tr("区") if e.source == "district" else self.tr("中心"), e.center_code,
            local_time(None, e.at), e.staff, e.action, e.entity, e.entity_id, e.detail], None, parent)
        self.center, self.staff, self.action, self.person = (QLineEdit() for _ in range(4))
        for w, text in ((self.center, self.tr("中心")), (self.staff, self.tr("工作人员")),
                        (self.action, self.tr("操作，如 card.")),
                        (self.person, self.tr("人员证件号码（记入审计）"))):
            w.setPlaceholderText(text)
            w.returnPressed.connect(self.reload)
            self.filters.addWidget(w)
        self.use_dates = QCheckBox(self.tr("日期"))
        now = days.today()
        today = QDate(now.year, now.month, now.day)
        self.first, self.last = QDateEdit(today.addDays(-30)), QDateEdit(today)
        for w in (self.use_dates, self.first, self.last):
            self.filters.addWidget(w)
        self.finish_filters()

    def query(self):
        office = self.ctx.office
        first = self.first.date().toPython() if self.use_dates.isChecked() else None
        last = self.last.date().toPython() if self.use_dates.isChecked() else None
        args = (self.center.text(), self.staff.text(), self.action.text(), self.person.text())
        return lambda: lookups.audit_entries(office, *args, first=first, last=last)
