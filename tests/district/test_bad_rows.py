"""One bad row never stalls a centre (issue 11): hostile text is refused at the desk's input
boundary with the field named; a row already stored that the district cannot take is
listed as not accepted, every other row keeps flowing, and the corrected record is sent."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text
from sqlmodel import select

from app.data.importer import import_file
from app.data.text_input import problem
from app.desk.errors import Refused
from app.property.buildings import add_building
from app.sync import not_accepted
from app.sync.run import sync
from app.tenants.intake import TenantInput, register_tenant
from db.engine import read_session, write_session
from db.models import Person, Tenancy
from tests.conftest import idno, register
from tests.sync.conftest import district_rows

HEADER = "姓名,证件号码,联系电话,楼栋编号,房号,工作单位\n"


@pytest.mark.parametrize(("column", "value", "named"), [
    ("name", "李\x00四", "姓名"),
    ("name", "王\x1b[2J五", "姓名"),
    ("name", "张\u202e三", "姓名"),          # a bidi override: shows as something else
    ("name", "赵\n六", "姓名"),              # one-line field
    ("description", "坏了\r\n", "说明"),      # CR refused even in free text
    ("employer", "某" * 2_000_000, "工作单位"),  # the 2-million-character cell
])
def test_boundary_refuses_and_names_the_field(column, value, named):
    got = problem("person", column, value)
    assert got is not None and got[0] == column and got[1].startswith(named)


def test_boundary_keeps_ordinary_text():
    assert problem("person", "name", "阿依古丽·买买提") is None
    assert problem("fault_ticket", "description", "门禁坏了\n\t已报修") is None  # free text


def test_orm_writes_pass_the_boundary(desk, admin, building):
    with pytest.raises(Refused) as err:
        register_tenant(desk, admin, TenantInput(idno(1), "李\x00四", "13900000001", "B1", "102"))
    assert "姓名" in err.value.zh and err.value.data["fields"] == ["name"]
    with pytest.raises(Refused) as err:  # buildings go through the same flush check
        add_building(desk, admin, "B9", "坏\x07楼", "深圳", 60.0, 0.0, None)
    assert "楼栋名称" in err.value.zh and "building name" in err.value.en


def _csv(tmp_path: Path, rows: list[str]) -> Path:
    path = tmp_path / "tenants.csv"
    path.write_text(HEADER + "".join(r + "\n" for r in rows), encoding="utf-8")
    return path


def test_import_then_sync_hostile_cells_refused_later_tenants_arrive(
        desk, admin, building, district, lh01_url, tmp_path):
    rows = [f"李\x00四,{idno(1)},13900000001,B1,102,",
            f"王\x1b五,{idno(2)},13900000002,B1,102,",
            f"钱七,{idno(3)},13900000003,B1,102,{'某' * 2_000_000}",
            f"周八,{idno(4)},13900000004,B1,102,某公司"]
    report = import_file(desk, admin, "tenants", _csv(tmp_path, rows))
    assert report.good == 1 and report.bad == 3, report.rows
    errors = {r["row"]: r["error"] for r in report.rows if not r["ok"]}
    assert errors[2].startswith("姓名") and errors[3].startswith("姓名")
    assert errors[4].startswith("工作单位") and len(errors[4]) < 200
    register(desk, admin, 5)  # a later tenant
    result = sync(desk, lh01_url)
    assert result["ok"] and result["not_accepted"] == [] and result["outbox_left"] == 0
    names = {n for (n,) in district_rows(district, "SELECT name FROM person")}
    assert names == {"周八", "测试五"}


def _smuggle_nul(desk, person_id: str) -> None:
    """A name stored before the boundary existed (raw SQL, queued like an ORM change)."""
    with write_session(desk.engine) as s:
        s.connection().execute(text("UPDATE person SET name = :n WHERE id = :i"),
                               {"n": "李\x00四", "i": person_id})
        s.connection().execute(text(
            "INSERT INTO outbox (tx_id, table_name, row_id, op, at) "
            "VALUES ('legacy', 'person', :i, 'upsert', CURRENT_TIMESTAMP)"), {"i": person_id})


def test_stored_nul_is_listed_not_accepted_and_resent_once_corrected(
        desk, admin, building, district, lh01_url):
    bad = register(desk, admin, 1)
    _smuggle_nul(desk, bad.person_id)
    later = register(desk, admin, 2)  # registered after the bad row: must still arrive
    result = sync(desk, lh01_url)
    assert result["ok"] and result["outbox_left"] == 0
    assert result["not_accepted"] == [f"person:{bad.person_id}"]
    listed = not_accepted.listed(desk)
    assert [(x.table_name, x.row_id, x.sqlstate, x.field) for x in listed] == [
        ("person", bad.person_id, "22021", "name")]
    assert "姓名" in listed[0].reason_zh and "name" in listed[0].reason_en  # never empty
    assert district_rows(district, "SELECT name FROM person WHERE id = %s",
                         later.person_id) == [("测试二",)]
    with read_session(desk.engine) as s:  # rule R2: the later tenancy has its receipt
        assert s.exec(select(Tenancy).where(Tenancy.id == later.tenancy_id)).one().delivered_at
    # The record is corrected through the boundary (a NUL would be refused again) …
    with pytest.raises(Refused):
        not_accepted.correct(desk, admin, "person", bad.person_id, "name", "李\x00四")
    with pytest.raises(Refused):  # only typed text, never rule R2's clock or an id
        not_accepted.correct(desk, admin, "tenancy", later.tenancy_id, "collected_at", "2020")
    not_accepted.correct(desk, admin, "person", bad.person_id, "name", "李四")
    result = sync(desk, lh01_url)
    assert result["ok"] and result["not_accepted"] == []
    assert district_rows(district, "SELECT name FROM person WHERE id = %s",
                         bad.person_id) == [("李四",)]
    assert not_accepted.listed(desk) == []
    with read_session(desk.engine) as s:
        assert s.get(Person, bad.person_id).name == "李四"


def test_building_import_passes_the_boundary(desk, admin, tmp_path):
    path = tmp_path / "buildings.csv"
    path.write_text("楼栋编号,楼栋名称,地址,建筑面积\nB1,坏\x00楼,深圳,60\nB2,好楼,深圳,60\n",
                    encoding="utf-8")
    report = import_file(desk, admin, "buildings", path)
    assert report.good == 1 and report.bad == 1
    assert [r["error"] for r in report.rows if not r["ok"]][0].startswith("楼栋名称")
