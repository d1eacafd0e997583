"""Building and unit choosers shared by the service tabs: each unit shows its room left (R5)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QWidget

from app.context import Desk
from app.listings import Slots
from app.property import list_buildings, list_units

RoomOf = Callable[[Desk, str], dict[str, Slots]]


class UnitPicker(QWidget):
    """Two combos; reads on the GUI thread (indexed, WAL never waits for the writer)."""

    changed = Signal()

    def __init__(self, desk: Desk, room: RoomOf | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.room = room  # the listing's view of room left; else the card count's
        self.building = QComboBox()
        self.unit = QComboBox()
        self.building.currentIndexChanged.connect(self._load_units)
        self.unit.currentIndexChanged.connect(self.changed)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.building, 2)
        layout.addWidget(self.unit, 1)
        self.reload()

    def reload(self) -> None:
        keep = self.building.currentData()
        self.building.blockSignals(True)
        self.building.clear()
        for b in list_buildings(self.desk):
            self.building.addItem(f"{b.code} {b.name}", (b.code, b.id))
        self.building.blockSignals(False)
        found = self.building.findData(keep) if keep else -1
        self.building.setCurrentIndex(max(found, 0))
        self._load_units()

    def _load_units(self) -> None:
        keep = self.unit.currentData()
        self.unit.blockSignals(True)
        self.unit.clear()
        data = self.building.currentData()
        units = list_units(self.desk, data[1]) if data else []
        room = self.room(self.desk, data[1]) if data and self.room else {}
        for u in units:
            slots = room.get(u.number)
            free, residents, cap = ((slots.free, slots.residents, slots.unit_cap) if slots
                                    else (u.free, u.residents, u.cap))
            self.unit.addItem(self.unit_label(u.number, free, residents, cap), u.number)
        self.unit.blockSignals(False)
        found = self.unit.findData(keep) if keep else -1
        self.unit.setCurrentIndex(max(found, 0))
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
        data = self.building.currentData()
        return data[0] if data else ""

    def unit_number(self) -> str:
        return self.unit.currentData() or ""

    def select(self, building_code: str, unit_number: str) -> None:
        for i in range(self.building.count()):
            if self.building.itemData(i)[0] == building_code:
                self.building.setCurrentIndex(i)
        self.unit.setCurrentIndex(max(self.unit.findData(unit_number), 0))
