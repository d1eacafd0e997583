"""Input without limits (issue 12): every file bounded before it is read, in one place."""

from __future__ import annotations

import json
import os
import re
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from app.cli import main
from app.data.file_limits import read_bounded
from app.data.importer import import_file
from app.desk.errors import Refused
from app.photos import ImageRefused, load_image


def test_photo_dev_zero_is_refused_without_reading(capsys):
    assert main(["photo", "/dev/zero"]) != 0
    out = capsys.readouterr()
    assert "不是普通文件" in out.out + out.err


def test_photo_fifo_does_not_hang(tmp_path: Path):
    fifo = tmp_path / "photo.jpg"
    os.mkfifo(fifo)
    with pytest.raises(ImageRefused, match="Not a regular file"):
        load_image(fifo)


def test_directory_is_refused(tmp_path: Path):
    with pytest.raises(Refused, match="folder|not a regular"):
        read_bounded(tmp_path, 1024)


def test_size_cap_checked_before_the_read(tmp_path: Path):
    big = tmp_path / "big.csv"
    with open(big, "wb") as fh:
        fh.truncate(60 * 1024 * 1024)  # sparse: nothing to read if the cap is honoured
    with pytest.raises(Refused, match="too large"):
        read_bounded(big, 50 * 1024 * 1024)


def _xlsx(path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.append(["姓名", "证件号码", "联系电话", "楼栋编号", "房号"])
    ws.append(["张三", "110101199003074477", "13900000001", "B1", "101"])
    wb.save(path)


def _rewrite_sheet(path: Path, change) -> None:
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    parts["xl/worksheets/sheet1.xml"] = change(parts["xl/worksheets/sheet1.xml"])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)


def test_xlsx_dimension_claiming_too_many_cells_is_refused(desk, admin, tmp_path: Path):
    path = tmp_path / "claims.xlsx"
    _xlsx(path)
    _rewrite_sheet(path, lambda x: re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:XFD200000"', x))
    with pytest.raises(Refused, match="claims"):
        import_file(desk, admin, "tenants", path)


def test_xlsx_that_unpacks_huge_is_refused(desk, admin, tmp_path: Path):
    path = tmp_path / "bomb.xlsx"
    _xlsx(path)
    _rewrite_sheet(path, lambda x: x.replace(b"</worksheet>", b" " * (60 * 1024 * 1024) + b"</worksheet>"))
    with pytest.raises(Refused, match="unpacks"):
        import_file(desk, admin, "tenants", path)


def test_xlsx_too_many_columns_while_streaming_are_cut(desk, admin, tmp_path: Path):
    # a sheet with no <dimension> still streams at most XLSX_MAX_COLS columns per row
    from app.data.tabular import read_table

    path = tmp_path / "wide.xlsx"
    wb = Workbook()
    wb.active.append(["x"] * 500)
    wb.save(path)
    _rewrite_sheet(path, lambda x: re.sub(rb"<dimension[^>]*/>", b"", x))
    header, _ = read_table(path)
    assert len(header) <= 64


def test_register_cli_photo_from_dev_zero_refused(desk, admin, building, monkeypatch, capsys):
    from tests.conftest import PASSWORD, idno

    monkeypatch.setenv("RENTDESK_PASSWORD", PASSWORD)
    person = tmp = desk.home.parent / "p.json"
    tmp.write_text(json.dumps({"idno": idno(1), "name": "甲", "phone": "13900000001",
                               "building": "B1", "unit": "101", "photo": "/dev/zero"}))
    assert main(["--home", str(desk.home), "register", "--as", "admin", "--person",
                 str(person)]) == 1
    assert "不是普通文件" in capsys.readouterr().err
