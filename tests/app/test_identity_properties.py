"""Property tests of identity parsing (hypothesis, no Qt).

Issuance needs a verified identity (rule R6): the parser must survive anything a clerk or
an import file can throw at it, accept every well-formed number and catch every single
mistyped digit.
"""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from app.identity import KINDS, check_char, current_county_codes, make_resident_id, parse_id

TODAY = date(2025, 6, 1)
DIGITS = "0123456789"

resident_ids = st.builds(
    make_resident_id,
    region_code=st.sampled_from(current_county_codes()),
    birth=st.dates(min_value=date(1900, 1, 1), max_value=TODAY),
    sequence=st.integers(min_value=0, max_value=999),
    sex=st.sampled_from(["M", "F"]),
)


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(),
    kind=st.none() | st.sampled_from(KINDS) | st.text(max_size=5),
    country=st.none() | st.text(max_size=4),
)
def test_parse_id_never_raises(text: str, kind: str | None, country: str | None) -> None:
    # rule R6: a bad number is an answer for the clerk, never a crash
    result = parse_id(text, kind, country, today=TODAY)
    assert result.valid == (result.error is None)
    assert (result.error is None) == (result.error_en is None)
    result.to_dict()


@settings(max_examples=200, deadline=None)
@given(text=st.text(alphabet="0123456789Xx9KAZ -", max_size=20))
def test_parse_id_never_raises_on_near_miss_numbers(text: str) -> None:
    # rule R6: id-shaped input reaches the deeper checks, which must not raise either
    result = parse_id(text, today=TODAY)
    assert result.valid == (result.error is None)


@settings(deadline=None)
@given(
    region_code=st.sampled_from(current_county_codes()),
    birth=st.dates(min_value=date(1900, 1, 1), max_value=TODAY),
    sequence=st.integers(min_value=0, max_value=999),
    sex=st.sampled_from(["M", "F"]),
)
def test_generated_numbers_round_trip(
    region_code: str, birth: date, sequence: int, sex: str
) -> None:
    # rule R6: synthetic demo identities are valid and parse back to what made them
    number = make_resident_id(region_code, birth, sequence, sex)
    result = parse_id(number, today=TODAY)
    assert result.valid, result.error_en
    assert result.kind == "resident"
    assert result.number == number
    assert result.birth_date == birth
    assert result.sex == sex
    assert result.region_code == region_code


@settings(deadline=None)
@given(number=resident_ids.filter(lambda n: "1900" <= n[6:10] <= "1999"))
def test_legacy_form_converts_to_the_same_18_digits(number: str) -> None:
    # rule R6: a 15-digit number and its 18-digit form are one identity
    legacy = number[:6] + number[8:17]
    result = parse_id(legacy, today=TODAY)
    assert result.valid and result.legacy_input
    assert result.number == number


@settings(max_examples=100, deadline=None)
@given(number=resident_ids)
def test_every_single_substitution_is_detected(number: str) -> None:
    # rule R6: ISO 7064 MOD 11-2 detects every single-character substitution; checked
    # exhaustively (all 18 positions x every other character) for each generated number.
    for position in range(18):
        alphabet = DIGITS + "X" if position == 17 else DIGITS
        for replacement in alphabet:
            if replacement == number[position]:
                continue
            mutated = number[:position] + replacement + number[position + 1 :]
            assert check_char(mutated[:17]) != mutated[17], mutated
            assert not parse_id(mutated, today=TODAY).valid, mutated
