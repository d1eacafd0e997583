"""Identity document numbers: fixed cases for every kind and every message (no Qt).

Issuance needs a verified identity (rule R6): these tests pin what counts as a valid number
and what the clerk is told when it is not.
"""

from __future__ import annotations

import json
from datetime import date

import pytest

from app.identity import (
    IdResult,
    check_char,
    country_name,
    current_county_codes,
    make_resident_id,
    mask_id,
    normalise_id_text,
    parse_id,
    region_name,
)
from app.identity.checksum import icao_check_digit

TODAY = date(2025, 6, 1)


def parse(text: str, kind: str | None = None, country: str | None = None) -> IdResult:
    return parse_id(text, kind, country, today=TODAY)


def with_check(first17: str) -> str:
    return first17 + check_char(first17)


# --- resident ID (GB 11643-1999) -------------------------------------------------------


def test_resident_id_fields() -> None:
    # rule R6: a valid resident ID yields the identity the record is built on
    result = parse("44030519900101123X")
    assert result.valid and result.error is None and result.error_en is None
    assert result.kind == "resident"
    assert result.number == "44030519900101123X"
    assert result.birth_date == date(1990, 1, 1)
    assert result.sex == "M"  # 17th digit 3 is odd
    assert result.region == "广东省深圳市南山区"
    assert result.region_code == "440305"
    assert result.country == "CHN"
    assert result.legacy_input is False


def test_even_17th_digit_is_female() -> None:
    # rule R6: sex comes from the 17th digit
    assert parse("440305199001011248").sex == "F"


def test_wrong_check_character_names_the_expected_one() -> None:
    # rule R6: a mistyped number is refused and the message says what the check should be
    result = parse("440305199001011234")
    assert not result.valid
    assert result.kind == "resident"
    assert result.error.startswith("校验码错误，应为 X")
    assert result.error_en.startswith("check character is wrong, it should be X")
    assert "前 17 位" in result.error  # points the clerk at the other digits too


def test_check_character_seven_in_message() -> None:
    # rule R6: the example of the product issue, "应为 7"
    number = with_check("44030519900101007")
    assert number[-1] == "7"
    result = parse(number[:-1] + "0")
    assert "校验码错误，应为 7" in result.error
    assert "check character is wrong, it should be 7" in result.error_en


def test_february_30_is_not_a_birth_date() -> None:
    # rule R6: the birth date must be a real date
    result = parse(with_check("44030519900230123"))
    assert not result.valid
    assert result.error.startswith("出生日期无效")
    assert "19900230" in result.error and "7–14" in result.error
    assert result.error_en.startswith("birth date is invalid")


def test_birth_date_in_the_future_is_refused() -> None:
    # rule R6: nobody is born after today
    result = parse(with_check("44030520300101123"))
    assert result.error.startswith("出生日期无效") and "晚于今天" in result.error
    assert "after today" in result.error_en


def test_birth_before_1900_is_refused() -> None:
    # rule R6: dates before 1900 are typing errors
    result = parse(with_check("44030518991231123"))
    assert "早于 1900 年" in result.error
    assert "before 1900" in result.error_en


def test_birth_today_is_accepted() -> None:
    # rule R6: the boundary: born today is valid
    assert parse(with_check("44030520250601123")).valid


def test_unknown_region_code() -> None:
    # rule R6: the first six digits must be a GB/T 2260 code
    result = parse(with_check("10000019900101123"))
    assert not result.valid
    assert "地址码 100000" in result.error and "不存在" in result.error
    assert "region code 100000" in result.error_en


@pytest.mark.parametrize("text, length", [("4403051990010112", 16), ("4403051990010112345", 19)])
def test_wrong_length(text: str, length: int) -> None:
    # rule R6: the message says how long the number must be and how long it was
    result = parse(text)
    assert result.kind == "resident" and not result.valid
    assert result.error.startswith("长度错误") and f"输入了 {length} 位" in result.error
    assert "18" in result.error and "15" in result.error
    assert (
        result.error_en.startswith("wrong length") and f"{length} were entered" in result.error_en
    )


def test_letter_o_for_zero_is_pointed_out() -> None:
    # rule R6: an illegal character is named with its position
    result = parse("4403O519900101123X")
    assert result.error.startswith("第 5 位「O」是非法字符")
    assert "character 5 ('O') is not allowed" in result.error_en


def test_punctuation_is_an_illegal_character() -> None:
    # rule R6
    result = parse("44030519900101123@")
    assert "第 18 位「@」是非法字符" in result.error


def test_x_only_as_the_last_character() -> None:
    # rule R6: X stands for 10 in the check character only
    result = parse("44030519900X01123X")
    assert "第 12 位是 X" in result.error
    assert "X may only be the last character" in result.error_en


def test_full_width_spaced_input() -> None:
    # rule R6: what a Chinese input method types is accepted
    result = parse("４４０３０５ １９９００１０１－１２３ｘ")
    assert result.valid
    assert result.number == "44030519900101123X"
    assert result.input == "４４０３０５ １９９００１０１－１２３ｘ"


def test_lowercase_x() -> None:
    # rule R6
    result = parse("44030519900101123x")
    assert result.valid and result.number.endswith("X")


def test_legacy_15_digits_become_18() -> None:
    # rule R6: first-generation numbers are valid and stored in the 18-digit form
    result = parse("440305900101123")
    assert result.valid
    assert result.kind == "resident"
    assert result.legacy_input is True
    assert result.number == "44030519900101123X"
    assert result.birth_date == date(1990, 1, 1)
    assert result.sex == "M"


def test_legacy_number_with_impossible_date() -> None:
    # rule R6: the 15-digit form's date is checked too, quoted as the clerk typed it
    result = parse("440305900231123")
    assert "900231" in result.error and "7–12" in result.error


def test_abolished_region_keeps_its_historical_name() -> None:
    # rule R6: 110103 崇文区 was merged into 东城区 in 2010; its cards stay valid
    result = parse(with_check("11010319800101123"))
    assert result.valid
    assert result.region == "北京市崇文区"
    assert result.region_code == "110103"


def test_county_younger_than_the_holder_is_accepted() -> None:
    # rule R6: 龙华区 (440309) dates from 2016; people born before were re-issued cards
    # under it. python-stdnum rejects these numbers; we must not.
    result = parse(with_check("44030919800101123"))
    assert result.valid
    assert result.region == "广东省深圳市龙华区"


# --- Hong Kong / Macao / Taiwan residence permits -------------------------------------


@pytest.mark.parametrize(
    "first17, region, sex",
    [
        ("81000019900101123", "香港", "M"),
        ("82000019951231002", "澳门", "F"),
        ("83000020000229001", "台湾", "M"),
    ],
)
def test_hmt_permits(first17: str, region: str, sex: str) -> None:
    # rule R6: residence permits are a verified identity too
    result = parse(with_check(first17))
    assert result.valid
    assert result.kind == "hmt_permit"
    assert result.region == region and result.region_code == first17[:6]
    assert result.sex == sex
    assert result.country == "CHN"


def test_hmt_permit_bad_check_character() -> None:
    # rule R6: same MOD 11-2 check as the resident ID
    result = parse("810000199001011231")
    assert result.kind == "hmt_permit"
    assert "校验码错误，应为 0" in result.error


def test_permit_number_entered_as_resident_id() -> None:
    # rule R6: the message tells the clerk to change the kind
    result = parse(with_check("81000019900101123"), kind="resident")
    assert not result.valid
    assert "请把证件类型改为港澳台居民居住证" in result.error
    assert "change the kind" in result.error_en


def test_resident_id_entered_as_permit() -> None:
    # rule R6
    result = parse("44030519900101123X", kind="hmt_permit")
    assert "这是居民身份证号码" in result.error


def test_permit_with_unknown_prefix() -> None:
    # rule R6
    result = parse(with_check("10000019900101123"), kind="hmt_permit")
    assert "810000" in result.error and "820000" in result.error and "830000" in result.error


# --- foreigners' permanent-residence ID cards ---------------------------------------


def test_foreign_pr_2023_form() -> None:
    # rule R6: 9 + province 11 + nationality 398 (KAZ) + 19901231 + 002 + check
    result = parse("911398199012310021")
    assert result.valid
    assert result.kind == "foreign_pr"
    assert result.country == "KAZ"
    assert result.region == "北京市" and result.region_code == "110000"
    assert result.birth_date == date(1990, 12, 31)
    assert result.sex == "F"
    assert country_name(result.country) == "哈萨克斯坦"


def test_foreign_pr_2023_form_other_province() -> None:
    # rule R6: 32 江苏省, 682 Saudi Arabia
    result = parse("932682198501010017")
    assert (result.valid, result.country, result.region, result.sex) == (True, "SAU", "江苏省", "M")


def test_foreign_pr_unknown_nationality() -> None:
    # rule R6
    result = parse(with_check("91199919901231002"))
    assert "国籍代码 999" in result.error and "4–6" in result.error
    assert "nationality code 999" in result.error_en


def test_foreign_pr_unknown_province() -> None:
    # rule R6
    result = parse(with_check("99939819901231002"))
    assert "受理地代码 99" in result.error


def test_foreign_pr_bad_check_character() -> None:
    # rule R6
    assert "校验码错误，应为 1" in parse("911398199012310022").error


def test_foreign_pr_old_15_character_form() -> None:
    # rule R6: KAZ + 1100 (Beijing) + 901231 + 0 + check 5
    result = parse("kaz 1100 901231 05")
    assert result.valid
    assert result.kind == "foreign_pr"
    assert result.number == "KAZ110090123105"
    assert result.country == "KAZ"
    assert result.birth_date == date(1990, 12, 31)
    assert result.region == "北京市"
    assert result.sex is None  # the old layout's sex digit is not documented


def test_foreign_pr_old_form_bad_check_digit() -> None:
    # rule R6
    result = parse("KAZ110090123107")
    assert "校验码错误，应为 5" in result.error and "第 15 位" in result.error


def test_foreign_pr_old_form_unknown_nationality() -> None:
    # rule R6
    assert "国籍代码 KAA" in parse("KAA110090123105").error


def test_foreign_pr_old_form_letter_among_digits() -> None:
    # rule R6
    result = parse("KAZ1100901231O5", kind="foreign_pr")
    assert "第 14 位「O」是非法字符" in result.error


def test_foreign_pr_old_form_century_is_the_latest_past_one() -> None:
    # rule R6: the old form has YYMMDD; 100615 is 2010 (not in the future), 300615 is 1930
    for yymmdd, born in (("100615", date(2010, 6, 15)), ("300615", date(1930, 6, 15))):
        first14 = f"KAZ1100{yymmdd}0"
        assert parse(first14 + icao_check_digit(first14)).birth_date == born


def test_resident_id_entered_as_foreign_pr() -> None:
    # rule R6
    assert "这是居民身份证号码" in parse("44030519900101123X", kind="foreign_pr").error


# --- passports and other papers ------------------------------------------------------


def test_passport_needs_kind_and_country() -> None:
    # rule R6: a passport is kind + country + number
    result = parse("e1234 5678", kind="passport", country="usa")
    assert result.valid
    assert (result.kind, result.country, result.number) == ("passport", "USA", "E12345678")
    assert result.birth_date is None and result.sex is None


def test_passport_country_as_alpha2_or_numeric() -> None:
    # rule R6
    assert parse("E12345678", "passport", "DE").country == "DEU"
    assert parse("E12345678", "passport", "276").country == "DEU"


def test_passport_without_country() -> None:
    # rule R6
    result = parse("E12345678", kind="passport")
    assert not result.valid and "签发国家" in result.error and "issuing country" in result.error_en


def test_passport_unknown_country() -> None:
    # rule R6
    assert "国家或地区代码「XYZ」不存在" in parse("E12345678", "passport", "XYZ").error


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("E123", "长度错误"),
        ("E12345678901234567890", "长度错误"),
        ("E1234#678", "「#」"),
        ("SMITHJOHN", "没有数字"),
    ],
)
def test_passport_format_sanity(text: str, fragment: str) -> None:
    # rule R6: no checksum, but the format must look like a passport number
    result = parse(text, kind="passport", country="GBR")
    assert not result.valid and fragment in result.error


def test_other_papers() -> None:
    # rule R6: other papers may carry Chinese characters; country is optional
    result = parse("南字第0012345号", kind="other")
    assert result.valid and result.kind == "other" and result.country is None
    assert parse("H12345678", kind="other", country="HKG").country == "HKG"


def test_passport_number_without_kind_asks_for_the_kind() -> None:
    # rule R6: auto-detection covers ID numbers only
    result = parse("E12345678")
    assert not result.valid and result.kind is None
    assert "请选择证件类型" in result.error and "choose the kind" in result.error_en


# --- entry point, output, helpers -----------------------------------------------------


@pytest.mark.parametrize("text", ["", "   ", " - "])
def test_empty_input(text: str) -> None:
    # rule R6
    result = parse(text)
    assert not result.valid and result.number is None and result.error == "请输入证件号码"


def test_unsupported_kind() -> None:
    # rule R6
    result = parse("44030519900101123X", kind="driving_licence")
    assert not result.valid and result.kind is None and "不支持的证件类型" in result.error


def test_explicit_kind_is_case_insensitive() -> None:
    # rule R6
    assert parse("44030519900101123X", kind="Resident").valid


def test_to_dict_is_json_ready() -> None:
    # rule R6: the CLI prints these as JSON
    valid = parse("44030519900101123X").to_dict()
    assert list(valid) == [
        "input", "valid", "kind", "number", "birth_date", "sex", "region",
        "region_code", "country", "legacy_input", "error", "error_en",
    ]  # fmt: skip
    assert valid["birth_date"] == "1990-01-01" and valid["error"] is None
    json.dumps(valid, ensure_ascii=False)
    invalid = parse("440305199001011234").to_dict()
    assert invalid["valid"] is False and invalid["birth_date"] is None and invalid["error"]


def test_normalise_id_text() -> None:
    # rule R6: stored numbers are compared in one canonical form
    assert normalise_id_text("４４０３０５\u3000１９９００１０１－１２３ｘ") == "44030519900101123X"
    assert normalise_id_text(" 440305-19900101 123x\u200b") == "44030519900101123X"
    assert normalise_id_text("ｅ１２３") == "E123"
    assert normalise_id_text("straße") == "STRAßE"  # only ASCII letters are upper-cased


@pytest.mark.parametrize(
    "number, masked",
    [
        ("440303199001011234", "440303********1234"),
        ("440305900101123", "440305*****1123"),
        ("E12345678", "E1*****78"),
        ("AB123", "A***3"),
        ("1234", "****"),
        ("", ""),
    ],
)
def test_mask_id(number: str, masked: str) -> None:
    # rule R6: lists and logs never show a whole number
    assert mask_id(number) == masked


def test_check_char() -> None:
    # rule R6
    assert check_char("11010519491231002") == "X"
    assert check_char("44030519900101123") == "X"
    assert check_char("11010319800101123") == "5"
    with pytest.raises(ValueError):
        check_char("1234")


def test_region_name() -> None:
    # rule R6
    assert region_name("440305") == "广东省深圳市南山区"
    assert region_name("110103") == "北京市崇文区"
    assert region_name("440300") == "广东省深圳市"
    assert region_name("830000") == "台湾"
    assert region_name("999999") is None


def test_current_county_codes() -> None:
    # rule R6: the demo generator only draws codes in force today
    codes = current_county_codes()
    assert codes == sorted(codes)
    assert "440305" in codes and "440309" in codes
    assert "110103" not in codes  # abolished
    assert "440300" not in codes and "440000" not in codes  # not county level
    assert "440301" not in codes  # 市辖区 bookkeeping entry
    assert len(codes) > 2800


def test_make_resident_id_matches_sex() -> None:
    # rule R6: synthetic numbers are valid and carry the sex asked for
    assert make_resident_id("440305", date(1990, 1, 1), 123, "M") == "44030519900101123X"
    female = make_resident_id("440305", date(1990, 1, 1), 123, "F")
    assert female[14:17] == "122" and parse(female).sex == "F"
    with pytest.raises(ValueError):
        make_resident_id("44030", date(1990, 1, 1), 1, "M")
    with pytest.raises(ValueError):
        make_resident_id("440305", date(1990, 1, 1), 1, "X")
    with pytest.raises(ValueError):
        make_resident_id("440305", date(1990, 1, 1), 1000, "M")
