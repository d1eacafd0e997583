"""Keyboard-first, measured: a test that TYPES intakes and counts the keys (issue 13).

Targets: with the ID reader and camera ≤ 15 keystrokes, fully typed ≤ 35, the card ≤ 3
after the swipe. A Chinese name committed by the input method counts as one key here
(its pinyin keys depend on the clerk's IME); the wedge reader's digits and Enter are the
swipe, not the clerk's keys. A complete, valid ID number or mobile number moves on by itself
(as the wedge's Enter would), so the Enter after it is not needed — and harmless when pressed
from habit: Enter in an empty required field stays there and says what is missing.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.tenants.search import search_tenants
from tests.conftest import idno
from tests.ui.conftest import settle, type_text
from ui.devices.id_reader import IdCardData


class Keys:
    """Sends every key to the focused widget, as the keyboard would, and counts them."""

    def __init__(self, qtbot, window=None) -> None:
        self.qtbot = qtbot
        self.window = window
        self.count = 0

    def focused(self):
        """Where the keyboard goes: the focus widget, else the active window."""
        if QApplication.focusWidget() is None and self.window is not None:
            self.window.activateWindow()  # a closed dialog leaves no active window offscreen
            self.qtbot.waitUntil(self.window.isActiveWindow)
        return QApplication.focusWidget() or QApplication.activeWindow() or self.window

    def press(self, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
        self.qtbot.keyClick(self.focused(), key, modifier)
        self.count += 1

    def type(self, text: str) -> None:
        type_text(self.qtbot, self.focused(), text)
        self.count += len(text) if text.isascii() else 1

    def swipe(self, number: str) -> None:
        """A keyboard-wedge card reader: not the clerk's keys."""
        self.qtbot.keyClicks(self.focused(), number)
        self.qtbot.keyClick(self.focused(), Qt.Key.Key_Return)


def _camera_ready(qtbot, page) -> None:
    qtbot.waitUntil(lambda: page.photo.shot is not None and page.photo.shot.check is not None
                    and page.photo.shot.check.ok, timeout=10_000)


def _registered(qtbot, window, page) -> None:
    settle(qtbot, window.ctx.lane)
    qtbot.waitUntil(lambda: page.currentIndex() == 1)


def test_intakes_by_keyboard_within_the_keystroke_budget(qtbot, window, desk):  # rule R6
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    keys = Keys(qtbot)
    window.nav.setFocus()
    keys.press(Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)  # Alt+2: 登记
    page = window.intake
    assert window.stack.currentWidget() is page
    qtbot.waitUntil(lambda: keys.focused() is page.form.idno)
    _camera_ready(qtbot, page)

    # 1. Fully typed, first intake in this building: the building is typed to find.
    keys.count = 0
    keys.type(idno(70))
    assert keys.focused() is page.form.name  # a complete, valid number moves on
    keys.type("王小明")
    keys.press(Qt.Key.Key_Return)
    keys.type("13912345670")
    assert keys.focused() is page.form.building.edit  # so does a complete mobile number
    keys.type("b1")
    keys.press(Qt.Key.Key_F3)  # 拍照
    assert page.photo.photo is not None
    keys.press(Qt.Key.Key_Return)  # unit already chosen (a room with space): registers
    _registered(qtbot, window, page)
    first_typed = keys.count
    assert first_typed <= 35

    # The card: swipe, then one key to the next intake.
    assert keys.focused() is page.card_panel.card
    keys.count = 0
    keys.swipe("0000007001")
    settle(qtbot, window.ctx.lane)
    assert "0000007001" in page.card_panel.message.text()
    keys.press(Qt.Key.Key_Escape)
    assert keys.count <= 3 and page.currentIndex() == 0
    card_keys = keys.count

    # 2. ID reader + camera, same building kept from the last intake.
    # A man: for a woman of 15–49 rule R9 adds the 计生证 row (number or reason) to the path.
    window.ctx.id_reader.put(IdCardData(idno(71, "M"), "李强", "汉族", "湖南省长沙市演示路 2 号"))
    _camera_ready(qtbot, page)
    keys.count = 0
    keys.press(Qt.Key.Key_F2)  # 读身份证: number, name, ethnicity, address filled
    assert keys.focused() is page.form.phone
    keys.type("13912345671")
    keys.press(Qt.Key.Key_F3)
    keys.press(Qt.Key.Key_Return)  # the last required field: registers
    _registered(qtbot, window, page)
    reader = keys.count
    assert reader <= 15
    keys.swipe("0000007002")
    settle(qtbot, window.ctx.lane)
    keys.press(Qt.Key.Key_Escape)

    # 3. Fully typed, same building.
    _camera_ready(qtbot, page)
    keys.count = 0
    keys.type(idno(72))
    keys.type("赵建国")
    keys.press(Qt.Key.Key_Return)
    keys.type("13912345672")
    assert keys.focused() is page.form.phone  # nothing after it is empty: it stays
    keys.press(Qt.Key.Key_F3)
    keys.press(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # Ctrl+Enter
    _registered(qtbot, window, page)
    typed = keys.count
    assert typed <= 35
    for n in (70, 71, 72):
        assert len(search_tenants(desk, window.ctx.actor, idno(n))) == 1
    print(f"keystrokes: reader+camera {reader}, typed {typed}, typed in a new building "
          f"{first_typed}, card after swipe {card_keys}")


# -- the form moves on by itself; the clerk's habitual Enter stays harmless (issue 13) --------

def _intake_keys(qtbot, window) -> tuple[Keys, object]:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.show_page("intake")
    page = window.intake
    page.form.idno.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.form.idno)
    return Keys(qtbot, window), page


def _wrong_check(number: str) -> str:
    return number[:17] + ("0" if number[17] != "0" else "1")


def _nothing_registered(qtbot, window, page, desk, number: str) -> None:
    settle(qtbot, window.ctx.lane)
    assert page.currentIndex() == 0 and page.error.text() == ""  # no Register was tried
    assert search_tenants(desk, window.ctx.actor, number) == []


def test_habitual_enter_after_the_form_moved_on_is_harmless(qtbot, window, desk):  # rule R6
    keys, page = _intake_keys(qtbot, window)
    form = page.form
    number = idno(80)
    keys.press(Qt.Key.Key_Return)  # Enter in the empty ID field: stays, says what is missing
    assert keys.focused() is form.idno and not form.errors["idno"].isHidden()
    assert "请输入证件号码" in form.errors["idno"].text()
    keys.type(number)
    assert keys.focused() is form.name  # moved on by itself
    keys.press(Qt.Key.Key_Return)  # the Enter of habit, in the empty name
    assert keys.focused() is form.name and "姓名必填" in form.errors["name"].text()
    assert not form.errors["name"].isHidden()
    _nothing_registered(qtbot, window, page, desk, number)
    keys.type("钱多多")
    assert form.errors["name"].isHidden()  # the hint goes once the field is filled
    keys.press(Qt.Key.Key_Return)
    assert keys.focused() is form.phone
    keys.type("13912345680")
    assert keys.focused() is form.building.edit  # moved on by itself
    for _ in range(2):  # habit, twice: neither skips the building nor registers
        keys.press(Qt.Key.Key_Return)
        assert keys.focused() is form.building.edit
        assert "请选择楼栋" in form.errors["building_code"].text()
        _nothing_registered(qtbot, window, page, desk, number)
    keys.type("b1")
    assert form.errors["building_code"].isHidden()
    _camera_ready(qtbot, page)
    keys.press(Qt.Key.Key_F3)
    keys.press(Qt.Key.Key_Return)  # the room is chosen: this Enter registers
    _registered(qtbot, window, page)
    assert len(search_tenants(desk, window.ctx.actor, number)) == 1


def test_an_invalid_complete_id_stays_and_is_flagged(qtbot, window, desk):  # rule R6
    keys, page = _intake_keys(qtbot, window)
    form = page.form
    number = idno(81)
    keys.type(number[:17])
    assert keys.focused() is form.idno  # not finished yet
    keys.type(_wrong_check(number)[17])
    assert keys.focused() is form.idno  # 18 characters, wrong check character: stays
    assert "校验码错误" in form.id_info.text() and "#b00020" in form.id_info.styleSheet()
    keys.press(Qt.Key.Key_Backspace)
    keys.type(number[17])  # corrected: now it moves on
    assert keys.focused() is form.name and "校验码" not in form.id_info.text()
    # Passports and other papers have no fixed length: the clerk ends them with Enter.
    form.idno.setFocus()
    form.idno.clear()
    form.id_kind.setCurrentIndex(form.id_kind.findData("passport"))
    form.country.setText("USA")
    keys.type(number)
    assert keys.focused() is form.idno
    keys.press(Qt.Key.Key_Return)
    assert keys.focused() is form.sex  # the passport's own required fields come next
    _nothing_registered(qtbot, window, page, desk, number)


def test_a_pasted_number_moves_on_the_same(qtbot, window, desk):  # rule R6
    keys, page = _intake_keys(qtbot, window)
    form = page.form
    number = idno(82)
    clipboard = QApplication.clipboard()
    clipboard.setText(_wrong_check(number))
    keys.press(Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert form.idno.text() == _wrong_check(number)  # the paste arrived
    assert keys.focused() is form.idno and "校验码错误" in form.id_info.text()
    clipboard.setText(f"{number[:6]} {number[6:14]} {number[14:]}")  # copied in groups
    keys.press(Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    keys.press(Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert keys.focused() is form.name
    keys.type("孙小红")
    keys.press(Qt.Key.Key_Return)
    clipboard.setText("1391234568")  # a digit short: stays
    keys.press(Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert keys.focused() is form.phone
    keys.press(Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    clipboard.setText("13912345682")
    keys.press(Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert keys.focused() is form.building.edit
    keys.press(Qt.Key.Key_Return)  # habit: stays in the empty building field
    assert keys.focused() is form.building.edit
    _nothing_registered(qtbot, window, page, desk, number)
