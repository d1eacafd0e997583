"""Clean what the clerk typed or pasted before it is parsed or stored."""

from __future__ import annotations

import re

# Full-width ASCII (U+FF01-U+FF5E) comes from Chinese input methods; it maps onto ASCII by a
# fixed offset. Only ASCII letters are upper-cased: str.upper() would turn 'ß' into 'SS' and
# let a non-ASCII letter pass as a passport character.
_FULLWIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_LOWER = {code: code - 32 for code in range(ord("a"), ord("z") + 1)}
_FULLWIDTH_LOWER = {code: target - 32 for code, target in _FULLWIDTH.items() if 97 <= target <= 122}
# Separators people type or paste between groups of digits: spaces of every kind, hyphens
# and dashes, the ideographic space, and the invisible marks copy-paste brings along.
_HYPHENS = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d"
_INVISIBLES = "\u3000\u200b\u200c\u200d\u2060\ufeff\u00ad"
_SEPARATORS = dict.fromkeys(map(ord, _HYPHENS + _INVISIBLES))
_TABLE = str.maketrans({**_FULLWIDTH, **_LOWER, **_FULLWIDTH_LOWER, **_SEPARATORS})
_WHITESPACE = re.compile(r"\s+")


def normalise_id_text(text: str) -> str:
    """Remove spaces and hyphens, turn full-width characters into ASCII, upper-case letters.

    '４４０３０３ １９９００１０１-１２３ｘ' -> '44030319900101123X'
    """
    return _WHITESPACE.sub("", (text or "").translate(_TABLE))


def mask_id(number: str) -> str:
    """Hide the middle of a number for lists and logs: '440303********1234'.

    18- and 15-character numbers keep the first 6 (region) and last 4 characters; shorter
    numbers such as passports keep less, so that at least half is always hidden.
    """
    text = normalise_id_text(number)
    length = len(text)
    if length >= 15:
        head, tail = 6, 4
    elif length >= 8:
        head, tail = 2, 2
    elif length >= 5:
        head, tail = 1, 1
    else:
        head, tail = 0, 0
    return text[:head] + "*" * (length - head - tail) + text[length - tail :]
