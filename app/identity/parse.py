"""`parse_id`: one entry point for every kind of document number; it never raises."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from app.desk import clock
from app.identity import messages
from app.identity.foreign import looks_like_old_form, parse_foreign_pr
from app.identity.normalise import normalise_id_text
from app.identity.papers import parse_other, parse_passport
from app.identity.resident import looks_like_hmt_permit, parse_hmt_permit, parse_resident
from app.identity.result import (
    FOREIGN_PR,
    HMT_PERMIT,
    KINDS,
    OTHER,
    PASSPORT,
    RESIDENT,
    IdResult,
    InvalidNumber,
)

Parser = Callable[[str, str, str | None, date], IdResult]

_PARSERS: dict[str, Parser] = {
    RESIDENT: lambda raw, number, _country, today: parse_resident(raw, number, today),
    HMT_PERMIT: lambda raw, number, _country, today: parse_hmt_permit(raw, number, today),
    FOREIGN_PR: lambda raw, number, _country, today: parse_foreign_pr(raw, number, today),
    PASSPORT: lambda raw, number, country, _today: parse_passport(raw, number, country),
    OTHER: lambda raw, number, country, _today: parse_other(raw, number, country),
}


def detect_kind(number: str) -> str:
    """The kind a normalised number must be, from its length and first characters."""
    if looks_like_hmt_permit(number):
        return HMT_PERMIT
    if len(number) == 18 and number.startswith("9"):
        return FOREIGN_PR
    if looks_like_old_form(number):
        return FOREIGN_PR
    if "0" <= number[0] <= "9":
        # Any other number that starts with a digit is taken for a resident ID, so a digit
        # too many or too few is reported as a wrong length, the commonest typing error.
        return RESIDENT
    raise messages.unknown_kind()


def parse_id(
    text: str,
    kind: str | None = None,
    country: str | None = None,
    today: date | None = None,
) -> IdResult:
    """Parse and validate a document number; the kind is detected when not given.

    Never raises: an invalid number gives `valid=False` with `error` (Chinese) and
    `error_en` saying which part is wrong and what to check. `country` is required for
    passports (ISO 3166 alpha-3, alpha-2 or numeric). `today` pins the date for tests.
    """
    raw = text if isinstance(text, str) else ""
    number = normalise_id_text(raw)
    chosen = kind.strip().lower() if isinstance(kind, str) and kind.strip() else None
    try:
        if chosen is not None and chosen not in KINDS:
            unsupported = messages.unsupported_kind(chosen)
            chosen = None
            raise unsupported
        if not number:
            raise messages.empty()
        if chosen is None:
            chosen = detect_kind(number)
        return _PARSERS[chosen](raw, number, country, today or clock.today())
    except InvalidNumber as problem:
        return IdResult(
            input=raw,
            valid=False,
            kind=chosen,
            number=number or None,
            error=problem.zh,
            error_en=problem.en,
        )
