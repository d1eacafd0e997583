"""The R1 services (listings, leases, permits) reach the district like every other record."""

from __future__ import annotations

from datetime import date

from app.services.leases import add_lease
from app.services.listings import add_listing
from app.sync import batches
from app.sync.run import sync
from tests.conftest import idno, register
from tests.sync.conftest import assert_mirrored, district_rows


def test_listing_and_lease_are_uploaded_not_dropped(desk, admin, building, photo_jpeg,
                                                   district, lh01_url):
    # rule R1: every desk service is part of the centre's record; nothing is lost in sync
    register(desk, admin, 1, unit="102", photo=photo_jpeg)
    add_listing(desk, admin, "B1", "101", 1200, date(2026, 12, 1), photos=[photo_jpeg],
                publish=True)
    add_lease(desk, admin, "B1", "102", [idno(1)], 1500, date(2026, 1, 1), date(2026, 12, 31),
              landlord_name="周房东")
    report = sync(desk, lh01_url)
    assert report["ok"] and batches.outbox_size(desk) == 0
    assert_mirrored(desk, district)
    for table in ("listing", "listing_photo", "lease_registration", "lease_tenant"):
        assert district_rows(district, f"SELECT count(*) FROM {table}")[0][0] >= 1, table


def test_a_centre_cannot_read_another_centres_listings(desk, admin, building, district, lh01_url,
                                                      lh02_url):
    add_listing(desk, admin, "B1", "101", 1200, date(2026, 12, 1), publish=True)
    sync(desk, lh01_url)
    import psycopg

    with psycopg.connect(lh02_url) as conn:
        assert conn.execute("SELECT count(*) FROM listing").fetchone()[0] == 0
    with psycopg.connect(lh01_url) as conn:
        assert conn.execute("SELECT count(*) FROM listing").fetchone()[0] == 1
