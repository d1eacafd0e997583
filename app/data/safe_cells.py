"""Cells that are safe to open (issue 12): one helper for every XLSX and CSV the desk writes.

A building named `=cmd|' /C calc'!A0` must reach the street office as that text, not as a
formula Excel runs. OWASP (CSV injection): a cell beginning with = + - @ tab or CR is
prefixed with a single quote in CSV; in XLSX the cell is written as a string (openpyxl
would otherwise store it as a formula), and characters XML cannot carry are dropped rather
than crashing the export. Numbers stay numbers: only text is touched.
"""

from __future__ import annotations

from typing import Any

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def xlsx_text(value: Any) -> Any:
    """The value for openpyxl with illegal XML characters removed (text only)."""
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return value


def force_text(cell) -> None:
    """After openpyxl has typed a cell: formula-looking text stays text (data type 's')."""
    if cell.data_type == "f" or (isinstance(cell.value, str)
                                 and cell.value.startswith(FORMULA_START)):
        cell.data_type = "s"


def xlsx_row(sheet, values: list[Any]) -> list:
    """Write-only cells for `sheet.append`, every formula-looking text kept as text."""
    from openpyxl.cell import WriteOnlyCell

    cells = []
    for v in values:
        cell = WriteOnlyCell(sheet, value=xlsx_text(v))
        force_text(cell)
        cells.append(cell)
    return cells


def append_safe(sheet, values: list[Any]) -> None:
    """`sheet.append` for a normal (not write-only) sheet, then the same typing fix."""
    sheet.append([xlsx_text(v) for v in values])
    for cell in sheet[sheet.max_row]:
        force_text(cell)
