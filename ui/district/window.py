"""`rentdesk district console`: sign in as street-office staff, then the office's pages."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QMainWindow,
    QTabWidget,
    QWidget,
)

from app.district_office.session import Office, sign_in
from app.sync.run import check_url
from ui.district.actions import ConflictsPage, DecisionsPage
from ui.district.base import OfficeContext
from ui.district.lookups import AuditPage, SearchPage
from ui.district.reports import CentresPage, DeliveryPage, RewardsPage
from ui.lane import DbLane
from ui.lane_op import run_call_on_lane
from ui.notify import error_label


class OfficeWindow(QMainWindow):
    def __init__(self, office: Office, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lane = DbLane(self)  # the district connection is used on this lane only
        self.ctx = OfficeContext(office, self.lane)
        role = self.tr("区管理员") if office.is_admin else self.tr("区查看员")
        self.setWindowTitle(self.tr("街道办 — 出租屋综合管理") + f" · {office.user} ({role})")
        self.tabs = QTabWidget()
        self.pages = {
            "centres": CentresPage(self.ctx), "delivery": DeliveryPage(self.ctx),
            "rewards": RewardsPage(self.ctx), "conflicts": ConflictsPage(self.ctx),
            "decisions": DecisionsPage(self.ctx), "search": SearchPage(self.ctx),
            "audit": AuditPage(self.ctx),
        }
        titles = {"centres": self.tr("各中心"), "delivery": self.tr("送达"),
                  "rewards": self.tr("统计与奖励"), "conflicts": self.tr("冲突"),
                  "decisions": self.tr("撤卡与核定人数"), "search": self.tr("查询"),
                  "audit": self.tr("审计")}
        for key, page in self.pages.items():
            self.tabs.addTab(page, titles[key])
        self.setCentralWidget(self.tabs)
        self.resize(1200, 720)

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt API
        self.lane.shutdown()
        self.ctx.office.close()
        super().closeEvent(event)


def _checked_sign_in(url: str, user: str, password: str) -> Office:
    check_url(url)  # an address carrying a password is refused: this PC keeps the address
    return sign_in(url, user, password)


class OfficeSignIn(QDialog):
    """District URL, staff login and password; the answer is an Office or nothing."""

    def __init__(self, url: str | None, user: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("街道办登录"))
        self.url, self.user, self.password = QLineEdit(url or ""), QLineEdit(user or ""), QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = error_label()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.try_sign_in)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("区数据库地址"), self.url)
        form.addRow(self.tr("账号"), self.user)
        form.addRow(self.tr("密码"), self.password)
        form.addRow(self.message)
        form.addRow(self.buttons)
        self.office: Office | None = None
        # Connecting may wait up to 10 s for an unreachable server: on a lane, never on the
        # GUI thread (the window stays responsive; the OK button waits for the answer).
        self.lane = DbLane(self)
        self._cancelled = False
        self.setMinimumWidth(self.fontMetrics().height() * 30)  # the address fits, at any DPI
        self.url.setCursorPosition(0)  # a long address shows its start (the host)
        # the first field still to fill: a prefilled address goes straight to the login
        next(w for w in (self.url, self.user, self.password) if not w.text()
             or w is self.password).setFocus()

    def try_sign_in(self) -> None:
        url, user, password = self.url.text().strip(), self.user.text().strip(), self.password.text()
        self.password.clear()
        run_call_on_lane(self, self.lane, lambda: _checked_sign_in(url, user, password),
                         success=self._signed_in, message=self.message,
                         busy=self.buttons.button(QDialogButtonBox.StandardButton.Ok),
                         busy_text=self.tr("正在连接区数据库…"))

    def _signed_in(self, office: Office) -> None:
        if self._cancelled:  # cancelled while connecting: the connection is not kept
            office.close()
            return
        self.office = office
        self.accept()

    def reject(self) -> None:
        self._cancelled = True  # not waiting for a connection attempt still running
        super().reject()


def run(url: str | None, user: str | None) -> int:
    from ui.main import init_application

    app = init_application()
    dialog = OfficeSignIn(url, user)
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.office is None:
        return 0
    window = OfficeWindow(dialog.office)
    window.show()
    return app.exec()
