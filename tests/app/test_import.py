"""Imports: a per-row report, good rows in, bad rows listed, nothing half-written."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from sqlmodel import select

from app.data.importer import import_file
from app.desk.errors import Refused
from db.engine import read_session
from db.models import Building, Outbox, Person, Tenancy
from tests.conftest import idno

HEADER = "姓名,证件号码,联系电话,楼栋编号,房号,来本地日期\n"


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk"])
def test_tenant_csv_in_any_office_encoding(desk, admin, building, tmp_path, encoding):
    rows = [f"张三,{idno(1)},13900000001,B1,102,2026-01-02",
            f"李四,{idno(2)},13900000002,B1,102,",
            f"王五,{idno(2)},13900000003,B1,102,",            # duplicate in the file
            "赵六,110101199003074478,13900000004,B1,102,",     # bad check digit
            f"钱七,{idno(4)},13900000005,B9,999,",             # no such unit
            f"孙八,{idno(5)},123,B1,102,"]                     # bad phone
    path = write(tmp_path / "t.csv", HEADER + "\n".join(rows) + "\n", encoding)
    report = import_file(desk, admin, "tenants", path)
    assert (report.good, report.bad) == (2, 4)
    bad = {r["row"]: r["error"] for r in report.rows if not r["ok"]}
    assert set(bad) == {4, 5, 6, 7}
    assert "重复" in bad[4] and "校验码" in bad[5] and "B9" in bad[6] and "电话" in bad[7]
    with read_session(desk.engine) as s:
        assert {p.name for p in s.exec(select(Person))} == {"张三", "李四"}
        assert len(s.exec(select(Tenancy)).all()) == 2
        assert {o.table_name for o in s.exec(select(Outbox))} >= {"person", "tenancy"}


def test_missing_columns_import_nothing(desk, admin, building, tmp_path):
    path = write(tmp_path / "t.csv", "姓名,联系电话\n张三,13900000001\n")
    with pytest.raises(Refused) as e:
        import_file(desk, admin, "tenants", path)
    assert "证件号码" in e.value.zh


def test_buildings_from_xlsx_refuse_impossible_areas(desk, admin, tmp_path):
    # rule R5: impossible areas never enter
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["楼栋编号", "楼栋名称", "地址", "建筑面积", "公共面积", "所属公司", "房号"])
    sheet.append(["A1", "一号楼", "东门路1号", 600, 60, "湖贝村股份合作公司", "101,102、103"])
    sheet.append(["A2", "二号楼", "东门路2号", 50, 80, None, None])
    sheet.append(["A3", "三号楼", "东门路3号", "大约600", None, None, None])
    path = tmp_path / "b.xlsx"
    book.save(path)
    report = import_file(desk, admin, "buildings", path)
    assert (report.good, report.bad) == (1, 2)
    with read_session(desk.engine) as s:
        assert [b.code for b in s.exec(select(Building))] == ["A1"]


def test_not_a_spreadsheet_refused(desk, admin, tmp_path):
    path = write(tmp_path / "t.xlsx", "this is not a zip")
    with pytest.raises(Refused):
        import_file(desk, admin, "tenants", path)
