"""Type to find a building: code, name, address or pinyin initials, from the database as
the clerk types (app.property.find), with rooms that have space offered first.

The field and its list are one stop in the keyboard chain: typing narrows the list and
the highlighted match is the choice (↑/↓ change it), so Enter simply moves on. The finder
chooses by itself only what app.property.find.preselect allows (a code typed in full, or the
only match of a query of two characters or more): with several matches, or one stray key,
nothing is chosen until the clerk presses ↓/↑, and Enter says so instead of moving on. A
full building is never highlighted first while another match has room (rule R5).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.desk.context import Desk
from app.property.buildings import BuildingSummary, UnitSummary
from app.property.find import clean_query, find_buildings, preselect, units_with_space_first

ROWS = 6


def building_label(b: BuildingSummary) -> str:
    """Residents (people) and cards apart: 「现有」 once counted cards as people."""
    if b.cap is None:
        room = QCoreApplication.translate("BuildingFinder", "上限未核定，住 {people} 人，有效卡 {cards} 张").format(
            people=b.people, cards=b.residents)
    elif b.free is not None and b.free <= 0:
        room = QCoreApplication.translate("BuildingFinder", "已满：上限 {cap}，住 {people} 人，有效卡 {cards} 张").format(
            cap=b.cap, people=b.people, cards=b.residents)
    else:
        room = QCoreApplication.translate("BuildingFinder", "上限 {cap}，住 {people} 人，有效卡 {cards} 张，可发卡 {free}").format(
            cap=b.cap, people=b.people, cards=b.residents, free=b.free)
    return f"{b.code} {b.name} — {room}"


def unit_label(u: UnitSummary) -> str:
    if u.cap is None:
        return QCoreApplication.translate("BuildingFinder", "{unit} — 面积未知，住 {people} 人，有效卡 {cards} 张").format(
            unit=u.number, people=u.people, cards=u.residents)
    if u.free is not None and u.free <= 0:
        return QCoreApplication.translate("BuildingFinder", "{unit} — 已满：上限 {cap}，住 {people} 人，有效卡 {cards} 张").format(
            unit=u.number, cap=u.cap, people=u.people, cards=u.residents)
    return QCoreApplication.translate("BuildingFinder", "{unit} — 上限 {cap}，住 {people} 人，有效卡 {cards} 张，可发卡 {free}").format(
        unit=u.number, cap=u.cap, people=u.people, cards=u.residents, free=u.free)


def full(b: BuildingSummary | UnitSummary) -> bool:
    return b.free is not None and b.free <= 0


class BuildingFinder(QWidget):
    chosen_changed = Signal()

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self._found: list[BuildingSummary] = []
        self._chosen: BuildingSummary | None = None
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(self.tr("输入楼栋编号、名称、地址或拼音首字母"))
        self.edit.setMaxLength(40)
        self.edit.textEdited.connect(lambda _t: self._timer.start())
        self.results = QListWidget()
        self.results.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the field keeps the keys
        self.results.setFixedHeight(self.results.fontMetrics().height() * ROWS + 8)
        self.results.currentRowChanged.connect(self._row_changed)
        self.results.itemClicked.connect(lambda _i: self.edit.setFocus())
        self.results.hide()
        # Coalesce a burst of keys (a fast typist) into one query per event-loop pass.
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.search)
        self._keys = _ArrowKeys(self)
        self.edit.installEventFilter(self._keys)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit)
        layout.addWidget(self.results)

    # -- searching ---------------------------------------------------------------------
    def search(self) -> None:
        """Query what is typed now; choose only what app.property.find.preselect allows."""
        text = clean_query(self.edit.text())  # invisible characters alone are no query
        self._found = find_buildings(self.desk, text) if text else []
        self.results.blockSignals(True)
        self.results.clear()
        for b in self._found:
            item = QListWidgetItem(building_label(b))
            if full(b):
                item.setForeground(Qt.GlobalColor.darkRed)
            self.results.addItem(item)
        self.results.blockSignals(False)
        self.results.setVisible(bool(text))
        chosen = preselect(text, self._found)
        self.results.setCurrentRow(chosen)
        if chosen < 0:
            self._set(None)

    def _first_with_room(self) -> int:
        return next((i for i, b in enumerate(self._found) if not full(b)),
                    0 if self._found else -1)

    def undecided(self) -> bool:
        """Matches are listed but none is chosen: the clerk still has to pick one."""
        self.flush()
        return bool(self._found) and self._chosen is None

    def flush(self) -> None:
        """Run a search still waiting on the timer (Enter right after the last key)."""
        if self._timer.isActive():
            self._timer.stop()
            self.search()

    def _row_changed(self, row: int) -> None:
        self._set(self._found[row] if 0 <= row < len(self._found) else None)

    def _set(self, b: BuildingSummary | None) -> None:
        changed = (b.id if b else None) != (self._chosen.id if self._chosen else None)
        self._chosen = b
        if changed:
            self.chosen_changed.emit()

    def step(self, delta: int) -> None:
        self.flush()
        if self._found:
            current = self.results.currentRow()
            if current < 0:  # nothing chosen yet: the first ↓ offers a building with room (R5)
                row = self._first_with_room() if delta > 0 else len(self._found) - 1
            else:
                row = max(0, min(current + delta, len(self._found) - 1))
            self.results.setCurrentRow(row)

    # -- the choice --------------------------------------------------------------------
    def chosen(self) -> BuildingSummary | None:
        return self._chosen

    def code(self) -> str:
        return self._chosen.code if self._chosen else ""

    def building_id(self) -> str | None:
        return self._chosen.id if self._chosen else None

    def select_code(self, code: str) -> None:
        self.edit.setText(code)
        self.search()
        row = next((i for i, b in enumerate(self._found) if b.code == code), -1)
        if row >= 0:
            self.results.setCurrentRow(row)

    def refresh(self) -> None:
        """Counts change after a registration: re-read the same matches, keep the choice."""
        keep = self.code()
        if clean_query(self.edit.text()):
            self.search()
            row = next((i for i, b in enumerate(self._found) if b.code == keep), -1)
            if row >= 0 and not full(self._found[row]):  # a full one is never offered first
                self.results.setCurrentRow(row)

    def clear(self) -> None:
        self.edit.clear()
        self.search()


class _ArrowKeys(QObject):
    """↑/↓ in the field walk the matches (the list never takes focus)."""

    def __init__(self, finder: BuildingFinder) -> None:
        super().__init__(finder)
        self.finder = finder

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.finder.step(1 if event.key() == Qt.Key.Key_Down else -1)
            return True
        return False


def fill_units(combo: QComboBox, desk: Desk, building_id: str | None,
               keep: str | None = None) -> list[UnitSummary]:
    """The building's rooms in a combo, rooms with space first and the first of them
    chosen: a full room is never the one Enter accepts by default (rule R5)."""
    combo.blockSignals(True)
    combo.clear()
    units = units_with_space_first(desk, building_id) if building_id else []
    for u in units:
        combo.addItem(unit_label(u), u.number)
        if full(u):
            combo.setItemData(combo.count() - 1, Qt.GlobalColor.darkRed,
                              Qt.ItemDataRole.ForegroundRole)
    combo.blockSignals(False)
    index = combo.findData(keep) if keep else -1
    if index >= 0 and full(units[index]):
        index = -1  # the room kept from the last intake has filled up: offer one with space
    combo.setCurrentIndex(index if index >= 0 else (0 if units else -1))
    return units
