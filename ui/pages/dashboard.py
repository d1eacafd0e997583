"""首页 for supervisors and admins: what is due, broken, lapsing or full (R2, R3, R5, R7),
and the overdue records to chase, shown at sign-in."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.desk.context import Desk
from app.staff.audit import Actor
from app.supervision.dashboard import Dashboard, dashboard
from app.supervision.delivery import DueItem, overdue_for_supervisor
from ui.context import UiContext
from ui.dates import local_time
from ui.lane_op import run_on_lane
from ui.models.rows import RowsModel
from ui.widgets import heading, set_message

RED, AMBER = "#b00020", "#8a5a00"


@dataclass(frozen=True)
class Overview:
    board: Dashboard
    overdue: list[DueItem]


def overview(desk: Desk, actor: Actor) -> Overview:  # on the lane
    return Overview(dashboard(desk, actor), overdue_for_supervisor(desk))


def _tile(title: str) -> tuple[QWidget, QLabel]:
    box = QWidget()
    box.setObjectName("tile")
    box.setStyleSheet("QWidget#tile { border: 1px solid #c8ccd4; border-radius: 6px; }")
    value = QLabel("…")
    font = value.font()
    font.setPointSizeF(font.pointSizeF() * 2.0)
    font.setBold(True)
    value.setFont(font)
    layout = QVBoxLayout(box)
    layout.addWidget(QLabel(title))
    layout.addWidget(value)
    return box, value


class DashboardPage(QWidget):
    open_page = Signal(str)  # the main window shows that page (delivery, buildings...)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        grid = QGridLayout()
        self.values: dict[str, QLabel] = {}
        tiles = [("due", self.tr("24 小时内待送达")), ("due_soon", self.tr("其中不足 6 小时")),
                 ("overdue", self.tr("已超时未送达")), ("faults", self.tr("门禁系统故障未修复")),
                 ("near_cap", self.tr("接近或已满核定人数的楼栋")),
                 ("over_cap", self.tr("超员登记待主管处理（未发卡）")),
                 ("sync", self.tr("上次同步")),
                 ("not_accepted", self.tr("区数据库未接收的记录"))]
        for n, (key, title) in enumerate(tiles):
            box, self.values[key] = _tile(title)
            grid.addWidget(box, n // 4, n % 4)
        self.overdue: RowsModel[DueItem] = RowsModel(
            [self.tr("姓名"), self.tr("证件号码"), self.tr("楼栋"), self.tr("房号"),
             self.tr("采集时间"), self.tr("截止时间")],
            lambda i: (i.name, i.idno_masked, i.building_name, i.unit_number,
                       local_time(self.ctx.desk, i.collected_at), local_time(self.ctx.desk, i.due_at)),
            lambda _i: QColor("#ffcdd2"), self)
        self.training: RowsModel = RowsModel(
            [self.tr("账号"), self.tr("姓名"), self.tr("培训状态"), self.tr("有效至")],
            lambda r: (r.username, r.display_name, self._level(r.level, r.days_left),
                       r.lapses_on or ""),
            lambda r: QColor("#ffcdd2" if r.level in ("untrained", "lapsed", "within_30")
                             else "#fff3cd"), self)
        self.near_cap: RowsModel = RowsModel(
            [self.tr("楼栋"), self.tr("名称"), self.tr("入住 / 上限")],
            lambda b: (b.code, b.name, f"{b.residents} / {b.cap}"),
            lambda b: QColor("#ffcdd2" if b.share >= 1 else "#fff3cd"), self)
        self.refresh = QPushButton(self.tr("刷新"))
        self.refresh.clicked.connect(self.reload)
        to_delivery = QPushButton(self.tr("去待移交…"))
        to_delivery.clicked.connect(lambda: self.open_page.emit("delivery"))
        self.message = QLabel()
        top = QHBoxLayout()
        top.addWidget(heading(self.tr("首页")), 1)
        top.addWidget(to_delivery)
        top.addWidget(self.refresh)
        tables = QHBoxLayout()
        tables.addLayout(self._titled(self.tr("培训即将到期或已失效的账号（规则 R3）"),
                                      self.training))
        tables.addLayout(self._titled(self.tr("接近核定人数的楼栋（规则 R5）"), self.near_cap))
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(grid)
        layout.addWidget(self.message)
        layout.addLayout(self._titled(self.tr("已超时未送达的记录（规则 R2）"), self.overdue), 2)
        layout.addLayout(tables, 1)
        self._dirty = True
        # A registration (or an over-cap flag) changes the counts: re-read when next shown.
        ctx.changes.tenants_changed.connect(self._changed)

    def _titled(self, title: str, model: RowsModel) -> QVBoxLayout:
        table = QTableView()
        table.setModel(model)
        table.verticalHeader().hide()
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        box = QVBoxLayout()
        box.addWidget(QLabel(title))
        box.addWidget(table, 1)
        return box

    def _level(self, level: str, days: int | None) -> str:
        if level == "untrained":
            return self.tr("未参加入职培训")
        if level == "lapsed":
            return self.tr("已失效 {n} 天").format(n=-(days or 0))
        return self.tr("{n} 天后到期").format(n=days)

    def _changed(self) -> None:
        self._dirty = True
        if self.isVisible():
            self.reload()

    def reload(self) -> None:
        self._dirty = False
        run_on_lane(self, overview, success=self._show, message=self.message, busy=self.refresh)

    def _show(self, view: Overview) -> None:
        self.last = view
        b = view.board
        values = {"due": b.due, "due_soon": b.due_soon, "overdue": b.overdue,
                  "faults": b.open_faults, "near_cap": len(b.near_cap), "over_cap": b.over_cap,
                  "not_accepted": b.not_accepted}
        for key, n in values.items():
            self.values[key].setText(str(n))
        for key, alarm in (("overdue", b.overdue), ("faults", b.faults_notify_overdue),
                           ("due_soon", 0), ("over_cap", b.over_cap),
                           ("not_accepted", b.not_accepted)):
            self.values[key].setStyleSheet(f"color: {RED};" if alarm else "")
        if b.due_soon:
            self.values["due_soon"].setStyleSheet(f"color: {AMBER};")
        self.values["sync"].setText(local_time(self.ctx.desk, b.last_sync_at) or self.tr("尚未同步"))
        if b.faults_notify_overdue:
            set_message(self.message, self.tr("有 {n} 张故障单超过 24 小时未通知安装单位（规则 R7）。")
                        .format(n=b.faults_notify_overdue), ok=False)
        else:
            self.message.setText("")
        self.overdue.set_rows(view.overdue)
        self.training.set_rows(b.training)
        self.near_cap.set_rows(b.near_cap)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        if self._dirty:
            self.reload()
