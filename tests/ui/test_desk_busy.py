"""A second rentdesk and a busy database, as the clerk sees them (issue 13).

The other program is a real second process (tests/desk_holder.py).
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from app.staff.accounts import authenticate
from tests.conftest import PASSWORD
from ui.busy import busy_text
from ui.dialogs.login import LoginDialog


def read_and_close_message_box(found: list[str]) -> None:
    """Poll for the modal box, keep its text, press its button (as the clerk would)."""
    def look() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            found.append(box.text())
            box.accept()
        else:
            QTimer.singleShot(20, look)
    QTimer.singleShot(0, look)


def test_second_gui_start_names_the_first_and_does_not_open(qtbot, desk, admin, holder):
    from ui.main import run

    h = holder("rentdesk 图形界面 / GUI", exclusive=True)
    found: list[str] = []
    read_and_close_message_box(found)
    assert run(desk.home) == 1
    assert found and "此数据目录已被 rentdesk 图形界面" in found[0]
    assert f"进程 {h.proc.pid}" in found[0]
    assert not [w for w in QApplication.topLevelWidgets()
                if type(w).__name__ == "MainWindow" and w.isVisible()]


def test_sign_in_shows_busy_then_says_what_holds_it(qtbot, desk, admin, holder, monkeypatch):
    monkeypatch.setenv("RENTDESK_BUSY_TIMEOUT_MS", "3000")
    from app.desk.context import open_desk

    busy_desk = open_desk(desk.home)  # the timeout is read when the desk opens
    try:
        h = holder("rentdesk sync（命令行 / CLI）", write=True)
        dialog = LoginDialog(busy_desk)
        qtbot.addWidget(dialog)
        dialog.username.setText("admin")
        dialog.password.setText(PASSWORD)
        dialog.submit()
        qtbot.waitUntil(lambda: dialog.error.text() == busy_text(), timeout=10_000)
        assert not dialog.buttons.isEnabled()  # a second Enter does not start a second sign-in
        qtbot.waitUntil(lambda: not dialog.lane.busy, timeout=20_000)
        text = dialog.error.text()
        assert text.startswith("数据库正忙：rentdesk sync") and "OperationalError" not in text
        assert dialog.actor is None
        h.stop()
        dialog.password.setText(PASSWORD)
        dialog.submit()
        qtbot.waitUntil(lambda: dialog.actor is not None, timeout=10_000)
    finally:
        busy_desk.close()


def test_status_bar_shows_busy_while_a_write_waits(qtbot, window, holder, monkeypatch):
    from PySide6.QtWidgets import QLabel

    from ui.lane_op import run_on_lane
    from ui.notify import error_text

    h = holder("rentdesk import（命令行 / CLI）", write=True)
    failures: list[str] = []
    signed_in: list[object] = []
    label, page_line = window.busy_label, QLabel(window)
    assert label.isHidden()
    run_on_lane(window, lambda desk, _actor: authenticate(desk, "admin", PASSWORD),
                success=signed_in.append, failure=lambda e: failures.append(error_text(e)),
                message=page_line)
    qtbot.waitUntil(label.isVisible, timeout=10_000)
    assert label.text() == busy_text()
    # the page that asked says it too, in its own message line
    qtbot.waitUntil(lambda: page_line.text() == busy_text())
    h.stop()  # the other program finishes: the write goes through, the label goes away
    qtbot.waitUntil(lambda: not window.ctx.lane.busy, timeout=20_000)
    assert label.isHidden() and failures == [] and len(signed_in) == 1
    assert page_line.text() == ""  # the notice is taken away once the write went through
