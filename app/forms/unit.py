"""出租屋综合信息登记表: building, unit, landlord, occupancy cap (R5), current residents."""

from __future__ import annotations

from reportlab.pdfgen.canvas import Canvas

from app.forms.data import CenterInfo, ResidentRow, UnitFormData
from app.forms.layout import (
    CONTENT_W,
    MARGIN,
    Cell,
    Grid,
    content_top,
    finish,
    fmt,
    footer,
    header,
    new_pdf,
    signatures,
)
from app.forms.table import ROW_H, Column, body_row, head_row, paginate, rows_fitting

TITLE = "出租屋综合信息登记表"
L, V = 30.0, 60.0
WIDE = CONTENT_W - L
BLANK_RESIDENT_ROWS = 7
COLUMNS = (
    Column("序号", 9, "center"), Column("姓名", 31), Column("性别", 11, "center"),
    Column("证件号码", 38), Column("联系电话", 29), Column("入住日期", 27),
    Column("门禁卡号", 35),
)
BOTTOM = 16.0
CLOSING_H = 24.0  # date/clerk row and signatures under the residents list


def _section(g: Grid, title: str) -> None:
    g.row(8, Cell(CONTENT_W, title, True, size=10, align="left"))


def _persons(n: int | None) -> str:
    return "" if n is None else f"{n} 人"


def _upper_part(c: Canvas, d: UnitFormData | None, top: float) -> float:
    def v(value: object) -> str:
        return "" if d is None else fmt(value)  # type: ignore[arg-type]

    g = Grid(c, MARGIN, top)
    _section(g, "一、楼栋信息")
    g.row(10, Cell(L, "楼栋名称", True), Cell(V, v(d and d.building_name)),
          Cell(L, "楼栋编号", True), Cell(V, v(d and d.building_code)))
    g.row(11, Cell(L, "楼栋地址", True), Cell(WIDE, v(d and d.building_address)))
    g.row(10, Cell(L, "管理公司", True), Cell(WIDE, v(d and d.company_name)))
    g.row(10, Cell(L, "建筑面积（m²）", True), Cell(V, v(d and d.building_floor_area_m2)),
          Cell(L, "公共设施及通道面积（m²）", True), Cell(V, v(d and d.building_public_area_m2)))
    # rule R5: cap = floor((floor area - public area) / 6 m2); cards stop at the cap
    g.row(10, Cell(L, "核定居住人数上限", True), Cell(V, _persons(d and d.building_cap)),
          Cell(L, "已发有效门禁卡", True),
          Cell(V, "" if d is None or d.building_active_cards is None
               else f"{d.building_active_cards} 张"))
    g.row(9, Cell(L, "核定依据", True),
          Cell(WIDE, "（建筑面积 − 公共设施及通道面积）÷ 6 m²/人，向下取整；"
                     "在住人数达到上限即不再发放门禁卡。", size=9))
    _section(g, "二、出租屋信息")
    g.row(10, Cell(L, "房号", True), Cell(V, v(d and d.unit_number)),
          Cell(L, "所在楼层", True), Cell(V, v(d and d.floor)))
    unit_cap = _persons(d and d.unit_cap)
    if d is not None and d.unit_cap is None:
        unit_cap = "面积未登记，按楼栋上限控制"
    g.row(10, Cell(L, "使用面积（m²）", True), Cell(V, v(d and d.unit_area_m2)),
          Cell(L, "本间核定人数上限", True), Cell(V, unit_cap))
    _section(g, "三、房东（业主）信息")
    g.row(10, Cell(L, "姓名", True), Cell(V, v(d and d.landlord_name)),
          Cell(L, "联系电话", True), Cell(V, v(d and d.landlord_phone)))
    g.row(10, Cell(L, "证件号码", True),
          Cell(WIDE, d.landlord_id_number if d else ""))
    g.row(11, Cell(L, "住址", True), Cell(WIDE, v(d and d.landlord_address)))
    n = "" if d is None else f"（{len(d.residents)} 人）"
    _section(g, f"四、在住人员{n}")
    return g.y


def _resident(i: int, r: ResidentRow | None) -> list[str]:
    if r is None:
        return [""] * len(COLUMNS)
    return [str(i), r.name, r.sex, r.id_number, r.phone, fmt(r.moved_in_at),
            r.card_number or ""]


def _draw(c: Canvas, center: CenterInfo, d: UnitFormData | None) -> None:
    code = d.record_no if d else None
    left = f"编号：{d.record_no if d else ''}"
    right = f"中心编码：{center.code}" if center.code else ""
    header(c, center, TITLE, code, left=left, right=right)
    list_top = _upper_part(c, d, content_top())
    rows: list[ResidentRow | None] = list(d.residents) if d else [None] * BLANK_RESIDENT_ROWS
    first = rows_fitting(list_top, BOTTOM)
    other = rows_fitting(content_top(), BOTTOM)
    # the closing part (date, clerk, signatures) goes under the list's last row
    last_top = list_top if len(rows) <= first else content_top()
    pages = paginate(rows, first, other, rows_fitting(last_top, BOTTOM + CLOSING_H))
    i = 0
    for n, chunk in enumerate(pages, 1):
        if n > 1:
            header(c, center, f"{TITLE}（续）", code, left=left, right=right)
        g = Grid(c, MARGIN, list_top if n == 1 else content_top())
        if chunk or n == 1:
            head_row(g, COLUMNS)
        for r in chunk:
            i += 1
            body_row(g, COLUMNS, _resident(i, r))
        if n == len(pages):
            g.skip(2)
            g.row(ROW_H + 1, Cell(L, "登记日期", True), Cell(V, fmt(d.registered_at) if d else ""),
                  Cell(L, "登记员", True), Cell(V, d.clerk_name if d else ""))
            signatures(c, g.y - 2, ["房东签名：", "登记员签名："], with_date=False)
        footer(c, "依罗办〔2010〕6号：每栋居住人数不得超过核定上限，达到上限不再发放门禁卡。",
               f"第 {n} 页 / 共 {len(pages)} 页")
        c.showPage()


def render_unit_form(center: CenterInfo, data: UnitFormData) -> bytes:
    c, buf = new_pdf(f"{TITLE} {data.record_no}", center)
    _draw(c, center, data)
    return finish(c, buf)


def render_blank_unit(center: CenterInfo) -> bytes:
    """For handwriting when the system is down: same boxes, empty resident rows."""
    c, buf = new_pdf(f"{TITLE}（空白）", center)
    _draw(c, center, None)
    return finish(c, buf)
