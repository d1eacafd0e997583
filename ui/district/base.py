"""One office page: a filter row, a read-only table, a message line; its query on the
office lane (one worker thread owning the district connection), never on the GUI thread."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.district_office.session import Office
from ui.lane import DbLane
from ui.lane_op import run_call_on_lane
from ui.models.rows import RowsModel
from ui.notify import error_label, report
from ui.widgets import set_message


class OfficeContext:
    """What every page needs: the signed-in staff member and the lane that talks to PG."""

    def __init__(self, office: Office, lane: DbLane) -> None:
        self.office, self.lane = office, lane


class OfficePage(QWidget):
    def __init__(self, ctx: OfficeContext, headers: Sequence[str],
                 cells: Callable[[Any], Sequence[Any]],
                 colour: Callable[[Any], QColor | None] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.model = RowsModel(headers, cells, colour, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.filters = QHBoxLayout()
        self.refresh_button = QPushButton(self.tr("刷新"))
        self.refresh_button.clicked.connect(self.reload)
        self.count = QLabel()
        self.message = error_label()
        layout = QVBoxLayout(self)
        layout.addLayout(self.filters)
        layout.addWidget(self.table, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count)
        bottom.addWidget(self.message, 1)
        layout.addLayout(bottom)
        self.loaded = False

    def finish_filters(self) -> None:
        self.filters.addStretch(1)
        self.filters.addWidget(self.refresh_button)

    def query(self) -> Callable[[], list]:
        raise NotImplementedError

    def reload(self) -> None:
        try:
            call = self.query()
        except Exception as exc:  # noqa: BLE001 - a bad filter is shown, not raised
            report(self, exc, self.message)
            return
        run_call_on_lane(self, self.ctx.lane, call, success=self._loaded, message=self.message,
                         busy=self.refresh_button)

    def _loaded(self, rows: list) -> None:
        self.model.set_rows(rows)
        self.count.setText(self.tr("共 {n} 行").format(n=len(rows)))
        self.loaded = True
        self.after_load(rows)

    def after_load(self, rows: list) -> None:
        set_message(self.message, "", ok=True)

    def act(self, call: Callable[[], Any], done_text: str) -> None:
        """A decision on the lane; the page reloads after it."""
        def done(_result: Any) -> None:
            set_message(self.message, done_text, ok=True)
            self.reload()
        run_call_on_lane(self, self.ctx.lane, call, success=done, message=self.message)

    def selected(self) -> Any:
        rows = self.table.selectionModel().selectedRows()
        return self.model.rows[rows[0].row()] if rows else None

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        if not self.loaded:
            self.reload()
