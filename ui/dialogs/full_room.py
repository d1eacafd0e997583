"""The chosen room or building is full (rule R5): said before anything is saved.

The clerk picks the next step: a room of the same building that still has space (if the
building itself has room), or register anyway — the person is recorded (every resident
must be collected), no card is issued, the crowding goes to the supervisor. The default
button goes back to the form: a stray Enter never decides.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.property.buildings import UnitSummary
from ui.panels.building_finder import full, unit_label


class FullRoomDialog(QDialog):
    other_room = Signal(str)  # a unit number of the same building with space
    register_anyway = Signal()

    def __init__(self, parent: QWidget | None, message: str, units: list[UnitSummary],
                 building_full: bool) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("房间已满"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        text = QLabel(message)
        text.setWordWrap(True)
        self.rooms = QListWidget()
        space = [] if building_full else [u for u in units if not full(u)]
        for u in space:
            item = QListWidgetItem(unit_label(u))
            item.setData(Qt.ItemDataRole.UserRole, u.number)
            self.rooms.addItem(item)
        self.rooms.itemActivated.connect(self._room)
        buttons = QDialogButtonBox()
        self.back = buttons.addButton(self.tr("返回修改（回车）"), QDialogButtonBox.ButtonRole.RejectRole)
        self.choose = buttons.addButton(self.tr("改住所选房间(&O)"),
                                        QDialogButtonBox.ButtonRole.ActionRole)
        self.anyway = buttons.addButton(self.tr("仍登记，不发卡，报主管(&S)"),
                                        QDialogButtonBox.ButtonRole.AcceptRole)
        for button in (self.choose, self.anyway):
            button.setAutoDefault(False)
        self.back.setDefault(True)
        self.choose.setEnabled(bool(space))
        self.choose.clicked.connect(lambda: self._room(self.rooms.currentItem()))
        self.anyway.clicked.connect(self._anyway)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        if space:
            layout.addWidget(QLabel(self.tr("本楼栋有空位的房间：")))
            layout.addWidget(self.rooms)
            self.rooms.setCurrentRow(0)
        else:
            note = QLabel(self.tr("楼栋已满，本楼栋没有可发卡的房间。可改选其他楼栋，或登记后交主管处理。")
                          if building_full else self.tr("本楼栋没有其他有空位的房间。"))
            note.setWordWrap(True)
            layout.addWidget(note)
            self.rooms.hide()
        layout.addWidget(buttons)
        self.back.setFocus()

    def _room(self, item: QListWidgetItem | None) -> None:
        if item is not None:
            self.accept()
            self.other_room.emit(item.data(Qt.ItemDataRole.UserRole))

    def _anyway(self) -> None:
        self.accept()
        self.register_anyway.emit()
