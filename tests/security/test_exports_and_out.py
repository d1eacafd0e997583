"""Exports are safe to open, and `--out` never lands on the data (issue 12)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from openpyxl import load_workbook

from app.cli import main
from app.desk.errors import Refused
from app.property.buildings import add_building, add_unit
from app.supervision.export import export_statistics
from tests.conftest import PASSWORD, register

HOSTILE = "=cmd|' /C calc'!A0"


@pytest.fixture
def hostile_building(desk, admin):
    add_building(desk, admin, "B9", HOSTILE, "@SUM(1+1)", 64.0, 4.0, "+危险公司")
    add_unit(desk, admin, "B9", "101")
    register(desk, admin, 1, unit="101", building_code="B9")  # activity: a row in the report
    return HOSTILE


def test_formula_injection_xlsx_cells_are_text(desk, admin, hostile_building, tmp_path: Path):
    out = tmp_path / "r.xlsx"
    export_statistics(desk, admin, out, ["building", "company"], "month")
    book = load_workbook(out)
    cells = [c for ws in book.worksheets for row in ws.iter_rows() for c in row]
    assert any(c.value == HOSTILE for c in cells)
    assert not [c.coordinate for c in cells if c.data_type == "f"]


def test_formula_injection_csv_cells_are_quoted(desk, admin, hostile_building, tmp_path: Path):
    out = tmp_path / "r.csv"
    export_statistics(desk, admin, out, ["building", "company"], "month")
    with open(out, encoding="utf-8-sig", newline="") as fh:
        values = [v for row in csv.reader(fh) for v in row]
    assert "'" + HOSTILE in values and HOSTILE not in values
    assert "'+危险公司" in values
    assert not [v for v in values if v[:1] in ("=", "+", "@", "\t", "\r")]


def test_out_never_overwrites_the_database(desk, admin, capsys):
    db = desk.db_path
    before = db.read_bytes()[:64]
    assert main(["--home", str(desk.home), "form", "blank", "collection", "--out", str(db)]) == 1
    assert "数据目录" in capsys.readouterr().err
    assert main(["--home", str(desk.home), "form", "blank", "collection", "--out", str(db),
                 "--force"]) == 1  # not even with --force
    assert db.read_bytes()[:64] == before


def test_out_refuses_the_key_folder_and_symlinks_into_the_data(desk, admin, tmp_path: Path):
    import os

    key_dir = Path(os.environ["RENTDESK_KEY_DIR"])
    assert main(["--home", str(desk.home), "form", "blank", "unit", "--out",
                 str(key_dir / "x.pdf")]) == 1
    link = tmp_path / "innocent.pdf"
    link.symlink_to(desk.db_path)
    assert main(["--home", str(desk.home), "form", "blank", "unit", "--out", str(link),
                 "--force"]) == 1
    assert desk.db_path.read_bytes()[:6] != b"%PDF-1"


def test_out_overwrites_an_existing_file_only_with_force(desk, admin, tmp_path: Path, capsys):
    out = tmp_path / "blank.pdf"
    out.write_bytes(b"keep me")
    assert main(["--home", str(desk.home), "form", "blank", "unit", "--out", str(out)]) == 1
    assert "--force" in capsys.readouterr().err and out.read_bytes() == b"keep me"
    assert main(["--home", str(desk.home), "form", "blank", "unit", "--out", str(out),
                 "--force"]) == 0
    assert out.read_bytes().startswith(b"%PDF")


def test_report_out_into_data_folder_refused(desk, admin, monkeypatch):
    monkeypatch.setenv("RENTDESK_PASSWORD", PASSWORD)
    with pytest.raises(Refused, match="data or key folder"):
        export_statistics(desk, admin, desk.home / "x.xlsx", ["center"], "month")
    existing = desk.home.parent / "r.csv"
    existing.write_text("old")
    with pytest.raises(Refused, match="--force"):
        export_statistics(desk, admin, existing, ["center"], "month")
    assert existing.read_text() == "old"
    export_statistics(desk, admin, existing, ["center"], "month", force=True)
    assert existing.read_text() != "old"
