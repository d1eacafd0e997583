"""The intake page against the second round of a fast clerk's slips (attack notes G1, G2,
G4), typed with real keystrokes: Esc while a card waits for a busy database, an ID card
read (or a number retyped) mid-intake, digits after a complete number that moved nowhere."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.conftest import idno
from tests.ui.conftest import ASTRONAUT
from tests.ui.test_intake_attack import by_keys
from tests.ui.test_keystrokes import _intake_keys
from ui.devices.id_reader import IdCardData

SYNC = "rentdesk sync（命令行 / CLI）"  # the other program that writes (tests/desk_holder.py)


def qtbot_shot(name: str):
    """Screenshots of the new states, for a person to look at (not asserted)."""
    import os
    from pathlib import Path

    folder = Path(os.environ.get("RENTDESK_SHOTS", "/tmp/rentdesk-shots"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder / name


# -- G1: an ID card read mid-intake is this person's, or a new intake -----------------------

def _a_begun(page, window) -> None:
    """Person A begun without the number: name, phone, employer, a photo, an ID scan."""
    form = page.form
    form.name.setText("甲某")
    form.phone.setText("13911112222")
    form.employer.setText("甲的公司")
    assert page.photo.load_file(ASTRONAUT)
    assert page.load_scan("id_front", ASTRONAUT)


def test_another_persons_card_with_no_number_typed_clears_the_form(qtbot, window, desk):
    # rule R6: the photo must be this person's
    keys, page = _intake_keys(qtbot, window)
    form = page.form
    form.building.select_code("B1")
    _a_begun(page, window)
    window.ctx.id_reader.put(IdCardData(idno(95, "M"), "乙某", "汉族", "广东省深圳市演示路 1 号"))
    form.phone.setFocus()
    keys.press(Qt.Key.Key_F2)
    assert (form.idno.text(), form.name.text()) == (idno(95, "M"), "乙某")
    assert form.phone.text() == "" and form.employer.text() == ""
    assert page.photo.photo is None and page.scans == {}
    assert page.scan_labels["id_front"].text() == "未载入"
    assert "已清除" in page.error.text()
    assert form.building.code() == "B1"  # the place stays
    window.grab().save(str(qtbot_shot("g1-another-card.png")))
    keys.type("13912345695")  # B's phone; Enter now would register B with no photo, never A's
    assert form.phone.text() == "13912345695" and page.photo.photo is None


def test_a_card_read_after_only_the_phone_keeps_it_but_not_an_earlier_photo(qtbot, window,
                                                                           desk):  # rule R6
    keys, page = _intake_keys(qtbot, window)
    form = page.form
    form.phone.setText("13912345603")  # the tenant said the phone first
    assert page.photo.load_file(ASTRONAUT)  # a photo and a scan before the card was read
    assert page.load_scan("id_front", ASTRONAUT)
    window.ctx.id_reader.put(IdCardData(idno(89, "M"), "先说电话"))
    keys.press(Qt.Key.Key_F2)
    assert form.phone.text() == "13912345603" and form.idno.text() == idno(89, "M")
    assert page.photo.photo is None and page.scans == {}  # whose they were, nobody can say
    assert "照片" in page.error.text() and "已清除" in page.error.text()


def test_a_card_read_after_its_own_name_keeps_the_photo(qtbot, window, desk):  # rule R6
    keys, page = _intake_keys(qtbot, window)
    form = page.form
    form.name.setText("丙某")
    form.phone.setText("13912345604")
    assert page.photo.load_file(ASTRONAUT)
    window.ctx.id_reader.put(IdCardData(idno(88, "M"), "丙某"))
    keys.press(Qt.Key.Key_F2)
    assert form.phone.text() == "13912345604" and page.photo.photo is not None
    assert "已清除" not in page.error.text()


def test_a_number_typed_over_another_clears_the_photo_and_scans(qtbot, window, desk):
    # rule R6: the photo and scans belonged to the previous number
    keys, page = _intake_keys(qtbot, window)
    form = page.form
    by_keys(keys, idno(94, "M"))
    assert keys.focused() is form.name
    keys.type("甲某")
    assert page.photo.load_file(ASTRONAUT)
    assert page.load_scan("id_front", ASTRONAUT)
    form.idno.setFocus()
    keys.press(Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    by_keys(keys, idno(96, "M"))  # B's number over A's
    assert form.idno.text() == idno(96, "M")
    assert page.photo.photo is None and page.scans == {}
    assert "号码" in page.error.text() and "已清除" in page.error.text()
    window.grab().save(str(qtbot_shot("g1-number-replaced.png")))


def test_a_first_number_typed_keeps_the_photo(qtbot, window, desk):  # rule R6
    keys, page = _intake_keys(qtbot, window)
    form = page.form
    assert page.photo.load_file(ASTRONAUT)  # photo first, then the number: the same person
    by_keys(keys, idno(93, "M"))
    assert keys.focused() is form.name and page.photo.photo is not None
    assert page.error.text() == ""


# -- G2: digits after a complete number that had nowhere to go -------------------------------

def test_extra_phone_digits_are_swallowed_when_the_focus_stays(qtbot, window, desk):  # rule R6
    keys, page = _intake_keys(qtbot, window)
    form = page.form
    form.building.select_code("B1")  # kept from the last tenant (a family)
    by_keys(keys, idno(97, "M"))
    keys.type("王五")
    keys.press(Qt.Key.Key_Return)
    assert keys.focused() is form.phone
    by_keys(keys, "1391234569712")
    assert keys.focused() is form.phone  # nothing after it is empty: it stays
    assert form.phone.text() == "13912345697"
    hint = form.errors["phone"]
    assert not hint.isHidden() and "“12”没有接收" in hint.text()
    window.grab().save(str(qtbot_shot("g2-phone-overflow-kept-place.png")))
    keys.press(Qt.Key.Key_Backspace)  # the clerk's own correction goes in
    assert form.phone.text() == "1391234569"


def test_extra_id_characters_are_swallowed_when_the_focus_stays(qtbot, window, desk):
    keys, page = _intake_keys(qtbot, window)
    form = page.form
    form.building.select_code("B1")
    form.name.setText("王六")
    form.phone.setText("13912345698")
    by_keys(keys, idno(98, "M") + "7")
    assert keys.focused() is form.idno and form.idno.text() == idno(98, "M")
    assert "“7”没有接收" in form.errors["idno"].text() and not form.errors["idno"].isHidden()
