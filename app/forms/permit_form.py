"""居住证申领登记表: the application the desk prepares for the police station (rule R1).

The fields follow 居住证暂行条例 第九条 (ID card, photo, proof of the address, and of the
employment or study where that is the condition). Printed in full, like the collection
form: it goes to the 公安派出所, not to a notice board.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from app.forms.data import CenterInfo, When
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

TITLE = "居住证申领登记表"
L, V = 24.0, 50.0
PHOTO_W = 32.0
WIDE = 2 * (L + V) + PHOTO_W - L
ROW = 12.0


@dataclass(frozen=True)
class PermitFormData:
    record_no: str            # the application id, also in the QR
    name: str
    id_number: str
    sex: str = ""
    ethnicity: str = ""
    birth_date: When = None
    phone: str = ""
    household_address: str = ""   # 户籍地址
    residence_address: str = ""   # 居住地址: building address and unit
    residence_from: When = None   # 居住登记日期 (the six months count from here)
    basis_label: str = ""         # 合法稳定就业 / 合法稳定住所 / 连续就读
    employer: str = ""
    housing_proof: str = ""       # 房屋租赁合同登记 … / 住所证明（扫描件）
    submitted_on: When = None
    status_label: str = ""
    clerk_name: str = ""
    photo_jpeg: bytes | None = None
    checklist: list[tuple[str, bool]] = field(default_factory=list)  # (item, present)


def _photo(c: Canvas, jpeg: bytes | None, x: float, y: float, h: float) -> None:
    """The ID photo as stored (JPEG passes through untouched), or a box to glue one in."""
    c.setLineWidth(0.6)
    c.rect(x * mm, y * mm, PHOTO_W * mm, h * mm)
    pw, ph = 26.0, 32.0
    px, py = x + (PHOTO_W - pw) / 2, y + (h - ph) / 2
    if jpeg:
        c.drawImage(ImageReader(io.BytesIO(jpeg)), px * mm, py * mm, pw * mm, ph * mm,
                    preserveAspectRatio=True, anchor="c")
    else:
        fit_text(c, "照片", box(px, py, pw, ph), 11, align="center")


def render_permit_form(center: CenterInfo, d: PermitFormData) -> bytes:
    c, buf = new_pdf(f"{TITLE} {d.record_no}", center)
    top = header(c, center, TITLE, d.record_no, left=f"受理编号：{d.record_no}",
                 right=f"受理日期：{fmt(d.submitted_on)}")
    g = Grid(c, MARGIN, top)
    g.row(ROW, Cell(L, "姓名", True), Cell(V, d.name), Cell(L, "性别", True), Cell(V, d.sex))
    g.row(ROW, Cell(L, "民族", True), Cell(V, d.ethnicity),
          Cell(L, "出生日期", True), Cell(V, fmt(d.birth_date)))
    g.row(ROW, Cell(L, "公民身份号码", True), Cell(V, d.id_number),
          Cell(L, "联系电话", True), Cell(V, d.phone))
    _photo(c, d.photo_jpeg, MARGIN + 2 * (L + V), g.y, 3 * ROW)
    g.row(14, Cell(L, "户籍地址", True), Cell(WIDE, d.household_address))
    g.row(14, Cell(L, "居住地址", True), Cell(WIDE, d.residence_address))
    g.row(ROW, Cell(L, "居住登记日期", True), Cell(V, fmt(d.residence_from)),
          Cell(L, "申领条件", True), Cell(V + PHOTO_W, d.basis_label))
    g.row(14, Cell(L, "工作单位/就读学校", True), Cell(WIDE, d.employer))
    g.row(14, Cell(L, "住所证明", True), Cell(WIDE, d.housing_proof))
    checks = "；".join(f"{'☑' if ok else '☐'} {item}" for item, ok in d.checklist)
    g.row(20, Cell(L, "提交材料", True), Cell(WIDE, checks))
    g.row(ROW, Cell(L, "办理状态", True), Cell(V, d.status_label),
          Cell(L, "受理人", True), Cell(V + PHOTO_W, d.clerk_name))
    y = g.y - 2
    fit_text(c, "本人承诺：以上信息及所交材料真实有效，已在居住地居住半年以上，如有虚假愿承担法律责任。",
             box(MARGIN, y - 9, L + WIDE, 9), 10, pad=0)
    signatures(c, y - 13, ["申请人签名：", "受理人签名："])
    footer(c, "依据《居住证暂行条例》第二条、第九条：居住半年以上，且有合法稳定就业、合法稳定住所或连续就读之一。")
    c.showPage()
    return finish(c, buf)
