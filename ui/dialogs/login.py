"""Staff sign-in, and the same dialog as the lock screen after idle time."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.desk.context import Desk
from app.staff.accounts import authenticate, change_password, must_change_password
from app.staff.audit import Actor
from ui.district.choice import add_office_button
from ui.lane import DbLane
from ui.lane_op import run_call_on_lane
from ui.notify import error_label
from ui.widgets import heading


class LoginDialog(QDialog):
    """`locked_user` set: the window is locked and only that account may unlock it."""

    def __init__(self, desk: Desk, locked_user: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.actor: Actor | None = None
        self.setWindowTitle(self.tr("已锁定") if locked_user else self.tr("登录"))
        self.username = QLineEdit(locked_user or "")
        self.username.setReadOnly(locked_user is not None)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        # first sign-in of an admin-made account: the holder sets a password of their own
        self.new_password = QLineEdit()
        self.new_password2 = QLineEdit()
        self._current: str | None = None
        form = QFormLayout()
        form.addRow(self.tr("用户名"), self.username)
        form.addRow(self.tr("密码"), self.password)
        for label, edit in ((self.tr("新密码"), self.new_password),
                            (self.tr("再次输入新密码"), self.new_password2)):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            form.addRow(label, edit)
            form.setRowVisible(edit, False)
        self.form = form
        self.error = error_label()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        self.buttons = buttons
        self.district_chosen = False  # the street office's way in (ui.district.choice)
        if not locked_user:
            self.office_button = add_office_button(self, buttons)
        # Sign-in writes (the audit entry, the failure count): on a worker, so a database
        # another program is writing shows "数据库正忙…" instead of a frozen window.
        self.lane = DbLane(self)
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        title = heading(self.tr("出租屋管理服务中心") + (f" · {desk.center_code}" if desk.center_code else ""))
        layout.addWidget(title)
        self.setMinimumWidth(self.fontMetrics().height() * 22)
        if locked_user:
            note = QLabel(self.tr("窗口因长时间无操作已锁定，请重新输入密码。"))
            note.setWordWrap(True)
            layout.addWidget(note)
            buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("退出程序"))
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        (self.password if locked_user else self.username).setFocus()

    def submit(self) -> None:
        if self.lane.busy:  # a second Enter while the first sign-in is still running
            return
        username, password = self.username.text(), self.password.text()
        self.error.setText("")
        if self._current is not None:
            if self.new_password.text() != self.new_password2.text():
                self.error.setText(self.tr("两次输入的新密码不一致。"))
                self.new_password2.setFocus()
                return
            current, new = self._current, self.new_password.text()
            self._on_lane(lambda: change_password(self.desk, username, current, new),
                          self._signed_in, self._change_failed)
            return
        self._on_lane(lambda: (authenticate(self.desk, username, password), password),
                      self._authenticated, self._failed)

    def _on_lane(self, call, done, failed) -> None:
        """Sign-in writes (the audit entry, the failure count): on the dialog's own lane, the
        buttons off until the answer; "数据库正忙…" while another program holds the database."""
        run_call_on_lane(self, self.lane, call, success=done, failure=failed, message=self.error,
                         busy=self.buttons, desk=self.desk)

    def _authenticated(self, result: tuple[Actor, str]) -> None:
        actor, password = result
        self._on_lane(lambda: must_change_password(self.desk, actor),
                      lambda must: self._first_sign_in(password) if must
                      else self._signed_in(actor), self._failed)

    def _first_sign_in(self, password: str) -> None:
        self._current = password
        self.password.setEnabled(False)
        self.username.setReadOnly(True)
        for edit in (self.new_password, self.new_password2):
            self.form.setRowVisible(edit, True)
        self.error.setText(self.tr("首次登录：请设置您自己的新密码（至少 10 个字符，不要用常见密码）。"))
        self.new_password.setFocus()

    def _signed_in(self, actor: Actor) -> None:
        self.actor = actor
        self.accept()

    def _failed(self, _exc: BaseException) -> None:
        self.password.clear()
        self.password.setFocus()

    def _change_failed(self, _exc: BaseException) -> None:
        self.new_password.setFocus()

    def done(self, result: int) -> None:  # noqa: D401 - Qt API
        self.lane.shutdown()  # the sign-in worker never outlives its dialog
        super().done(result)

    @classmethod
    def sign_in(cls, desk: Desk, parent: QWidget | None = None) -> Actor | None:
        dialog = cls(desk, parent=parent)
        return dialog.actor if dialog.exec() == QDialog.DialogCode.Accepted else None
