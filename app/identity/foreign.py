"""Foreigners' permanent-residence ID cards (外国人永久居留身份证).

2023 form (issued from 2023-12-01), 18 digits, modelled on the resident ID number:
    9 | 2-digit province code of the accepting authority | 3-digit ISO 3166-1 numeric
    nationality | YYYYMMDD birth date | 3-digit sequence (17th digit: odd = M, even = F) |
    ISO 7064 MOD 11-2 check character.
Old form (2004 and 2017 cards, still in use until they expire), 15 characters:
    3-letter ISO 3166-1 alpha-3 nationality | 4-digit code of the accepting authority
    (province + city) | YYMMDD birth date | 1 sequence digit | 1 check digit (ICAO 9303
    7-3-1 over the first 14 characters).
Sources: the 2023 layout and its MOD 11-2 check follow the National Immigration
Administration's notes for adapting systems to the new card (新版外国人永久居留身份证适配性
改造要点 / 机读信息规则 2023版, as republished by card-reader vendors); that the 17th digit
gives the sex, as in GB 11643, is taken from the public implementation
xiahaimoyu/credentialkit. The old form's field layout and check digit also come from
credentialkit only: no official text was found, so the old form's sex is not derived.
"""

from __future__ import annotations

import re
from datetime import date

from app.identity import messages
from app.identity.checksum import icao_check_digit
from app.identity.countries import by_alpha3, by_numeric
from app.identity.fields import (
    DIGITS_THEN_CHECK,
    birth_date,
    require_check_char,
    require_digits,
    sex_from_digit,
)
from app.identity.regions import HMT_REGIONS, province_name, region
from app.identity.result import FOREIGN_PR, HMT_PERMIT, RESIDENT, IdResult, InvalidNumber

OLD_FORM = re.compile(r"[A-Z]{3}[0-9]{12}")


def looks_like_old_form(number: str) -> bool:
    return len(number) == 15 and number[:3].isascii() and number[:3].isalpha()


def parse_foreign_pr(raw: str, number: str, today: date) -> IdResult:
    if number[:1].isascii() and number[:1].isalpha():
        return _parse_old_form(raw, number, today)
    if number[:1] != "9" and len(number) in (15, 18) and number.isascii() and number[:17].isdigit():
        # A resident ID or HMT permit number entered under the wrong kind.
        raise messages.wrong_kind(HMT_PERMIT if number[:6] in HMT_REGIONS else RESIDENT, FOREIGN_PR)
    return _parse_new_form(raw, number, today)


def _parse_new_form(raw: str, number: str, today: date) -> IdResult:
    if not DIGITS_THEN_CHECK.fullmatch(number):
        require_digits(number, x_last=True)
    if len(number) != 18:
        raise messages.wrong_length(
            FOREIGN_PR, "18 位（旧版 15 位）", "18 characters (15 on old cards)", len(number)
        )
    if number[0] != "9":
        raise messages.illegal_character(
            number[0],
            1,
            "新版外国人永久居留身份证号码以 9 开头",
            "a 2023-form permanent-residence number starts with 9",
        )
    province = province_name(number[1:3])
    if province is None:
        raise messages.unknown_province(number[1:3], "2–3")
    nationality = by_numeric(number[3:6])
    if nationality is None:
        raise messages.unknown_nationality(number[3:6], "4–6")
    born = birth_date(number[6:14], "7–14", today)
    require_check_char(number)
    return IdResult(
        input=raw,
        valid=True,
        kind=FOREIGN_PR,
        number=number,
        birth_date=born,
        sex=sex_from_digit(number[16]),
        region=province,
        region_code=number[1:3] + "0000",
        country=nationality.alpha3,
    )


def _parse_old_form(raw: str, number: str, today: date) -> IdResult:
    if not OLD_FORM.fullmatch(number):
        _explain_old_form_characters(number)
    if len(number) != 15:
        raise messages.wrong_length(
            FOREIGN_PR, "15 位（新版 18 位）", "15 characters (18 on 2023 cards)", len(number)
        )
    nationality = by_alpha3(number[:3])
    if nationality is None:
        raise messages.unknown_nationality(number[:3], "1–3")
    province = province_name(number[3:5])
    if province is None:
        raise messages.unknown_province(number[3:5], "4–5")
    city = region(number[3:7] + "00")
    born = _old_form_birth_date(number[7:13], today)
    expected = icao_check_digit(number[:14])
    if number[14] != expected:
        raise messages.wrong_check_char(expected, 15)
    return IdResult(
        input=raw,
        valid=True,
        kind=FOREIGN_PR,
        number=number,
        birth_date=born,
        # The sex of the old form is not derived: no official text says which digit holds it.
        sex=None,
        region=city.name if city else province,
        region_code=city.code if city else number[3:5] + "0000",
        country=nationality.alpha3,
    )


def _explain_old_form_characters(number: str) -> None:
    for index, char in enumerate(number[:3]):
        if not ("A" <= char <= "Z"):
            raise messages.illegal_character(
                char,
                index + 1,
                "旧版永居证号码前 3 位是国籍字母代码",
                "an old card starts with 3 nationality letters",
            )
    for index, char in enumerate(number[3:], start=3):
        if not ("0" <= char <= "9"):
            raise messages.illegal_character(
                char,
                index + 1,
                "旧版永居证号码第 4–15 位只能是数字",
                "characters 4-15 of an old card are digits",
            )


def _old_form_birth_date(yymmdd: str, today: date) -> date:
    # The card has no century: take the latest real date that is not in the future.
    for century in ("20", "19"):
        try:
            return birth_date(century + yymmdd, "8–13", today, shown=yymmdd)
        except InvalidNumber:
            continue
    return birth_date("19" + yymmdd, "8–13", today, shown=yymmdd)  # raises the right message
