"""The intake page against a fast clerk's slips (rentdesk attack notes H3, M6, M7, M8), typed
with real keystrokes: an extra digit after a number that moved the form on, a one-key
building query, edits while a Register waits, a new ID card read mid-intake."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.property.buildings import add_building, add_unit
from app.tenants.search import search_tenants
from tests.conftest import idno
from tests.ui.conftest import settle
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


# -- M8: a new intake starts from a clean form --------------------------------------------

def _state(form) -> dict[str, object]:
    """Every input of the form, found by type (a field added later is checked too), but
    the place: a family registers one after another in the same building and room."""
    from PySide6.QtWidgets import QComboBox, QDateEdit, QLineEdit

    place = (form.building.edit, form.unit)
    state: dict[str, object] = {}
    for n, w in enumerate(form.findChildren(QLineEdit)):
        if w not in place and not isinstance(w.parent(), QComboBox | QDateEdit):
            state[f"edit{n}:{w.placeholderText()}"] = (w.text(), w.isEnabled())
    for n, w in enumerate(form.findChildren(QComboBox)):
        if w not in place:
            state[f"combo{n}"] = (w.currentIndex(), w.currentText(), w.isEnabled())
    for n, w in enumerate(form.findChildren(QDateEdit)):
        state[f"date{n}"] = w.date()
    state["papers shown"] = form.boxes["sex"].isVisibleTo(form)
    state["errors"] = [k for k, label in form.errors.items() if not label.isHidden()]
    return state


def _fill_everything(qtbot, page, number: str) -> None:
    from PySide6.QtCore import QDate

    from tests.ui.conftest import ASTRONAUT

    form = page.form
    form.idno.setText(number)
    form.name.setText("前一位")
    form.phone.setText("13912345601")
    form.ethnicity.setCurrentText("回族")
    for edit, text in ((form.household_address, "湖南省长沙市演示路 9 号"),
                       (form.employer, "某某公司"), (form.occupation, "厨师"),
                       (form.fp_cert, "粤深计字第 00001 号")):
        edit.setText(text)
    form.arrival.setDate(QDate(2026, 1, 2))
    for combo in (form.stay_reason, form.marital, form.education):
        combo.setCurrentIndex(2)
    form.building.select_code("B1")
    assert page.photo.load_file(ASTRONAUT)
    assert page.load_scan("id_front", ASTRONAUT)


def test_a_new_id_card_mid_intake_starts_a_clean_form(qtbot, window, desk):  # rule R6
    from ui.devices.id_reader import IdCardData

    keys, page = _intake_keys(qtbot, window)
    form = page.form
    fresh = _state(form)
    _fill_everything(qtbot, page, idno(94, "F"))
    form.phone.setFocus()
    window.ctx.id_reader.put(IdCardData(idno(95, "M"), "后一位", "汉族", "广东省深圳市演示路 1 号"))
    keys.press(Qt.Key.Key_F2)  # the next person's card, mid-intake
    assert (form.idno.text(), form.name.text()) == (idno(95, "M"), "后一位")
    assert form.household_address.text() == "广东省深圳市演示路 1 号"
    form.idno.setText("")
    form.name.setText("")
    form.household_address.setText("")
    assert _state(form) == fresh  # nothing of the previous person is left
    assert form.building.code() == "B1"  # the place stays
    assert page.photo.photo is None and page.scans == {}
    assert page.scan_labels["id_front"].text() == "未载入"
    assert "已清除" in page.error.text()  # the clerk is told why the photo is gone


def test_a_new_id_card_after_a_passport_holder_clears_the_papers(qtbot, window, desk):
    from PySide6.QtCore import QDate

    from ui.devices.id_reader import IdCardData

    keys, page = _intake_keys(qtbot, window)
    form = page.form
    fresh = _state(form)
    form.id_kind.setCurrentIndex(form.id_kind.findData("passport"))
    form.country.setText("USA")
    form.idno.setText("E12345678")
    form.nationality.setText("USA")
    form.sex.setCurrentIndex(form.sex.findData("F"))
    form.birth.setDate(QDate(1990, 5, 6))
    form.phone.setText("13912345602")
    window.ctx.id_reader.put(IdCardData(idno(96, "M"), "读卡人"))
    keys.press(Qt.Key.Key_F2)
    assert form.id_kind.currentData() in (None, "") and form.idno.text() == idno(96, "M")
    form.idno.setText("")
    form.name.setText("")
    assert _state(form) == fresh


def test_the_next_intake_after_the_card_starts_a_clean_form(qtbot, window, desk):  # rule R6
    keys, page = _intake_keys(qtbot, window)
    form = page.form
    fresh = _state(form)
    _fill_everything(qtbot, page, idno(97, "M"))
    form.fp_cert.clear()  # a man: no certificate asked
    page.register()
    qtbot.waitUntil(lambda: page.currentIndex() == 1)
    keys.press(Qt.Key.Key_Escape)  # 完成，登记下一位
    assert page.currentIndex() == 0
    assert _state(form) == fresh and form.building.code() == "B1"
    assert page.photo.photo is None and page.scans == {}


# -- M7: a Register waiting for a busy database ---------------------------------------------

def test_the_form_is_read_only_while_a_register_waits(qtbot, window, desk, holder):  # rule R6
    keys, page = _intake_keys(qtbot, window)
    form = page.form
    number = idno(98, "M")
    _to_phone(keys, page, number)
    by_keys(keys, "13912345698")
    keys.type("b1")
    _camera_ready(qtbot, page)
    keys.press(Qt.Key.Key_F3)
    form.name.setFocus()  # the clerk is back in the name, to correct it
    sync = holder("rentdesk sync（命令行 / CLI）", write=True)
    try:
        keys.press(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # Register: waits
        qtbot.waitUntil(window.busy_label.isVisible, timeout=10_000)
        keys.type("abc")  # edits while it waits: the form takes none of them, and says so
        keys.press(Qt.Key.Key_Backspace)
        assert form.name.text() == "王小明" and not form.isEnabled()
        assert page.pending_note.isVisible() and "不能修改" in page.pending_note.text()
        assert not page.photo.isEnabled() and not page.read_button.isEnabled()
        keys.press(Qt.Key.Key_F2)  # nor does a card read overwrite the form meanwhile
        assert form.idno.text() == number
        assert window.stack.currentWidget() is page  # the keys went nowhere else either
    finally:
        sync.stop()
    qtbot.waitUntil(lambda: not window.ctx.lane.busy, timeout=30_000)
    qtbot.waitUntil(lambda: page.currentIndex() == 1)
    (row,) = search_tenants(desk, window.ctx.actor, number)
    assert row.name == form.name.text() == "王小明"  # what was on screen is what was saved
    assert form.isEnabled() and page.photo.isEnabled() and not page.pending_note.isVisible()


def test_the_form_says_it_is_read_only_while_registering(qtbot, window, desk):
    keys, page = _intake_keys(qtbot, window)
    page.form.idno.setText(idno(99, "M"))
    page.form.name.setText("冯九")
    page.form.phone.setText("13912345699")
    page.form.building.select_code("B1")
    page.register()  # the write starts when control returns to the event loop
    assert not page.form.isEnabled() and "不能修改" in page.error.text()
    settle(qtbot, window.ctx.lane)
    qtbot.waitUntil(lambda: page.currentIndex() == 1)
    assert page.form.isEnabled() and "不能修改" not in page.error.text()


def test_the_first_card_of_an_intake_keeps_what_was_typed_for_it(qtbot, window, desk):
    from PySide6.QtCore import QDate

    from ui.devices.id_reader import IdCardData

    keys, page = _intake_keys(qtbot, window)
    form = page.form
    _camera_ready(qtbot, page)
    form.phone.setText("13912345603")  # the tenant said the phone first
    form.id_kind.setCurrentIndex(form.id_kind.findData("passport"))  # then showed a card
    form.nationality.setText("USA")
    form.birth.setDate(QDate(1990, 5, 6))
    window.ctx.id_reader.put(IdCardData(idno(89, "M"), "先说电话"))
    keys.press(Qt.Key.Key_F2)
    assert form.phone.text() == "13912345603" and form.idno.text() == idno(89, "M")
    assert form.id_kind.currentData() in (None, "") and form.nationality.text() == ""
    assert form.birth.date() == form.birth.minimumDate()
    assert page.photo.shot is not None  # the live picture stays: F3 takes this person's photo
    keys.press(Qt.Key.Key_F3)
    assert page.photo.photo is not None


# -- every reason on the Chinese intake screen is Chinese ----------------------------------

BAD_IDS = ["12345", "4403031990010112", "44030319900101123", "44030319900101123Y",
           "ABCDEFGHIJKLMNOPQR", "990303199001011234", "440303299001011234",
           "440303190001011234", "4403031990130112341", "440303900101123"]


def test_every_reason_on_the_intake_screen_is_chinese(qtbot, window, tmp_path):
    import re

    from PySide6.QtCore import QDate
    from PySide6.QtWidgets import QLabel

    keys, page = _intake_keys(qtbot, window)
    form = page.form
    cjk = re.compile(r"[\u4e00-\u9fff]")
    junk = tmp_path / "scan.jpg"
    junk.write_bytes(b"%PDF-1.7 not an image")

    def reasons() -> list[str]:
        return [label.text() for label in page.findChildren(QLabel)
                if label.isVisibleTo(page) and label.text().strip()
                and label.pixmap().isNull() and re.search(r"[A-Za-z]{3}", label.text())
                and not re.fullmatch(r"[\s\dA-Z.:/\-—…*%()（）]+", label.text())]

    def english_only() -> list[str]:
        return [t for t in reasons() if not cjk.search(t)]

    found: list[str] = []
    page.load_scan("id_front", junk)
    page.photo.load_file(junk)
    for number in BAD_IDS:
        form.idno.setText(number)
        found += english_only()
    for kind, country, number in (("passport", "ZZZ", "E1234"), ("passport", "", "E12345678"),
                                  ("other", "USA", "#"), ("passport", "usa", "E12345678")):
        form.id_kind.setCurrentIndex(form.id_kind.findData(kind))
        form.country.setText(country)
        form.idno.setText(number)
        form.nationality.setText("XX")
        form.birth.setDate(QDate(2999, 1, 1) if number == "#" else form.birth.minimumDate())
        page.register()
        found += english_only()
    form.clear()
    form.idno.setText(idno(88, "F"))
    form.name.setText("\u200b")
    form.phone.setText("+1 555 0100")
    form.fp_cert.setText("\u202e")
    form.arrival.setDate(QDate(2999, 1, 1))
    page.register()
    found += english_only()
    assert found == []


# -- a second swipe while the first card is on its way --------------------------------------

def test_a_second_swipe_while_the_first_is_processed_is_told(qtbot, window, desk, holder):
    from app.supervision.desk_status import active_card_count

    keys, page = _intake_keys(qtbot, window)
    form = page.form
    form.idno.setText(idno(87, "M"))
    form.name.setText("褚八七")
    form.phone.setText("13912345687")
    form.building.select_code("B1")
    _camera_ready(qtbot, page)
    keys.press(Qt.Key.Key_F3)
    page.register()
    qtbot.waitUntil(lambda: page.currentIndex() == 1)
    panel = page.card_panel
    assert keys.focused() is panel.card
    sync = holder("rentdesk sync（命令行 / CLI）", write=True)
    try:
        keys.swipe("0000008701")  # the write waits for the other program
        qtbot.waitUntil(window.busy_label.isVisible, timeout=10_000)
        keys.swipe("0000008702")  # impatience: a second card
        assert "0000008702" in panel.notice.text() and "没有接收" in panel.notice.text()
        assert not panel.notice.isHidden()
    finally:
        sync.stop()
    settle(qtbot, window.ctx.lane)
    assert "0000008701" in panel.message.text() and "已发卡" in panel.message.text()
    assert "0000008702" in panel.notice.text()  # still said after the first card's answer
    assert active_card_count(desk) == 1
