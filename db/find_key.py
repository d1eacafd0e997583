"""The building search key: pinyin initials of name and address (东门一号楼 → dmyhl).

Computed at write time, so typing `dmy` finds 东门一号楼 with an indexed prefix scan
instead of converting 11,500 names on every keystroke. Letters and digits only, lower case;
name and address are separated by a space so a match never spans the two.
"""

from __future__ import annotations

from pypinyin import Style, lazy_pinyin

MAX_KEY = 120


def _initials(text: str | None) -> str:
    if not text:
        return ""
    letters = lazy_pinyin(text[:200], style=Style.FIRST_LETTER, errors="default", strict=False)
    return "".join(ch for part in letters for ch in part.lower() if ch.isascii() and ch.isalnum())


def find_key(name: str | None, address: str | None) -> str:
    return f"{_initials(name)} {_initials(address)}"[:MAX_KEY]
