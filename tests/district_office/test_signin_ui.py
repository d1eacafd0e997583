"""「街道办（区数据库）」 at the desk's sign-in (issue 16): the same application signed in to a
district instead of a centre. A real district (pgserver) with two synced centres; the start
path's modal dialogs are answered by a driver running inside their own event loops."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Callable  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from app.district_office.session import office_address  # noqa: E402
from app.sync.history import saved_district_url  # noqa: E402
from tests.conftest import CENTER_PASSWORD  # noqa: E402
from tests.district_office.conftest import STAFF_PASSWORD  # noqa: E402


@pytest.fixture(autouse=True)
def qt_ready(qapp, tmp_path_factory):
    from PySide6.QtCore import QSettings

    from ui.main import init_application

    folder = str(tmp_path_factory.mktemp("qsettings"))
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, folder)
    return init_application()


class Driver:
    """Steps run on the modal dialog in front, in order; a step returns True when done with
    it (False: not yet, ask again on the next tick). A failing step closes the dialog, and
    so does a step still waiting after PATIENCE ticks (a guard against hanging the suite,
    not a speed check): a broken start path fails the test instead of hanging it."""

    PATIENCE = 6000  # ticks of 20 ms

    def __init__(self, steps: list[Callable]) -> None:
        from PySide6.QtCore import QTimer

        self.steps, self.errors, self.waited = list(steps), [], 0
        self.timer = QTimer()
        self.timer.setInterval(20)
        self.timer.timeout.connect(self.tick)
        self.timer.start()

    def tick(self) -> None:
        from PySide6.QtWidgets import QApplication

        dialog = QApplication.activeModalWidget()
        if dialog is None or not self.steps:
            return
        try:
            if self.steps[0](dialog):
                self.steps.pop(0)
                self.waited = 0
            elif (waited := self.waited + 1) > self.PATIENCE:
                raise AssertionError(f"step {self.steps[0].__name__} never done on {dialog!r}")
            else:
                self.waited = waited
        except Exception as exc:  # noqa: BLE001 - reported by the test, after the dialog closes
            self.errors.append(exc)
            self.steps.clear()
            dialog.reject()

    def done(self) -> None:
        self.timer.stop()
        if self.errors:
            raise self.errors[0]
        assert self.steps == [], "the start path ended before every step ran"


def _alt_d(dialog) -> bool:
    """The access key of 「街道办（区数据库）(&D)」: Alt+D from the keyboard, sent where the
    keyboard goes (the button clicks itself a moment later, as a shortcut does)."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from ui.dialogs.login import LoginDialog

    assert isinstance(dialog, LoginDialog), type(dialog)
    if not dialog.isActiveWindow():  # the keyboard reaches the window in front only
        dialog.activateWindow()
        return False
    _shot(dialog, "district-signin-choice")
    QTest.keyClick(QApplication.focusWidget() or dialog, Qt.Key.Key_D,
                   Qt.KeyboardModifier.AltModifier)
    return True


def _shot(widget, name: str) -> None:
    """Kept in RENTDESK_SCREENSHOTS (docs/screenshots) when set."""
    if folder := os.environ.get("RENTDESK_SCREENSHOTS"):
        assert widget.grab().save(str(Path(folder) / f"{name}.png"))


def _office_dialog(dialog):
    """The office's sign-in, once it is the dialog in front (None until then)."""
    from ui.district.window import OfficeSignIn

    return dialog if isinstance(dialog, OfficeSignIn) else None


def _answered(dialog) -> bool:
    from PySide6.QtWidgets import QDialogButtonBox

    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()


def _type_in(dialog, user: str, password: str) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    dialog.user.setText(user)
    dialog.password.setText(password)
    QTest.keyClick(dialog.password, Qt.Key.Key_Return)  # Enter signs in


def test_district_choice_at_sign_in_opens_the_console(qtbot, district, centres, viewer):
    from ui.district.signin import sign_in_or_office
    from ui.settings import office_url

    lh01 = centres[0]
    saved = saved_district_url(lh01.desk)  # the centre's own sync address: rd_lh01@…
    assert saved and "rd_lh01" in saved
    seen: dict = {}

    def prefilled(dialog) -> bool:
        if (dialog := _office_dialog(dialog)) is None:
            return False
        seen["url"] = dialog.url.text()
        dialog.user.setText("wang_viewer")
        _shot(dialog, "district-signin")
        _type_in(dialog, "wang_viewer", "wrong-password-1")
        return True

    def wrong_password_stays(dialog) -> bool:
        dialog = _office_dialog(dialog)
        if dialog is None or not _answered(dialog):
            return False
        assert "登录失败" in dialog.message.text() and dialog.office is None
        assert dialog.isVisible() and dialog.password.text() == ""
        _type_in(dialog, "rd_lh01", CENTER_PASSWORD)  # the centre's own login, right password
        return True

    def centre_login_refused(dialog) -> bool:
        dialog = _office_dialog(dialog)
        if dialog is None or not _answered(dialog):
            return False
        seen["centre"] = dialog.message.text()
        assert dialog.isVisible() and dialog.office is None
        _type_in(dialog, "wang_viewer", STAFF_PASSWORD)
        return True

    driver = Driver([_alt_d, prefilled, wrong_password_stays, centre_login_refused])
    actor, console = sign_in_or_office(lh01.desk, first_run=False)
    driver.done()
    assert seen["url"] == office_address(saved) and "rd_lh01" not in seen["url"]
    assert "服务中心的同步账号" in seen["centre"] and "不能登录街道办" in seen["centre"]
    assert actor is None and console is not None
    qtbot.addWidget(console)
    assert console.ctx.office.user == "wang_viewer" and console.ctx.office.role == "viewer"
    assert office_url() == seen["url"]  # kept for next time: the address, no password
    console.show()
    for key in ("centres", "delivery", "rewards", "audit"):
        page = console.pages[key]
        console.tabs.setCurrentWidget(page)
        qtbot.waitUntil(lambda p=page: p.loaded and not console.lane.busy)
        assert page.message.text() == "" or key == "centres", (key, page.message.text())
    assert {r.center_code for r in console.pages["centres"].model.rows} == {"LH01", "LH02"}
    tenancies = sum(d.collected for d in console.pages["delivery"].model.rows)
    assert tenancies > 0 and console.pages["audit"].model.rowCount() > 0
    console.close()


def test_cancelling_the_office_goes_back_to_the_centre(qtbot, district, centres):
    from ui.dialogs.login import LoginDialog
    from ui.district.signin import sign_in_or_office

    backs: list = []

    def cancel_office(dialog) -> bool:
        if (dialog := _office_dialog(dialog)) is None:
            return False
        dialog.reject()
        return True

    def centre_again(dialog) -> bool:
        if not isinstance(dialog, LoginDialog):
            return False
        backs.append(dialog)
        dialog.reject()  # Cancel at the centre's sign-in: quit
        return True

    driver = Driver([_alt_d, cancel_office, centre_again])
    assert sign_in_or_office(centres[0].desk, first_run=False) == (None, None)
    driver.done()
    assert len(backs) == 1


def test_a_pc_without_a_centre_offers_the_office_too(qtbot, desk):
    # A street office's PC has no centre: its first dialog (set-up) offers the district too.
    from PySide6.QtWidgets import QPushButton

    from ui.dialogs.setup import SetupDialog

    dialog = SetupDialog(desk)
    qtbot.addWidget(dialog)
    office = next(b for b in dialog.findChildren(QPushButton) if "街道办" in b.text())
    office.click()
    assert dialog.district_chosen and dialog.result() == dialog.DialogCode.Rejected


def test_the_sign_in_dialogs_in_english(qtbot, desk, tmp_path):
    # issue 16: the second way in speaks English on an English desk, like the console; the
    # pictures: docs/screenshots/district-signin-choice-en.png and district-signin-en.png
    import re

    from PySide6.QtCore import QLocale, QTranslator
    from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel

    from ui.dialogs.login import LoginDialog
    from ui.district.window import OfficeSignIn
    from ui.i18n import translations_dir

    cjk = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
    app = QApplication.instance()
    # as an English desk starts (ui.i18n.install_language): Qt's own Chinese words out too
    qt_chinese = [t for t in app.findChildren(QTranslator) if "zh_CN" in t.filePath()]
    for t in qt_chinese:
        app.removeTranslator(t)
    translator = QTranslator()
    assert translator.load(str(translations_dir() / "rentdesk_en.qm"))
    app.installTranslator(translator)
    QLocale.setDefault(QLocale("en_US"))
    try:
        for dialog, name in ((LoginDialog(desk), "district-signin-choice-en"),
                             (OfficeSignIn("postgresql://district.example/rentdesk", None),
                              "district-signin-en")):
            qtbot.addWidget(dialog)
            dialog.show()
            texts = [dialog.windowTitle()] + [w.text() for cls in (QLabel, QAbstractButton)
                                              for w in dialog.findChildren(cls)]
            assert [t for t in texts if cjk.search(t)] == [], name
            assert any("District" in t or "district" in t for t in texts), texts
            assert dialog.grab().save(str(tmp_path / f"{name}.png"))
            _shot(dialog, name)
            dialog.reject()
    finally:
        app.removeTranslator(translator)
        for t in qt_chinese:
            app.installTranslator(t)
        QLocale.setDefault(QLocale("zh_CN"))
