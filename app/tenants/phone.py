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

_FULLWIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_HYPHENS = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63"), "-")
_TABLE = str.maketrans({**_FULLWIDTH, **_HYPHENS})
_DROPPED = re.compile(r"[\s()]")
MOBILE = re.compile(r"1[3-9]\d{9}")
# Area codes: 010, 02x and 0xxx; a local number never starts with 0.
_LANDLINE = re.compile(r"0[1-9]\d{1,2}-?[1-9]\d{6,7}(?:-\d{1,6})?")

PHONE_PROBLEM = (
    "phone",
    "联系电话：不是有效号码。手机号为 1 开头的 11 位数字（第二位 3–9，不加 +86）；"
    "固定电话为区号（0 开头，3–4 位）加 7–8 位号码，可带“-”和分机号，如 0755-12345678。",
    "Phone (联系电话): not a valid number. A mobile is 11 digits starting 13–19 (no +86); "
    "a landline is the area code (0 and 2–3 digits) and 7–8 digits, optionally with '-' and "
    "an extension, e.g. 0755-12345678.")


def normalise_phone(text: str | None) -> str:
    """ASCII digits and '-', without the spaces and brackets typed between groups; a mobile
    written in groups with hyphens (139-1234-5678) is stored as its 11 digits."""
    phone = _DROPPED.sub("", (text or "").translate(_TABLE))
    digits = phone.replace("-", "")
    return digits if MOBILE.fullmatch(digits) else phone


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
