"""One search box: ID number, name, phone, card number or unit — fetched a page at a time.

Every branch is an index lookup or range scan, so a search costs the same with 600,000
tenants as with 600: nothing loads the whole table.

No oracle: the screen masks the middle of ID numbers and phones, so a search must never
answer a question about those hidden digits. Document numbers and phones are found only by
the whole number, or by the name together with the last four characters (which the mask
shows anyway); a prefix of a number finds nothing. Every search needs an account and is
audited with its kind and a keyed hash of the term (app.staff.read_audit, rule R10).
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import text

from app.desk.context import Desk
from app.desk.errors import Refused
from app.identity import mask_id, normalise_id_text
from app.staff.audit import Actor
from app.staff.read_audit import check_miss_budget, check_reader, log_read
from app.tenants.cards import normalise_card_number
from app.tenants.number_lookup import complete_number
from app.tenants.phone import normalise_phone, phone_problem
from app.tenants.privacy import mask_phone
from db.engine import read_session

_TOP = "\U0010ffff"


@dataclass(frozen=True)
class TenantRow:
    person_id: str
    tenancy_id: str | None
    name: str
    idno_masked: str
    phone_masked: str
    building: str
    unit: str
    card_number: str
    living: bool
    collected_at: datetime | None


_ID_BRANCH = "SELECT person_id AS pid FROM id_document WHERE number = :number"
_PHONE_BRANCH = "SELECT id AS pid FROM person WHERE phone = :phone ORDER BY id"
# the name in full plus the last four characters of the document or the phone: both are on
# screen already (the mask keeps the last four), so this reveals no hidden digit
_NAME_TAIL_BRANCH = ("SELECT p.id AS pid FROM person p WHERE p.name = :name AND "
                     "(substr(p.phone, -4) = :tail OR EXISTS (SELECT 1 FROM id_document d "
                     "WHERE d.person_id = p.id AND substr(d.number, -4) = :tail)) ORDER BY p.id")
TAIL = 4
MAX_PAGE = 500  # one call never dumps the register; page on for more
_NAME_BRANCH = "SELECT id AS pid FROM person WHERE name >= :lo AND name < :hi ORDER BY name"
_CARD_BRANCH = ("SELECT person_id AS pid FROM card WHERE number = :card "
                "ORDER BY status = 'active' DESC, issued_at DESC")
_UNIT_BRANCH = ("SELECT t.person_id AS pid FROM tenancy t JOIN unit u ON u.id = t.unit_id "
                "JOIN building b ON b.id = u.building_id WHERE b.code = :bcode AND "
                "u.number >= :ulo AND u.number < :uhi "
                "ORDER BY t.moved_out_at IS NOT NULL, u.number, t.collected_at DESC")

_DETAILS = """
SELECT p.id, p.name, p.phone,
       (SELECT number FROM id_document WHERE person_id = p.id LIMIT 1) AS idno,
       t.id AS tid, t.moved_out_at, t.collected_at, u.number AS unit, b.name AS building,
       (SELECT number FROM card WHERE person_id = p.id AND status = 'active') AS card
FROM person p
LEFT JOIN tenancy t ON t.id = (SELECT id FROM tenancy WHERE person_id = p.id
                               ORDER BY moved_out_at IS NOT NULL, collected_at DESC LIMIT 1)
LEFT JOIN unit u ON u.id = t.unit_id
LEFT JOIN building b ON b.id = u.building_id
WHERE p.id IN ({ids})
"""


def _branches(query: str) -> list[tuple[str, tuple[str, dict]]]:
    q = query.strip()
    if not q:
        return []
    compact = normalise_id_text(q)
    branches: list[tuple[str, tuple[str, dict]]] = []
    tail = re.fullmatch(rf"(\S+?)\s*([0-9]{{{TAIL}}}|[0-9]{{{TAIL - 1}}}X)", q.upper())
    if tail and not tail.group(1).isascii():
        # rule R10 / no oracle: exactly the last four, never more (more would read masked digits)
        return [("name_tail", (_NAME_TAIL_BRANCH, {"name": q[:tail.end(1)], "tail": tail.group(2)}))]
    if re.fullmatch(r"[0-9A-Za-z]{1,12}[\s\-/#]+[0-9A-Za-z\-]+", q):
        bcode, unit = re.split(r"[\s\-/#]+", q, maxsplit=1)
        branches.append(("unit", (_UNIT_BRANCH, {"bcode": bcode, "ulo": unit, "uhi": unit + _TOP})))
    if re.fullmatch(r"[0-9]{10}|[0-9A-F]{8}", compact):
        with contextlib.suppress(Refused):
            branches.append(("card", (_CARD_BRANCH, {"card": normalise_card_number(compact)})))
    if phone_problem(q) is None:  # a whole mobile or landline, in its stored form
        branches.append(("phone", (_PHONE_BRANCH, {"phone": normalise_phone(q)})))
    if re.fullmatch(r"[A-Z0-9]{5,20}", compact) and any(c.isdigit() for c in compact):
        branches.append(("id", (_ID_BRANCH, {"number": compact})))
    if not branches and not any(c.isdigit() for c in q) or not q.isascii():
        branches.append(("name", (_NAME_BRANCH, {"lo": q, "hi": q + _TOP})))
    return branches


def search_tenants(desk: Desk, actor: Actor | None, query: str, limit: int = 50,
                   offset: int = 0) -> list[TenantRow]:
    """A page of tenants matching `query`; ID numbers and phones masked; audited (R10)."""
    limit = max(1, min(int(limit), MAX_PAGE))
    offset = max(0, int(offset))
    tagged = _branches(query)
    actor = check_reader(actor)
    if not tagged:
        return []  # nothing to read (a half-typed number finds nothing)
    kind = "+".join(dict.fromkeys(k for k, _ in tagged))
    by_number = any(k in ("id", "phone") for k, _ in tagged)
    if by_number:
        check_miss_budget(desk, actor)
    rows = _search(desk, [b for _, b in tagged], limit, offset)
    # rule R10: who looked, for what kind, a keyed hash of the term; a whole-number miss
    # counts against the account's hourly budget (no oracle by brute force)
    log_read(desk, actor, kind, query, offset=offset, limit=limit, found=len(rows),
             miss=by_number and not rows and offset == 0 and complete_number(query))
    return rows


def _search(desk: Desk, branches: list[tuple[str, dict]], limit: int,
            offset: int) -> list[TenantRow]:
    if not branches:
        return []
    with read_session(desk.engine) as s:
        conn = s.connection()
        ids: list[str] = []
        if len(branches) == 1:
            sql, params = branches[0]
            rows = conn.execute(text(f"{sql} LIMIT :lim OFFSET :off"),
                                {**params, "lim": limit, "off": offset})
            ids = list(dict.fromkeys(r[0] for r in rows))
        else:
            seen: dict[str, None] = {}
            for sql, params in branches:
                for r in conn.execute(text(f"{sql} LIMIT :lim"), {**params, "lim": offset + limit}):
                    seen.setdefault(r[0], None)
            ids = list(seen)[offset:offset + limit]
        if not ids:
            return []
        marks = ",".join(f":i{n}" for n in range(len(ids)))
        details = conn.execute(text(_DETAILS.format(ids=marks)),
                               {f"i{n}": pid for n, pid in enumerate(ids)}).mappings().all()
    by_id = {d["id"]: d for d in details}
    return [_row(by_id[pid]) for pid in ids if pid in by_id]


def _row(d) -> TenantRow:
    collected = d["collected_at"]
    if isinstance(collected, str):
        collected = datetime.fromisoformat(collected).replace(tzinfo=UTC)
    return TenantRow(d["id"], d["tid"], d["name"], mask_id(d["idno"] or ""),
                     mask_phone(d["phone"]), d["building"] or "", d["unit"] or "",
                     d["card"] or "", d["tid"] is not None and d["moved_out_at"] is None, collected)
