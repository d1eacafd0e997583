"""添加门禁控制器: a UHPPOTE board (serial, address, doors) or an installer's whitelist folder."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.doors.controllers import add_controller
from ui.context import UiContext
from ui.lane_op import run_on_lane
from ui.notify import error_label


class AddControllerDialog(QDialog):
    def __init__(self, ctx: UiContext, building_code: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.building_code = ctx, building_code
        self.setWindowTitle(self.tr("添加门禁控制器 · {code}").format(code=building_code))
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("如 大门、北门"))
        self.driver = QComboBox()
        self.driver.addItem(self.tr("微耕 / UHPPOTE 联网控制器"), "uhppote")
        self.driver.addItem(self.tr("安装单位软件（白名单文件）"), "file")
        self.serial = QLineEdit()
        self.serial.setPlaceholderText(self.tr("控制器标签上的序列号"))
        self.address = QLineEdit()
        self.address.setPlaceholderText("192.168.1.100:60000")
        self.doors = QLineEdit("1")
        self.folder = QLineEdit()
        self.folder.setPlaceholderText(self.tr("白名单文件目录"))
        form = QFormLayout()
        form.addRow(self.tr("名称 *"), self.name)
        form.addRow(self.tr("类型"), self.driver)
        form.addRow(self.tr("序列号"), self.serial)
        form.addRow(self.tr("IP 地址"), self.address)
        form.addRow(self.tr("门号"), self.doors)
        form.addRow(self.tr("白名单目录"), self.folder)
        self.error = error_label()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.driver.currentIndexChanged.connect(self._driver_changed)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self._driver_changed()

    def _driver_changed(self) -> None:
        board = self.driver.currentData() == "uhppote"
        for w in (self.serial, self.address):
            w.setEnabled(board)
        self.folder.setEnabled(not board)

    def save(self) -> None:
        code = self.building_code
        driver, name, doors = self.driver.currentData(), self.name.text(), self.doors.text()
        serial_text, address, folder = self.serial.text().strip(), self.address.text(), self.folder.text()
        serial = int(serial_text) if serial_text.isdigit() else None

        def work(desk, actor):
            return add_controller(desk, actor, code, name, driver, serial, address or None,
                                  "udp", doors, folder or None)

        run_on_lane(self, work, success=lambda _info: self.accept(), message=self.error,
                    busy=self.buttons)
