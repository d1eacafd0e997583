"""Resident ID numbers (GB 11643-1999) and Hong Kong / Macao / Taiwan residence permits.

18 digits: 6 region + 8 birth date (YYYYMMDD) + 3 sequence (17th: odd = M, even = F) + the
MOD 11-2 check character. 15-digit legacy numbers (GB 11643-1989) have a 6-digit birth date
(19YY) and no check character; they are accepted and converted to 18 digits.
Permits for HK/Macao/Taiwan residents use the same layout with region 810000/820000/830000.
"""

from __future__ import annotations

from datetime import date

from app.identity import messages
from app.identity.checksum import check_char
from app.identity.fields import (
    DIGITS_THEN_CHECK,
    birth_date,
    require_check_char,
    require_digits,
    sex_from_digit,
)
from app.identity.regions import HMT_REGIONS, Region, region
from app.identity.result import HMT_PERMIT, RESIDENT, IdResult, InvalidNumber

CHINA = "CHN"


def looks_like_hmt_permit(number: str) -> bool:
    return len(number) == 18 and number[:6] in HMT_REGIONS


def parse_resident(raw: str, number: str, today: date) -> IdResult:
    if not (DIGITS_THEN_CHECK.fullmatch(number) or (number.isascii() and number.isdigit())):
        require_digits(number, x_last=True)
    if len(number) not in (15, 18):
        raise messages.wrong_length(
            RESIDENT, "18 位（旧版 15 位）", "18 characters (15 on old cards)", len(number)
        )
    if len(number) == 15:
        if number.endswith("X"):  # legacy numbers had no check character
            raise messages.illegal_character(
                "X", 15, "旧版 15 位号码只有数字", "an old 15-digit number has only digits"
            )
        return _parse_legacy(raw, number, today)
    if looks_like_hmt_permit(number):
        raise messages.wrong_kind(HMT_PERMIT, RESIDENT)
    if number.startswith("9"):
        raise messages.wrong_kind("foreign_pr", RESIDENT)
    place = _known_region(number[:6])
    born = birth_date(number[6:14], "7–14", today)
    require_check_char(number)
    return IdResult(
        input=raw,
        valid=True,
        kind=RESIDENT,
        number=number,
        birth_date=born,
        sex=sex_from_digit(number[16]),
        region=place.name,
        region_code=place.code,
        country=CHINA,
    )


def _parse_legacy(raw: str, number: str, today: date) -> IdResult:
    place = _known_region(number[:6])
    born = birth_date("19" + number[6:12], "7–12", today, shown=number[6:12])
    first17 = number[:6] + "19" + number[6:]
    return IdResult(
        input=raw,
        valid=True,
        kind=RESIDENT,
        number=first17 + check_char(first17),
        birth_date=born,
        sex=sex_from_digit(number[14]),
        region=place.name,
        region_code=place.code,
        country=CHINA,
        legacy_input=True,
    )


def _known_region(code: str) -> Region:
    place = region(code)
    if place is None:
        raise messages.unknown_region(code)
    # No check of the code's years against the birth date: cards are re-issued under codes
    # created after the holder's birth (python-stdnum wrongly rejects those).
    return place


def parse_hmt_permit(raw: str, number: str, today: date) -> IdResult:
    if not DIGITS_THEN_CHECK.fullmatch(number):
        require_digits(number, x_last=True)
    if len(number) != 18:
        raise messages.wrong_length(HMT_PERMIT, "18 位", "18 characters", len(number))
    prefix = number[:6]
    if prefix not in HMT_REGIONS:
        if number.startswith("9"):
            raise messages.wrong_kind("foreign_pr", HMT_PERMIT)
        if region(prefix) is not None:
            raise messages.wrong_kind(RESIDENT, HMT_PERMIT)
        raise InvalidNumber(
            f"地址码 {prefix}（第 1–6 位）错误：港澳台居民居住证号码以 810000（香港）、820000（澳门）或 830000（台湾）开头",
            f"region code {prefix} (characters 1-6) is wrong: a Hong Kong/Macao/Taiwan residence "
            "permit number starts with 810000 (Hong Kong), 820000 (Macao) or 830000 (Taiwan)",
        )
    born = birth_date(number[6:14], "7–14", today)
    require_check_char(number)
    return IdResult(
        input=raw,
        valid=True,
        kind=HMT_PERMIT,
        number=number,
        birth_date=born,
        sex=sex_from_digit(number[16]),
        region=HMT_REGIONS[prefix],
        region_code=prefix,
        country=CHINA,
    )
