"""Conflicts the district flagged (same person at two centres, a second card refused), for a
supervisor to resolve with a note; optionally revoking this centre's refused card."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.sync.conflicts import ConflictInfo, list_conflicts, resolve_conflict
from ui.context import UiContext
from ui.dates import local_time
from ui.lane_op import run_on_lane
from ui.models.rows import RowsModel
from ui.notify import error_label
from ui.widgets import rows_view, selected_row, set_message


class ConflictsPanel(QWidget):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.model: RowsModel[ConflictInfo] = RowsModel(
            [self.tr("发现时间"), self.tr("类型"), self.tr("涉及中心"), self.tr("状态"),
             self.tr("处理意见")], self._cells, parent=self)
        self.table = rows_view(self.model)
        header = self.table.horizontalHeader()
        header.setMinimumSectionSize(self.fontMetrics().height() * 6)  # readable when empty
        self.open_only = QCheckBox(self.tr("只看未处理"))
        self.open_only.setChecked(True)
        self.open_only.toggled.connect(self.reload)
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("处理意见（必填）"))
        self.revoke = QCheckBox(self.tr("注销本中心被拒的门禁卡"))
        self.resolve_button = QPushButton(self.tr("处理"))
        self.resolve_button.clicked.connect(self.resolve)
        self.message = error_label()
        row = QHBoxLayout()
        for w in (self.open_only, self.note, self.revoke, self.resolve_button):
            row.addWidget(w, 1 if w is self.note else 0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(self.message)
        self.table.selectionModel().selectionChanged.connect(self._selection)
        self.reload()

    def kind_text(self, kind: str) -> str:
        return {"same_person": self.tr("同一人在多个中心登记"),
                "card_refused": self.tr("一人多卡（本卡被拒）")}.get(kind, kind)

    def _cells(self, c: ConflictInfo) -> tuple[str, ...]:
        status = self.tr("已处理") if c.status == "resolved" else self.tr("未处理")
        # The district names no other centre (issue 16): it sends "another centre".
        centres = [self.tr("另一中心") if x == "another centre" else x for x in c.centers]
        return (local_time(self.ctx.desk, c.detected_at), self.kind_text(c.kind),
                "、".join(centres), status, c.resolution or "")

    @property
    def rows(self) -> list[ConflictInfo]:
        return self.model.rows

    def reload(self) -> None:
        self.model.set_rows(list_conflicts(self.ctx.desk,
                                           "open" if self.open_only.isChecked() else None))
        self._selection()

    def selected(self) -> ConflictInfo | None:
        row = selected_row(self.table)
        return self.model.rows[row] if row is not None else None

    def _selection(self) -> None:
        c = self.selected()
        self.resolve_button.setEnabled(c is not None and c.status != "resolved")
        self.revoke.setEnabled(c is not None and c.refused_here and bool(c.local_card_id))

    def resolve(self) -> None:
        if (c := self.selected()) is None:
            return
        note, revoke = self.note.text(), self.revoke.isChecked()

        def done(_info: ConflictInfo) -> None:
            self.note.clear()
            self.reload()
            set_message(self.message, self.tr("已处理，下次同步时报区里。"), ok=True)
            self.ctx.changes.tenants_changed.emit()

        run_on_lane(self, lambda desk, actor: resolve_conflict(desk, actor, c.id, note, revoke),
                    success=done, message=self.message, busy=self.resolve_button)
