"""Checks shared by the number layouts: characters, birth date, sex digit."""

from __future__ import annotations

import re
from datetime import date

from app.identity import messages
from app.identity.checksum import check_char

DIGITS_THEN_CHECK = re.compile(r"[0-9]{17}[0-9X]")
EARLIEST_BIRTH_YEAR = 1900


def require_digits(number: str, *, x_last: bool) -> None:
    """Every character a digit; with `x_last`, the last may be X (a MOD 11-2 check of 10).

    Names the first offending character, so 'O' typed for '0' or 'l' for '1' is found at once.
    """
    last = len(number) - 1
    for index, char in enumerate(number):
        if "0" <= char <= "9":
            continue
        if char == "X" and x_last:
            if index == last:
                continue
            raise messages.x_not_last(index + 1)
        if x_last:
            raise messages.illegal_character(
                char,
                index + 1,
                "号码只能包含数字，最后一位可以是 X",
                "only digits, and X as the last character",
            )
        raise messages.illegal_character(
            char, index + 1, "此处只能是数字", "only digits are allowed here"
        )


def require_check_char(number18: str) -> None:
    expected = check_char(number18[:17])
    if number18[17] != expected:
        raise messages.wrong_check_char(expected, 18)


def birth_date(yyyymmdd: str, positions: str, today: date, shown: str | None = None) -> date:
    """A real date, not after today and not before 1900. `shown` is what the card carries
    (the 6 digits of a 15-character number), so the message quotes the clerk's input."""
    try:
        born = date(int(yyyymmdd[:4]), int(yyyymmdd[4:6]), int(yyyymmdd[6:8]))
    except ValueError:
        raise messages.birth_not_a_date(shown or yyyymmdd, positions) from None
    if born > today:
        raise messages.birth_in_future(born, positions)
    if born.year < EARLIEST_BIRTH_YEAR:
        raise messages.birth_too_early(born, positions)
    return born


def sex_from_digit(digit: str) -> str:
    # GB 11643-1999: the sequence code's last digit is odd for men, even for women.
    return "M" if int(digit) % 2 else "F"
