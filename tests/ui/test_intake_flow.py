"""The whole desk flow driven by keystrokes: intake → photo → register → card (R6)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.tenants.cards import cards_of_person
from app.tenants.search import search_tenants
from db.engine import read_session
from tests.conftest import idno
from tests.ui.conftest import ASTRONAUT, settle, type_text


def focused():
    return QApplication.focusWidget()


def type_and_enter(qtbot, text: str = "") -> None:
    widget = focused()
    type_text(qtbot, widget, text)
    qtbot.keyClick(widget, Qt.Key.Key_Return)


def open_intake(qtbot, window):
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.show_page("intake")
    page = window.intake
    page.form.idno.setFocus()
    qtbot.waitUntil(lambda: focused() is page.form.idno)
    return page


def fill_by_keyboard(qtbot, page, number: str) -> None:
    form = page.form
    type_and_enter(qtbot, number)
    assert focused() is form.name
    # filled from the number: its birth date (digits 7-14) is shown as soon as it is typed
    born = f"{number[6:10]}-{number[10:12]}-{number[12:14]}"
    assert born in form.id_info.text(), form.id_info.text()
    type_and_enter(qtbot, "王小明")
    type_and_enter(qtbot, "13912345678")  # optional fields are a Tab away, not an Enter
    assert focused() is form.building.edit
    type_text(qtbot, form.building.edit, "b1")  # type to find: code, name or initials
    qtbot.keyClick(form.building.edit, Qt.Key.Key_Down)  # ↓ walks the matches (one here)
    assert form.building.code() == "B1" and form.unit.currentData() == "101"  # has space


def test_intake_photo_from_file_then_card_by_keyboard(qtbot, window, desk):  # rule R6
    page = open_intake(qtbot, window)
    number = idno(1, "M")  # a man: R9's certificate is not asked (see test_papers_form.py)
    fill_by_keyboard(qtbot, page, number)
    assert page.photo.load_file(ASTRONAUT), page.photo.message.text()
    assert page.photo.photo is not None
    qtbot.keyClick(focused(), Qt.Key.Key_Return)  # Enter on the last required field: Register
    qtbot.waitUntil(lambda: page.currentIndex() == 1 or not window.ctx.lane.busy)
    assert page.currentIndex() == 1, page.error.text()
    panel = page.card_panel
    assert focused() is panel.card
    assert panel.idno.text() != number and "*" in panel.idno.text()  # masked on screen
    # A keyboard-wedge reader: a burst of digits and Enter, input methods off.
    assert not panel.card.testAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled)
    type_and_enter(qtbot, "0012345678")
    settle(qtbot, window.ctx.lane)
    assert "0012345678" in panel.message.text()
    rows = search_tenants(desk, window.ctx.actor, number)
    assert len(rows) == 1 and rows[0].card_number == "0012345678"
    with read_session(desk.engine) as s:
        assert [c.status for c in cards_of_person(s, rows[0].person_id)] == ["active"]
    qtbot.keyClick(focused(), Qt.Key.Key_Escape)  # back out to a fresh form
    assert page.currentIndex() == 0 and page.form.idno.text() == ""


def test_invalid_fields_are_marked_inline(qtbot, window):
    page = open_intake(qtbot, window)
    page.form.idno.setText("440303199001011234")  # wrong check digit
    page.register()
    assert page.currentIndex() == 0
    assert not page.form.errors["idno"].isHidden()
    assert not page.form.errors["name"].isHidden()
    assert not page.form.errors["building_code"].isHidden()
    assert focused() is page.form.idno


def test_id_number_fills_birth_sex_region_as_typed(qtbot, window):
    page = open_intake(qtbot, window)
    qtbot.keyClicks(page.form.idno, idno(3, "F"))
    text = page.form.id_info.text()
    assert "1983" in text and "女" in text and "深圳" in text


def test_id_reader_fills_the_form(qtbot, window):
    page = open_intake(qtbot, window)
    page.read_id_card()
    assert page.form.idno.text() and page.form.name.text()
    assert focused() is page.form.phone


def test_camera_capture_with_space(qtbot, window, desk):
    page = open_intake(qtbot, window)
    worker = page.photo.worker
    assert worker is not None  # the page started the (synthetic) camera on show
    qtbot.waitUntil(lambda: page.photo.shot is not None and page.photo.shot.check is not None)
    page.photo.setFocus()
    qtbot.keyClick(page.photo, Qt.Key.Key_Space)
    assert page.photo.photo is not None, page.photo.message.text()
    assert page.photo.result.pixmap() is not None
    page.stop_camera()
    assert worker.isFinished()


def test_refused_photo_file_says_what_to_fix(qtbot, window):
    page = open_intake(qtbot, window)
    assert not page.photo.load_file(ASTRONAUT.parent / "chelsea.png")  # a cat: no face
    assert page.photo.photo is None
    assert page.photo.message.text()


def test_no_camera_offers_the_file(qtbot, desk, admin, building):
    from ui.main import build_window

    win = build_window(desk, admin, camera_factory=lambda: None)
    qtbot.addWidget(win)
    win.show()
    win.show_page("intake")  # an admin's window opens on 首页
    assert win.intake.photo.worker is None
    assert "从文件载入" in win.intake.photo.message.text()
    win.close()


def test_scans_are_stored_with_the_record(qtbot, window, desk):
    page = open_intake(qtbot, window)
    form = page.form
    form.idno.setText(idno(5))
    form.name.setText("李四")
    form.phone.setText("13800001111")
    form.building.select_code("B1")
    page.load_scan("id_front", ASTRONAUT)
    page.load_scan("family_planning", ASTRONAUT)
    assert page.photo.load_file(ASTRONAUT)
    page.register()
    settle(qtbot, window.ctx.lane)
    assert page.currentIndex() == 1, page.error.text()


def test_passport_needs_kind_and_country(qtbot, window):
    form = open_intake(qtbot, window).form
    form.id_kind.setCurrentIndex(form.id_kind.findData("passport"))
    assert form.country.isEnabled()
    form.idno.setText("E12345678")
    assert "国家" in form.id_info.text()  # the app's message: the country is missing
    form.country.setText("USA")
    assert "美国" in form.id_info.text()
    data = form.tenant_input({})
    assert data.id_kind == "passport" and data.country == "USA"
