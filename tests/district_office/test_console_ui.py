"""The office's window renders real district data (pytest-qt, offscreen); the centre's
clerk sees the district's cap on the 楼栋 page after the next sync. Screenshots: set
RENTDESK_SCREENSHOTS=docs/screenshots to keep them."""

from __future__ import annotations

import os
import re

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
    from PySide6.QtWidgets import QApplication

    folder = Path(os.environ.get("RENTDESK_SCREENSHOTS") or tmp_path)
    path = folder / f"{name}.png"
    QApplication.processEvents()  # the layout's pending requests: labels sized to their text
    assert widget.grab().save(str(path))
    return path


def _same_person_at_lh02(district: str, centres) -> str:
    """A tenant of LH01 registered again at LH02 (a same_person conflict: both kept, the
    office sees it on 冲突); returns the person's name, which 查询 then finds twice."""
    import psycopg

    from app.tenants.intake import TenantInput, register_tenant

    with psycopg.connect(district) as conn:
        number, name = conn.execute(
            "SELECT i.number, p.name FROM id_document i JOIN person p ON p.id = i.person_id "
            "JOIN tenancy t ON t.person_id = p.id AND t.moved_out_at IS NULL "
            "WHERE i.center_code = 'LH01' AND p.sex = 'M' ORDER BY i.number LIMIT 1").fetchone()
        building, unit = conn.execute(
            "SELECT b.code, u.number FROM unit u JOIN building b ON b.id = u.building_id "
            "WHERE u.center_code = 'LH02' ORDER BY b.code, u.number LIMIT 1").fetchone()
    lh02 = centres[1]
    actor = authenticate(lh02.desk, "admin", PASSWORD)
    register_tenant(lh02.desk, actor, TenantInput(number, name, "13912345678", building, unit),
                    accept_full=True)
    assert sync(lh02.desk, lh02.url)["ok"]
    return name


def _render_pages(qtbot, win, tmp_path: Path, suffix: str, name: str) -> list[Path]:
    """Each page shown with its query answered (查询: `name`), and its picture taken."""
    win.resize(1366, 768)  # a common desk screen: every column of 各中心 in either language
    shots = []
    for key, page in win.pages.items():
        win.tabs.setCurrentWidget(page)
        if key == "search":
            page.text.setText(name)
            page.reload()
        qtbot.waitUntil(lambda p=page: not win.lane.busy and p.refresh_button.isEnabled())
        assert page.message.text() == "" or key == "centres", (key, page.message.text())
        shots.append(_shot(win, f"district-{key}{suffix}", tmp_path))
    return shots


def test_console_pages_render_real_data(qtbot, district, centres, officer, tmp_path):
    from ui.district.window import OfficeWindow

    card = decisions.conflicts(officer)  # warm: nothing open yet
    assert card == []
    name = _same_person_at_lh02(district, centres)
    b = list_buildings(centres[0].desk, limit=1, offset=0)[0]
    decisions.set_cap(officer, "LH01", b.code, 2, "消防检查后核减")
    win = OfficeWindow(officer)
    qtbot.addWidget(win)
    win.show()
    _render_pages(qtbot, win, tmp_path, "", name)
    assert win.pages["conflicts"].model.rowCount() == 1
    assert {r.center_code for r in win.pages["search"].model.rows} == {"LH01", "LH02"}
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


CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")


def _chrome(win) -> list[str]:
    """Every piece of the window's own text: title, tabs, labels, buttons, check boxes,
    group titles, placeholders, column headers and special values (not the data)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QAbstractButton, QAbstractSpinBox, QGroupBox, QLabel, QLineEdit

    texts = [win.windowTitle()] + [win.tabs.tabText(i) for i in range(win.tabs.count())]
    texts += [w.text() for cls in (QLabel, QAbstractButton) for w in win.findChildren(cls)]
    texts += [w.placeholderText() for w in win.findChildren(QLineEdit)]
    texts += [w.title() for w in win.findChildren(QGroupBox)]
    texts += [w.specialValueText() for w in win.findChildren(QAbstractSpinBox)]
    for page in win.pages.values():
        model = page.model
        texts += [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    return [t for t in texts if t]


def test_console_pages_in_english(qtbot, district, centres, officer, tmp_path):
    # Every page's own words in English (Qt Linguist, resources/translations): no Chinese
    # left but the data itself (people's, buildings' and companies' names). The pictures:
    # docs/screenshots/district-*-en.png.
    from PySide6.QtCore import QLocale, QTranslator
    from PySide6.QtWidgets import QApplication

    from ui.district.window import OfficeWindow
    from ui.i18n import translations_dir

    name = _same_person_at_lh02(district, centres)
    b = list_buildings(centres[0].desk, limit=1, offset=0)[0]
    decisions.set_cap(officer, "LH01", b.code, 2, "Fire inspection: fewer residents")
    translator = QTranslator()
    assert translator.load(str(translations_dir() / "rentdesk_en.qm"))
    QApplication.instance().installTranslator(translator)
    QLocale.setDefault(QLocale("en_US"))
    try:
        win = OfficeWindow(officer)
        qtbot.addWidget(win)
        win.show()
        shown = _render_pages(qtbot, win, tmp_path, "-en", name)
        chinese = [t for t in _chrome(win) if CJK.search(t)]
        assert chinese == []
        rewards = win.pages["rewards"].model
        levels = {rewards.data(rewards.index(r, 0)) for r in range(rewards.rowCount())}
        assert levels == {"Centre", "Company", "Building"}
        centres_page = win.pages["centres"].model
        assert centres_page.data(centres_page.index(0, 6)) == "Yes"
        search = win.pages["search"].model
        assert {search.data(search.index(r, 3)) for r in range(search.rowCount())} == {"Male"}
        conflicts = win.pages["conflicts"].model
        assert conflicts.data(conflicts.index(0, 1)) == "One person registered at several centres"
        assert "Revoke" in win.pages["decisions"].revoke_button.text()
        assert all(p.exists() for p in shown)
        win.close()
    finally:
        QApplication.instance().removeTranslator(translator)
        QLocale.setDefault(QLocale("zh_CN"))
