"""招租信息发布 (rule R1): listings within the occupancy cap (rule R5), their sheet and board."""

from __future__ import annotations

import io
import re
from datetime import date

import openpyxl
import pypdf
import pytest
from sqlmodel import select

from app.desk.errors import Refused
from app.property.buildings import add_building, add_unit
from app.services.listing_print import export_board, listing_sheet_pdf
from app.services.listings import (
    add_listing,
    get_listing,
    list_listings,
    publish_listing,
    update_listing,
    withdraw_listing,
)
from app.tenants.cards import issue_card
from app.tenants.intake import move_out
from db.engine import read_session
from db.models import AuditEvent, Outbox
from tests.conftest import idno, register

AVAILABLE = date(2026, 12, 1)


def text_of(pdf: bytes) -> str:
    return re.sub(r"\s+", "", "".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf)).pages))


def listing_101(desk, admin, **kw):
    return add_listing(desk, admin, "B1", "101", 1200, AVAILABLE, **kw)


def test_listing_takes_landlord_contact_and_counts_free_slots(desk, admin, building):
    info = listing_101(desk, admin, description="朝南，近地铁")
    # rule R5: unit 101 is 12 m2, cap 2, nobody living there yet
    assert info.slots.unit_cap == 2 and info.slots.free == 2 and info.status == "draft"
    assert (info.contact_name, info.contact_phone) == ("林房东", "13800000000")
    assert not info.available
    with pytest.raises(Refused) as r:  # one live listing per unit
        listing_101(desk, admin)
    assert r.value.code == "listing_exists"
    changed = update_listing(desk, admin, info.id, rent_yuan=1300, contact_phone="139 0000 1111")
    assert (changed.rent_yuan, changed.contact_phone) == (1300, "13900001111")
    published = publish_listing(desk, admin, info.id)
    assert published.available and published.published_at is not None
    with read_session(desk.engine) as s:
        # synced like every desk record; and every step is in the audit log (R10)
        assert s.exec(select(Outbox).where(Outbox.table_name == "listing")).first()
        actions = set(s.exec(select(AuditEvent.action)).all())
    assert {"listing.create", "listing.update", "listing.publish"} <= actions


def test_full_unit_cannot_be_listed_published_or_printed(desk, admin, building):
    # rule R5, rule R1: residents at the cap make the unit full, cards or not yet
    info = listing_101(desk, admin, publish=True)
    register(desk, admin, 1, unit="101")
    assert get_listing(desk, info.id).slots.free == 1
    register(desk, admin, 2, unit="101")
    assert get_listing(desk, info.id).slots.full and not get_listing(desk, info.id).available
    with pytest.raises(Refused) as r:
        listing_101(desk, admin)
    assert r.value.code == "unit_full" and "已住满" in r.value.zh and "cap 2" in r.value.en
    with pytest.raises(Refused):
        listing_sheet_pdf(desk, admin, info.id)
    withdraw_listing(desk, admin, info.id)
    with pytest.raises(Refused) as r:
        publish_listing(desk, admin, info.id)
    assert r.value.code == "unit_full"
    # someone moves out: there is room again
    move_out(desk, admin, idno(1))
    assert publish_listing(desk, admin, info.id).available


def test_board_export_withdraws_listings_of_units_that_filled_up(desk, admin, building):
    # rule R5: a published listing is not kept on the board once the unit is full
    full = listing_101(desk, admin, publish=True)
    room = add_listing(desk, admin, "B1", "102", 800, AVAILABLE, publish=True,
                       contact_name="李先生", contact_phone="13500000000")
    register(desk, admin, 1, unit="101")
    register(desk, admin, 2, unit="101")
    export = export_board(desk, admin, "pdf", on=date(2026, 11, 27))
    assert export.withdrawn == (full.id,) and export.listed == 1
    text = text_of(export.data)
    assert "招租信息公告" in text and "东门一号楼" in text and "800" in text
    assert get_listing(desk, full.id).status == "withdrawn"
    assert get_listing(desk, full.id).withdraw_reason.startswith("已住满")
    assert [i.id for i in list_listings(desk, status="published")] == [room.id]
    book = openpyxl.load_workbook(io.BytesIO(export_board(desk, admin, "xlsx").data))
    rows = list(book.active.iter_rows(values_only=True))
    assert rows[0][:3] == ("序号", "楼栋", "房号") and len(rows) == 2
    assert rows[1][2] == "102" and rows[1][5] == 800


def test_unit_without_area_follows_the_building_cap(desk, admin, photo_jpeg):
    # (10 - 4) / 6 = cap 1 for the whole building; unit 201 has no area of its own
    add_building(desk, admin, "B2", "二号楼", "东门路 2 号", 10.0, 4.0)
    add_unit(desk, admin, "B2", "201", landlord_name="王房东", landlord_phone="13700000000")
    add_unit(desk, admin, "B2", "202", landlord_name="赵房东", landlord_phone="13700000001")
    assert add_listing(desk, admin, "B2", "202", 600, AVAILABLE).slots.free == 1
    register(desk, admin, 5, unit="201", building_code="B2", photo=photo_jpeg)
    issue_card(desk, admin, idno(5), "0000000005")
    with pytest.raises(Refused) as r:
        add_listing(desk, admin, "B2", "202", 600, AVAILABLE)
    assert r.value.code == "building_full" and "二号楼" in r.value.zh


def test_unknown_cap_area_mismatch_and_contact_are_refused(desk, admin, building):
    add_building(desk, admin, "B3", "三号楼", "东门路 3 号", None, None)
    add_unit(desk, admin, "B3", "301", area_m2=20.0)
    with pytest.raises(Refused) as r:
        add_listing(desk, admin, "B3", "301", 900, AVAILABLE, contact_name="甲", contact_phone="13600000000")
    assert r.value.code == "cap_unknown"
    with pytest.raises(Refused) as r:
        listing_101(desk, admin, area_m2=30.0)
    assert r.value.code == "area_mismatch"
    with pytest.raises(Refused) as r:
        add_listing(desk, admin, "B1", "102", 800, AVAILABLE)  # 102 has no landlord
    assert r.value.code == "contact_required"
    with pytest.raises(Refused) as r:
        add_listing(desk, admin, "B1", "101", 1200.5, AVAILABLE)  # whole yuan only
    assert r.value.code == "bad_amount"


def test_listing_sheet_pdf_has_fields_and_photos(desk, admin, building, photo_jpeg):
    info = listing_101(desk, admin, floor=1, description="朝南，带阳台", photos=[photo_jpeg],
                       publish=True)
    assert len(info.photos) == 1
    pdf = listing_sheet_pdf(desk, admin, info.id)
    text = text_of(pdf)
    for value in ("招租信息", "东门一号楼", "101", "1200元/月", "2026-12-01", "林房东",
                  "13800000000", "朝南，带阳台", "尚可入住2人", "深圳市罗湖区东门路1号"):
        assert value in text, value
    page = pypdf.PdfReader(io.BytesIO(pdf)).pages[0]
    assert len(page.images) == 1
