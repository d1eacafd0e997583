"""Lookups by a whole document number count against the miss budget (issue 12).

Search already refused an account that kept trying numbers that find nothing. The other ways
in — `card … --idno`, `moveout --idno`, `permit status --idno` — answered "no such tenant"
just as well, so they were an oracle without a budget. Each now checks the budget first and,
when the number finds nobody, logs the miss (a keyed hash, never the number) the same way.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from app.desk.context import Desk
from app.desk.errors import NotFound
from app.identity import normalise_id_text, parse_id
from app.staff.audit import Actor
from app.staff.read_audit import check_miss_budget, log_read
from app.tenants.phone import phone_problem


def complete_number(query: str) -> bool:
    """A number a guesser would try: a whole phone, a valid ID, or a long other document.
    Search-as-you-type runs on every keystroke; the half-typed prefixes of a resident ID
    are not whole numbers and must not use up the clerk's budget."""
    if phone_problem(query) is None:  # a whole mobile or landline (a landline was free)
        return True
    compact = normalise_id_text(query.strip())
    if compact.isdigit() or compact[:-1].isdigit():
        return parse_id(compact).valid
    return len(compact) >= 8


@contextmanager
def number_lookup(desk: Desk, actor: Actor, kind: str, idno: str | None) -> Iterator[None]:
    """Wrap code that finds a person by `idno` (app.tenants.lookups.find_person)."""
    if idno is None:
        yield
        return
    check_miss_budget(desk, actor)  # rule R10: refused (and logged) past the hourly limit
    try:
        yield
    except NotFound as e:
        if e.code == "no_person":  # nobody has this number: a miss, as in search
            # "number_…": a lookup by document number, not the search's kinds (card = card no.)
            log_read(desk, actor, f"number_{kind}", idno, found=0, miss=complete_number(idno))
        raise
