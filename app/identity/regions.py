"""GB/T 2260 administrative-division codes, current and abolished (resources/regions/).

The table is read once, on first use, and kept: a lookup is a dict access, so the CLI can
check thousands of numbers per second. Abolished codes stay valid forever on the cards
issued under them, so they are part of the table with the name they last bore.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from resources import resource_path

REGION_TABLE = ("regions", "gb2260.tsv")

# Hong Kong, Macao and Taiwan residents' residence permits carry these fixed region codes
# (GB 11643 as applied by the State Council's 2018 measures); 830000 is not a GB/T 2260 code.
HMT_REGIONS: dict[str, str] = {"810000": "香港", "820000": "澳门", "830000": "台湾"}


@dataclass(frozen=True)
class Region:
    code: str
    name: str  # full name, e.g. 广东省深圳市南山区; for abolished codes the last name it bore
    valid_from: int | None  # first year in force, None = before the records begin
    valid_to: int | None  # last year in force, None = still in force
    current: bool


@cache
def _regions() -> dict[str, Region]:
    table: dict[str, Region] = {}
    with resource_path(*REGION_TABLE).open(encoding="utf-8") as lines:
        next(lines)  # header
        for line in lines:
            code, name, valid_from, valid_to, current = line.rstrip("\n").split("\t")
            table[code] = Region(
                code=code,
                name=name,
                valid_from=int(valid_from) if valid_from else None,
                valid_to=int(valid_to) if valid_to else None,
                current=current == "1",
            )
    return table


def region(code: str) -> Region | None:
    return _regions().get(code)


def region_name(code: str) -> str | None:
    """Full name of a 6-digit code ('440305' -> '广东省深圳市南山区'), None if unknown."""
    if code in HMT_REGIONS:
        return HMT_REGIONS[code]
    found = _regions().get(code)
    return found.name if found else None


def province_name(two_digits: str) -> str | None:
    found = _regions().get(two_digits + "0000")
    return found.name if found else None


@cache
def _current_county_codes() -> tuple[str, ...]:
    return tuple(
        code
        for code, entry in _regions().items()
        # County level only: not a province or prefecture (..00) and not the "市辖区"
        # bookkeeping entry, which names no place a person could be registered in today.
        if entry.current and not code.endswith("00") and not entry.name.endswith("市辖区")
    )


def current_county_codes() -> list[str]:
    """County-level codes in force today, sorted; for the synthetic demo-data generator."""
    return list(_current_county_codes())
