"""A new building and its rooms (app.property.add_building / add_unit), for a centre that
has not imported its buildings yet. The cap (R5) follows from the areas entered."""

from __future__ import annotations

import re

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.property.buildings import add_building, add_unit
from ui.context import UiContext
from ui.lane_op import run_on_lane
from ui.notify import error_label


def _area() -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    box.setRange(0, 1_000_000)
    box.setDecimals(1)
    box.setSuffix(" m²")
    box.setSpecialValueText("—")  # 0 shows as "not known"
    return box


class BuildingDialog(QDialog):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("新建楼栋"))
        self.code = QLineEdit()
        self.name = QLineEdit()
        self.address = QLineEdit()
        self.floor_area = _area()
        self.public_area = _area()
        self.company = QLineEdit()
        self.units = QLineEdit()
        self.units.setPlaceholderText(self.tr("如 101, 102, 201"))
        self.unit_area = _area()
        form = QFormLayout()
        form.addRow(self.tr("楼栋编号 *"), self.code)
        form.addRow(self.tr("楼栋名称 *"), self.name)
        form.addRow(self.tr("地址"), self.address)
        form.addRow(self.tr("建筑面积 *"), self.floor_area)
        form.addRow(self.tr("公共设施及通道面积"), self.public_area)
        form.addRow(self.tr("所属公司"), self.company)
        form.addRow(self.tr("房号"), self.units)
        form.addRow(self.tr("每间面积"), self.unit_area)
        self.error = error_label()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def save(self) -> None:
        code, name, address = self.code.text(), self.name.text(), self.address.text()
        floor = self.floor_area.value() or None
        public = self.public_area.value() or None
        company = self.company.text().strip() or None
        unit_area = self.unit_area.value() or None
        numbers = [n for n in re.split(r"[,，、;；\s]+", self.units.text()) if n]

        def work(desk, actor) -> None:
            add_building(desk, actor, code, name, address, floor, public, company)
            for number in numbers:
                add_unit(desk, actor, code.strip(), number, area_m2=unit_area)

        run_on_lane(self, work, success=lambda _none: self._saved(), message=self.error,
                    busy=self.buttons)

    def _saved(self) -> None:
        self.ctx.changes.tenants_changed.emit()  # combos and the buildings list reload
        self.accept()
