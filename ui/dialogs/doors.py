"""门禁: a building's door controllers — online or not, jobs waiting, last reconcile, cards on
the door against cards issued — with add, remove and reconcile (the dangerous rows in red)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.doors.controllers import ControllerInfo, list_controllers, remove_controller
from app.doors.reconcile import KIND_ZH, ControllerReport, Difference, reconcile
from app.staff.audit_query import allowed
from ui.context import UiContext
from ui.dates import local_time
from ui.lane_op import run_on_lane
from ui.models.rows import RowsModel
from ui.widgets import heading, rows_view, set_message

RED = QColor("#ffcdd2")


class DoorsDialog(QDialog):
    def __init__(self, ctx: UiContext, building_code: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.code = ctx, building_code
        self.reports: list[ControllerReport] = []
        self.setWindowTitle(self.tr("门禁控制器 · {code}").format(code=building_code))
        self.controller_rows: RowsModel[ControllerInfo] = RowsModel(
            [self.tr("控制器"), self.tr("类型"), self.tr("在线"), self.tr("待写入"),
             self.tr("门上 / 已发卡"), self.tr("上次核对"), self.tr("时钟偏差")],
            self._controller_cells, lambda c: RED if c.online is False else None, self)
        self.diff_rows: RowsModel[Difference] = RowsModel(
            [self.tr("差异"), self.tr("卡号"), self.tr("门上"), self.tr("应为")],
            lambda d: (KIND_ZH[d.kind], d.number, d.on_door, d.desk),
            lambda d: RED if d.dangerous else None, self)
        self.controllers = rows_view(self.controller_rows)
        self.diffs = rows_view(self.diff_rows)
        self.message = QLabel()
        self.message.setWordWrap(True)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(self.tr("添加控制器…"))
        self.remove_button = QPushButton(self.tr("移除"))
        self.check_button = QPushButton(self.tr("立即核对"))
        self.fix_button = QPushButton(self.tr("按本系统修正门禁"))
        self.xlsx_button = QPushButton(self.tr("导出报告…"))
        may_manage = allowed(ctx.actor, "manage_buildings")
        for b, slot, enabled in ((self.add_button, self.add, may_manage),
                                 (self.remove_button, self.remove, may_manage),
                                 (self.check_button, lambda: self.reconcile(False), True),
                                 (self.fix_button, lambda: self.reconcile(True), may_manage),
                                 (self.xlsx_button, self.export, True)):
            b.clicked.connect(slot)
            b.setEnabled(enabled)
            buttons.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("楼栋 {code} 的门禁").format(code=building_code)))
        layout.addWidget(self.controllers, 1)
        layout.addLayout(buttons)
        layout.addWidget(QLabel(self.tr("核对结果（红色：门上有不应开门的卡）")))
        layout.addWidget(self.diffs, 2)
        layout.addWidget(self.message)
        h = self.fontMetrics().height()
        self.resize(h * 52, h * 34)
        self.reload()

    def reload(self) -> None:
        code = self.code
        run_on_lane(self, lambda desk, _actor: list_controllers(desk, code), success=self._show,
                    message=self.message)

    def _controller_cells(self, c: ControllerInfo) -> list[str]:
        online = {True: self.tr("在线"), False: self.tr("无应答"), None: "—"}
        kind = f"UHPPOTE {c.serial}" if c.driver == "uhppote" else self.tr("白名单文件")
        door = "—" if c.cards_on_door is None else str(c.cards_on_door)
        drift = "" if c.clock_drift_s is None else f"{c.clock_drift_s:+.0f} s"
        return [c.name, kind, online[c.online], str(c.jobs_waiting), f"{door} / {c.cards_issued}",
                local_time(self.ctx.desk, c.last_reconcile_at) if c.last_reconcile_at
                else self.tr("从未"), drift]

    @property
    def rows(self) -> list[ControllerInfo]:
        return self.controller_rows.rows

    def _show(self, rows: list[ControllerInfo]) -> None:
        self.controller_rows.set_rows(rows)
        if not rows:
            set_message(self.message, self.tr("本楼栋尚未登记门禁控制器。"), ok=True)

    def add(self):
        from ui.dialogs.add_controller import AddControllerDialog

        dialog = AddControllerDialog(self.ctx, self.code, self)
        dialog.accepted.connect(self.reload)
        dialog.open()
        return dialog

    def remove(self) -> None:
        row = self.controllers.currentIndex().row()
        if not 0 <= row < len(self.rows):
            return
        ref = self.rows[row].id
        run_on_lane(self, lambda desk, actor: remove_controller(desk, actor, ref),
                    success=lambda _r: self.reload(), message=self.message,
                    busy=self.remove_button)

    def reconcile(self, fix: bool) -> None:
        code = self.code
        run_on_lane(self, lambda desk, actor: reconcile(desk, actor, code, fix),
                    success=self._reconciled, message=self.message,
                    busy=(self.check_button, self.fix_button),
                    busy_text=self.tr("正在读取控制器……"))

    def _reconciled(self, reports: list[ControllerReport]) -> None:
        self.reports = reports
        diffs = [d for r in reports for d in r.differences]
        self.diff_rows.set_rows(diffs)
        dead = [r.controller for r in reports if not r.reachable]
        bad = sum(1 for d in diffs if d.dangerous)
        text = self.tr("核对完成：{n} 处差异，其中 {bad} 张卡不应开门。").format(n=len(diffs), bad=bad)
        if dead:
            text += " " + self.tr("无应答：{names}").format(names="、".join(dead))
        set_message(self.message, text, ok=not bad and not dead)
        self.reload()

    def export(self) -> None:
        if not self.reports:
            set_message(self.message, self.tr("请先核对。"), ok=False)
            return
        name, _ = QFileDialog.getSaveFileName(self, self.tr("导出核对报告"),
                                              f"门禁核对_{self.code}.xlsx", "Excel (*.xlsx)")
        if name:
            from app.doors.report import write_reconcile_xlsx

            # the save dialog has asked before replacing a file; the data folder stays refused
            reports, path, home = self.reports, Path(name), self.ctx.desk.home
            run_on_lane(self, lambda _desk, _actor: write_reconcile_xlsx(path, reports, home,
                                                                         force=True),
                        success=lambda _p: set_message(self.message, self.tr("已导出。"), ok=True),
                        message=self.message)
