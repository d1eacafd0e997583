"""Type to find a building anywhere a clerk picks one: by code, name, address or the
pinyin initials of name or address (东门一号楼 → dmyhl), served from the database as the
clerk types, at district size (11,500 buildings).

The code and the initials are matched by prefix on their indexes; name and address by
substring. Rooms with space come first, so the desk never offers a full room first (R5).
"""

from __future__ import annotations

import unicodedata

from sqlalchemy import case, or_
from sqlmodel import select

from app.desk.context import Desk
from app.property.buildings import (
    BuildingSummary,
    UnitSummary,
    building_summaries,
    list_units,
)
from db.engine import read_session
from db.find_key import find_key as search_key  # noqa: F401 - the key, for ui/bench
from db.models import Building

FIND_LIMIT = 20  # a page of matches: more is typing one more character
MAX_QUERY = 40
# A query shorter than this means nothing by itself: one digit or letter matches hundreds of
# buildings, and is as likely a stray key as a choice (rentdesk attack note H3).
MEANINGFUL_QUERY = 2


def _like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def clean_query(text: str) -> str:
    """What a finder query really says: control characters (NUL ends a SQLite pattern
    early), invisible format characters (U+200F, the bidi overrides U+202A–U+202E and
    U+2066–U+2069 that app.data.text_input refuses in stored text) and surplus spaces dropped;
    bounded before it is read. Empty when nothing visible was typed."""
    return " ".join("".join(ch for ch in text[:4 * MAX_QUERY]
                            if unicodedata.category(ch) not in ("Cc", "Cf")).split())[:MAX_QUERY]


def find_buildings(desk: Desk, text: str, limit: int = FIND_LIMIT) -> list[BuildingSummary]:
    """The buildings matching what was typed, best first (exact code, code prefix, initials
    prefix, then name/address); an empty text lists the first by code. Text that is only
    invisible characters is no query at all: it matches nothing (it must never look like
    an empty field that lists, and preselects, every building)."""
    q = clean_query(text)
    if text and not q:
        return []
    limit = max(1, min(limit, 200))
    with read_session(desk.engine) as s:
        stmt = select(Building)
        if q:
            esc = _like(q)
            lower = esc.lower()
            prefix = Building.code.like(f"{esc}%", escape="\\")
            initials = (Building.find_key.like(f"{lower}%", escape="\\")
                        | Building.find_key.like(f"% {lower}%", escape="\\"))
            stmt = stmt.where(or_(prefix, initials, Building.name.like(f"%{esc}%", escape="\\"),
                                  Building.address.like(f"%{esc}%", escape="\\"),
                                  Building.find_key.like(f"%{lower}%", escape="\\")))
            rank = case((Building.code == q, 0), (prefix, 1), (initials, 2),
                        (Building.name.like(f"{esc}%", escape="\\"), 3), else_=4)
            stmt = stmt.order_by(rank, Building.code)
        else:
            stmt = stmt.order_by(Building.code)
        return building_summaries(s, list(s.exec(stmt.limit(limit))))


def preselect(text: str, found: list[BuildingSummary]) -> int:
    """Which of `found` (the matches of `text`) a finder may choose by itself, or -1: the
    building whose code was typed in full, else the only match. Never on a query shorter
    than MEANINGFUL_QUERY: a 12th digit of a mobile number, typed by a fast clerk after the
    form had moved on, once chose the first building, and Enter registered the tenant
    there. With several matches the clerk picks one (↓/↑); Enter never registers into a
    building nobody chose."""
    q = clean_query(text).casefold()
    if len(q) < MEANINGFUL_QUERY:
        return -1
    exact = [i for i, b in enumerate(found) if b.code.casefold() == q]
    if exact:
        return exact[0]
    return 0 if len(found) == 1 else -1


def units_with_space_first(desk: Desk, building_id: str) -> list[UnitSummary]:
    """The building's rooms, those a card can still be issued in first (rule R5)."""
    units = list_units(desk, building_id)
    return sorted(units, key=lambda u: (u.free is not None and u.free <= 0, u.number))
