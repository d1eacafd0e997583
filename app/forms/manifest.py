"""移交清单: what a batch delivered to the community workstation holds (rule R2)."""

from __future__ import annotations

from reportlab.pdfgen.canvas import Canvas

from app.forms.data import CenterInfo, ManifestData, ManifestEntry
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
    signatures,
)
from app.forms.table import Column, body_row, head_row, paginate, rows_fitting
from app.forms.text import fit_text

TITLE = "移交清单"
TICK = "✓"
COLUMNS = (
    Column("序号", 9, "center"), Column("姓名", 26), Column("证件号码", 34),
    Column("楼栋/房号", 35), Column("采集时间", 28),
    Column("采集表", 12, "center"), Column("身份证复印件", 12, "center"),
    Column("照片", 12, "center"), Column("计生证", 12, "center"),
)
BOTTOM = 16.0     # the footer lives below this
SUMMARY_H = 61.0  # counts, hand-over times, audit chain head, signatures


def _values(i: int, e: ManifestEntry) -> list[str]:
    where = f"{e.building_name} {e.unit_number}".strip()
    ticks = [TICK if has else "" for has in
             (e.has_form, e.has_id_copy, e.has_photo, e.has_family_planning_cert)]
    return [str(i), e.name, e.id_number, where, fmt(e.collected_at), *ticks]


def _summary(c: Canvas, d: ManifestData, y: float) -> None:
    es = d.entries
    counts = (f"共 {len(es)} 条记录：采集表 {sum(e.has_form for e in es)} 份，"
              f"身份证复印件 {sum(e.has_id_copy for e in es)} 份，"
              f"照片 {sum(e.has_photo for e in es)} 张，"
              f"计生证 {sum(e.has_family_planning_cert for e in es)} 份。")
    fit_text(c, counts, box(MARGIN, y - 8, CONTENT_W, 8), 10, pad=0)
    half = CONTENT_W / 2
    g = Grid(c, MARGIN, y - 10)
    g.row(9, Cell(26, "移交时间", True), Cell(half - 26, fmt(d.handed_over_at)),
          Cell(26, "接收时间", True), Cell(half - 26, ""))
    g.row(9, Cell(26, "移交人", True), Cell(half - 26, d.center_staff),
          Cell(26, "接收人", True), Cell(half - 26, d.workstation_staff))
    if d.audit_head is not None:
        seq, digest = d.audit_head
        g.row(9, Cell(26, "审计链头", True),
              Cell(CONTENT_W - 26, f"第 {seq} 条  {digest[:32]} {digest[32:]}"))
    signatures(c, g.y - 3, ["移交人签名：", "接收人签名："], with_date=False)


def render_manifest(center: CenterInfo, data: ManifestData) -> bytes:
    workstation = data.workstation or center.workstation
    c, buf = new_pdf(f"{TITLE} {data.batch_no}", center)
    info_h = 2 * 9.0

    def page_top(n: int, total: int) -> float:
        y = header(c, center, TITLE, data.batch_no, left=f"批次号：{data.batch_no}",
                   right=f"生成时间：{fmt(data.created_at)}")
        g = Grid(c, MARGIN, y)
        g.row(9, Cell(26, "移交单位", True), Cell(CONTENT_W - 26, center.name))
        g.row(9, Cell(26, "接收单位", True), Cell(CONTENT_W - 26, workstation))
        # rule R2: collected information reaches the workstation within 24 hours
        footer(c, "依罗办〔2010〕6号：采集的信息于24小时内送达社区工作站（出租屋综管站）。",
               f"第 {n} 页 / 共 {total} 页")
        return g.y - 3

    table_top = content_top() - info_h - 3
    per_page = rows_fitting(table_top, BOTTOM)
    pages = paginate(data.entries, per_page, per_page,
                     rows_fitting(table_top, BOTTOM + SUMMARY_H))
    row_no = 0
    for n, chunk in enumerate(pages, 1):
        g = Grid(c, MARGIN, page_top(n, len(pages)))
        if chunk or n == 1:
            head_row(g, COLUMNS)
        for entry in chunk:
            row_no += 1
            body_row(g, COLUMNS, _values(row_no, entry))
        if n == len(pages):
            _summary(c, data, g.y - 2)
        c.showPage()
    return finish(c, buf)
