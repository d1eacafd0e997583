"""查询 (masked, every look audited by the district) and 审计 (every centre's entries)."""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QCheckBox, QDateEdit, QLineEdit

from app.district_office import days, lookups
from app.staff.audit_words import action_words, detail_text, entity_words
from ui.dates import local_time
from ui.district.base import OfficeContext, OfficePage
from ui.i18n import is_english


class SearchPage(OfficePage):
    def __init__(self, ctx: OfficeContext, parent=None) -> None:
        headers = [self.tr("中心编码"), self.tr("姓名"), self.tr("证件号码"), self.tr("性别"),
                   self.tr("楼栋"), self.tr("房号"), self.tr("采集时间"), self.tr("卡号"),
                   self.tr("卡状态"), self.tr("区级审核")]
        super().__init__(ctx, headers, self._cells, None, parent)
        self.loaded = True  # nothing to show until someone asks
        self.text = QLineEdit()
        self.text.setPlaceholderText(self.tr("完整证件号码或完整姓名（查询将记入审计）"))
        self.text.returnPressed.connect(self.reload)
        self.filters.addWidget(self.text, 1)
        self.finish_filters()
        self.refresh_button.setText(self.tr("查询"))

    def _cells(self, h: lookups.PersonHit) -> list:
        # the district stores codes: words in the window's language (unknown codes as they are)
        sex = {"M": self.tr("男"), "F": self.tr("女")}
        status = {"active": self.tr("有效"), "lost": self.tr("已挂失"), "revoked": self.tr("已注销"),
                  "returned": self.tr("已退卡")}
        state = {"accepted": self.tr("已接受"), "pending": self.tr("待审核"),
                 "refused": self.tr("已拒绝（一人多卡）")}
        return [h.center_code, h.name, h.doc_masked, sex.get(h.sex or "", h.sex),
                h.building_code, h.unit_number, local_time(None, h.collected_at), h.card_number,
                status.get(h.card_status or "", h.card_status),
                state.get(h.district_state or "", h.district_state)]

    def query(self):
        office, text = self.ctx.office, self.text.text()
        return lambda: lookups.search(office, text)


class AuditPage(OfficePage):
    def __init__(self, ctx: OfficeContext, parent=None) -> None:
        headers = [self.tr("来源"), self.tr("中心编码"), self.tr("时间"), self.tr("工作人员"),
                   self.tr("操作"), self.tr("对象"), self.tr("对象编号"), self.tr("详情")]
        super().__init__(ctx, headers, self._cells, None, parent)
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
        for w in (self.first, self.last):
            w.setCalendarPopup(True)
            w.setDisplayFormat("yyyy-MM-dd")  # as on 送达, in either language
        for w in (self.use_dates, self.first, self.last):
            self.filters.addWidget(w)
        self.finish_filters()

    def _cells(self, e: lookups.AuditEntry) -> list:
        if e.source == "district":  # the office's own log: its actions in words, detail as kept
            action = {"search": self.tr("查询"), "look_shown": self.tr("显示查询结果"),
                      "search_refused": self.tr("查询被拒（未命中过多）"),
                      "audit_by_person": self.tr("按人员查审计"),
                      "audit_by_person_key": self.tr("按人员查审计"),
                      "revoke_card": self.tr("全区注销卡"), "set_cap": self.tr("核定人数"),
                      "resolve_conflict": self.tr("处理冲突"),
                      "center_login": self.tr("设置中心登录账号"),
                      "center_login_disabled": self.tr("停用中心登录账号"),
                      "add_staff": self.tr("新建街道办账号")}.get(e.action, e.action)
            return [self.tr("区"), e.center_code, local_time(None, e.at), e.staff, action,
                    self.tr("街道办"), e.entity_id, e.detail]
        lang = "en" if is_english() else "zh"  # a centre's log: the desk's audit words (R10)
        return [self.tr("中心"), e.center_code, local_time(None, e.at), e.staff,
                action_words(e.action, lang), entity_words(e.entity, lang), e.entity_id,
                detail_text(e.detail, lang)]

    def query(self):
        office = self.ctx.office
        first = self.first.date().toPython() if self.use_dates.isChecked() else None
        last = self.last.date().toPython() if self.use_dates.isChecked() else None
        args = (self.center.text(), self.staff.text(), self.action.text(), self.person.text())
        return lambda: lookups.audit_entries(office, *args, first=first, last=last)
