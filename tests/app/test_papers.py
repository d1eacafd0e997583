"""Papers other than the resident ID, and rule R9 (issue 13), through the intake, the CLI,
the import and the printed 采集表 (a real PDF, read back)."""

from __future__ import annotations

import io
import json
import re
from datetime import date

import pypdf
import pytest
from sqlmodel import select

from app import clock
from app.cli import main
from app.errors import Refused
from app.importer import import_file
from app.intake import TenantInput, register_tenant
from app.printing import collection_form_pdf
from db.engine import read_session
from db.models import Person, Tenancy
from tests.conftest import DATA, PASSWORD, idno


def passport(n: int = 1, **kw) -> TenantInput:
    fields = dict(idno=f"E1234567{n}", name="Mary Smith", phone="13900000001",
                  building_code="B1", unit_number="102", id_kind="passport", country="USA")
    fields.update(kw)
    return TenantInput(**fields)


def years_ago(years: int) -> date:
    today = clock.today()
    return today.replace(year=today.year - years, day=min(today.day, 28))


def pdf_text(data: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return re.sub(r"\s+", "", "".join(p.extract_text() for p in reader.pages))


def test_passport_needs_sex_and_birth_date(desk, admin, building):
    with pytest.raises(Refused) as err:
        register_tenant(desk, admin, passport())
    assert set(err.value.data["fields"]) == {"sex", "birth_date"}
    assert "性别必填" in err.value.zh and "出生日期必填" in err.value.zh
    with pytest.raises(Refused) as err:
        register_tenant(desk, admin, passport(sex="M", birth_date=date(2999, 1, 1)))
    assert err.value.data["fields"] == ["birth_date"]


def test_passport_holder_recorded_and_printed(desk, admin, building):
    reg = register_tenant(desk, admin, passport(sex="M", birth_date=date(1980, 5, 6),
                                                ethnicity="汉族"))
    with read_session(desk.engine) as s:
        person = s.get(Person, reg.person_id)
        assert (person.sex, person.birth_date, person.nationality) == ("M", date(1980, 5, 6), "USA")
        assert person.ethnicity is None  # a foreigner has no 民族, never 汉族 by default
    text = pdf_text(collection_form_pdf(desk, admin, "E12345671"))
    for value in ("护照（美国签发）", "国籍：美国", "男", "1980-05-06"):
        assert value in text, value


def test_nationality_may_differ_from_the_issuing_country(desk, admin, building):
    reg = register_tenant(desk, admin, passport(sex="M", birth_date=date(1980, 5, 6),
                                                nationality="can"))
    with read_session(desk.engine) as s:
        assert s.get(Person, reg.person_id).nationality == "CAN"
    with pytest.raises(Refused) as err:
        register_tenant(desk, admin, passport(2, sex="M", birth_date=date(1980, 5, 6),
                                              nationality="XXX"))
    assert err.value.data["fields"] == ["nationality"]


def test_resident_ethnicity_is_never_assumed(desk, admin, building):
    reg = register_tenant(desk, admin, TenantInput(idno(3), "王五", "13900000003", "B1", "102"))
    with read_session(desk.engine) as s:
        assert s.get(Person, reg.person_id).ethnicity is None


def test_r9_woman_of_child_bearing_age_needs_number_or_reason(desk, admin, building):
    # rule R9: a woman aged 15–49 on the centre's day
    woman = passport(sex="F", birth_date=years_ago(30))
    with pytest.raises(Refused) as err:
        register_tenant(desk, admin, woman)
    assert err.value.data["fields"] == ["family_planning_cert"]
    assert "规则 R9" in err.value.zh and "不适用 / 未办理 / 外地办理" in err.value.zh
    woman.family_planning_reason = "随便"
    with pytest.raises(Refused):
        register_tenant(desk, admin, woman)
    woman.family_planning_reason = "未办理"
    reg = register_tenant(desk, admin, woman)
    with read_session(desk.engine) as s:
        assert s.get(Tenancy, reg.tenancy_id).family_planning_reason == "未办理"
    assert "计生证/婚育证明编号未登记：未办理" in pdf_text(collection_form_pdf(desk, admin, woman.idno))


def test_r9_resident_woman_by_her_number_and_the_outside_ages(desk, admin, building):
    # rule R9: sex and age come from the resident number itself
    woman = TenantInput(idno(5, sex="F"), "李娜", "13900000005", "B1", "102")
    with pytest.raises(Refused):
        register_tenant(desk, admin, woman)
    woman.family_planning_cert = "湘邵计字2023第01234号"
    woman.family_planning_reason = "不适用"  # a number given: no reason is recorded
    reg = register_tenant(desk, admin, woman)
    with read_session(desk.engine) as s:
        tenancy = s.get(Tenancy, reg.tenancy_id)
        assert (tenancy.family_planning_cert, tenancy.family_planning_reason) == (
            "湘邵计字2023第01234号", None)
    for years in (14, 50):  # outside 15–49: nothing asked
        register_tenant(desk, admin, passport(years, sex="F", birth_date=years_ago(years)))


def test_r9_in_the_cli_and_the_import(desk, admin, building, tmp_path, capsys, monkeypatch):
    # rule R9, the same rule in the command line and the import
    monkeypatch.setenv("RENTDESK_PASSWORD", PASSWORD)
    photo = DATA / "astronaut.png"
    person = {"idno": "X9876543", "id_kind": "passport", "country": "GBR", "name": "Ann",
              "phone": "13900000009", "building": "B1", "unit": "102", "photo": str(photo),
              "sex": "女", "birth_date": years_ago(25).isoformat()}
    given = tmp_path / "person.json"  # the person from a file, never from arguments (issue 12)
    args = ["--home", str(desk.home), "register", "--as", "admin", "--person", str(given)]
    given.write_text(json.dumps(person, ensure_ascii=False), encoding="utf-8")
    assert main(args) == 1
    assert "错误：" in capsys.readouterr().err
    given.write_text(json.dumps({**person, "family_planning_reason": "外地办理"},
                                ensure_ascii=False), encoding="utf-8")
    assert main(args) == 0
    csv = tmp_path / "t.csv"
    csv.write_text("姓名,证件号码,联系电话,楼栋编号,房号,证件类型,签发国家,性别,出生日期,计生证未登记原因\n"
                   f"甲,P0000001,13900000011,B1,102,护照,JPN,女,{years_ago(20)},\n"
                   f"乙,P0000002,13900000012,B1,102,护照,JPN,女,{years_ago(20)},不适用\n"
                   f"丙,P0000003,13900000013,B1,102,护照,JPN,男,{years_ago(20)},\n",
                   encoding="utf-8")
    report = import_file(desk, admin, "tenants", csv)
    assert (report.good, report.bad) == (2, 1)
    bad = next(r for r in report.rows if not r["ok"])
    assert bad["row"] == 2 and "R9" in bad["error"]
    with read_session(desk.engine) as s:
        people = {p.name: p for p in s.exec(select(Person).where(Person.name.in_(("乙", "丙"))))}
        assert people["乙"].nationality == "JPN" and people["乙"].ethnicity is None
        assert people["丙"].sex == "M"


def test_r9_blank_number_is_no_number_and_the_reason_is_kept(desk, admin, building):
    # rule R9: spaces are not a certificate number; a huge one is refused, not stored
    woman = passport(7, sex="F", birth_date=years_ago(22), family_planning_cert="   ")
    with pytest.raises(Refused):
        register_tenant(desk, admin, woman)
    woman.family_planning_reason = "不适用"
    reg = register_tenant(desk, admin, woman)
    with read_session(desk.engine) as s:
        tenancy = s.get(Tenancy, reg.tenancy_id)
        assert (tenancy.family_planning_cert, tenancy.family_planning_reason) == (None, "不适用")
    with pytest.raises(Refused) as err:
        register_tenant(desk, admin, passport(8, sex="F", birth_date=years_ago(22),
                                              family_planning_cert="计" * 2_000_000))
    assert "过长" in err.value.zh
