"""《租住人员信息采集表》: filled, blank, and a batch in one PDF (rules R2, R6, R9)."""

from __future__ import annotations

import io
from collections.abc import Iterable

from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from app.forms.data import CenterInfo, TenantFormData
from app.forms.layout import (
    MARGIN,
    Cell,
    Grid,
    box,
    finish,
    fmt,
    footer,
    header,
    new_pdf,
    signatures,
)
from app.forms.text import fit_text

TITLE = "租住人员信息采集表"
L, V = 22.0, 52.0          # label and value column widths (mm)
PHOTO_W = 32.0             # the photo column right of the first four rows
WIDE = V + L + V + PHOTO_W  # a value that runs to the right edge
PHOTO_ROW, ROW, TALL = 12.0, 12.0, 14.0


def _photo(c: Canvas, jpeg: bytes | None, x: float, y: float, h: float) -> None:
    """The ID photo (358x441 px, drawn 26x32 mm) centred in the photo column, or an empty
    box saying 照片 where the clerk glues a print when the camera failed."""
    c.setLineWidth(0.6)
    c.rect(x * mm, y * mm, PHOTO_W * mm, h * mm)
    pw, ph = 26.0, 32.0
    px, py = x + (PHOTO_W - pw) / 2, y + (h - ph) / 2
    if jpeg:
        # a JPEG goes into the PDF as it is (DCTDecode): no decoding, no quality loss
        c.drawImage(ImageReader(io.BytesIO(jpeg)), px * mm, py * mm, pw * mm, ph * mm,
                    preserveAspectRatio=True, anchor="c")
    else:
        c.setDash(2, 2)
        c.rect(px * mm, py * mm, pw * mm, ph * mm)
        c.setDash()
        fit_text(c, "照片", box(px, py, pw, ph), 11, align="center")


def draw_collection_page(c: Canvas, center: CenterInfo, d: TenantFormData | None,
                         page_text: str = "") -> None:
    """One page; `d` None draws the blank form for handwriting (same boxes, nothing filled)."""
    def v(value: object) -> str:
        return "" if d is None else fmt(value)  # type: ignore[arg-type]

    top = header(c, center, TITLE, d.record_no if d else None,
                 left=f"编号：{d.record_no if d else ''}",
                 right=f"中心编码：{center.code}" if center.code else "")
    g = Grid(c, MARGIN, top)
    # rule R6: every field the tenant declares, the papers checked, the photo taken
    g.row(PHOTO_ROW, Cell(L, "姓名", True), Cell(V, v(d and d.name)),
          Cell(L, "性别", True), Cell(V, v(d and d.sex)))
    g.row(PHOTO_ROW, Cell(L, "民族/国籍", True), Cell(V, v(d and d.ethnicity)),
          Cell(L, "出生日期", True), Cell(V, v(d and d.birth_date)))
    g.row(PHOTO_ROW, Cell(L, "证件类型", True), Cell(V, v(d and d.id_kind_label)),
          Cell(L, "证件号码", True), Cell(V, v(d and d.id_number)))
    g.row(PHOTO_ROW, Cell(L, "婚姻状况", True), Cell(V, v(d and d.marital_status)),
          Cell(L, "文化程度", True), Cell(V, v(d and d.education)))
    _photo(c, d.photo_jpeg if d else None, MARGIN + 2 * (L + V), g.y, 4 * PHOTO_ROW)
    g.row(TALL, Cell(L, "户籍地址", True), Cell(WIDE, v(d and d.household_address)))
    g.row(ROW, Cell(L, "联系电话", True), Cell(V, v(d and d.phone)),
          Cell(L, "职业", True), Cell(V + PHOTO_W, v(d and d.occupation)))
    g.row(TALL, Cell(L, "工作单位/服务处所", True), Cell(WIDE, v(d and d.employer)))
    g.row(ROW, Cell(L, "来本地日期", True), Cell(V, v(d and d.arrival_date)),
          Cell(L, "暂住事由", True), Cell(V + PHOTO_W, v(d and d.stay_reason)))
    g.row(ROW, Cell(L, "楼栋", True), Cell(V, v(d and d.building_name)),
          Cell(L, "房号", True), Cell(V + PHOTO_W, v(d and d.unit_number)))
    g.row(TALL, Cell(L, "楼栋地址", True), Cell(WIDE, v(d and d.building_address)))
    g.row(ROW, Cell(L, "房东姓名", True), Cell(V, v(d and d.landlord_name)),
          Cell(L, "房东电话", True), Cell(V + PHOTO_W, v(d and d.landlord_phone)))
    # rule R9: the family-planning certificate, where it applies (empty otherwise)
    g.row(ROW, Cell(L, "计生证/婚育证明编号", True), Cell(V, v(d and d.family_planning_cert)),
          Cell(L, "门禁卡号", True), Cell(V + PHOTO_W, v(d and d.card_number)))
    g.row(ROW, Cell(L, "登记日期", True), Cell(V, v(d and d.registered_at)),
          Cell(L, "登记员", True), Cell(V + PHOTO_W, v(d and d.clerk_name)))
    g.row(20, Cell(L, "备注", True), Cell(WIDE, ""))

    y = g.y - 2
    fit_text(c, "本人声明：以上所填信息及所提供的证件真实、准确、完整，如有虚假，愿承担相应法律责任。",
             box(MARGIN, y - 9, L + WIDE, 9), 10, pad=0)
    signatures(c, y - 13, ["租住人签名：", "登记员签名："])
    # rule R2: the form goes to the workstation within 24 hours of collection
    to = center.workstation or "社区工作站（出租屋综管站）"
    footer(c, f"本表连同证件复印件、照片于采集后24小时内送达{to}。", page_text)
    c.showPage()


def render_collection_form(center: CenterInfo, data: TenantFormData) -> bytes:
    c, buf = new_pdf(f"{TITLE} {data.record_no}", center)
    draw_collection_page(c, center, data)
    return finish(c, buf)


def render_blank_collection(center: CenterInfo) -> bytes:
    """For handwriting when the system is down: same layout, empty boxes, no QR."""
    c, buf = new_pdf(f"{TITLE}（空白）", center)
    draw_collection_page(c, center, None)
    return finish(c, buf)


def render_collection_batch(center: CenterInfo, records: Iterable[TenantFormData]) -> bytes:
    """All forms of a batch in one PDF, one page each (fonts embedded once for the batch)."""
    c, buf = new_pdf(TITLE, center)
    records = list(records)
    pages = len(records)
    for n, data in enumerate(records, start=1):
        # A batch is counted on each sheet, so a missing page is seen at the workstation.
        draw_collection_page(c, center, data, f"第 {n} 份 / 共 {pages} 份")
    if not pages:
        raise ValueError("a batch needs at least one record")
    return finish(c, buf)
