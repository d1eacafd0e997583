"""What the clerk is told when a number is wrong: which part, and what to do, in Chinese
and English. Positions are 1-based, as printed on the card."""

from __future__ import annotations

from datetime import date

from app.identity.result import InvalidNumber

KIND_NAMES: dict[str, tuple[str, str]] = {
    "resident": ("居民身份证", "resident ID card"),
    "hmt_permit": ("港澳台居民居住证", "Hong Kong/Macao/Taiwan residence permit"),
    "foreign_pr": ("外国人永久居留身份证", "foreign permanent-residence ID card"),
    "passport": ("护照", "passport"),
    "other": ("其他证件", "other document"),
}


def empty() -> InvalidNumber:
    return InvalidNumber("请输入证件号码", "enter the document number")


def unknown_kind() -> InvalidNumber:
    return InvalidNumber(
        "无法识别证件类型：身份证、居住证、永居证号码为 18 位（旧版 15 位）；护照等证件请选择证件类型并填写签发国家",
        "cannot tell the kind of document: ID cards and permits have 18 characters (15 on old "
        "cards); for a passport or other papers choose the kind and the issuing country",
    )


def unsupported_kind(kind: str) -> InvalidNumber:
    return InvalidNumber(
        f"不支持的证件类型「{kind}」",
        f"unsupported document kind {kind!r}; use one of resident, hmt_permit, foreign_pr, passport, other",
    )


def illegal_character(char: str, position: int, allowed_zh: str, allowed_en: str) -> InvalidNumber:
    return InvalidNumber(
        f"第 {position} 位「{char}」是非法字符，{allowed_zh}",
        f"character {position} ({char!r}) is not allowed: {allowed_en}",
    )


def x_not_last(position: int) -> InvalidNumber:
    return InvalidNumber(
        f"第 {position} 位是 X：X 只能出现在最后一位（校验码）",
        f"character {position} is X: X may only be the last character (the check character)",
    )


def wrong_length(kind: str, expected_zh: str, expected_en: str, got: int) -> InvalidNumber:
    zh_kind, en_kind = KIND_NAMES[kind]
    return InvalidNumber(
        f"长度错误：{zh_kind}号码应为 {expected_zh}，输入了 {got} 位",
        f"wrong length: a {en_kind} number has {expected_en}; {got} were entered",
    )


def wrong_kind(detected: str, chosen: str) -> InvalidNumber:
    detected_zh, detected_en = KIND_NAMES[detected]
    chosen_zh, chosen_en = KIND_NAMES[chosen]
    return InvalidNumber(
        f"这是{detected_zh}号码，不是{chosen_zh}号码：请把证件类型改为{detected_zh}",
        f"this is a {detected_en} number, not a {chosen_en} number: change the kind to {detected_en}",
    )


def unknown_region(code: str) -> InvalidNumber:
    return InvalidNumber(
        f"地址码 {code}（第 1–6 位）不存在，请核对前 6 位",
        f"region code {code} (characters 1-6) does not exist; check the first 6 digits",
    )


def unknown_province(code: str, positions: str) -> InvalidNumber:
    return InvalidNumber(
        f"受理地代码 {code}（第 {positions} 位）不存在，请核对",
        f"the issuing province code {code} (characters {positions}) does not exist; check it",
    )


def unknown_nationality(code: str, positions: str) -> InvalidNumber:
    return InvalidNumber(
        f"国籍代码 {code}（第 {positions} 位）不存在，请核对",
        f"the nationality code {code} (characters {positions}) does not exist; check it",
    )


def birth_not_a_date(digits: str, positions: str) -> InvalidNumber:
    return InvalidNumber(
        f"出生日期无效：{digits}（第 {positions} 位）不是真实的日期，请核对",
        f"birth date is invalid: {digits} (characters {positions}) is not a real date; check it",
    )


def birth_in_future(born: date, positions: str) -> InvalidNumber:
    return InvalidNumber(
        f"出生日期无效：{born.isoformat()}（第 {positions} 位）晚于今天，请核对",
        f"birth date is invalid: {born.isoformat()} (characters {positions}) is after today; check it",
    )


def birth_too_early(born: date, positions: str) -> InvalidNumber:
    return InvalidNumber(
        f"出生日期无效：{born.isoformat()}（第 {positions} 位）早于 1900 年，请核对",
        f"birth date is invalid: {born.isoformat()} (characters {positions}) is before 1900; check it",
    )


def wrong_check_char(expected: str, position: int) -> InvalidNumber:
    # A wrong check character usually means a mistyped digit elsewhere, not a wrong last
    # character: say both, so the clerk compares the whole number with the card.
    return InvalidNumber(
        f"校验码错误，应为 {expected}（第 {position} 位）；如证件上不是 {expected}，请逐位核对前 {position - 1} 位",
        f"check character is wrong, it should be {expected} (character {position}); if the card "
        f"shows something else, compare the first {position - 1} characters with the card",
    )


def country_required(kind: str) -> InvalidNumber:
    zh_kind, en_kind = KIND_NAMES[kind]
    return InvalidNumber(
        f"{zh_kind}须填写签发国家或地区（如 USA、DEU）",
        f"a {en_kind} needs its issuing country (e.g. USA, DEU)",
    )


def unknown_country(code: str) -> InvalidNumber:
    return InvalidNumber(
        f"国家或地区代码「{code}」不存在，请填写 ISO 3166 代码（如 USA、DEU）",
        f"country code {code!r} does not exist; use an ISO 3166 code (e.g. USA, DEU)",
    )


def no_digit(kind: str) -> InvalidNumber:
    zh_kind, en_kind = KIND_NAMES[kind]
    return InvalidNumber(
        f"{zh_kind}号码中没有数字，请核对是否填错了栏目",
        f"the {en_kind} number contains no digit; check that it is not another field",
    )
