"""Reading the spreadsheets offices keep: CSV in UTF-8 or GBK, or XLSX, Chinese headers."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from app.data.file_limits import (
    TABLE_MAX_BYTES,
    XLSX_MAX_COLS,
    XLSX_MAX_ROWS,
    check_xlsx,
    read_bounded,
)
from app.desk.errors import Refused

# A long cell is read whole and then refused by app.data.text_input with its field named,
# rather than failing the file with the csv module's own error.
csv.field_size_limit(TABLE_MAX_BYTES)


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


def _xlsx_rows(path: Path) -> list[list[str]]:
    """Rows as text, at most XLSX_MAX_COLS wide and XLSX_MAX_ROWS long whatever the file
    claims (a sheet without <dimension> is still bounded while it streams)."""
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as e:  # openpyxl raises many kinds for a damaged file
        raise Refused("bad_xlsx", "无法打开该 Excel 文件（已损坏或不是 .xlsx）。",
                      f"Cannot open the Excel file ({type(e).__name__}).") from None
    rows: list[list[str]] = []
    try:
        for row in book.active.iter_rows(values_only=True, max_col=XLSX_MAX_COLS):
            if len(rows) > XLSX_MAX_ROWS:
                raise Refused("xlsx_too_large", f"Excel 表格超过 {XLSX_MAX_ROWS} 行，请分批导入。",
                              f"The sheet has over {XLSX_MAX_ROWS} rows: import it in parts.")
            rows.append([_clean(v) for v in row])
    except Refused:
        raise
    except Exception as e:  # a damaged part inside the zip shows only while streaming
        raise Refused("bad_xlsx", "Excel 文件内容已损坏。",
                      f"The Excel file is damaged ({type(e).__name__}).") from None
    finally:
        book.close()
    return rows


def read_table(path: Path) -> tuple[list[str], list[list[str]]]:
    """Header and rows as text; refuses files it cannot read with a message."""
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        check_xlsx(path)  # app.data.file_limits: regular file, size, zip bomb, <dimension>
        rows = _xlsx_rows(path)
    elif suffix in (".csv", ".txt"):
        text = _decode(read_bounded(path, TABLE_MAX_BYTES, "表格文件 / spreadsheet"))
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
