"""各中心, 送达 (R2), 统计与奖励 (R8): the office's report pages."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QDateEdit, QFileDialog, QLabel, QPushButton

from app.district_office import days, reports
from app.district_office.tables import (
    NO_COMPANY,
    centre_cells,
    delivery_cells,
    reward_cells,
    rewards_xlsx,
)
from ui.dates import local_time
from ui.district.base import OfficeContext, OfficePage
from ui.widgets import set_message

RED = QColor("#f8d7da")


def _qdate(d) -> QDate:
    return QDate(d.year, d.month, d.day)


class CentresPage(OfficePage):
    """Every centre; red where it has not synced for more than a day (or never)."""

    def __init__(self, ctx: OfficeContext, parent=None) -> None:
        headers = [self.tr("中心编码"), self.tr("中心名称"), self.tr("最近同步"), self.tr("最近批次"),
                   self.tr("副本"), self.tr("已替换副本数"), self.tr("有登录账号"),
                   self.tr("未被接受的卡"), self.tr("待下发决定"), self.tr("逾期报送(30天)"),
                   self.tr("未修复故障"), self.tr("未处理冲突")]
        super().__init__(ctx, headers, self._cells, lambda c: RED if c.stale else None, parent)
        self.finish_filters()

    def _cells(self, c: reports.CentreStatus) -> list:
        cells = centre_cells(c)
        cells[2] = local_time(None, c.last_sync) if c.last_sync \
            else self.tr("从未同步")
        cells[6] = self.tr("是") if c.has_login else self.tr("否")
        return cells

    def query(self):
        office = self.ctx.office
        return lambda: reports.centres(office)

    def after_load(self, rows: list) -> None:
        stale = sum(c.stale for c in rows)
        set_message(self.message, self.tr("{n} 个中心超过一天未同步").format(n=stale) if stale else "",
                    ok=not stale)


class DeliveryPage(OfficePage):
    def __init__(self, ctx: OfficeContext, parent=None) -> None:
        headers = [self.tr("中心编码"), self.tr("采集日期"), self.tr("采集数"), self.tr("24小时内送达"),
                   self.tr("逾期送达"), self.tr("未送达"), self.tr("纸质表24小时内移交"),
                   self.tr("纸质表逾期移交"), self.tr("纸质表未移交")]
        super().__init__(ctx, headers, delivery_cells,
                         lambda d: RED if d.late or d.never else None, parent)
        today = days.today()  # the centres' day, not UTC's
        self.first, self.last = QDateEdit(_qdate(today - timedelta(days=30))), QDateEdit(_qdate(today))
        for w in (self.first, self.last):
            w.setCalendarPopup(True)
            w.setDisplayFormat("yyyy-MM-dd")
        for w in (QLabel(self.tr("采集日期")), self.first, QLabel("—"), self.last):
            self.filters.addWidget(w)
        self.finish_filters()

    def query(self):
        office, first, last = self.ctx.office, self.first.date().toPython(), self.last.date().toPython()
        return lambda: reports.delivery(office, first, last)


class RewardsPage(OfficePage):
    """One month's records per centre, company and building; the basis of the rewards."""

    def __init__(self, ctx: OfficeContext, parent=None) -> None:
        headers = [self.tr("统计口径"), self.tr("中心编码"), self.tr("编码"), self.tr("名称"),
                   self.tr("公司类型"), self.tr("采集数"), self.tr("24小时内报送"), self.tr("逾期报送"),
                   self.tr("未报送"), self.tr("计奖人数")]
        super().__init__(ctx, headers, self._cells, None, parent)
        self.month = QDateEdit(_qdate(days.today().replace(day=1)))
        self.month.setDisplayFormat("yyyy-MM")
        self.export_button = QPushButton(self.tr("导出 XLSX…"))
        self.export_button.clicked.connect(self.export)
        for w in (QLabel(self.tr("月份")), self.month, self.export_button):
            self.filters.addWidget(w)
        self.finish_filters()

    def _cells(self, r: reports.RewardRow) -> list:
        """The export's cells (app.district_office.tables, Chinese headers and words) with
        the words in the window's language."""
        cells = reward_cells(r)
        cells[0] = {"center": self.tr("中心"), "company": self.tr("公司"),
                    "building": self.tr("楼栋")}.get(r.level, r.level)
        if not r.center_code:
            cells[1] = self.tr("全区")
        if r.name == NO_COMPANY:
            cells[3] = self.tr("（无公司）")
        cells[4] = {"village": self.tr("股份合作公司"), "property": self.tr("物业公司")}.get(
            r.company_kind or "", r.company_kind or "")
        return cells

    def query(self):
        office, month = self.ctx.office, self.month.date().toPython().replace(day=1)
        return lambda: reports.rewards(office, month)

    def export(self, path: str | None = None) -> None:
        month = self.month.date().toPython().strftime("%Y-%m")
        if path is None:
            path, _ = QFileDialog.getSaveFileName(self, self.tr("导出统计"),
                                                  f"统计与奖励-{month}.xlsx", "Excel (*.xlsx)")
        if not path:
            return
        rows = list(self.model.rows)
        self.act(lambda: rewards_xlsx(Path(path), rows, month), self.tr("已导出：{p}").format(p=path))
