"""门禁故障: a building's card-system record (R4) and its fault tickets (R7): open,
notify the installer within 24 h (overdue in red), visits, fixed. While a ticket is open
the building shows "card system down" (app.supervision.faults sets the status; the 楼栋 page shows it)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.desk.context import Desk
from app.property.buildings import BuildingSummary
from app.staff.audit import Actor
from app.supervision import faults
from app.supervision.faults import FaultInfo
from ui.context import UiContext
from ui.dates import local_time, today_qdate
from ui.lane_op import run_on_lane
from ui.models.rows import RowsModel
from ui.panels.building_finder import BuildingFinder
from ui.widgets import heading, set_message


def _colour(f: FaultInfo) -> QColor | None:
    if f.notify_overdue:
        return QColor("#ffcdd2")
    return QColor("#eceff1") if f.status == "fixed" else None


SHORT = "%m-%d %H:%M"  # the year is the current one; the tooltip-free column stays narrow


class FaultsPage(QWidget):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        # Type to find any of the district's buildings (issue 13): a combo of the first
        # 1,000 left most of an 11,500-building district out of reach.
        self.building = BuildingFinder(ctx.desk)
        self.building.chosen_changed.connect(self._building_changed)
        self.system_state = QLabel()
        self.all_buildings = QCheckBox(self.tr("显示所有楼栋的故障单"))
        self.all_buildings.setChecked(True)
        self.all_buildings.toggled.connect(self._building_changed)
        self.installer, self.contact, self.controller = QLineEdit(), QLineEdit(), QLineEdit()
        self.installed_on = QDateEdit(today_qdate(ctx.desk))
        self.installed_on.setCalendarPopup(True)
        self.installed_on.setDisplayFormat("yyyy-MM-dd")
        self.status = QComboBox()
        for key, label in (("ok", self.tr("正常")), ("down", self.tr("故障")),
                           ("unknown", self.tr("未知")), ("none", self.tr("未安装"))):
            self.status.addItem(label, key)
        save = QPushButton(self.tr("保存门禁系统资料"))
        save.clicked.connect(self.save_system)
        record = QGroupBox(self.tr("门禁系统资料（规则 R4）"))
        form = QFormLayout(record)
        form.addRow(self.tr("安装单位"), self.installer)
        form.addRow(self.tr("联系方式"), self.contact)
        form.addRow(self.tr("控制器型号"), self.controller)
        form.addRow(self.tr("安装日期"), self.installed_on)
        form.addRow(self.tr("状态"), self.status)
        form.addRow(save)
        self.model: RowsModel[FaultInfo] = RowsModel(
            [self.tr("单号"), self.tr("楼栋"), self.tr("故障现象"), self.tr("状态"),
             self.tr("发现时间"), self.tr("通知期限"), self.tr("通知时间"), self.tr("修复时间"),
             self.tr("处理次数")],
            lambda f: (f.number, f.building_name, f.description, self._status_text(f),
                       local_time(self.ctx.desk, f.found_at, SHORT),
                       local_time(self.ctx.desk, f.notify_due_at, SHORT),
                       local_time(self.ctx.desk, f.notified_at, SHORT),
                       local_time(self.ctx.desk, f.fixed_at, SHORT), len(f.visits)),
            _colour, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # The description takes what is left and is elided (full text in its tooltip), so
        # the last column fits at 1120 px instead of being cut off.
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        # Long building names are elided too (tooltip in full): a fixed share of the width.
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(1, self.fontMetrics().averageCharWidth() * 14)
        header.setStretchLastSection(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setWordWrap(False)
        self.table.selectionModel().selectionChanged.connect(self._show_visits)
        self.description = QLineEdit()
        self.description.setPlaceholderText(self.tr("故障现象，例如：读卡器无反应"))
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("处理情况（只写设备，不写人员信息）"))
        self.visits = QLabel()
        self.visits.setWordWrap(True)
        self.message = QLabel()
        self.message.setWordWrap(True)
        actions = QHBoxLayout()
        for text, slot in ((self.tr("报故障"), self.open_fault),
                           (self.tr("已通知安装单位"), self.notify),
                           (self.tr("记录处理"), self.add_visit),
                           (self.tr("已修复"), self.fix)):
            button = QPushButton(text)
            button.clicked.connect(slot)
            actions.addWidget(button)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("楼栋")), 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.building, 1)
        top.addWidget(self.system_state)
        top.addWidget(self.all_buildings)
        edits = QHBoxLayout()
        edits.addWidget(self.description, 1)
        edits.addWidget(self.note, 1)
        right = QVBoxLayout()
        right.addLayout(edits)
        right.addLayout(actions)
        right.addWidget(self.table, 1)
        right.addWidget(self.visits)
        body = QHBoxLayout()
        body.addWidget(record)
        body.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("门禁系统与故障单（规则 R7：24 小时内通知安装单位）")))
        layout.addLayout(top)
        layout.addLayout(body, 1)
        layout.addWidget(self.message)
        self._dirty = True

    def _status_text(self, f: FaultInfo) -> str:
        text = {"open": self.tr("待通知"), "notified": self.tr("已通知"),
                "fixed": self.tr("已修复")}.get(f.status, f.status)
        if f.notify_overdue:
            return self.tr("{s}（超过 24 小时）").format(s=text)
        return text + (self.tr("（迟报）") if f.notified_late else "")

    def code(self) -> str | None:
        return self.building.code() or None

    def selected(self) -> FaultInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.rows[rows[0].row()] if rows else None

    # -- the lane ------------------------------------------------------------------------
    def _run(self, op: Callable[[Desk, Actor], Any], done: str | None = None) -> None:
        def ok(_result: Any) -> None:
            if done:
                set_message(self.message, done, ok=True)
            self.reload()
        run_on_lane(self, op, success=ok, message=self.message)

    def _list(self, code: str | None) -> None:
        run_on_lane(self, lambda desk, _actor: faults.list_faults(desk, building_code=code),
                    success=self.model.set_rows, message=self.message)

    def reload(self) -> None:
        self._dirty = False
        keep = self.code()
        if keep:  # re-read the chosen building: its card-system status may have changed
            self.building.blockSignals(True)
            self.building.select_code(keep)
            self.building.blockSignals(False)
        self._building_changed()

    def _building_changed(self) -> None:
        b: BuildingSummary | None = self.building.chosen()
        if b is None:
            self.system_state.clear()
            if self.all_buildings.isChecked():  # every building's tickets need no choice
                self._list(None)
            else:
                self.model.set_rows([])
            return
        down = b.card_system_status == "down"
        set_message(self.system_state, self.tr("门禁系统故障中") if down else
                    self.tr("门禁系统：{s}").format(s=self.status.itemText(
                        max(0, self.status.findData(b.card_system_status)))), ok=not down)
        self.status.setCurrentIndex(max(0, self.status.findData(b.card_system_status)))
        self._list(None if self.all_buildings.isChecked() else b.code)

    def _show_visits(self) -> None:
        f = self.selected()
        self.visits.setText("" if f is None else "\n".join(
            f"{local_time(self.ctx.desk, v.at)} {v.by or ''}：{v.note}" for v in f.visits))

    # -- actions -------------------------------------------------------------------------
    def _need_building(self) -> str | None:
        code = self.code()
        if code is None:
            set_message(self.message, self.tr("请先在“楼栋”中输入并选择一栋楼。"), ok=False)
            self.building.edit.setFocus()
        return code

    def save_system(self) -> None:
        code = self._need_building()
        if code is None:
            return
        args = (self.installer.text().strip() or None, self.contact.text().strip() or None,
                self.controller.text().strip() or None,
                self.installed_on.date().toPython(), self.status.currentData())
        self._run(lambda desk, actor: faults.set_card_system(desk, actor, code, *args),
                  self.tr("门禁系统资料已保存。"))

    def open_fault(self) -> None:
        code, text = self._need_building(), self.description.text()
        if code is None:
            return
        self._run(lambda desk, actor: faults.open_fault(desk, actor, code, text),
                  self.tr("故障单已建立，请在 24 小时内通知安装单位。"))
        self.description.clear()

    def _ticket_action(self, call: Callable[[Desk, Actor, str], Any], done: str) -> None:
        f = self.selected()
        if f is None:
            set_message(self.message, self.tr("请先选择一张故障单。"), ok=False)
            return
        self._run(lambda desk, actor: call(desk, actor, f.id), done)

    def notify(self) -> None:
        self._ticket_action(faults.notify_installer, self.tr("已记录通知安装单位。"))

    def add_visit(self) -> None:
        note = self.note.text()
        self._ticket_action(lambda desk, actor, tid: faults.add_visit(desk, actor, tid, note),
                            self.tr("已记录处理情况。"))
        self.note.clear()

    def fix(self) -> None:
        self._ticket_action(faults.fix_fault, self.tr("已修复，门禁系统恢复正常。"))

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        if self._dirty:
            self.reload()
