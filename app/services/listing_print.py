"""Printing listings: one listing's sheet and the notice-board list (PDF or XLSX).

Both refuse to show a full unit as available (rule R5): the sheet checks the room left
before printing, the board withdraws listings whose unit has filled up, in the same
transaction that records the export, so the board and the database agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import select

from app.data.blobs import read_blob
from app.desk import clock
from app.desk.context import Desk
from app.desk.errors import Refused
from app.forms.listing_forms import (
    BoardRow,
    ListingSheetData,
    listing_board_xlsx,
    render_listing_board,
    render_listing_sheet,
)
from app.services.common import center_info
from app.services.listings import listing_info, load_listing, require_room, withdraw_full
from app.staff import audit
from app.staff.accounts import require
from app.staff.audit import Actor
from db.engine import write_session
from db.models import Unit
from db.service_tables import Listing


def listing_sheet_pdf(desk: Desk, actor: Actor, listing_id: str) -> bytes:
    """The sheet to post or hand out; the print is logged (R10)."""
    require(actor, "print")
    with write_session(desk.engine) as s:
        listing = load_listing(s, listing_id)
        if listing.status == "withdrawn":
            raise Refused("listing_withdrawn", "该招租信息已撤下，不能打印。请先重新发布。",
                          "The listing is withdrawn: publish it again before printing.")
        unit = s.get(Unit, listing.unit_id)
        assert unit is not None
        slots = require_room(s, unit)  # rule R5: never print a full unit as available
        info = listing_info(s, listing)
        data = ListingSheetData(
            record_no=info.id, building_name=info.building_name,
            building_address=info.building_address, unit_number=info.unit_number,
            rent_yuan=info.rent_yuan, available_from=info.available_from,
            contact_name=info.contact_name, contact_phone=info.contact_phone,
            free=slots.free or 0, cap=slots.unit_cap, floor=info.floor, area_m2=info.area_m2,
            description=info.description, published_at=info.published_at,
            photos=[read_blob(desk, sha) for sha in info.photos])
        center = center_info(s, actor.center_code)
        audit.record(s, actor, "listing.print", "listing", listing.id)
    return render_listing_sheet(center, data)


@dataclass(frozen=True)
class BoardExport:
    data: bytes
    format: str               # pdf | xlsx
    listed: int               # rows on the board
    withdrawn: tuple[str, ...]  # listings taken down because their unit filled up


def export_board(desk: Desk, actor: Actor, fmt: str = "pdf",
                 on: date | None = None) -> BoardExport:
    """Every published listing with room left, for the notice board."""
    require(actor, "print")
    if fmt not in ("pdf", "xlsx"):
        raise Refused("bad_format", "导出格式应为 pdf 或 xlsx。", "Export as pdf or xlsx.")
    on = on or clock.today(desk)
    with write_session(desk.engine) as s:
        withdrawn = tuple(withdraw_full(s, actor))
        rows = []
        published = s.exec(select(Listing).where(Listing.status == "published")
                           .order_by(Listing.id)).all()
        for listing in published:
            info = listing_info(s, listing)
            rows.append(BoardRow(info.building_name, info.unit_number, info.rent_yuan,
                                 info.available_from, info.slots.free or 0, info.contact_name,
                                 info.contact_phone, info.floor, info.area_m2))
        center = center_info(s, actor.center_code)
        audit.record(s, actor, "listing.board_export", "listing", None, format=fmt,
                     listed=len(rows), withdrawn=len(withdrawn))
    data = (render_listing_board(center, rows, on) if fmt == "pdf"
            else listing_board_xlsx(rows, on))
    return BoardExport(data, fmt, len(rows), withdrawn)
