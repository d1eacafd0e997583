"""The tenant's phone number (联系电话): one rule for the desk, the command line and the import.

Accepted: a mainland mobile number (1[3-9] and 9 more digits) or a landline (area code 0xx
or 0xxx, then 7–8 digits, optionally a '-' between them and a '-' extension). Anything else
is refused, naming the field, in Chinese and English. Chinese input methods type full-width
digits (１３９…) and full-width brackets and hyphens: they are turned into ASCII here, at the
boundary, so the same number is never stored two ways. Spaces and brackets people type
between groups ("(0755) 1234 5678", "139 1234 5678") are dropped.
"""

from __future__ import annotations

import re
import unicodedata

_FULLWIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_HYPHENS = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63"), "-")
_TABLE = str.maketrans({**_FULLWIDTH, **_HYPHENS})
_DROPPED = re.compile(r"[\s()]")
MOBILE = re.compile(r"1[3-9][0-9]{9}")
# Area codes as the plan has them: 010, 02x, 03xx–09xx (a "0139…" is a mobile with a 0).
_LANDLINE = re.compile(r"(010|02[0-9]|0[3-9][0-9]{2})-?([1-9][0-9]{6,7})(?:-([0-9]{1,6}))?")

PHONE_PROBLEM = (
    "phone",
    "联系电话：不是有效号码。手机号为 1 开头的 11 位数字（第二位 3–9，不加 +86）；"
    "固定电话为区号（0 开头，3–4 位）加 7–8 位号码，可带“-”和分机号，如 0755-12345678。",
    "Phone (联系电话): not a valid number. A mobile is 11 digits starting 13–19 (no +86); "
    "a landline is the area code (0 and 2–3 digits) and 7–8 digits, optionally with '-' and "
    "an extension, e.g. 0755-12345678.")


def _ascii_digits(text: str) -> str:
    """Every decimal digit as ASCII: full-width, Arabic-Indic, mathematical bold… ('\\d' in
    a pattern would take them as digits and store a number search never finds)."""
    return "".join(str(unicodedata.decimal(c)) if unicodedata.category(c) == "Nd" else c
                   for c in text)


def normalise_phone(text: str | None) -> str:
    """The one stored form: ASCII digits only (139-1234-5678 and 0755-1234 5678 as their
    digits), a landline's extension after one '-'; search looks numbers up in this form."""
    phone = _DROPPED.sub("", _ascii_digits((text or "").translate(_TABLE)))
    digits = phone.replace("-", "")
    if MOBILE.fullmatch(digits):
        return digits
    if landline := _LANDLINE.fullmatch(phone):
        area, local, extension = landline.groups()
        return area + local + (f"-{extension}" if extension else "")
    return phone


def is_mobile(text: str | None) -> bool:
    """A complete mainland mobile number (full-width digits and spaces as accepted above)."""
    return bool(MOBILE.fullmatch(normalise_phone(text)))


def phone_problem(text: str | None) -> tuple[str, str, str] | None:
    """(field, zh, en) when `text` is no valid mobile or landline number, else None."""
    phone = normalise_phone(text)
    if MOBILE.fullmatch(phone) or _LANDLINE.fullmatch(phone):
        return None
    if not phone:
        return ("phone", "联系电话必填。", "Phone (联系电话) is required.")
    return PHONE_PROBLEM
