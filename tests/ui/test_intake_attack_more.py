"""The intake page against the second round of a fast clerk's slips (attack notes G1, G2,
G4), typed with real keystrokes: Esc while a card waits for a busy database, an ID card
read (or a number retyped) mid-intake, digits after a complete number that moved nowhere."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.tenants.cards import issue_card
from app.tenants.search import search_tenants
from tests.conftest import idno, register
from tests.ui.conftest import ASTRONAUT, settle
from tests.ui.test_intake_attack import by_keys
from tests.ui.test_keystrokes import Keys, _camera_ready, _intake_keys
from ui.devices.id_reader import IdCardData

SYNC = "rentdesk sync（命令行 / CLI）"  # the other program that writes (tests/desk_holder.py)


# -- G4: the card's answer is always seen ---------------------------------------------------

def _to_card_step(qtbot, window, n: int) -> tuple[Keys, object]:
    keys, page = _intake_keys(qtbot, window)
    _camera_ready(qtbot, page)
    keys.type(idno(n))
    keys.type("钱某")
    keys.press(Qt.Key.Key_Return)
    keys.type(f"13912345{n:03d}")
    keys.type("b1")
    keys.press(Qt.Key.Key_F3)
    keys.press(Qt.Key.Key_Return)
    settle(qtbot, window.ctx.lane)
    qtbot.waitUntil(lambda: page.currentIndex() == 1)
    assert keys.focused() is page.card_panel.card
    return keys, page


def _swipe_then_esc_while_busy(qtbot, window, keys: Keys, holder, number: str) -> None:
    """The clerk guide's rhythm (swipe, one Esc) while another program holds the database."""
    sync = holder(SYNC, write=True)
    try:
        keys.swipe(number)  # the write waits for the other program
        qtbot.waitUntil(window.busy_label.isVisible, timeout=10_000)
        keys.press(Qt.Key.Key_Escape)  # next tenant, at once
        page = window.intake
        assert page.currentIndex() == 1  # not before the card's answer
        assert page.wait_note.isVisible() and "正在发卡" in page.wait_note.text()
    finally:
        sync.stop()
    settle(qtbot, window.ctx.lane)


def test_a_card_refused_after_esc_is_seen(qtbot, window, desk, admin, holder,
                                          photo_jpeg):  # rule R6
    register(desk, admin, 301, photo=photo_jpeg)
    issue_card(desk, admin, idno(301), "0000009999")  # someone already holds this card
    keys, page = _to_card_step(qtbot, window, 302)
    _swipe_then_esc_while_busy(qtbot, window, keys, holder, "0000009999")
    panel = page.card_panel
    assert page.currentIndex() == 1  # refused: still the card step, the answer on screen
    assert "0000009999" in panel.message.text() and "正在使用" in panel.message.text()
    assert panel.message.isVisible() and not page.wait_note.isVisible()
    assert keys.focused() is panel.card  # the next swipe goes where it belongs
    (row,) = search_tenants(desk, window.ctx.actor, idno(302))
    assert row.card_number in (None, "")
    _shot(window, "g4-refused-after-esc.png")
    keys.swipe("0000009998")  # another card: issued, then the one Esc
    settle(qtbot, window.ctx.lane)
    assert "已发卡" in panel.message.text()
    keys.press(Qt.Key.Key_Escape)
    assert page.currentIndex() == 0 and keys.focused() is page.form.idno


def test_a_card_issued_after_esc_moves_on_and_says_so(qtbot, window, desk, holder):  # rule R6
    keys, page = _to_card_step(qtbot, window, 303)
    _swipe_then_esc_while_busy(qtbot, window, keys, holder, "0000009997")
    # issued: the Esc is carried out, and the fresh intake says which card the last one got
    assert page.currentIndex() == 0 and keys.focused() is page.form.idno
    assert "0000009997" in page.error.text() and "已发卡" in page.error.text()
    assert page.error.isVisible()
    (row,) = search_tenants(desk, window.ctx.actor, idno(303))
    assert row.card_number == "0000009997"
    _shot(window, "g4-issued-after-esc.png")


def _shot(window, name: str) -> None:
    """Screenshots of the new states for a person to look at (not asserted), only when
    RENTDESK_SHOTS names a folder: a test run writes nothing outside its own temp dir."""
    import os
    from pathlib import Path

    if folder := os.environ.get("RENTDESK_SHOTS"):
        Path(folder).mkdir(parents=True, exist_ok=True)
        window.grab().save(str(Path(folder) / name))


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
    _shot(window, "g1-another-card.png")
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
    assert "已从文件载入" not in page.photo.message.text()  # nor said to be there still
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
    _shot(window, "g1-number-replaced.png")


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
    _shot(window, "g2-phone-overflow-kept-place.png")
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
