"""Synthetic resident ID numbers for demo data and tests (never a real person's)."""

from __future__ import annotations

from datetime import date

from app.identity.checksum import check_char


def make_resident_id(region_code: str, birth: date, sequence: int, sex: str) -> str:
    """Build an 18-digit number: region + YYYYMMDD + 3-digit sequence + check character.

    `sequence` is the 3-digit order code (0-999). GB 11643-1999 gives men odd and women
    even codes, so when its parity does not match `sex` its last bit is flipped (123 'F' ->
    122, 122 'M' -> 123); the result always stays within 000-999.
    """
    if len(region_code) != 6 or not region_code.isascii() or not region_code.isdigit():
        raise ValueError(f"region code must be 6 digits, got {region_code!r}")
    if sex not in ("M", "F"):
        raise ValueError(f"sex must be 'M' or 'F', got {sex!r}")
    if not 0 <= sequence <= 999:
        raise ValueError(f"sequence must be 0..999, got {sequence}")
    if not 1000 <= birth.year <= 9999:
        raise ValueError(f"birth year must have 4 digits, got {birth.year}")
    wants_odd = sex == "M"
    order = sequence if (sequence % 2 == 1) == wants_odd else sequence ^ 1
    first17 = f"{region_code}{birth:%Y%m%d}{order:03d}"
    return first17 + check_char(first17)
