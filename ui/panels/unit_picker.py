"""Building and unit choosers shared by the service tabs: each unit shows its room left (R5)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QWidget

from app.desk.context import Desk
from app.property.find import units_with_space_first
from app.services.listings import Slots
from ui.panels.building_finder import BuildingFinder

RoomOf = Callable[[Desk, str], dict[str, Slots]]


class UnitPicker(QWidget):
    """Type to find the building (any of 11,500), then its units, rooms with space first.
    Reads on the GUI thread (indexed, WAL never waits for the writer)."""

    changed = Signal()

    def __init__(self, desk: Desk, room: RoomOf | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.room = room  # the listing's view of room left; else the card count's
        self.building = BuildingFinder(desk)
        self.unit = QComboBox()
        self.building.chosen_changed.connect(self._load_units)
        self.unit.currentIndexChanged.connect(self.changed)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.building, 2)
        layout.addWidget(self.unit, 1, Qt.AlignmentFlag.AlignTop)
        self.reload()

    def reload(self) -> None:
        self.building.refresh()
        self._load_units()

    def _load_units(self) -> None:
        keep = self.unit.currentData()
        self.unit.blockSignals(True)
        self.unit.clear()
        building_id = self.building.building_id()
        units = units_with_space_first(self.desk, building_id) if building_id else []
        room = self.room(self.desk, building_id) if building_id and self.room else {}
        for u in units:
            slots = room.get(u.number)
            free, residents, cap = ((slots.free, slots.residents, slots.unit_cap) if slots
                                    else (u.free, u.residents, u.cap))
            self.unit.addItem(self.unit_label(u.number, free, residents, cap), u.number)
        self.unit.blockSignals(False)
        found = self.unit.findData(keep) if keep else -1
        self.unit.setCurrentIndex(found if found >= 0 else (0 if units else -1))
        self.changed.emit()

    def unit_label(self, number: str, free: int | None, residents: int,
                   cap: int | None) -> str:
        if free is None:
            return self.tr("{unit}（上限未核定）").format(unit=number)
        if free <= 0:
            return self.tr("{unit}（已住满 {n}/{cap}）").format(unit=number, n=residents,
                                                              cap=cap if cap is not None else "—")
        return self.tr("{unit}（空 {free} 人）").format(unit=number, free=free)

    def building_code(self) -> str:
        return self.building.code()

    def unit_number(self) -> str:
        return self.unit.currentData() or ""

    def select(self, building_code: str, unit_number: str) -> None:
        self.building.select_code(building_code)
        self._load_units()
        self.unit.setCurrentIndex(max(self.unit.findData(unit_number), 0))
