"""The office's tables as XLSX with Chinese headers; text that Excel would run stays text."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from app.safe_cells import xlsx_row

MAX_CELL = 32_000  # Excel's own limit is 32,767 characters


def cell_value(value: object) -> object:
    """Times as the centres' wall clock text, lists joined, text bounded; a centre's text
    that looks like a formula (`=cmd|…`) is kept as text by app.safe_cells (issue 12)."""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, (list, tuple)):
        value = "、".join(str(v) for v in value)
    if isinstance(value, str):
        value = "".join(ch for ch in value if ch >= " " or ch == "\n")[:MAX_CELL]
    return value


def write_sheets(path: Path, sheets: dict[str, tuple[Sequence[str], Iterable[Sequence]]],
                 title: str = "") -> Path:
    wb = Workbook(write_only=True)
    bold = Font(bold=True)
    for name, (headers, rows) in sheets.items():
        ws = wb.create_sheet(name[:31])
        ws.freeze_panes = "A2"
        for i, h in enumerate(headers, start=1):
            ws.column_dimensions[get_column_letter(i)].width = max(10, 2 * len(h) + 2)
        head = []
        for h in headers:
            cell = WriteOnlyCell(ws, value=h)
            cell.font, cell.alignment = bold, Alignment(horizontal="center")
            head.append(cell)
        ws.append(head)
        for row in rows:
            ws.append(xlsx_row(ws, [cell_value(v) for v in row]))
    if title:
        wb.properties.title = title
    wb.save(path)
    return path
