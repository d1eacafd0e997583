"""Whose intake is it? What an ID card read (or a number typed over another) means for what
the form already holds. Rule R6: the photo and the scans must be this person's.

A photo or scan taken before the card was read belongs to whoever stood at the desk then;
the form can tell that it was this card's holder only by what identifies a person on it: the
document number, else the name. A phone number, an employer, an address identify no one.
"""

from __future__ import annotations

from enum import Enum

from app.identity import normalise_id_text


class Holder(Enum):
    SAME = "same"  # the form is this card's person: keep everything
    OTHER = "other"  # another person's intake: a new one (every field, photo and scans)
    UNKNOWN = "unknown"  # nothing on the form names anyone: keep the typing, not the pictures


def card_holder(typed_id: str, typed_name: str, card_id: str, card_name: str) -> Holder:
    """The number decides when one is typed (a name is misspelt more often than a number
    matches by chance; the card's name then replaces the typed one); else the name."""
    number = normalise_id_text(typed_id)
    if number:
        return Holder.SAME if number == normalise_id_text(card_id) else Holder.OTHER
    name = "".join(typed_name.split())
    if name:
        return Holder.SAME if name == "".join(card_name.split()) else Holder.OTHER
    return Holder.UNKNOWN
