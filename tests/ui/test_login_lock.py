"""First-run setup, sign-in refusals, and the idle lock (timeout injected)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.desk.context import open_desk
from app.staff.accounts import get_actor
from tests.conftest import PASSWORD
from tests.ui.conftest import synthetic_camera
from ui.dialogs.login import LoginDialog
from ui.dialogs.setup import SetupDialog


def test_first_run_creates_centre_and_trained_admin(qtbot, tmp_path):
    desk = open_desk(tmp_path / "fresh")
    try:
        dialog = SetupDialog(desk)
        qtbot.addWidget(dialog)
        qtbot.keyClicks(dialog.code, "LH09")
        dialog.name.setText("测试中心")
        dialog.password.setText("Lantern-Quarry-57")
        dialog.password2.setText("different!")
        dialog.submit()
        assert "不一致" in dialog.error.text() and desk.center_code is None
        dialog.password2.setText("Lantern-Quarry-57")
        submitted(qtbot, dialog)
        assert dialog.actor is not None and desk.center_code == "LH09"
        assert get_actor(desk, "admin").role == "admin"
    finally:
        desk.close()


def test_setup_shows_the_services_refusal(qtbot, tmp_path):
    desk = open_desk(tmp_path / "fresh")
    try:
        dialog = SetupDialog(desk)
        qtbot.addWidget(dialog)
        dialog.code.setText("?")
        submitted(qtbot, dialog)
        assert "中心编码" in dialog.error.text() and dialog.actor is None
    finally:
        desk.close()


def submitted(qtbot, dialog) -> None:
    """Sign-in runs on the dialog's own worker: wait for its answer."""
    dialog.submit()
    qtbot.waitUntil(lambda: not dialog.lane.busy)


def test_login_refuses_wrong_password_then_signs_in(qtbot, desk, admin):
    dialog = LoginDialog(desk)
    qtbot.addWidget(dialog)
    dialog.show()  # Enter reaches the OK button only in a shown dialog
    qtbot.keyClicks(dialog.username, "admin")
    qtbot.keyClicks(dialog.password, "wrong password")
    submitted(qtbot, dialog)
    assert "用户名或密码错误" in dialog.error.text() and dialog.actor is None
    assert dialog.password.text() == ""
    qtbot.keyClicks(dialog.password, PASSWORD)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.actor is not None)
    assert dialog.actor is not None and dialog.actor.username == "admin"


def test_idle_window_locks_until_password(qtbot, desk, admin, building):
    from ui.main import build_window

    win = build_window(desk, admin, idle_ms=50, camera_factory=synthetic_camera)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.locked)
    assert win.centralWidget().isHidden()  # no personal data on an unattended screen
    assert win.intake.photo.worker is None  # camera off while locked
    lock = win.lock_dialog
    assert lock is not None and lock.username.isReadOnly()
    lock.password.setText("not it")
    submitted(qtbot, lock)
    assert win.locked
    lock.password.setText(PASSWORD)
    submitted(qtbot, lock)
    assert not win.locked and not win.centralWidget().isHidden()
    assert win.idle.timer.isActive()
    win.idle.stop()
    win.close()


def test_input_restarts_the_idle_timer(qtbot, window):
    window.idle.timer.setInterval(60_000)
    window.idle.start()
    window.idle.timer.stop()
    qtbot.keyClick(window.search.box, Qt.Key.Key_A)
    assert not window.idle.timer.isActive()  # a stopped (locked) timer stays stopped
    window.idle.start()
    remaining = window.idle.timer.remainingTime()
    qtbot.keyClick(window.search.box, Qt.Key.Key_B)
    assert window.idle.timer.isActive() and window.idle.timer.remainingTime() >= remaining - 1000


def test_lock_hides_open_dialogs_too(qtbot, desk, admin, building, photo_jpeg):
    from tests.conftest import register
    from tests.ui.conftest import settle
    from ui.dialogs.tenant import TenantDialog
    from ui.main import build_window

    done = register(desk, admin, 70, photo=photo_jpeg)
    win = build_window(desk, admin, idle_ms=60_000, camera_factory=lambda: None)
    qtbot.addWidget(win)
    win.show()
    TenantDialog.show_tenant(win.ctx, done.person_id, win)
    settle(qtbot, win.ctx.lane)
    tenant = win.findChildren(TenantDialog)[0]
    assert tenant.isVisible()
    win.lock()
    assert not tenant.isVisible()  # a tenant's details never stay on a locked screen
    win.lock_dialog.password.setText(PASSWORD)
    submitted(qtbot, win.lock_dialog)
    assert tenant.isVisible()
    tenant.close()  # a modal left open would be met by the next test's modal guard
    win.idle.stop()
    win.close()

