"""居住证申办 (rule R1): half a year of registered residence across edge dates, the papers
checklist, the application's status steps, and the printed form with the photo."""

from __future__ import annotations

import io
import re
from datetime import UTC, date, datetime

import pypdf
import pytest
from sqlmodel import select

from app.desk.errors import Refused
from app.services.leases import add_lease
from app.services.permit_print import permit_form_pdf
from app.services.permits import (
    add_months,
    apply_permit,
    check_permit,
    open_permits,
    permit_applications,
    set_permit_status,
)
from db.engine import read_session, write_session
from db.models import AuditEvent, Tenancy
from tests.conftest import idno, register


def registered_on(desk, reg, when: datetime, arrival: date | None = None) -> None:
    """Back-date the residence registration of a stay (collected_at is stored in UTC)."""
    with write_session(desk.engine) as s:
        t = s.get(Tenancy, reg.tenancy_id)
        t.collected_at, t.arrival_date = when, arrival
        s.add(t)


def noon(d: date) -> datetime:
    return datetime(d.year, d.month, d.day, 4, 0, tzinfo=UTC)  # 12:00 in Shanghai


@pytest.fixture
def tenant(desk, admin, building, photo_jpeg):
    """A tenant of unit 101 with a photo and a lease registered for 2023–2027."""
    reg = register(desk, admin, 1, unit="101", photo=photo_jpeg)
    add_lease(desk, admin, "B1", "101", [idno(1)], 1500, date(2023, 1, 1), date(2027, 12, 31))
    return reg


@pytest.mark.parametrize(("start", "due"), [
    (date(2026, 1, 15), date(2026, 7, 15)),
    (date(2025, 8, 31), date(2026, 2, 28)),    # no 31 February: the month's last day
    (date(2023, 8, 31), date(2024, 2, 29)),    # leap year
    (date(2024, 2, 29), date(2024, 8, 29)),    # from a leap day
    (date(2025, 12, 31), date(2026, 6, 30)),
    (date(2025, 9, 30), date(2026, 3, 30)),    # across the year end
    (date(2025, 7, 31), date(2026, 1, 31)),
])
def test_six_months_are_reached_on_the_day_not_a_day_before(desk, admin, tenant, start, due):
    assert add_months(start, 6) == due
    registered_on(desk, tenant, noon(start))
    exactly = check_permit(desk, admin, idno(1), today=due)
    assert exactly.eligible and exactly.eligible_on == due and exactly.days_short == 0
    short = check_permit(desk, admin, idno(1), today=date.fromordinal(due.toordinal() - 1))
    assert not short.eligible and short.days_short == 1
    assert [i.code for i in short.missing] == ["residence_6m"]


def test_residence_counts_from_the_local_registration_day(desk, admin, tenant):
    # 17:00 UTC on 14 January is 01:00 on 15 January in Shanghai
    registered_on(desk, tenant, datetime(2026, 1, 14, 17, 0, tzinfo=UTC),
                  arrival=date(2020, 1, 1))  # an earlier declared arrival is not registration
    check = check_permit(desk, admin, idno(1), today=date(2026, 7, 14))
    assert check.residence_from == date(2026, 1, 15) and not check.eligible
    registered_on(desk, tenant, noon(date(2025, 1, 1)), arrival=date(2026, 2, 1))
    assert check_permit(desk, admin, idno(1), today=date(2026, 7, 31)).residence_from == date(2026, 2, 1)


def test_checklist_names_what_is_missing(desk, admin, building):
    reg = register(desk, admin, 2, unit="102")  # no photo, no lease
    registered_on(desk, reg, noon(date(2025, 1, 2)))
    check = check_permit(desk, admin, idno(2), today=date(2026, 1, 1))
    assert {i.code for i in check.missing} == {"photo", "address_proof", "basis"}
    assert check.bases == ()
    with read_session(desk.engine) as s:
        assert s.exec(select(AuditEvent).where(AuditEvent.action == "permit.check")).first()
    with pytest.raises(Refused) as r:
        apply_permit(desk, admin, idno(2), today=date(2026, 1, 1))
    assert r.value.code == "not_eligible" and "本人相片" in r.value.zh
    assert set(r.value.data["missing"]) == {"photo", "address_proof", "basis"}


def test_employment_basis_needs_its_proof(desk, admin, tenant, photo_jpeg):
    registered_on(desk, tenant, noon(date(2025, 1, 2)))
    check = check_permit(desk, admin, idno(1), today=date(2026, 1, 1), basis="employment")
    # no employer or work reason on record, and no contract handed in
    assert [i.code for i in check.missing] == ["basis", "basis_proof"]
    with write_session(desk.engine) as s:
        s.get(Tenancy, tenant.tenancy_id).stay_reason = "务工"
    check = check_permit(desk, admin, idno(1), today=date(2026, 1, 1), basis="employment")
    assert [i.code for i in check.missing] == ["basis_proof"]
    app = apply_permit(desk, admin, idno(1), today=date(2026, 1, 1), basis="employment",
                       basis_proof=photo_jpeg)
    assert app.basis == "employment"


def test_application_steps_with_dates_and_audit(desk, admin, tenant):
    registered_on(desk, tenant, noon(date(2025, 1, 2)))
    app = apply_permit(desk, admin, idno(1), today=date(2026, 1, 5))
    assert (app.status, app.basis, app.submitted_on) == ("submitted", "housing", date(2026, 1, 5))
    assert app.lease_id is not None  # the registered lease is the address proof
    assert [a.id for a in open_permits(desk)] == [app.id]
    with pytest.raises(Refused) as r:
        apply_permit(desk, admin, idno(1), today=date(2026, 1, 5))
    assert r.value.code == "permit_open"
    with pytest.raises(Refused) as r:
        set_permit_status(desk, admin, "collected", date(2026, 1, 6), idno=idno(1))
    assert r.value.code == "bad_transition"
    with pytest.raises(Refused):
        set_permit_status(desk, admin, "returned", date(2026, 1, 6), idno=idno(1))  # no reason
    with pytest.raises(Refused) as r:
        set_permit_status(desk, admin, "issued", date(2026, 1, 4), idno=idno(1))
    assert r.value.code == "bad_date"
    steps = [("returned", date(2026, 1, 8), "相片不合格"), ("submitted", date(2026, 1, 9), None),
             ("issued", date(2026, 1, 20), None), ("collected", date(2026, 1, 25), None)]
    for status, on, note in steps:
        app = set_permit_status(desk, admin, status, on, application_id=app.id, note=note,
                                permit_number="4403000000001" if status == "issued" else None)
    assert app.status == "collected" and app.permit_number == "4403000000001"
    assert (app.returned_on, app.return_reason) == (date(2026, 1, 8), "相片不合格")
    assert (app.issued_on, app.collected_on) == (date(2026, 1, 20), date(2026, 1, 25))
    assert [e.status for e in app.history] == ["submitted", "returned", "submitted", "issued",
                                               "collected"]
    assert permit_applications(desk, admin, idno(1))[0].id == app.id
    with pytest.raises(Refused):  # reading personal data needs an account (issue 12)
        permit_applications(desk, None, idno(1))
    assert open_permits(desk) == []  # collected: off the worklist
    with read_session(desk.engine) as s:
        actions = s.exec(select(AuditEvent.action).where(AuditEvent.entity_id == app.id)).all()
    assert actions == ["permit.submitted", "permit.returned", "permit.submitted", "permit.issued",
                       "permit.collected"]


def test_permit_form_has_the_fields_and_the_photo(desk, admin, tenant):
    registered_on(desk, tenant, noon(date(2025, 1, 2)))
    app = apply_permit(desk, admin, idno(1), today=date(2026, 1, 5))
    pdf = permit_form_pdf(desk, admin, idno=idno(1))
    page = pypdf.PdfReader(io.BytesIO(pdf)).pages[0]
    text = re.sub(r"\s+", "", page.extract_text())
    for value in ("居住证申领登记表", "测试一", idno(1), "2025-01-02", "合法稳定住所", "已受理",
                  "深圳市罗湖区东门路1号", "东门一号楼101", app.id, "本人相片", "2026-01-05"):
        assert value in text, value
    assert len(page.images) == 1  # the ID photo
    with read_session(desk.engine) as s:
        assert s.exec(select(AuditEvent).where(AuditEvent.action == "permit.print")).first()
