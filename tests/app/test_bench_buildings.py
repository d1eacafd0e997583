"""`rentdesk bench --gui` times the building finder at district size whatever `--tenants`
built (issue 13): the centre is topped up to 11,500 buildings first, once."""

from __future__ import annotations

from app.property.find import find_buildings, units_with_space_first
from devkit.gui_bench import FIND_BUILDINGS, building_count, top_up_buildings


def test_the_finder_bench_runs_at_11500_buildings(desk, admin, building):  # rule R5
    assert FIND_BUILDINGS >= 11_500
    assert building_count(desk) == 1
    assert top_up_buildings(desk, at_least=300) == 300
    assert top_up_buildings(desk, at_least=300) == 300  # a kept district is not grown again
    assert top_up_buildings(desk, at_least=301) == 301  # codes already used are skipped
    found = find_buildings(desk, "东门")  # the added rows are found as typed, with their rooms
    added = next(b for b in found if b.code.startswith("F"))
    assert [u.number for u in units_with_space_first(desk, added.id)] == ["101", "102", "103", "104"]
