"""楼栋: every building with its occupancy against the cap (R5) and its card system (R4);
its door controllers open from here (ui/dialogs/doors.py)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QRect, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.desk.context import Desk
from app.property.buildings import BuildingSummary, list_buildings
from ui.context import UiContext
from ui.i18n import pick
from ui.models.paged import Index, PagedTableModel
from ui.widgets import heading

PAGE = 200
OCCUPANCY_COLUMN = 2


class BuildingsModel(PagedTableModel):
    """Buildings a page at a time (list_buildings with limit/offset), like the search."""

    def __init__(self, desk: Desk, parent=None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.text = ""
        self.headers = [self.tr("编号"), self.tr("名称"), self.tr("入住 / 上限"),
                        self.tr("空位"), self.tr("门禁系统"), self.tr("地址")]

    page_size = PAGE

    def load(self, text: str = "") -> None:
        self.text = text
        self.restart()

    def fetch_page(self, offset: int, limit: int) -> list[BuildingSummary]:
        return list_buildings(self.desk, limit=limit, offset=offset, text=self.text)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt API
        return 0 if parent.isValid() else len(self.headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        b = self.rows[index.row()]
        if role == Qt.ItemDataRole.UserRole:
            return b
        if role == Qt.ItemDataRole.ToolTipRole and b.cap is None:
            return pick(b.cap_problem, b.cap_problem_en)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        status = {"ok": self.tr("正常"), "down": self.tr("故障"), "unknown": self.tr("未知"),
                  "none": self.tr("未安装")}.get(b.card_system_status, b.card_system_status)
        occupancy = f"{b.residents} / {b.cap}" if b.cap is not None else \
            self.tr("{n} / 未知").format(n=b.residents)
        free = "" if b.free is None else str(b.free)
        return (b.code, b.name, occupancy, free, status, b.address)[index.column()]

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt API
                   role: int = Qt.ItemDataRole.DisplayRole):
        if (role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal
                and 0 <= section < len(self.headers)):
            return self.headers[section]
        return None


class OccupancyDelegate(QStyledItemDelegate):
    """A bar of residents against the cap behind the numbers; red once the cap is reached."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        b: BuildingSummary = index.data(Qt.ItemDataRole.UserRole)
        if b is not None and b.cap:
            share = min(b.residents / b.cap, 1.0)
            r = option.rect.adjusted(2, 3, -2, -3)
            painter.save()
            painter.fillRect(r, QColor("#e8eaf0"))
            colour = QColor("#c62828") if b.residents >= b.cap else (
                QColor("#f9a825") if share >= 0.9 else QColor("#66bb6a"))
            painter.fillRect(QRect(r.x(), r.y(), round(r.width() * share), r.height()), colour)
            painter.restore()
        super().paint(painter, option, index)


class BuildingsPage(QWidget):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(self.tr("楼栋编号或名称"))
        self.filter.returnPressed.connect(self.reload)
        refresh = QPushButton(self.tr("刷新"))
        refresh.clicked.connect(self.reload)
        self.add_button = QPushButton(self.tr("新建楼栋…"))
        self.add_button.clicked.connect(lambda: self.add_building())
        self.doors_button = QPushButton(self.tr("门禁控制器…"))
        self.doors_button.clicked.connect(lambda: self.open_doors())
        self.model = BuildingsModel(ctx.desk, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(OCCUPANCY_COLUMN, OccupancyDelegate(self.table))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setMinimumSectionSize(self.fontMetrics().horizontalAdvance("0000 / 0000") + 16)
        header.setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.doubleClicked.connect(lambda _i: self.open_doors())
        row = QHBoxLayout()
        row.addWidget(self.filter, 1)
        row.addWidget(refresh)
        row.addWidget(self.add_button)
        row.addWidget(self.doors_button)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("楼栋与核定人数")))
        layout.addLayout(row)
        layout.addWidget(self.table, 1)
        ctx.changes.tenants_changed.connect(self._stale)
        self._dirty = True

    def add_building(self):
        from ui.dialogs.building import BuildingDialog

        dialog = BuildingDialog(self.ctx, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def open_doors(self, code: str | None = None):
        """The selected building's door controllers (R4): online, waiting, reconcile."""
        from ui.dialogs.doors import DoorsDialog

        if code is None:
            b = self.table.currentIndex().data(Qt.ItemDataRole.UserRole)
            if b is None:
                return None
            code = b.code
        dialog = DoorsDialog(self.ctx, code, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def reload(self) -> None:
        self.model.load(self.filter.text().strip())
        self._dirty = False

    def _stale(self) -> None:
        self._dirty = True
        if self.isVisible():
            self.reload()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        if self._dirty:
            self.reload()
