"""Passports and other papers: kind, country and number, with no checksum.

Passport numbers have no common check character (the MRZ check digit is not printed with
the number), so only the format is sanity-checked: letters and digits, a sensible length,
at least one digit (a name typed into the number field has none).
"""

from __future__ import annotations

import re

from app.identity import messages
from app.identity.countries import Country, lookup_country
from app.identity.result import OTHER, PASSPORT, IdResult

PASSPORT_LENGTH = (5, 20)
# Other papers (e.g. 军官证 "南字第0012345号") may carry Chinese characters.
OTHER_LENGTH = (4, 30)
_ASCII_ALNUM = re.compile(r"[A-Z0-9]+")


def parse_passport(raw: str, number: str, country: str | None) -> IdResult:
    if not country or not country.strip():
        raise messages.country_required(PASSPORT)
    issuer = _known_country(country)
    if not _ASCII_ALNUM.fullmatch(number):
        for index, char in enumerate(number):
            if not ("A" <= char <= "Z" or "0" <= char <= "9"):
                raise messages.illegal_character(
                    char,
                    index + 1,
                    "护照号码只能包含字母和数字",
                    "a passport number has only letters and digits",
                )
    _require_length(PASSPORT, number, PASSPORT_LENGTH)
    if not any("0" <= char <= "9" for char in number):
        raise messages.no_digit(PASSPORT)
    return IdResult(input=raw, valid=True, kind=PASSPORT, number=number, country=issuer.alpha3)


def parse_other(raw: str, number: str, country: str | None) -> IdResult:
    issuer = _known_country(country) if country and country.strip() else None
    for index, char in enumerate(number):
        if not char.isalnum():
            raise messages.illegal_character(
                char,
                index + 1,
                "证件号码只能包含文字、字母和数字",
                "a document number has only letters and digits",
            )
    _require_length(OTHER, number, OTHER_LENGTH)
    if not any("0" <= char <= "9" for char in number):
        raise messages.no_digit(OTHER)
    return IdResult(
        input=raw, valid=True, kind=OTHER, number=number, country=issuer.alpha3 if issuer else None
    )


def _known_country(code: str) -> Country:
    found = lookup_country(code)
    if found is None:
        raise messages.unknown_country(code.strip())
    return found


def _require_length(kind: str, number: str, bounds: tuple[int, int]) -> None:
    low, high = bounds
    if not low <= len(number) <= high:
        raise messages.wrong_length(
            kind, f"{low}–{high} 位", f"{low} to {high} characters", len(number)
        )
