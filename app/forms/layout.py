"""Page furniture shared by the forms: A4 in millimetres, header with QR, cell grid, signatures.

Coordinates in this package are millimetres from the page's bottom-left corner (ReportLab's
origin), converted to points only here and in `text.Box`.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, datetime
from itertools import groupby

from reportlab.graphics.barcode import qrencoder
from reportlab.lib.colors import Color, black
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from app.forms.data import CenterInfo, When
from app.forms.text import Box, ensure_fonts, fit_text
from app.printing.fonts import CHAIN

PAGE_W, PAGE_H = 210.0, 297.0
MARGIN = 15.0
CONTENT_W = PAGE_W - 2 * MARGIN
LABEL_FILL = Color(0.92, 0.92, 0.92)
QR_SIZE = 24.0


def fmt(value: When | int | float) -> str:
    """Dates as 2024-03-05, times as 2024-03-05 14:30; None as an empty box."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".")
    return str(value)


def box(x: float, y: float, w: float, h: float) -> Box:
    """A Box from millimetres."""
    return Box(x * mm, y * mm, w * mm, h * mm)


def new_pdf(title: str, center: CenterInfo) -> tuple[Canvas, io.BytesIO]:
    """A fresh A4 canvas and the buffer it writes to (see `finish`).

    `invariant` drops the creation timestamp and random id: the same record always gives the
    same bytes, so a reprint can be compared with what was delivered.
    """
    ensure_fonts()
    buf = io.BytesIO()
    # initialFontName: else every page starts by selecting Helvetica, a font not embedded
    c = Canvas(buf, pagesize=A4, invariant=1, pageCompression=1, initialFontName=CHAIN[0].key)
    c.setTitle(title)
    c.setAuthor(center.name)
    return c, buf


def finish(c: Canvas, buf: io.BytesIO) -> bytes:
    c.save()
    return buf.getvalue()


def qr_code(c: Canvas, value: str, x: float, y: float, size: float = QR_SIZE) -> None:
    """`value` as a QR code (level M, 2-module quiet zone) filling a `size` mm square.

    ReportLab's encoder, but drawn as one filled path of horizontal runs: its QrCodeWidget
    builds a shape object per run and costs ~20 ms a code, half of a whole form."""
    qr = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    qr.addData(value)
    qr.make()
    n, quiet = qr.getModuleCount(), 2
    unit = size * mm / (n + 2 * quiet)
    path = c.beginPath()
    for r, row in enumerate(qr.modules):
        col = 0
        for dark, run in groupby(bool(m) for m in row):
            length = len(list(run))
            if dark:
                path.rect(x * mm + (col + quiet) * unit, y * mm + (n + quiet - r - 1) * unit,
                          length * unit, unit)
            col += length
    c.drawPath(path, stroke=0, fill=1)


def header(c: Canvas, center: CenterInfo, title: str, code: str | None,
           left: str = "", right: str = "", top: float = PAGE_H - 10) -> float:
    """Centre name, title, QR of `code` top right (an empty square when None: blank form).
    Returns the y (mm) where the content may start."""
    qx = PAGE_W - MARGIN - QR_SIZE
    if code:
        qr_code(c, code, qx, top - QR_SIZE)
    else:
        c.setDash(2, 2)
        c.rect(qx * mm, (top - QR_SIZE) * mm, QR_SIZE * mm, QR_SIZE * mm)
        c.setDash()
    side = QR_SIZE + 2  # keep the titles centred on the page and clear of the QR
    fit_text(c, center.name, box(MARGIN + side, top - 8, CONTENT_W - 2 * side, 8), 13,
             align="center")
    fit_text(c, title, box(MARGIN + side, top - 19, CONTENT_W - 2 * side, 10), 18,
             align="center", bold=True)
    line_y = content_top(top) + 1
    half = (CONTENT_W - QR_SIZE) / 2
    fit_text(c, left, box(MARGIN, line_y, half, 6), 9, pad=0)
    fit_text(c, right, box(MARGIN + half, line_y, half, 6), 9, align="right", pad=2)
    return content_top(top)


def content_top(top: float = PAGE_H - 10) -> float:
    """Where content starts under a `header` drawn from `top` (mm)."""
    return top - QR_SIZE - 8


def footer(c: Canvas, text: str, page_text: str = "") -> None:
    fit_text(c, text, box(MARGIN, 6, CONTENT_W - 40, 7), 7.5, pad=0)
    fit_text(c, page_text, box(PAGE_W - MARGIN - 40, 6, 40, 7), 8, align="right", pad=0)


@dataclass(frozen=True)
class Cell:
    w: float                  # mm
    text: str = ""
    label: bool = False
    size: float | None = None
    align: str | None = None


class Grid:
    """Rows of ruled cells drawn top-down from (x, top), each row `h` mm tall."""

    def __init__(self, c: Canvas, x: float, top: float) -> None:
        self.c, self.x, self.y = c, x, top

    def row(self, h: float, *cells: Cell) -> float:
        self.y -= h
        x = self.x
        for cell in cells:
            cell_box = box(x, self.y, cell.w, h)
            self.c.setStrokeColor(black)
            self.c.setLineWidth(0.6)
            if cell.label:
                self.c.setFillColor(LABEL_FILL)
            self.c.rect(cell_box.x, cell_box.y, cell_box.w, cell_box.h, stroke=1,
                        fill=1 if cell.label else 0)
            self.c.setFillColor(black)
            fit_text(self.c, cell.text, cell_box, cell.size or (9 if cell.label else 10),
                     align=cell.align or ("center" if cell.label else "left"))
            x += cell.w
        return self.y

    def skip(self, h: float) -> float:
        self.y -= h
        return self.y


def signatures(c: Canvas, y: float, labels: list[str], with_date: bool = True) -> float:
    """Side-by-side signature lines ('租住人签名：______'), a date line under each.
    Returns the y (mm) below them."""
    col = CONTENT_W / len(labels)
    for i, label in enumerate(labels):
        x = MARGIN + i * col
        fit_text(c, label, box(x, y - 8, 28, 8), 10, pad=0)
        c.setLineWidth(0.5)
        c.line((x + 28) * mm, (y - 7) * mm, (x + col - 6) * mm, (y - 7) * mm)
        if with_date:
            fit_text(c, "日期：        年      月      日", box(x, y - 17, col - 6, 8), 10, pad=0)
    return y - (18 if with_date else 9)
