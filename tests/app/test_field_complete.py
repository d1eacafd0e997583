"""When the intake form may move on by itself: complete, valid, fixed-length numbers only
(issue 13; the GUI side is tests/ui/test_keystrokes.py)."""

from __future__ import annotations

from datetime import date

from app.identity import make_resident_id
from app.tenants.field_complete import id_number_complete, mobile_complete

TODAY = date(2026, 3, 1)
ID = make_resident_id("440303", date(1990, 3, 7), 123, "M")


def test_a_complete_valid_18_character_number_is_complete():  # rule R6
    assert id_number_complete(ID, None, TODAY)
    assert id_number_complete(f"{ID[:6]} {ID[6:14]} {ID[14:]}", None, TODAY)  # pasted in groups
    assert id_number_complete("810000199001011230", None, TODAY)  # HMT residence permit
    assert id_number_complete("911398199012310021", None, TODAY)  # foreigner's PR, 2023 form


def test_an_unfinished_or_wrong_number_is_not():  # rule R6
    wrong_check = ID[:17] + ("0" if ID[17] != "0" else "1")
    assert not id_number_complete(wrong_check, None, TODAY)
    assert not id_number_complete(ID[:17], None, TODAY)
    assert not id_number_complete(ID + "1", None, TODAY)
    # 15 digits may be an old card's number, or a new one being typed: never complete.
    assert not id_number_complete("440303900307123", None, TODAY)
    # Passports and other papers have no fixed length: the clerk ends them with Enter.
    assert not id_number_complete(ID, "passport", TODAY)
    assert not id_number_complete(ID, "other", TODAY)


def test_only_an_11_digit_mainland_mobile_is_a_complete_phone():
    assert mobile_complete("13912345678") and mobile_complete("139 1234 5678")
    for partial in ("1391234567", "12345678901", "0755-12345678", "075512345678", "+8613912345678", ""):
        assert not mobile_complete(partial), partial
