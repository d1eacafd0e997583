"""Issue 12 in the window: first sign-in sets the holder's own password; a trial centre says so."""

from __future__ import annotations

from app.desk.context import open_desk
from tests.ui.conftest import synthetic_camera
from ui.dialogs.login import LoginDialog


def test_first_sign_in_of_admin_made_account_asks_for_a_new_password(qtbot, desk, admin):
    # issue 12: the admin knows the password it typed; the holder replaces it at first sign-in
    from app.staff.accounts import authenticate, create_staff, must_change_password

    clerk = create_staff(desk, admin, "clerk1", "Lantern-Quarry-57-Mosaic", "clerk")
    dialog = LoginDialog(desk)
    qtbot.addWidget(dialog)
    dialog.username.setText("clerk1")
    dialog.password.setText("Lantern-Quarry-57-Mosaic")

    def submit() -> None:  # sign-in runs on the dialog's own lane
        dialog.submit()
        qtbot.waitUntil(lambda: not dialog.lane.busy and dialog.buttons.isEnabled())

    submit()
    assert dialog.actor is None and dialog.form.isRowVisible(dialog.new_password)
    assert "新密码" in dialog.error.text()
    dialog.new_password.setText("12345678")
    dialog.new_password2.setText("12345678")
    submit()
    assert dialog.actor is None and "密码" in dialog.error.text()
    dialog.new_password.setText("Harbour-Violin-83-Quilt")
    dialog.new_password2.setText("Harbour-Violin-83-Quilt")
    submit()
    assert dialog.actor is not None and dialog.actor.username == "clerk1"
    assert not must_change_password(desk, clerk)
    assert authenticate(desk, "clerk1", "Harbour-Violin-83-Quilt").role == "clerk"


def test_trial_centre_shows_in_title_and_status_bar(qtbot, tmp_path):
    # issue 12: a trial centre (demo data) is never mistaken for the real one
    from app.desk.trial import init_trial_center
    from ui.main import build_window

    desk = open_desk(tmp_path / "trial")
    try:
        actor = init_trial_center(desk, "admin", "Lantern-Quarry-57-Mosaic")
        win = build_window(desk, actor, camera_factory=synthetic_camera)
        qtbot.addWidget(win)
        assert "试用中心" in win.windowTitle() and win.trial_label.text() == "试用中心"
        win.close()
    finally:
        desk.close()
