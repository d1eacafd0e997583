"""租赁合同登记 (rule R1): register a lease, the leases ending within 30 days, renew or end.
Ending moves out the tenants who left and stops their cards (R6, in app.services.leases.end_lease)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.desk import clock
from app.services.leases import (
    LeaseInfo,
    LeaseTask,
    add_lease,
    end_lease,
    lease_tasks_for,
    renew_lease,
)
from ui.context import UiContext
from ui.dates import today_qdate
from ui.i18n import pick
from ui.lane_op import run_on_lane
from ui.models.rows import RowsModel
from ui.notify import error_label
from ui.panels.unit_picker import UnitPicker
from ui.widgets import rows_view, selected_row, set_message


def _date(desk, days: int = 0) -> QDateEdit:
    edit = QDateEdit(today_qdate(desk, days))
    edit.setCalendarPopup(True)
    return edit


class LeasesTab(QWidget):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.confirm = self._ask  # tests answer for the clerk
        self.model: RowsModel[LeaseTask] = RowsModel(
            [self.tr("房间"), self.tr("承租人"), self.tr("租期"), self.tr("待办")],
            self._cells, parent=self)
        self.table = rows_view(self.model)
        header = self.table.horizontalHeader()
        header.setMinimumSectionSize(self.fontMetrics().height() * 6)  # readable when empty
        self.new_end = _date(ctx.desk, 365)
        self.renew_button = QPushButton(self.tr("续租至"))
        self.renew_button.clicked.connect(self.renew)
        self.staying = QLineEdit()
        self.staying.setPlaceholderText(self.tr("留住人员证件号（逗号分隔，可空）"))
        self.end_button = QPushButton(self.tr("确认迁出并结束"))
        self.end_button.clicked.connect(self.end)
        actions = QHBoxLayout()
        for w in (self.renew_button, self.new_end, self.staying, self.end_button):
            actions.addWidget(w, 1 if w is self.staying else 0)
        self.picker = UnitPicker(ctx.desk)
        self.tenants = QLineEdit()
        self.tenants.setPlaceholderText(self.tr("承租人证件号，多人用逗号分隔"))
        self.rent = QSpinBox()
        self.rent.setRange(1, 1_000_000)
        self.rent.setValue(1500)
        self.deposit = QSpinBox()
        self.deposit.setRange(0, 10_000_000)
        self.start, self.end_date = _date(ctx.desk), _date(ctx.desk, 365)
        self.landlord = QLineEdit()
        self.landlord.setPlaceholderText(self.tr("房间未登记房东时必填"))
        add = QPushButton(self.tr("登记租赁合同"))
        add.clicked.connect(self.add)
        form = QFormLayout()
        form.addRow(self.tr("房间"), self.picker)
        form.addRow(self.tr("承租人"), self.tenants)
        money = QHBoxLayout()
        for label, w in ((self.tr("月租（元）"), self.rent), (self.tr("押金（元）"), self.deposit),
                         (self.tr("起"), self.start), (self.tr("止"), self.end_date)):
            money.addWidget(QLabel(label))
            money.addWidget(w)
        form.addRow(money)
        form.addRow(self.tr("出租人"), self.landlord)
        form.addRow(add)
        self.message = error_label()
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("30 天内到期或已到期的租约：确认续租或迁出")))
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)
        layout.addLayout(form)
        layout.addWidget(self.message)
        self.table.selectionModel().selectionChanged.connect(self._selection)
        self.reload()

    def _cells(self, task: LeaseTask) -> tuple[str, ...]:
        lease = task.lease
        names = "、".join(t.name for t in lease.tenants if t.living) or self.tr("（均已迁出）")
        return (f"{lease.building_name} {lease.unit_number}", names,
                f"{lease.start_date} — {lease.end_date}", pick(task.zh, task.en))

    def reload(self) -> None:
        self.model.set_rows(lease_tasks_for(self.ctx.desk, self.ctx.actor,
                                            clock.today(self.ctx.desk)))  # indexed: GUI thread
        self._selection()

    @property
    def leases(self) -> list[LeaseInfo]:
        return [task.lease for task in self.model.rows]

    def selected(self) -> LeaseInfo | None:
        row = selected_row(self.table)
        return self.model.rows[row].lease if row is not None else None

    def _selection(self) -> None:
        for w in (self.renew_button, self.end_button):
            w.setEnabled(self.selected() is not None)

    def _run(self, op, done) -> None:
        self.message.clear()

        def ok(result) -> None:
            self.reload()
            self.picker.reload()
            set_message(self.message, done(result), ok=True)
            self.ctx.changes.tenants_changed.emit()

        run_on_lane(self, op, success=ok, message=self.message, busy=self)

    def add(self) -> None:
        code, unit = self.picker.building_code(), self.picker.unit_number()
        ids = [i.strip() for i in self.tenants.text().replace("，", ",").split(",") if i.strip()]
        rent, deposit = self.rent.value(), self.deposit.value()
        start, end = self.start.date().toPython(), self.end_date.date().toPython()
        landlord = self.landlord.text().strip() or None
        self._run(lambda desk, actor: add_lease(desk, actor, code, unit, ids, rent, start, end,
                                                deposit, landlord),
                  lambda info: self.tr("已登记 {unit} 的租赁合同，至 {end}。").format(
                      unit=info.unit_number, end=info.end_date))

    def renew(self) -> None:
        if (lease := self.selected()) is None:
            return
        new_end = self.new_end.date().toPython()
        self._run(lambda desk, actor: renew_lease(desk, actor, lease.id, new_end),
                  lambda info: self.tr("已续租至 {end}。").format(end=info.end_date))

    def end(self) -> None:
        if (lease := self.selected()) is None:
            return
        staying = [i.strip() for i in self.staying.text().replace("，", ",").split(",") if i.strip()]
        leaving = sum(t.living for t in lease.tenants) - len(staying)
        if not self.confirm(self.tr("结束 {unit} 的租约：{n} 人迁出，其门禁卡即注销。继续？").format(
                unit=f"{lease.building_name} {lease.unit_number}", n=max(leaving, 0))):
            return
        self._run(lambda desk, actor: end_lease(desk, actor, lease.id, staying),
                  lambda done: self.tr("租约已结束：迁出 {n} 人，注销门禁卡 {c} 张。").format(
                      n=len(done.moved_out), c=len(done.cards_stopped)))
        self.staying.clear()

    def _ask(self, text: str) -> bool:
        answer = QMessageBox.question(self, self.tr("确认迁出"), text)
        return answer == QMessageBox.StandardButton.Yes
