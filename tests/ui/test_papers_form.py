"""The intake form for papers other than the resident ID, and rule R9 (issue 13)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate

from app.search import search_tenants
from db.engine import read_session
from db.models import Person, Tenancy
from tests.conftest import idno
from tests.ui.conftest import ASTRONAUT, settle


def row_shown(form, field: str) -> bool:
    return form.boxes[field].isVisibleTo(form)


def fill_passport(form, number: str = "E12345678") -> None:
    form.id_kind.setCurrentIndex(form.id_kind.findData("passport"))
    form.country.setText("USA")
    form.idno.setText(number)
    form.name.setText("Mary Smith")
    form.phone.setText("13800001111")
    form.building.select_code("B1")


def test_passport_shows_sex_birth_nationality_and_no_han_default(qtbot, window):
    page = window.intake
    form = page.form
    assert not row_shown(form, "sex") and form.ethnicity.currentText() == "汉族"
    fill_passport(form)
    assert row_shown(form, "sex") and row_shown(form, "birth_date") and row_shown(form, "nationality")
    assert not form.ethnicity.isEnabled() and form.ethnicity.currentText() == ""
    assert page.photo.load_file(ASTRONAUT)
    page.register()  # no sex, no birth date: marked under the fields, nothing saved
    assert page.currentIndex() == 0
    assert not form.errors["sex"].isHidden() and not form.errors["birth_date"].isHidden()
    form.sex.setCurrentIndex(form.sex.findData("M"))
    form.birth.setDate(QDate(1980, 5, 6))
    page.register()
    settle(qtbot, window.ctx.lane)
    assert page.currentIndex() == 1, page.error.text()
    (row,) = search_tenants(window.ctx.desk, window.ctx.actor, "E12345678")
    with read_session(window.ctx.desk.engine) as s:
        person = s.get(Person, row.person_id)
        assert (person.sex, person.birth_date, person.nationality, person.ethnicity) == (
            "M", date(1980, 5, 6), "USA", None)


def test_r9_reason_asked_of_a_woman_and_recorded(qtbot, window):
    # rule R9: a woman aged 15–49 (from her resident number) needs the number or a reason
    page = window.intake
    form = page.form
    assert not row_shown(form, "family_planning_reason")
    number = idno(2, "F")
    form.idno.setText(number)
    assert row_shown(form, "family_planning_reason") and "R9" in form.fp_hint.text()
    form.name.setText("李娜")
    form.phone.setText("13800002222")
    form.building.select_code("B1")
    assert page.photo.load_file(ASTRONAUT)
    page.register()
    assert page.currentIndex() == 0
    assert "规则 R9" in form.errors["family_planning_cert"].text()
    form.fp_reason.setCurrentIndex(form.fp_reason.findData("外地办理"))
    page.register()
    settle(qtbot, window.ctx.lane)
    assert page.currentIndex() == 1, page.error.text()
    (row,) = search_tenants(window.ctx.desk, window.ctx.actor, number)
    with read_session(window.ctx.desk.engine) as s:
        reason = s.get(Tenancy, row.tenancy_id).family_planning_reason
    assert reason == "外地办理"
