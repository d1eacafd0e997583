"""Tenant intake and move-out (R6, R9), and refusals that leave no trace."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import select

from app.desk.errors import Refused
from app.tenants.intake import TenantInput, family_planning_applies, move_out, register_tenant
from app.tenants.search import search_tenants
from db.engine import read_session
from db.models import IdDocument, Person, Tenancy
from tests.conftest import idno, register


def test_register_fills_birth_and_sex_from_the_number(desk, admin, building, photo_jpeg):
    # rule R6: the record carries the verified identity
    reg = register(desk, admin, 3, photo=photo_jpeg)
    with read_session(desk.engine) as s:
        person = s.get(Person, reg.person_id)
        doc = s.exec(select(IdDocument)).one()
    assert person.sex == "M" and person.birth_date == date(1983, 4, 4)
    assert doc.verified and doc.number == idno(3)


def test_invalid_fields_listed_and_nothing_written(desk, admin, building):
    bad = TenantInput("110101199003074478", "", "12345", "B1", "102")
    with pytest.raises(Refused) as e:
        register_tenant(desk, admin, bad)
    assert set(e.value.data["fields"]) == {"idno", "name", "phone"}
    assert "校验码" in e.value.zh
    with read_session(desk.engine) as s:
        assert s.exec(select(Person)).all() == []


def test_second_registration_while_living_refused(desk, admin, building):
    register(desk, admin, 1)
    with pytest.raises(Refused) as e:
        register(desk, admin, 1, unit="101")
    assert e.value.code == "already_registered" and "102" in e.value.zh


def test_moved_out_person_registers_again_as_the_same_person(desk, admin, building):
    first = register(desk, admin, 1)
    move_out(desk, admin, idno(1))
    second = register(desk, admin, 1, unit="101")
    assert second.person_id == first.person_id and second.tenancy_id != first.tenancy_id
    with read_session(desk.engine) as s:
        assert len(s.exec(select(Tenancy)).all()) == 2


def test_names_with_markup_and_quotes_stored_verbatim(desk, admin, building):
    name = "O'Brien <b>\"; DROP TABLE person;--"
    register(desk, admin, 1, name=name)
    rows = search_tenants(desk, admin, "O'Brien")
    assert [r.name for r in rows] == [name]


def test_family_planning_applies_to_women_15_to_49():
    # rule R9 (issue 13: the clerk guide's child-bearing age is 15–49, to the day)
    today = date(2026, 11, 27)
    assert family_planning_applies("F", date(1990, 1, 1), today)
    assert not family_planning_applies("M", date(1990, 1, 1), today)
    assert not family_planning_applies("F", date(1970, 1, 1), today)
    assert family_planning_applies("F", date(2011, 11, 27), today)  # 15 today
    assert not family_planning_applies("F", date(2011, 11, 28), today)  # 15 tomorrow
    assert family_planning_applies("F", date(1976, 11, 28), today)  # 49, 50 tomorrow
    assert not family_planning_applies("F", date(1976, 11, 27), today)  # 50 today


def test_unreadable_scan_is_a_refusal_naming_the_paper(desk, admin, building):
    # rule R6: copies of papers go with the record; a broken file is refused, nothing written
    data = TenantInput(idno(5), "王五", "13900000005", "B1", "102",
                       scans={"id_back": b"not an image at all"})
    with pytest.raises(Refused) as e:
        register_tenant(desk, admin, data)
    assert "身份证反面" in e.value.zh and e.value.code.startswith("scan_")
    with read_session(desk.engine) as s:
        assert s.exec(select(Person)).all() == []
