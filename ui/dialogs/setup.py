"""First run: create the centre and its first administrator (no centre in the data dir)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.desk.center import init_center
from app.desk.context import Desk
from app.staff.audit import Actor
from ui.dates import today_qdate
from ui.district.choice import add_office_button
from ui.lane import DbLane
from ui.lane_op import run_call_on_lane
from ui.notify import error_label


class SetupDialog(QDialog):
    """Centre code, name, workstation, admin account, password twice, induction date (R3)."""

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.actor: Actor | None = None
        self.setWindowTitle(self.tr("建立服务中心"))
        self.code = QLineEdit()
        self.code.setPlaceholderText(self.tr("2–16 位字母或数字"))
        self.name = QLineEdit()
        self.workstation = QLineEdit()
        self.admin = QLineEdit("admin")
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password2 = QLineEdit()
        self.password2.setEchoMode(QLineEdit.EchoMode.Password)
        self.induction = QDateEdit(today_qdate(None))
        self.induction.setCalendarPopup(True)
        self.induction.setDisplayFormat("yyyy-MM-dd")
        form = QFormLayout()
        form.addRow(self.tr("中心编码 *"), self.code)
        form.addRow(self.tr("中心名称 *"), self.name)
        form.addRow(self.tr("社区工作站"), self.workstation)
        form.addRow(self.tr("管理员用户名 *"), self.admin)
        form.addRow(self.tr("密码（至少 8 位）*"), self.password)
        form.addRow(self.tr("再次输入密码 *"), self.password2)
        form.addRow(self.tr("岗前培训日期"), self.induction)
        self.error = error_label()
        self.buttons = buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                                  | QDialogButtonBox.StandardButton.Cancel)
        # Creating the centre writes (and may wait for another program): on a worker, like
        # the sign-in, so the window never freezes.
        self.lane = DbLane(self)
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        add_office_button(self, buttons)  # a street office's PC has no centre to set up
        intro = QLabel(self.tr("此数据目录中还没有服务中心。请建立中心和第一个管理员账号。"
                               "管理员须有岗前培训记录才能登记和发卡。"))
        intro.setWordWrap(True)
        self.setMinimumWidth(self.fontMetrics().height() * 28)  # in text lines: any DPI
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def submit(self) -> None:
        if self.lane.busy:  # a second Enter while the centre is being created
            return
        if self.password.text() != self.password2.text():
            self.error.setText(self.tr("两次输入的密码不一致。"))
            self.password2.setFocus()
            return
        desk, code, name, admin = self.desk, self.code.text(), self.name.text(), self.admin.text()
        password, workstation = self.password.text(), self.workstation.text().strip() or None
        induction = self.induction.date().toPython()
        run_call_on_lane(self, self.lane,
                         lambda: init_center(desk, code, name, admin, password,
                                             workstation=workstation, induction_on=induction),
                         success=self._created, message=self.error, busy=self.buttons, desk=desk)

    def _created(self, actor: Actor) -> None:
        self.actor = actor
        self.accept()

    def done(self, result: int) -> None:  # noqa: D401 - Qt API
        self.lane.shutdown()  # the worker never outlives its dialog
        super().done(result)

    @classmethod
    def create_center(cls, desk: Desk, parent: QWidget | None = None) -> Actor | None:
        """Show the dialog; the admin signed in, or None when cancelled."""
        dialog = cls(desk, parent)
        return dialog.actor if dialog.exec() == QDialog.DialogCode.Accepted else None
