"""The intake page against a fast clerk's slips (rentdesk attack notes H3, M6, M7, M8), typed
with real keystrokes: an extra digit after a number that moved the form on, a one-key
building query, edits while a Register waits, a new ID card read mid-intake."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.property.buildings import add_building, add_unit
from app.tenants.search import search_tenants
from tests.conftest import idno
from tests.ui.test_keystrokes import Keys, _camera_ready, _intake_keys, _nothing_registered


def by_keys(keys: Keys, text: str) -> None:
    """One key at a time, each to wherever the focus is then, as a real keyboard does
    (Keys.type sends a whole string to the widget focused at its start)."""
    for ch in text:
        keys.type(ch)


def _chosen(form) -> str:
    form.building.flush()  # the query runs once the typed burst is over
    return form.building.code()


def _two_more_buildings(desk, admin) -> None:
    add_building(desk, admin, "B2", "湖贝二号楼", "深圳市罗湖区湖贝路 2 号", 64.0, 4.0)
    add_unit(desk, admin, "B2", "201", area_m2=30.0)
    add_building(desk, admin, "C1", "晒布一号楼", "深圳市罗湖区晒布路 1 号", 64.0, 4.0)
    add_unit(desk, admin, "C1", "101", area_m2=30.0)


def _to_phone(keys: Keys, page, number: str) -> None:
    keys.type(number)
    assert keys.focused() is page.form.name
    keys.type("王小明")
    keys.press(Qt.Key.Key_Return)
    assert keys.focused() is page.form.phone


def test_a_12th_phone_digit_never_chooses_a_building(qtbot, window, desk, admin):  # rule R6
    _two_more_buildings(desk, admin)
    keys, page = _intake_keys(qtbot, window)
    form = page.form
    number = idno(90, "M")
    _to_phone(keys, page, number)
    by_keys(keys, "139123456780")  # one digit too many, typed without looking up
    assert keys.focused() is form.building.edit  # moved on after the 11th
    assert form.building.edit.text() == "" and _chosen(form) == ""  # the 12th: not here
    assert form.phone.text() == "13912345678"
    hint = form.errors["phone"]
    assert not hint.isHidden() and "“0”没有接收" in hint.text() and "核对" in hint.text()
    _camera_ready(qtbot, page)
    keys.press(Qt.Key.Key_F3)
    keys.press(Qt.Key.Key_Return)  # Enter: no building was chosen, so nothing registers
    assert keys.focused() is form.building.edit
    _nothing_registered(qtbot, window, page, desk, number)
    keys.type("b2")  # the guard ended with Enter: the clerk's own keys go in
    assert _chosen(form) == "B2"
    keys.press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.currentIndex() == 1)
    (row,) = search_tenants(desk, window.ctx.actor, number)
    assert row.building == "湖贝二号楼"


def test_a_one_key_building_query_chooses_nothing(qtbot, window, desk, admin):  # rule R6
    _two_more_buildings(desk, admin)
    keys, page = _intake_keys(qtbot, window)
    form = page.form
    number = idno(91, "M")
    _to_phone(keys, page, number)
    by_keys(keys, "13912345691")
    assert keys.focused() is form.building.edit
    keys.press(Qt.Key.Key_Return)  # habit: ends the overflow guard, stays
    keys.type("1")  # one key matches B1, B2 and C1 (their addresses): none is chosen
    form.building.flush()
    assert form.building.results.count() >= 2 and form.building.code() == ""
    _camera_ready(qtbot, page)
    keys.press(Qt.Key.Key_F3)
    keys.press(Qt.Key.Key_Return)
    assert keys.focused() is form.building.edit and "↓" in form.errors["building_code"].text()
    _nothing_registered(qtbot, window, page, desk, number)
    keys.press(Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    keys.type("hb")  # 湖贝… : the only match of a real query is chosen
    assert _chosen(form) == "B2"
    keys.press(Qt.Key.Key_Backspace)
    keys.press(Qt.Key.Key_Backspace)
    keys.type("东")
    assert _chosen(form) == ""  # one character again: nothing chosen
    keys.press(Qt.Key.Key_Down)  # the clerk picks: the first with room
    assert form.building.code() != ""
    chosen = form.building.chosen().name
    keys.press(Qt.Key.Key_Return)  # the room is preselected: registers into the chosen one
    qtbot.waitUntil(lambda: page.currentIndex() == 1)
    (row,) = search_tenants(desk, window.ctx.actor, number)
    assert row.building == chosen


def test_a_digit_after_the_id_never_lands_in_the_name(qtbot, window, desk):  # rule R6
    keys, page = _intake_keys(qtbot, window)
    form = page.form
    number = idno(92, "M")
    by_keys(keys, number + "7")
    assert keys.focused() is form.name and form.name.text() == ""
    assert form.idno.text() == number
    assert "“7”没有接收" in form.errors["idno"].text() and not form.errors["idno"].isHidden()
    keys.type("周")  # the name itself goes in, and ends the guard
    keys.type("5")  # a later digit is the clerk's own: the app refuses it in a name
    assert form.name.text() == "周5"


def test_the_guard_ends_when_the_clerk_goes_elsewhere(qtbot, window, desk, admin):
    _two_more_buildings(desk, admin)
    add_building(desk, admin, "12", "湖贝十二栋", "深圳市罗湖区湖贝路 12 号", 64.0, 4.0)
    keys, page = _intake_keys(qtbot, window)
    form = page.form
    _to_phone(keys, page, idno(93, "M"))
    by_keys(keys, "13912345693")
    assert keys.focused() is form.building.edit
    keys.press(Qt.Key.Key_Tab)  # away and back (Alt+L): what is typed now is meant
    keys.press(Qt.Key.Key_L, Qt.KeyboardModifier.AltModifier)
    assert keys.focused() is form.building.edit
    by_keys(keys, "12")
    assert form.building.edit.text() == "12" and _chosen(form) == "12"
