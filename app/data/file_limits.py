"""Files are bounded before they are read (issue 12): one place for GUI, CLI and import.

Regular files only — /dev/zero, a FIFO, a socket or a folder is refused without reading a
byte (the file is opened non-blocking, so a FIFO with no writer cannot hang the desk); the
size is checked on the open descriptor before the read, and the read itself stops at the cap
(a file growing underneath cannot push past it). XLSX files are zip archives: their declared
unpacked size, member count, compression ratio and the sheet's <dimension> are checked before
openpyxl sees them, and rows/columns are capped again while reading.
"""

from __future__ import annotations

import os
import re
import stat
import zipfile
from pathlib import Path

from app.desk.errors import Refused

MB = 1024 * 1024
PHOTO_MAX_BYTES = 20 * MB      # a 24-megapixel JPEG straight off a phone is ~12 MB
SCAN_MAX_BYTES = 20 * MB
TABLE_MAX_BYTES = 50 * MB      # a 200,000-row CSV of tenants is ~40 MB
PERSON_MAX_BYTES = 256 * 1024  # one person as JSON/CSV
XLSX_MAX_UNPACKED = 400 * MB
XLSX_MAX_MEMBERS = 2000
XLSX_MAX_RATIO = 200           # deflate of real sheets stays under ~30:1; bombs go to 1000:1
XLSX_MAX_ROWS = 250_000
XLSX_MAX_COLS = 64


def _refuse(code: str, zh: str, en: str, path: Path) -> Refused:
    return Refused(code, zh, en, file=path.name)


def read_bounded(path: Path, max_bytes: int, what: str = "文件 / file") -> bytes:
    """The bytes of a regular file no larger than `max_bytes`; anything else refused."""
    path = Path(path)
    zh_what, _, en_what = what.partition(" / ")
    en_what = en_what or zh_what
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise _refuse("no_file", f"找不到{zh_what}：{path}。", f"{en_what} not found: {path}.",
                      path) from None
    except IsADirectoryError:
        raise _refuse("not_a_file", f"{path} 是文件夹，不是{zh_what}。",
                      f"{path} is a folder, not a {en_what}.", path) from None
    except OSError as e:
        raise _refuse("unreadable_file", f"无法打开{zh_what}：{path}（{e.strerror}）。",
                      f"Cannot open the {en_what} {path} ({e.strerror}).", path) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise _refuse("not_a_file", f"{path} 不是普通文件（设备、管道或文件夹），不能作为{zh_what}读取。",
                          f"{path} is not a regular file (a device, pipe or folder): refused "
                          f"as a {en_what}.", path)
        if info.st_size > max_bytes:
            raise _refuse("file_too_large",
                          f"{zh_what}过大：{info.st_size // 1024} KB，上限 {max_bytes // 1024} KB。",
                          f"The {en_what} is too large: {info.st_size // 1024} KB, the limit is "
                          f"{max_bytes // 1024} KB.", path)
        chunks, total = [], 0
        while True:
            chunk = os.read(fd, min(MB, max_bytes + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > max_bytes:  # grew while being read
                raise _refuse("file_too_large", f"{zh_what}过大（上限 {max_bytes // 1024} KB）。",
                              f"The {en_what} is too large (limit {max_bytes // 1024} KB).", path)
        return b"".join(chunks)
    finally:
        os.close(fd)


def check_regular(path: Path, max_bytes: int, what: str = "文件 / file") -> None:
    """The same checks without keeping the bytes (for readers that take a path)."""
    read_bounded(path, max_bytes, what)


_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="([A-Z]+)?(\d+)?(?::([A-Z]+)(\d+))?"')


def _col_number(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def check_xlsx(path: Path) -> None:
    """Refuse a zip bomb or a sheet that claims more cells than a register has."""
    check_regular(path, TABLE_MAX_BYTES, "表格文件 / spreadsheet")
    try:
        with zipfile.ZipFile(path) as z:
            members = z.infolist()
            if len(members) > XLSX_MAX_MEMBERS:
                raise _refuse("xlsx_too_large", "Excel 文件内部条目过多，疑似损坏或恶意文件。",
                              "The Excel file has too many parts: damaged or hostile.", path)
            unpacked = sum(m.file_size for m in members)
            packed = sum(m.compress_size for m in members) or 1
            if unpacked > XLSX_MAX_UNPACKED or unpacked / packed > XLSX_MAX_RATIO:
                raise _refuse("xlsx_too_large",
                              f"Excel 文件解压后过大（{unpacked // MB} MB），上限 {XLSX_MAX_UNPACKED // MB} MB。",
                              f"The Excel file unpacks to {unpacked // MB} MB (limit "
                              f"{XLSX_MAX_UNPACKED // MB} MB, or an implausible compression ratio).",
                              path)
            for m in members:
                if m.filename.startswith("xl/worksheets/") and m.filename.endswith(".xml"):
                    with z.open(m) as fh:
                        head = fh.read(4096)
                    _check_dimension(head, path)
    except zipfile.BadZipFile:
        raise _refuse("bad_xlsx", "无法打开该 Excel 文件（已损坏或不是 .xlsx）。",
                      "Cannot open the Excel file (damaged or not .xlsx).", path) from None


def _check_dimension(head: bytes, path: Path) -> None:
    match = _DIMENSION.search(head)
    if not match:
        return
    col = (match.group(3) or match.group(1) or b"A").decode()
    row = match.group(4) or match.group(2) or b"1"
    rows, cols = int(row), _col_number(col)
    if rows > XLSX_MAX_ROWS + 1 or cols > XLSX_MAX_COLS:
        raise _refuse("xlsx_too_large",
                      f"Excel 表格声明 {rows} 行 × {cols} 列，超过上限（{XLSX_MAX_ROWS} 行、{XLSX_MAX_COLS} 列）。",
                      f"The sheet claims {rows} rows × {cols} columns, over the limit "
                      f"({XLSX_MAX_ROWS} rows, {XLSX_MAX_COLS} columns).", path)


def read_scan(path: Path | str) -> bytes:
    """A paper scan or listing photo from a file, bounded (GUI and CLI alike)."""
    return read_bounded(Path(path), SCAN_MAX_BYTES, "扫描件 / scan")
