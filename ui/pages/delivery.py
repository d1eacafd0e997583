"""待移交: records by time left to reach the workstation (R2), handover batches (R6)."""

from __future__ import annotations

from datetime import date

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.desk import clock
from app.printing.documents import manifest_pdf
from app.supervision.delivery import DueItem, HandoverBatch, create_handover, due_list_for
from ui.context import UiContext
from ui.dates import local_time
from ui.lane_op import run_on_lane
from ui.models.rows import RowsModel
from ui.widgets import heading, set_message

COLOURS = {"green": "#e8f5e9", "amber": "#fff3cd", "red": "#ffcdd2", "delivered": "#eceff1"}


class DeliveryPage(QWidget):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None, show=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._show = show  # (parent, pdf, title) -> None; tests replace the preview
        self.model: RowsModel[DueItem] = RowsModel(
            [self.tr("剩余时间"), self.tr("姓名"), self.tr("证件号码"), self.tr("楼栋"),
             self.tr("房号"), self.tr("采集时间"), self.tr("截止时间"), self.tr("已移交"),
             self.tr("回执（送达时间）")],
            lambda i: (self._left(i), i.name, i.idno_masked, i.building_name,
                       i.unit_number, local_time(self.ctx.desk, i.collected_at), local_time(self.ctx.desk, i.due_at),
                       local_time(self.ctx.desk, i.handed_over_at), local_time(self.ctx.desk, i.delivered_at)),
            lambda i: QColor(COLOURS[i.status]), self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.pending_only = QCheckBox(self.tr("只显示未移交"))
        self.pending_only.setChecked(True)
        self.pending_only.toggled.connect(self.reload)
        self.refresh = QPushButton(self.tr("刷新"))
        self.refresh.clicked.connect(self.reload)
        self.handover_button = QPushButton(self.tr("移交所选并打印清单…"))
        self.handover_button.clicked.connect(self.hand_over_selected)
        self.print_button = QPushButton(self.tr("打印今日移交清单…"))
        self.print_button.clicked.connect(lambda: self.print_manifest(clock.today(self.ctx.desk)))
        self.counts = QLabel()
        self.message = QLabel()
        self.message.setWordWrap(True)
        row = QHBoxLayout()
        for w in (self.pending_only, self.refresh, self.handover_button, self.print_button):
            row.addWidget(w)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("待移交（24 小时内送达社区工作站）")))
        layout.addWidget(self.counts)
        layout.addLayout(row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        ctx.changes.tenants_changed.connect(self._stale)
        self._dirty = True

    def _left(self, item: DueItem) -> str:
        if item.status == "delivered":
            return self.tr("已送达")
        hours, rest = divmod(int(abs(item.seconds_left)) // 60, 60)
        text = f"{hours}:{rest:02d}"
        return self.tr("超时 {t}").format(t=text) if item.seconds_left < 0 else text

    def reload(self) -> None:
        self._dirty = False
        pending = self.pending_only.isChecked()
        run_on_lane(self, lambda desk, actor: due_list_for(desk, actor, pending_handover=pending),
                    success=self._loaded, message=self.message, busy=self.refresh)

    def _loaded(self, items: list[DueItem]) -> None:
        self.model.set_rows(items)
        n = {k: sum(1 for i in items if i.status == k) for k in COLOURS}
        self.counts.setText(self.tr(
            "充裕 {g} 条 · 不足 6 小时 {a} 条 · 已超时 {r} 条 · 24 小时内已送达 {d} 条").format(
            g=n["green"], a=n["amber"], r=n["red"], d=n["delivered"]))

    def selected(self) -> list[DueItem]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.rows[r] for r in rows]

    def hand_over_selected(self) -> None:
        ids = [i.tenancy_id for i in self.selected()]
        run_on_lane(self, lambda desk, actor: create_handover(desk, actor, ids),
                    success=self._handed_over, message=self.message, busy=self.handover_button)

    def _handed_over(self, batch: HandoverBatch) -> None:
        self.last_batch = batch
        set_message(self.message, self.tr("已建立移交批次 {no}：{n} 条记录。").format(
            no=batch.number, n=len(batch.items)), ok=True)
        self.reload()
        self.print_manifest(clock.local_date(self.ctx.desk, batch.handed_over_at))

    def print_manifest(self, day: date) -> None:
        run_on_lane(self, lambda desk, actor: manifest_pdf(desk, actor, day),
                    success=self._preview, message=self.message, busy=self.print_button)

    def _preview(self, pdf: bytes) -> None:
        show = self._show
        if show is None:
            from ui.printing import PrintPreviewDialog

            show = PrintPreviewDialog.preview
        show(self, pdf, self.tr("移交清单"))

    def _stale(self) -> None:
        self._dirty = True
        if self.isVisible():
            self.reload()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        if self._dirty:
            self.reload()
