"""Check characters: ISO 7064 MOD 11-2 (resident IDs, permits, new PR cards) and the
ICAO 9303 7-3-1 digit of the old 15-character permanent-residence number."""

from __future__ import annotations

import re

# Weight of position i (0-based, left to right) is 2^(17-i) mod 11, as GB 11643-1999 states.
_MOD11_2_WEIGHTS = tuple(pow(2, 17 - i, 11) for i in range(17))
# The check value v (0..10) is the character that makes the weighted sum of all 18 ≡ 1 mod 11.
_MOD11_2_CHARS = "10X98765432"
_SEVENTEEN_DIGITS = re.compile(r"[0-9]{17}")


def check_char(first17: str) -> str:
    """The 18th character ('0'-'9' or 'X') for the first 17 digits of an 18-digit number."""
    if not _SEVENTEEN_DIGITS.fullmatch(first17):
        raise ValueError(f"need exactly 17 ASCII digits, got {first17!r}")
    total = sum(
        int(digit) * weight for digit, weight in zip(first17, _MOD11_2_WEIGHTS, strict=True)
    )
    return _MOD11_2_CHARS[total % 11]


def icao_check_digit(text: str) -> str:
    """ICAO 9303 check digit: weights 7, 3, 1 repeating; A-Z count 10-35; '<' counts 0."""
    total = 0
    for index, char in enumerate(text):
        if "0" <= char <= "9":
            value = ord(char) - 48
        elif "A" <= char <= "Z":
            value = ord(char) - 55
        elif char == "<":
            value = 0
        else:
            raise ValueError(f"character {char!r} has no ICAO 9303 value")
        total += value * (7, 3, 1)[index % 3]
    return str(total % 10)
