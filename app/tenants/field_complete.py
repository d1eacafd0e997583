"""When a typed field is complete, so the desk may move on by itself (issue 13).

A keyboard-wedge reader ends its number with Enter; a clerk typing by hand does not need to
when the number can only be finished: an 18-character document number whose checksum is
right, or an 11-digit mainland mobile. Anything whose length is not fixed (passports, other
papers, landlines) is never complete here: the clerk says so with Enter.
"""

from __future__ import annotations

from datetime import date

from app.identity import normalise_id_text, parse_id
from app.identity.result import FOREIGN_PR, HMT_PERMIT, RESIDENT
from app.tenants.phone import is_mobile

# 18 characters with a MOD 11-2 check character: nothing more can follow a valid one.
_FIXED_LENGTH_KINDS = (RESIDENT, HMT_PERMIT, FOREIGN_PR)


def id_number_complete(text: str, kind: str | None, today: date) -> bool:
    """A complete, checksum-valid 18-character number of a kind detected from the number.

    Not for a chosen kind (passport, other papers: no fixed length), nor for 15 characters
    (an old card's number is also the first 15 digits of a new one being typed)."""
    if kind:
        return False
    if len(normalise_id_text(text)) != 18:
        return False
    parsed = parse_id(text, None, None, today=today)
    return parsed.valid and parsed.kind in _FIXED_LENGTH_KINDS and not parsed.legacy_input


def mobile_complete(text: str) -> bool:
    """An 11-digit mainland mobile number, as app.tenants.phone accepts it (full-width
    digits, spaces and brackets between groups)."""
    return is_mobile(text)
