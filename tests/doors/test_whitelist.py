"""Whitelist files for installers' own software: full list, delta, import (R4)."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pytest

from app.desk.errors import Refused
from app.doors.controllers import add_controller
from app.doors.reconcile import reconcile
from app.doors.whitelist import import_installer_list, safe_cell
from app.property.buildings import add_unit
from app.tenants.cards import report_lost
from tests.conftest import idno, register
from tests.doors.conftest import push


def _csv(path: str) -> list[list[str]]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.reader(fh))


@pytest.fixture
def filedoor(desk, admin, building, tmp_path):
    return add_controller(desk, admin, "B1", "北门", "file", doors="1", file_dir=str(tmp_path / "wl"))


def test_export_full_list_and_delta_in_the_vendor_layout(desk, admin, filedoor, photo_jpeg, tmp_path):
    from app.tenants.cards import issue_card

    register(desk, admin, 1, photo=photo_jpeg)
    a = issue_card(desk, admin, idno(1), "00BC614E")  # hex as a wedge reader types it
    result = push(desk)
    assert result.put == 1 and not result.failed
    files = sorted((tmp_path / "wl").iterdir())
    full = _csv(str(next(f for f in files if f.name.startswith("whitelist") and f.suffix == ".csv")))
    assert full[0] == ["卡号", "卡号(十六进制)", "起始日期", "截止日期", "门号", "房号"]
    assert full[1][:2] == ["0012345678", "00BC614E"] and full[1][4:] == ["1", "102"]
    xlsx = next(f for f in files if f.name.startswith("whitelist") and f.suffix == ".xlsx")
    assert openpyxl.load_workbook(xlsx).active["A2"].value == "0012345678"  # leading zeros kept
    for f in files:
        f.unlink()
    report_lost(desk, admin, a.number)
    push(desk)
    delta = next(f for f in (tmp_path / "wl").iterdir() if f.name.startswith("delta") and f.suffix == ".csv")
    assert _csv(str(delta))[1][:2] == ["删除", "0012345678"]


def test_formula_room_numbers_are_quoted(desk, admin, filedoor, photo_jpeg, tmp_path):
    from app.tenants.cards import issue_card

    add_unit(desk, admin, "B1", "=cmd|' /C calc'!A0")
    register(desk, admin, 2, unit="=cmd|' /C calc'!A0", photo=photo_jpeg)
    issue_card(desk, admin, idno(2), "0000000777")
    push(desk)
    full = next(f for f in (tmp_path / "wl").iterdir() if f.name.startswith("whitelist") and f.suffix == ".csv")
    assert _csv(str(full))[1][5].startswith("'=")
    assert safe_cell("@SUM(A1)") == "'@SUM(A1)" and safe_cell("a\x00b") == "ab"


def test_installer_list_import_reconciles_against_the_desk(desk, admin, filedoor, photo_jpeg, tmp_path):
    from app.tenants.cards import issue_card

    register(desk, admin, 3, photo=photo_jpeg)
    mine = issue_card(desk, admin, idno(3), "0000000333")
    theirs = tmp_path / "installer.csv"
    theirs.write_text("卡号,起始日期,截止日期,门号\n0000000999,2020-01-01,2099-12-31,1\n"
                      "garbage,,,\n=cmd,,,\n", encoding="utf-8")
    assert import_installer_list(desk, admin, filedoor.id, theirs) == {"cards": 1, "bad_rows": 2}
    (report,) = reconcile(desk, admin, "B1")
    assert [(d.kind, d.number) for d in report.differences] == [
        ("never_issued", "0000000999"), ("missing", mine.number)]


@pytest.mark.parametrize("content", [b"\x00" * 100, b"", b"x" * (21 * 1024 * 1024)])
def test_hostile_installer_files_are_refused(desk, admin, filedoor, tmp_path, content):
    bad = tmp_path / "bad.csv"
    bad.write_bytes(content)
    with pytest.raises(Refused):
        import_installer_list(desk, admin, filedoor.id, bad)


def test_dev_zero_is_not_read(desk, admin, filedoor):
    with pytest.raises(Refused):
        import_installer_list(desk, admin, filedoor.id, Path("/dev/zero"))
