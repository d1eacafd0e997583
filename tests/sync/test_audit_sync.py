"""The audit log reaches the district, where a centre can add entries but never edit them."""

from __future__ import annotations

import psycopg
import pytest

from app.sync.run import sync
from tests.conftest import register
from tests.sync.conftest import district_rows, local_count


def test_audit_entries_uploaded_and_append_only(desk, admin, building, district, lh01_url):
    # rule R10: the district keeps every centre's audit trail, beyond the centre's reach
    register(desk, admin, 1)
    assert sync(desk, lh01_url)["ok"]
    count = district_rows(district, "SELECT count(*) FROM audit_event WHERE center_code = 'LH01'")
    assert count[0][0] == local_count(desk, "audit_event") > 0
    with psycopg.connect(lh01_url, autocommit=True) as conn:
        for statement in ("UPDATE audit_event SET action = 'x'", "DELETE FROM audit_event"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(statement)
    assert sync(desk, lh01_url)["ok"]  # nothing resent twice
    again = district_rows(district, "SELECT count(*) FROM audit_event WHERE center_code = 'LH01'")
    assert again[0][0] == local_count(desk, "audit_event")
