"""招租信息: the printable sheet of one listing and the notice-board list (rules R1, R2, R5).

Built on the forms engineer's page furniture (header with QR, Grid, fit_text, paginated
tables), so listings print with the same fonts and fallback chain as the statutory forms.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date

from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from app.forms.data import CenterInfo, When
from app.forms.layout import (
    CONTENT_W,
    MARGIN,
    Cell,
    Grid,
    box,
    content_top,
    finish,
    fmt,
    footer,
    header,
    new_pdf,
)
from app.forms.table import Column, body_row, head_row, paginate, rows_fitting
from app.forms.text import fit_text

SHEET_TITLE = "招租信息"
BOARD_TITLE = "招租信息公告"
# rule R2: listings are published free of charge; rule R5: residents stay within the cap
FREE_NOTE = ("本中心免费发布招租信息（罗办〔2010〕6号）。入住须到中心登记并办理门禁卡；"
             "居住人数不得超过核定上限（每人 6 m²）。")
L, V = 24.0, 66.0
MAX_PHOTOS = 4
BOTTOM = 16.0


@dataclass(frozen=True)
class ListingSheetData:
    record_no: str            # the listing id, also in the QR
    building_name: str
    building_address: str
    unit_number: str
    rent_yuan: int
    available_from: When
    contact_name: str
    contact_phone: str
    free: int                 # residents who may still move in (rule R5)
    cap: int | None           # the unit's cap where its area is known
    floor: int | None = None
    area_m2: float | None = None
    description: str = ""
    published_at: When = None
    photos: list[bytes] = field(default_factory=list)  # JPEGs, at most MAX_PHOTOS printed


@dataclass(frozen=True)
class BoardRow:
    building_name: str
    unit_number: str
    rent_yuan: int
    available_from: When
    free: int
    contact_name: str
    contact_phone: str
    floor: int | None = None
    area_m2: float | None = None


def slots_text(free: int, cap: int | None) -> str:
    if cap is None:
        return f"尚可入住 {free} 人（按楼栋核定人数控制）"
    return f"尚可入住 {free} 人（本间核定 {cap} 人）"


def _photos(c: Canvas, photos: list[bytes], top: float) -> None:
    """Up to four photos in a 2x2 grid below the fields, each kept in proportion."""
    w, h, gap = (CONTENT_W - 4) / 2, 58.0, 4.0
    for i, jpeg in enumerate(photos[:MAX_PHOTOS]):
        x = MARGIN + (i % 2) * (w + gap)
        y = top - (i // 2 + 1) * (h + gap)
        c.drawImage(ImageReader(io.BytesIO(jpeg)), x * mm, y * mm, w * mm, h * mm,
                    preserveAspectRatio=True, anchor="c")


def render_listing_sheet(center: CenterInfo, d: ListingSheetData) -> bytes:
    c, buf = new_pdf(f"{SHEET_TITLE} {d.record_no}", center)
    top = header(c, center, SHEET_TITLE, d.record_no, left=f"编号：{d.record_no}",
                 right=f"发布日期：{fmt(d.published_at)}")
    g = Grid(c, MARGIN, top)
    g.row(11, Cell(L, "楼栋", True), Cell(V, d.building_name),
          Cell(L, "房号", True), Cell(V, d.unit_number))
    g.row(12, Cell(L, "地址", True), Cell(CONTENT_W - L, d.building_address))
    g.row(11, Cell(L, "楼层", True), Cell(V, fmt(d.floor)),
          Cell(L, "面积（m²）", True), Cell(V, fmt(d.area_m2)))
    g.row(11, Cell(L, "月租金", True), Cell(V, f"{d.rent_yuan} 元/月", size=12),
          Cell(L, "可入住日期", True), Cell(V, fmt(d.available_from)))
    g.row(11, Cell(L, "可住人数", True), Cell(CONTENT_W - L, slots_text(d.free, d.cap)))
    g.row(11, Cell(L, "联系人", True), Cell(V, d.contact_name),
          Cell(L, "联系电话", True), Cell(V, d.contact_phone, size=12))
    g.row(26, Cell(L, "房屋描述", True), Cell(CONTENT_W - L, d.description))
    _photos(c, d.photos, g.y - 2)
    footer(c, FREE_NOTE)
    c.showPage()
    return finish(c, buf)


BOARD_COLUMNS = (
    Column("序号", 9, "center"), Column("楼栋", 32), Column("房号", 14, "center"),
    Column("楼层", 10, "center"), Column("面积m²", 14, "right"), Column("月租(元)", 18, "right"),
    Column("可住人数", 13, "center"), Column("可入住日期", 22), Column("联系人", 20),
    Column("联系电话", 28),
)


def _board_values(i: int, r: BoardRow) -> list[str]:
    return [str(i), r.building_name, r.unit_number, fmt(r.floor), fmt(r.area_m2),
            str(r.rent_yuan), str(r.free), fmt(r.available_from), r.contact_name,
            r.contact_phone]


def render_listing_board(center: CenterInfo, rows: list[BoardRow], on: date) -> bytes:
    """The list for the notice board: every available listing, one row each, paginated."""
    c, buf = new_pdf(BOARD_TITLE, center)
    per_page = rows_fitting(content_top() - 10, BOTTOM)
    pages = paginate(rows, per_page, per_page, per_page)
    i = 0
    for n, chunk in enumerate(pages, 1):
        # the QR names the board of the day, so a photo of a posted sheet can be dated
        header(c, center, BOARD_TITLE, f"{center.code} {BOARD_TITLE} {on}", left=f"日期：{fmt(on)}",
               right=f"共 {len(rows)} 条")
        fit_text(c, FREE_NOTE, box(MARGIN, content_top() - 8, CONTENT_W, 6), 9, pad=0)
        g = Grid(c, MARGIN, content_top() - 10)
        head_row(g, BOARD_COLUMNS)
        for r in chunk:
            i += 1
            body_row(g, BOARD_COLUMNS, _board_values(i, r))
        if not rows:
            fit_text(c, "暂无可发布的招租信息。", box(MARGIN, g.y - 10, CONTENT_W, 8), 10)
        footer(c, "以上信息由房东提供，中心免费发布。", f"第 {n} 页 / 共 {len(pages)} 页")
        c.showPage()
    return finish(c, buf)


BOARD_HEADER = ("序号", "楼栋", "房号", "楼层", "面积(m²)", "月租(元)", "可住人数", "可入住日期",
                "联系人", "联系电话")


def listing_board_xlsx(rows: list[BoardRow], on: date) -> bytes:
    """The same list as a spreadsheet, for offices that post it online or edit the layout."""
    from openpyxl import Workbook

    from app.data.safe_cells import append_safe

    book = Workbook()
    sheet = book.active
    sheet.title = f"招租信息{on:%Y%m%d}"
    sheet.append(list(BOARD_HEADER))
    for i, r in enumerate(rows, 1):
        append_safe(sheet, [i, r.building_name, r.unit_number, r.floor, r.area_m2, r.rent_yuan,
                      r.free, r.available_from if isinstance(r.available_from, date)
                      else fmt(r.available_from), r.contact_name, r.contact_phone])
    sheet.freeze_panes = "A2"
    for col, width in zip("ABCDEFGHIJ", (6, 24, 8, 6, 10, 10, 9, 12, 12, 15), strict=True):
        sheet.column_dimensions[col].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
