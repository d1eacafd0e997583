"""ISO 3166-1 country codes with Chinese names (resources/regions/iso3166.tsv).

Nationality appears as alpha-3 on the old 15-character permanent-residence number and as
the numeric code on the 2023 18-digit one. Withdrawn codes (e.g. SCG, ANT) are kept because
old cards and passports still carry them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from resources import resource_path

COUNTRY_TABLE = ("regions", "iso3166.tsv")


@dataclass(frozen=True)
class Country:
    alpha3: str
    numeric: str
    alpha2: str
    name_en: str
    name_zh: str
    current: bool


@dataclass(frozen=True)
class _Index:
    by_alpha3: dict[str, Country]
    by_numeric: dict[str, Country]
    by_alpha2: dict[str, Country]


@cache
def _index() -> _Index:
    by_alpha3: dict[str, Country] = {}
    by_numeric: dict[str, Country] = {}
    by_alpha2: dict[str, Country] = {}
    with resource_path(*COUNTRY_TABLE).open(encoding="utf-8") as lines:
        next(lines)  # header
        for line in lines:
            alpha3, numeric, alpha2, name_en, name_zh, current = line.rstrip("\n").split("\t")
            country = Country(alpha3, numeric, alpha2, name_en, name_zh, current == "1")
            by_alpha3[alpha3] = country
            # Current countries come first in the file: a reused code means today's country.
            if numeric:
                by_numeric.setdefault(numeric, country)
            if alpha2:
                by_alpha2.setdefault(alpha2, country)
    return _Index(by_alpha3, by_numeric, by_alpha2)


def by_alpha3(code: str) -> Country | None:
    return _index().by_alpha3.get(code)


def by_numeric(code: str) -> Country | None:
    return _index().by_numeric.get(code)


def lookup_country(code: str) -> Country | None:
    """Accept alpha-3 ('USA'), alpha-2 ('US') or numeric ('840'), in any case."""
    code = code.strip().upper()
    index = _index()
    if code.isdecimal() and code.isascii():
        return index.by_numeric.get(code.zfill(3))
    if len(code) == 2:
        return index.by_alpha2.get(code)
    return index.by_alpha3.get(code)


def country_name(code: str, lang: str = "zh") -> str | None:
    """Display name of a country code, Chinese by default: 'KAZ' -> '哈萨克斯坦'."""
    country = lookup_country(code)
    if country is None:
        return None
    return country.name_zh if lang.startswith("zh") else country.name_en
