"""Passports as the desk meets them (rule R6): a passport is its issuing country and number;
its number may look like a card number (India: a letter and 7 digits)."""

from __future__ import annotations

from datetime import date

import pytest

from app.cards import issue_card
from app.errors import Refused
from app.intake import TenantInput, register_tenant
from app.search import search_tenants
from tests.conftest import register


def passport(number: str, country: str, name: str, phone: str) -> TenantInput:
    return TenantInput(idno=number, name=name, phone=phone, building_code="B1",
                       unit_number="102", id_kind="passport", country=country, sex="M",
                       birth_date=date(1985, 5, 6))


def test_passport_number_like_a_card_number_is_found_by_search(desk, admin, building,
                                                              photo_jpeg):  # rule R6, R10
    # B1234567 is 8 hex-like characters: the search reads it as a card number AND as a
    # document number, and finds both
    ravi = register_tenant(desk, admin, passport("B1234567", "IND", "Ravi Kumar", "13900001111"),
                           photo_jpeg=photo_jpeg)
    other = register(desk, admin, 2, photo=photo_jpeg)
    issue_card(desk, admin, other.idno, "B1234567")  # a card whose UID reads the same
    found = {r.name for r in search_tenants(desk, admin, "b1234567")}
    assert found == {"Ravi Kumar", other.name}
    assert ravi.name == "Ravi Kumar"
    # issue 12's rules still hold: no prefix oracle; name + last four works
    assert search_tenants(desk, admin, "B123456") == []
    e = register_tenant(desk, admin, passport("E0000003", "IND", "Anil", "13900001112"),
                        photo_jpeg=photo_jpeg)
    assert [r.name for r in search_tenants(desk, admin, "E0000003")] == [e.name]


def test_same_passport_number_from_two_countries_are_two_people(desk, admin, building,
                                                                photo_jpeg):  # rule R6
    a = register_tenant(desk, admin, passport("X1234567", "USA", "Mary Smith", "13900002221"),
                        photo_jpeg=photo_jpeg)
    b = register_tenant(desk, admin, passport("X1234567", "DEU", "Marie Schmidt", "13900002222"),
                        photo_jpeg=photo_jpeg)
    assert a.person_id != b.person_id
    assert {r.name for r in search_tenants(desk, admin, "X1234567")} == {"Mary Smith",
                                                                       "Marie Schmidt"}
    # the same country and number is the same passport: still refused while living
    with pytest.raises(Refused) as again:
        register_tenant(desk, admin, passport("X1234567", "USA", "Mary Smith", "13900002221"),
                        photo_jpeg=photo_jpeg)
    assert again.value.code == "already_registered"
