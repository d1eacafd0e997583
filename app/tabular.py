"""Reading the spreadsheets offices keep: CSV in UTF-8 or GBK, or XLSX, Chinese headers."""

from __future__ import annotations

import csv
import io
import stat
from pathlib import Path

from app.errors import Refused

MAX_TABLE_BYTES = 200 * 1024 * 1024  # ~2 M rows of tenants: more is not an office's sheet


def check_plain_file(path: Path, limit: int = MAX_TABLE_BYTES) -> None:
    """A regular file of a sane size: never a folder, a pipe or /dev/zero (which never ends)."""
    try:
        info = path.stat()
    except OSError:
        raise Refused("no_file", f"无法读取文件 {path.name}：请检查文件是否存在、是否有访问权限。",
                      f"Cannot read {path.name}: check it exists and you may open it.") from None
    if not stat.S_ISREG(info.st_mode):
        raise Refused("not_a_file", f"{path.name} 不是普通文件（是文件夹或设备），请选择表格文件。",
                      f"{path.name} is not an ordinary file (a folder or device).")
    if info.st_size > limit:
        raise Refused("file_too_large", f"文件太大（超过 {limit // 1024 // 1024} MB），请分成几个文件导入。",
                      f"The file is too large (over {limit // 1024 // 1024} MB): split it.")


# A long cell is read whole and then refused by app.text_input with its field named,
# rather than failing the file with the csv module's own error.
csv.field_size_limit(MAX_TABLE_BYTES)


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
    check_plain_file(path)
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
        text = _decode(path.read_bytes())  # size checked by check_plain_file
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
