"""The main window: navigation, the pages, the status bar, the idle lock. Pages do the work."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from app.desk.trial import is_trial
from app.doors.lane import DoorLane
from app.staff.accounts import role_name
from app.staff.audit_query import allowed
from app.supervision.desk_status import DeskStatus, desk_status
from ui.busy import busy_label
from ui.context import UiContext
from ui.dates import local_time
from ui.dialogs.login import LoginDialog
from ui.i18n import is_english, pick
from ui.idle import IDLE_MS, IdleWatcher
from ui.lane_op import run_on_lane
from ui.pages.audit_page import AuditPageWidget
from ui.pages.buildings import BuildingsPage
from ui.pages.cards import CardsPage
from ui.pages.dashboard import DashboardPage
from ui.pages.delivery import DeliveryPage
from ui.pages.faults import FaultsPage
from ui.pages.intake import IntakePage
from ui.pages.search import SearchPage
from ui.pages.services import ServicesPage
from ui.pages.settings_page import SettingsPage
from ui.pages.stats import StatsPage
from ui.pages.sync_page import SyncPage
from ui.panels.photo import PhotoPanel
from ui.printing.menu import install_print_menu
from ui.settings import settings
from ui.widgets import set_message

STATUS_REFRESH_MS = 60_000
PAGE_KEYS = "1234567890-="


class MainWindow(QMainWindow):
    def __init__(self, ctx: UiContext, idle_ms: int = IDLE_MS) -> None:
        super().__init__()
        self.ctx = ctx
        self.locked = False
        self.lock_dialog: LoginDialog | None = None
        self._hidden: list[QDialog] = []
        self.setWindowTitle(self.tr("出租屋管理服务中心 · {code}").format(code=ctx.desk.center_code))
        self.trial = is_trial(ctx.desk)
        if self.trial:  # issue 12: nobody mistakes a demo centre for the real one
            self.setWindowTitle(self.windowTitle() + " · " + self.tr("试用中心"))
        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.stack = QStackedWidget()
        self.pages: dict[str, QWidget] = {}
        self.intake = IntakePage(ctx)
        self.cards = CardsPage(ctx)
        self.search = SearchPage(ctx)
        if allowed(ctx.actor, "audit"):  # supervisor and admin start here (overdue first, R2)
            self.dashboard = DashboardPage(ctx)
            self.dashboard.open_page.connect(self.show_page)
            self._add("dashboard", self.tr("首页"), self.dashboard)
        self._add("intake", self.tr("登记"), self.intake)
        self._add("cards", self.tr("门禁卡"), self.cards)
        self._add("search", self.tr("查询"), self.search)
        self._add("buildings", self.tr("楼栋"), BuildingsPage(ctx))
        self._add("services", self.tr("服务"), ServicesPage(ctx))
        self._add("faults", self.tr("门禁故障"), FaultsPage(ctx))
        self._add("delivery", self.tr("待移交"), DeliveryPage(ctx))
        self._add("sync", self.tr("同步"), SyncPage(ctx))
        if allowed(ctx.actor, "report"):
            self._add("stats", self.tr("统计"), StatsPage(ctx))
        if allowed(ctx.actor, "audit"):
            self._add("audit", self.tr("审计"), AuditPageWidget(ctx))
        self._add("settings", self.tr("设置"), SettingsPage(ctx))
        self.nav.currentRowChanged.connect(self.stack.setCurrentIndex)
        # Sizes in font units (em), never pixels: right at 1× and 2× alike.
        nav_font = self.nav.font()
        nav_font.setPointSizeF(nav_font.pointSizeF() * 1.15)
        self.nav.setFont(nav_font)
        self.nav.setStyleSheet("QListWidget#nav::item { padding: 0.45em 0.8em; }")
        self.nav.setFixedWidth(self.nav.sizeHintForColumn(0) + 3 * self.fontMetrics().height())
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.intake.registered.connect(self._after_register)
        self.print_menu = install_print_menu(self, ctx)
        self._status()
        self.status_timer = QTimer(self)
        self.status_timer.timeout.connect(self.refresh_status)
        self.status_timer.start(STATUS_REFRESH_MS)
        ctx.changes.tenants_changed.connect(self.refresh_status)
        # The door lane (app/doors/lane.py): its own thread, woken after every card change.
        self.door_lane = DoorLane(ctx.desk, actor=ctx.actor).start()
        ctx.changes.tenants_changed.connect(self.door_lane.wake)
        self.idle = IdleWatcher(idle_ms, self)
        self.idle.idle.connect(self.lock)
        QApplication.instance().installEventFilter(self.idle)
        self.idle.start()
        geometry = settings().value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(self.fontMetrics().height() * 70, self.fontMetrics().height() * 45)
        self.nav.setCurrentRow(0)

    def _add(self, key: str, label: str, page: QWidget) -> None:
        """Each page also answers to Alt+1 … Alt+9, Alt+0, Alt+-, Alt+= in nav order,
        named in the item's tooltip and the clerk guide."""
        index = len(self.pages)
        self.pages[key] = page
        self.nav.addItem(label)
        self.stack.addWidget(page)
        if index < len(PAGE_KEYS):
            sequence = QKeySequence(f"Alt+{PAGE_KEYS[index]}")
            self.nav.item(index).setToolTip(self.tr("{page}（{key}）").format(
                page=label, key=sequence.toString(QKeySequence.SequenceFormat.NativeText)))
            shortcut = QShortcut(sequence, self)
            shortcut.activated.connect(lambda row=index: self.nav.setCurrentRow(row))

    def show_page(self, key: str) -> None:
        self.nav.setCurrentRow(list(self.pages).index(key))

    def _status(self) -> None:
        actor = self.ctx.actor
        self.staff_label = QLabel(self.tr("当前账号：{name}（{role}）").format(
            name=actor.display_name, role=role_name(actor.role, "en" if is_english() else "zh")))
        self.sync_label = QLabel(self.tr("上次同步：尚未同步"))
        self.due_label = QLabel()
        self.training_label = QLabel()
        self.busy_label = busy_label(self.ctx.desk)
        self.statusBar().addWidget(self.busy_label)
        labels = [self.staff_label, self.training_label, self.sync_label, self.due_label]
        if self.trial:
            self.trial_label = QLabel(self.tr("试用中心"))
            self.trial_label.setStyleSheet("color: #b35c00; font-weight: bold")
            labels.insert(0, self.trial_label)
        for label in labels:
            self.statusBar().addPermanentWidget(label)
        self.refresh_status()

    def refresh_status(self) -> None:
        """Counted on the database lane; the labels change when the answer arrives."""
        # Nobody asked: a failure leaves the labels as they were (the next refresh retries).
        run_on_lane(self, desk_status, success=self._show_status, quiet=True)

    def _show_status(self, status: DeskStatus) -> None:
        due = self.tr("24 小时内待送达：{n} 条").format(n=status.due_24h)
        if status.overdue:
            due += self.tr("，已超时 {n} 条").format(n=status.overdue)
        set_message(self.due_label, due, ok=not status.overdue)
        if not status.overdue:
            self.due_label.setStyleSheet("")
        if status.last_sync_at is not None:
            self.sync_label.setText(self.tr("上次同步：{when}").format(
                when=local_time(self.ctx.desk, status.last_sync_at)))
        training = status.training
        if training.ok and training.lapses_on is not None:
            self.training_label.setText(self.tr("培训有效至 {day}").format(
                day=training.lapses_on.isoformat()))
            self.training_label.setStyleSheet("")
        else:
            # rule R3: the account cannot register or issue; say so before the clerk tries.
            set_message(self.training_label, pick(training.reason, training.reason_en), ok=False)

    def _after_register(self) -> None:
        self.ctx.changes.tenants_changed.emit()

    # The lock hides every page (personal data must not stay on an unattended screen) and
    # asks the same account's password; another clerk signs in by restarting.
    def lock(self) -> None:
        if self.locked:
            return
        self.locked = True
        self.idle.stop()
        for panel in self.findChildren(PhotoPanel):  # every camera, the dialogs' too
            panel.stop_camera()
        self.centralWidget().hide()
        # Open dialogs (a tenant's page, a photo) are windows of their own: hide them too.
        self._hidden = [w for w in QApplication.topLevelWidgets()
                        if isinstance(w, QDialog) and w.isVisible()]
        for dialog in self._hidden:
            dialog.hide()
        self.lock_dialog = LoginDialog(self.ctx.desk, locked_user=self.ctx.actor.username,
                                       parent=self)
        self.lock_dialog.accepted.connect(self._unlock)
        self.lock_dialog.rejected.connect(self.close)
        self.lock_dialog.open()

    def _unlock(self) -> None:
        self.locked = False
        self.lock_dialog = None
        self.centralWidget().show()
        for dialog in self._hidden:
            dialog.show()
        self._hidden = []
        self.idle.start()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt API
        settings().setValue("window/geometry", self.saveGeometry())
        self.intake.stop_camera()
        QApplication.instance().removeEventFilter(self.idle)
        self.status_timer.stop()
        self.door_lane.stop()
        self.ctx.lane.shutdown()  # nothing may run on the desk after its window is gone
        super().closeEvent(event)
