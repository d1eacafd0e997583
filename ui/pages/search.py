"""查询: one box, results as you type, a tenant opens on Enter or double-click."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.desk.errors import Refused
from ui.context import UiContext
from ui.models.search import SearchModel
from ui.notify import report
from ui.widgets import heading

# A query costs well under 50 ms at district scale (rentdesk bench --gui), so every keystroke
# searches; the zero-delay timer still folds a burst (paste, a card reader) into one query.
DEBOUNCE_MS = 0


class SearchPage(QWidget):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.box = QLineEdit()
        self.box.setPlaceholderText(self.tr("证件号码、姓名、电话、卡号，或“楼栋编号 房号”"))
        self.box.setClearButtonEnabled(True)
        self.model = SearchModel(ctx.desk, ctx.actor, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(self.open_tenant)
        self.table.activated.connect(self.open_tenant)
        self.count = QLabel()
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.run_query)
        self.box.textChanged.connect(self.timer.start)
        self.box.returnPressed.connect(self._enter)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("查询租户")))
        layout.addWidget(self.box)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)
        ctx.changes.tenants_changed.connect(self._refresh)

    def run_query(self) -> None:
        self.timer.stop()
        try:
            self.model.set_query(self.box.text())
        except Refused as r:
            report(self, r)
            return
        n = self.model.rowCount()
        more = "+" if self.model.canFetchMore(QModelIndex()) else ""
        self.count.setText(self.tr("{n}{more} 条结果").format(n=n, more=more) if self.box.text() else "")

    def _enter(self) -> None:
        self.run_query()
        if self.model.rowCount() == 1:
            self.open_tenant(self.model.index(0, 0))
        elif self.model.rowCount():
            self.table.setFocus()
            self.table.selectRow(0)

    def _refresh(self) -> None:
        if self.box.text():
            self.run_query()

    def open_tenant(self, index: QModelIndex) -> None:
        from ui.dialogs.tenant import TenantDialog

        person_id = self.model.data(self.model.index(index.row(), 0), Qt.ItemDataRole.UserRole)
        if person_id:
            TenantDialog.show_tenant(self.ctx, person_id, self)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        self.box.setFocus()
