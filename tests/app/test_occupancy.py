"""The occupancy cap formula and its refusals (R5)."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.desk.errors import Refused
from app.tenants.occupancy import area_cap, unit_cap


def test_cap_is_usable_area_over_six():
    # rule R5
    assert area_cap(64.0, 4.0) == 10
    assert area_cap(65.9, 4.0) == 10
    assert area_cap(66.0, 0.0) == 11
    assert area_cap(600.0, None) == 100
    assert unit_cap(12.0) == 2 and unit_cap(11.9) == 1 and unit_cap(None) is None


@pytest.mark.parametrize("floor, public, code", [
    (None, 10.0, "area_missing"), (0.0, 0.0, "area_invalid"), (-5.0, 0.0, "area_invalid"),
    (100.0, 100.0, "area_invalid"), (100.0, 150.0, "area_invalid"), (100.0, -1.0, "area_invalid"),
    (math.nan, 0.0, "area_invalid"),
])
def test_impossible_areas_block_with_a_fix(floor, public, code):
    # rule R5: missing, negative or impossible areas block issuance with a message naming the fix
    with pytest.raises(Refused) as e:
        area_cap(floor, public)
    assert e.value.code == code and "楼栋" in e.value.zh


@given(st.floats(1, 1e6), st.floats(0, 1e6))
def test_cap_never_exceeds_area_allowance(floor, public):
    # rule R5: cap × 6 m² never exceeds the usable area
    if public >= floor:
        with pytest.raises(Refused):
            area_cap(floor, public)
    else:
        cap = area_cap(floor, public)
        assert cap >= 0 and cap * 6 <= (floor - public) + 1e-6
