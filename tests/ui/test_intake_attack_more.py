"""The intake page against the second round of a fast clerk's slips (attack notes G1, G2,
G4), typed with real keystrokes: Esc while a card waits for a busy database, an ID card
read (or a number retyped) mid-intake, digits after a complete number that moved nowhere."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.conftest import idno
from tests.ui.test_intake_attack import by_keys
from tests.ui.test_keystrokes import _intake_keys

SYNC = "rentdesk sync（命令行 / CLI）"  # the other program that writes (tests/desk_holder.py)


def qtbot_shot(name: str):
    """Screenshots of the new states, for a person to look at (not asserted)."""
    import os
    from pathlib import Path

    folder = Path(os.environ.get("RENTDESK_SHOTS", "/tmp/rentdesk-shots"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder / name



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
