"""The office's window renders real district data (pytest-qt, offscreen); the centre's
clerk sees the district's cap on the 楼栋 page after the next sync. Screenshots: set
RENTDESK_SCREENSHOTS=docs/screenshots to keep them."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from app.district_office import decisions  # noqa: E402
from app.property.buildings import list_buildings  # noqa: E402
from app.staff.accounts import authenticate  # noqa: E402
from app.sync.run import sync  # noqa: E402
from tests.conftest import PASSWORD  # noqa: E402


@pytest.fixture(autouse=True)
def qt_ready(qapp, tmp_path_factory):
    from PySide6.QtCore import QSettings

    from ui.main import init_application

    folder = str(tmp_path_factory.mktemp("qsettings"))
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, folder)
    return init_application()


def _shot(widget, name: str, tmp_path: Path) -> Path:
    folder = Path(os.environ.get("RENTDESK_SCREENSHOTS") or tmp_path)
    path = folder / f"{name}.png"
    assert widget.grab().save(str(path))
    return path


def test_console_pages_render_real_data(qtbot, district, centres, officer, tmp_path):
    from ui.district.window import OfficeWindow

    card = decisions.conflicts(officer)  # warm: nothing open yet
    assert card == []
    win = OfficeWindow(officer)
    qtbot.addWidget(win)
    win.show()
    for key, page in win.pages.items():
        win.tabs.setCurrentWidget(page)
        if key == "search":
            page.text.setText("张伟")
            page.reload()
        qtbot.waitUntil(lambda p=page: not win.lane.busy and p.refresh_button.isEnabled())
        assert page.message.text() == "" or key == "centres", (key, page.message.text())
        _shot(win, f"district-{key}", tmp_path)
    centres_page = win.pages["centres"]
    assert {r.center_code for r in centres_page.model.rows} == {"LH01", "LH02"}
    assert centres_page.model.data(centres_page.model.index(0, 0)) in ("LH01", "LH02")
    assert win.pages["delivery"].model.rowCount() > 0
    assert win.pages["audit"].model.rowCount() > 0
    rewards = win.pages["rewards"]
    out = tmp_path / "奖励.xlsx"
    rewards.export(str(out))
    qtbot.waitUntil(lambda: out.exists() and not win.lane.busy)
    win.close()


def test_viewer_window_has_no_decision_buttons(qtbot, district, centres, viewer):
    from ui.district.window import OfficeWindow

    win = OfficeWindow(viewer)
    qtbot.addWidget(win)
    assert not win.pages["decisions"].revoke_button.isEnabled()
    assert not win.pages["conflicts"].resolve_button.isEnabled()
    win.close()


def test_clerk_sees_the_district_cap_after_sync(qtbot, district, centres, officer, tmp_path):
    # rule R5: a cap set centrally wins; the centre's 楼栋 page shows it after the next sync.
    from ui.context import Changes, UiContext
    from ui.devices.id_reader import SimulatedIdCardReader
    from ui.lane import DbLane
    from ui.pages.buildings import BuildingsPage

    lh01 = centres[0]
    b = list_buildings(lh01.desk, limit=1, offset=0)[0]
    decisions.set_cap(officer, "LH01", b.code, 2, "消防检查后核减")
    sync(lh01.desk, lh01.url)
    actor = authenticate(lh01.desk, "admin", PASSWORD)
    lane = DbLane()
    ctx = UiContext(lh01.desk, actor, lane, lambda: None, SimulatedIdCardReader(), Changes())
    page = BuildingsPage(ctx)
    qtbot.addWidget(page)
    page.show()
    model = page.table.model() if hasattr(page, "table") else page.view.model()
    qtbot.waitUntil(lambda: model.rowCount() > 0)
    row = next(r for r in range(model.rowCount()) if model.data(model.index(r, 0)) == b.code)
    assert model.data(model.index(row, 2)).endswith("/ 2")
    _shot(page, "district-cap-at-centre", tmp_path)
    lane.shutdown()


def test_sign_in_connects_on_the_lane_not_the_gui_thread(qtbot, district, viewer):
    # The dialog's OK runs sign_in on a worker (an unreachable server waits 10 s): the GUI
    # thread returns at once with OK disabled; the answer arrives through the lane.
    import threading

    from PySide6.QtWidgets import QDialogButtonBox

    import ui.district.window as window
    from tests.district_office.conftest import STAFF_PASSWORD

    threads = []
    real = window.sign_in

    def spy(*args):  # the real sign-in, noting which thread ran it
        threads.append(threading.current_thread())
        return real(*args)

    dialog = window.OfficeSignIn(district.replace("postgres:@", ""), "wang_viewer")
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    window.sign_in = spy
    try:
        dialog.password.setText("wrong-password-1")
        dialog.try_sign_in()
        assert not ok.isEnabled() and dialog.password.text() == ""
        qtbot.waitUntil(lambda: ok.isEnabled())
        assert "登录失败" in dialog.message.text() and dialog.office is None
        dialog.password.setText(STAFF_PASSWORD)
        dialog.try_sign_in()
        qtbot.waitUntil(lambda: dialog.office is not None)
    finally:
        window.sign_in = real
    assert dialog.result() == dialog.DialogCode.Accepted and dialog.office.role == "viewer"
    assert threads and all(t is not threading.main_thread() for t in threads)
    dialog.office.close()
