"""Reading the spreadsheets offices keep: CSV in UTF-8 or GBK, or XLSX, Chinese headers."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from app.errors import Refused

MAX_FILE_BYTES = 64 * 1024 * 1024  # a district's whole roster is a few MB
# A long cell is read whole and then refused by app.text_input with its field named,
# rather than failing the file with the csv module's own error.
csv.field_size_limit(MAX_FILE_BYTES)


def _decode(raw: bytes) -> str:
    """UTF-8 (with or without BOM) first; GB18030 (a superset of GBK) is what Excel in China writes."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise Refused("bad_encoding", "无法识别文件编码，请另存为 UTF-8 或 GBK 编码的 CSV。",
                  "Unknown text encoding: save the file as UTF-8 or GBK CSV.")


def _clean(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_table(path: Path) -> tuple[list[str], list[list[str]]]:
    """Header and rows as text; refuses files it cannot read with a message."""
    if not path.exists():
        raise Refused("no_file", f"找不到文件 {path}。", f"File not found: {path}.")
    if not path.is_file() or path.stat().st_size > MAX_FILE_BYTES:
        # /dev/zero, a pipe or a 2 GB file: never read without end.
        raise Refused("bad_file", f"{path.name} 不是可导入的文件（不是普通文件或超过 64 MB）。",
                      f"{path.name} cannot be imported (not a regular file, or over 64 MB).")
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        import openpyxl

        try:
            book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        except Exception as e:  # openpyxl raises many kinds for a damaged file
            raise Refused("bad_xlsx", "无法打开该 Excel 文件（已损坏或不是 .xlsx）。",
                          f"Cannot open the Excel file ({type(e).__name__}).") from None
        rows = [[_clean(v) for v in row] for row in book.active.iter_rows(values_only=True)]
        book.close()
    elif suffix in (".csv", ".txt"):
        text = _decode(path.read_bytes()[:MAX_FILE_BYTES])
        try:
            rows = [[c.strip() for c in row] for row in csv.reader(io.StringIO(text, newline=""))]
        except csv.Error as e:
            raise Refused("bad_csv", "CSV 文件格式损坏（例如引号不成对或有多余的回车符），请用 Excel 另存后再导入。",
                          f"The CSV file is malformed ({e}): save it again from Excel and retry.") from None
    else:
        raise Refused("bad_format", "只支持 CSV 和 XLSX 文件。", "Only CSV and XLSX files are supported.")
    rows = [r for r in rows if any(r)]
    if not rows:
        raise Refused("empty_file", "文件是空的。", "The file is empty.")
    return rows[0], rows[1:]


def map_columns(header: list[str], aliases: dict[str, tuple[str, ...]],
                required: tuple[str, ...]) -> dict[str, int]:
    """Column index per field, by any of its header names; refuses missing required ones."""
    names = {h.strip().lower(): i for i, h in enumerate(header)}
    found = {}
    for field, options in aliases.items():
        for option in options:
            if option.lower() in names:
                found[field] = names[option.lower()]
                break
    missing = [aliases[f][0] for f in required if f not in found]
    if missing:
        raise Refused("missing_columns", f"缺少必需的列：{'、'.join(missing)}。请检查表头。",
                      f"Missing required columns: {', '.join(missing)}. Check the header row.",
                      missing=missing)
    return found
