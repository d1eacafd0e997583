"""统计 (R8): per company, building or centre and per day, month or year; table, bar chart
of registrations, export to XLSX/CSV (itself audited by app.supervision.export)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.desk import clock
from app.supervision.export import ExportResult, export_statistics
from app.supervision.stats import StatRow, default_range, statistics
from app.tenants.overcrowding import open_flag_count
from ui.context import UiContext
from ui.lane_op import run_on_lane
from ui.models.rows import RowsModel
from ui.widgets import heading, set_message

TOP_BARS = 20  # the top 20 groups, then one 「其他」 bar for the rest


class BarChart(QWidget):
    """Registrations per group (summed over the periods shown), largest first."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bars: list[tuple[str, int]] = []
        self.setMinimumHeight(self.fontMetrics().height() * 10)

    def set_rows(self, rows: list[StatRow]) -> None:
        totals: dict[str, int] = {}
        for r in rows:
            totals[r.group_name or r.group_code] = totals.get(r.group_name or r.group_code, 0) \
                + r.registered
        ranked = sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))
        self.bars = ranked[:TOP_BARS]
        rest = ranked[TOP_BARS:]
        if rest:
            self.bars.append((self.tr("其他（{n} 个）").format(n=len(rest)),
                              sum(v for _, v in rest)))
        # One text line per bar at least: labels never overlap (287 bars once did).
        self.setMinimumHeight(round(self.fontMetrics().height() * 1.25 * (len(self.bars) + 1)))
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        fm = self.fontMetrics()
        line = fm.height()
        if not self.bars:
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.tr("没有数据"))
            return
        label_w = min(max(fm.horizontalAdvance(n) for n, _ in self.bars) + line,
                      self.width() // 3)
        top = max(v for _, v in self.bars) or 1
        step = min(2.0 * line, max(1.0 * line, (self.height() - line) / len(self.bars)))
        p.drawText(QRectF(0, 0, self.width(), line), Qt.AlignmentFlag.AlignLeft,
                   self.tr("登记人数"))
        for n, (name, value) in enumerate(self.bars):
            y = line + n * step
            p.setPen(self.palette().windowText().color())
            p.drawText(QRectF(0, y, label_w - 4, step), Qt.AlignmentFlag.AlignRight
                       | Qt.AlignmentFlag.AlignVCenter,
                       fm.elidedText(name, Qt.TextElideMode.ElideRight, label_w - 4))
            width = (self.width() - label_w - 4 * line) * value / top
            p.fillRect(QRectF(label_w + 4, y + step * 0.15, width, step * 0.7),
                       QColor("#4f7cac"))
            p.drawText(QRectF(label_w + 8 + width, y, 4 * line, step),
                       Qt.AlignmentFlag.AlignVCenter, str(value))


class StatsPage(QWidget):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None,
                 ask_file=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._ask_file = ask_file or self._file_dialog  # tests pass a path instead
        self.by = QComboBox()
        for key, label in (("company", self.tr("公司")), ("building", self.tr("楼栋")),
                           ("center", self.tr("中心"))):
            self.by.addItem(label, key)
        self.period = QComboBox()
        for key, label in (("day", self.tr("日")), ("month", self.tr("月")),
                           ("year", self.tr("年"))):
            self.period.addItem(label, key)
        self.period.setCurrentIndex(1)
        self.date_from, self.date_to = QDateEdit(), QDateEdit()
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self._default_range()
        self.period.currentIndexChanged.connect(self._default_range)
        self.run_button = QPushButton(self.tr("统计"))
        self.run_button.clicked.connect(self.reload)
        self.export_button = QPushButton(self.tr("导出…"))
        self.export_button.clicked.connect(lambda: self.export())
        self.model: RowsModel[StatRow] = RowsModel(
            [self.tr("编号"), self.tr("名称"), self.tr("时段"), self.tr("登记"), self.tr("迁出"),
             self.tr("发卡"), self.tr("挂失"), self.tr("补卡"), self.tr("注销"),
             self.tr("按时送达"), self.tr("超时送达"), self.tr("未送达"), self.tr("门禁故障"),
             self.tr("故障迟报"), self.tr("已修复"), self.tr("现住人数"), self.tr("核定人数"),
             self.tr("缺计生证")],
            lambda r: (r.group_code, r.group_name, r.period, r.registered, r.moved_out,
                       r.cards_issued, r.cards_lost, r.cards_replaced, r.cards_revoked,
                       r.delivered_on_time, r.delivered_late, r.undelivered, r.faults_found,
                       r.faults_notified_late, r.faults_fixed, r.residents_now, r.cap,
                       r.fp_missing),
            parent=self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.chart = BarChart()
        # The supervisor's two open matters (issue 13): residents over the cap waiting for a
        # decision (rule R5, a snapshot of now) and, in the range, women aged 15–49 with
        # neither a 计生证 number nor a recorded reason (rule R9).
        self.over_cap = QLabel()
        self.fp_missing = QLabel()
        self.message = QLabel()
        row = QHBoxLayout()
        for label, w in ((self.tr("口径"), self.by), (self.tr("周期"), self.period),
                         (self.tr("从"), self.date_from), (self.tr("到"), self.date_to)):
            row.addWidget(QLabel(label))
            row.addWidget(w)
        row.addWidget(self.run_button)
        row.addWidget(self.export_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("统计（规则 R8）")))
        layout.addLayout(row)
        figures = QHBoxLayout()
        figures.addWidget(self.over_cap)
        figures.addWidget(self.fp_missing)
        figures.addStretch(1)
        layout.addLayout(figures)
        # Table and chart side by side: at 1366×768 the chart keeps a line per bar.
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.table)
        chart_box = QScrollArea()
        chart_box.setWidgetResizable(True)
        chart_box.setFrameShape(QScrollArea.Shape.NoFrame)
        chart_box.setWidget(self.chart)
        split.addWidget(chart_box)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout.addWidget(split, 1)
        layout.addWidget(self.message)
        self._dirty = True

    def _default_range(self) -> None:
        start, end = default_range(self.period.currentData(), clock.today(self.ctx.desk))
        self.date_from.setDate(QDate(start.year, start.month, start.day))
        self.date_to.setDate(QDate(end.year, end.month, end.day))

    def params(self) -> tuple[str, str, date, date]:
        return (self.by.currentData(), self.period.currentData(),
                self.date_from.date().toPython(), self.date_to.date().toPython())

    def reload(self) -> None:
        self._dirty = False
        by, period, d_from, d_to = self.params()
        run_on_lane(self, lambda desk, _actor: (statistics(desk, by, period, d_from, d_to),
                                                open_flag_count(desk)),
                    success=self._loaded, message=self.message, busy=self.run_button)

    def _loaded(self, result: tuple[list[StatRow], int]) -> None:
        rows, over_cap = result
        set_message(self.over_cap, self.tr("超员登记待处理（规则 R5）：{n} 人").format(n=over_cap),
                    ok=over_cap == 0)
        # Every group appears once per period, so the periods' counts add up without overlap.
        missing = sum(r.fp_missing for r in rows)
        set_message(self.fp_missing,
                    self.tr("缺计生证且未说明原因（规则 R9）：{n} 人").format(n=missing),
                    ok=missing == 0)
        self.model.set_rows(rows)
        # A company has no code of its own: its 编号 column only repeated the name.
        self.table.setColumnHidden(0, bool(rows) and rows[0].by == "company")
        self.chart.set_rows(rows)
        self.message.setText(self.tr("共 {n} 行。").format(n=len(rows)))
        self.message.setStyleSheet("")

    def _file_dialog(self) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("导出统计"), f"statistics-{clock.today(self.ctx.desk):%Y%m%d}.xlsx",
            self.tr("Excel 工作簿 (*.xlsx);;CSV 文件 (*.csv)"))
        return Path(name) if name else None

    def export(self) -> None:
        out = self._ask_file()
        if out is None:
            return
        by, period, d_from, d_to = self.params()
        run_on_lane(self, lambda desk, actor: export_statistics(desk, actor, out, [by], period,
                                                                d_from, d_to, force=True),
                    success=self._exported, message=self.message, busy=self.export_button)

    def _exported(self, result: ExportResult) -> None:
        set_message(self.message, self.tr("已导出到 {path}。").format(path=str(result.path)),
                    ok=True)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        if self._dirty:
            self.reload()
