"""门禁卡发卡回执: the tenant's copy on top, the centre's stub below a cut line (R5, R6)."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from app.forms.data import CardReceiptData, CenterInfo
from app.forms.layout import (
    CONTENT_W,
    MARGIN,
    PAGE_H,
    PAGE_W,
    Cell,
    Grid,
    box,
    finish,
    fmt,
    header,
    new_pdf,
    signatures,
)
from app.forms.text import fit_text

TITLE = "门禁卡发卡回执"
L, V = 24.0, 66.0
RULES = (
    "一人一卡：本卡仅限持卡人本人使用，不得转借、转让或复制；每人只能持有一张有效门禁卡。",
    "卡片遗失或损坏，请立即到出租屋管理服务中心挂失，挂失后原卡停用，凭有效证件补办。",
    "迁出（退租）时须将门禁卡交回中心办理注销；未交回的卡片将被停用。",
    "门禁系统出现故障，请及时向中心报告。",
)


def _half(c: Canvas, center: CenterInfo, d: CardReceiptData, top: float, copy: str) -> None:
    y = header(c, center, f"{TITLE}（{copy}）", d.record_no, left=f"编号：{d.record_no}",
               right=f"发卡时间：{fmt(d.issued_at)}", top=top)
    g = Grid(c, MARGIN, y)
    # the ID number comes masked (app.printing): the receipt leaves in the tenant's pocket
    g.row(10, Cell(L, "持卡人姓名", True), Cell(V, d.tenant_name),
          Cell(L, "证件号码", True), Cell(V, d.id_number))
    g.row(10, Cell(L, "门禁卡号", True), Cell(V, d.card_number),
          Cell(L, "发卡时间", True), Cell(V, fmt(d.issued_at)))
    g.row(10, Cell(L, "楼栋", True), Cell(V, d.building_name),
          Cell(L, "房号", True), Cell(V, d.unit_number))
    g.row(12, Cell(L, "楼栋地址", True), Cell(CONTENT_W - L, d.building_address))
    g.row(10, Cell(L, "发卡登记员", True), Cell(CONTENT_W - L, d.clerk_name))
    y = g.y - 2
    fit_text(c, "使用须知：", box(MARGIN, y - 6, CONTENT_W, 6), 10, pad=0, bold=True)
    y -= 6
    for i, rule in enumerate(RULES, 1):
        fit_text(c, f"{i}. {rule}", box(MARGIN + 3, y - 5.5, CONTENT_W - 3, 5.5), 9, pad=0)
        y -= 5.5
    signatures(c, y - 2, ["持卡人签名：", "发卡人签名："], with_date=False)


def draw_receipt_page(c: Canvas, center: CenterInfo, d: CardReceiptData) -> None:
    _half(c, center, d, PAGE_H - 10, "持卡人联")
    cut = PAGE_H / 2
    c.setDash(3, 3)
    c.setLineWidth(0.4)
    c.line(5 * mm, cut * mm, (PAGE_W - 5) * mm, cut * mm)
    c.setDash()
    fit_text(c, "沿此线剪开", box(PAGE_W / 2 - 15, cut + 0.5, 30, 4), 7, align="center", pad=0)
    _half(c, center, d, cut - 8, "存根联")
    c.showPage()


def render_card_receipt(center: CenterInfo, data: CardReceiptData) -> bytes:
    c, buf = new_pdf(f"{TITLE} {data.card_number}", center)
    draw_receipt_page(c, center, data)
    return finish(c, buf)
