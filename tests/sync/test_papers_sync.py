"""Papers and rule R9 reach the district (issue 13): the new columns travel like the rest,
through the centre's own login (column grants, row-level security)."""

from __future__ import annotations

from app.desk import clock
from app.sync.run import sync
from app.tenants.intake import TenantInput, register_tenant
from tests.sync.conftest import district_rows


def test_passport_and_r9_reason_are_mirrored(desk, admin, building, district, lh01_url):
    # rule R9 at the district: the stay says R9 applied and why there is no number
    today = clock.today(desk)
    born = today.replace(year=today.year - 30, day=min(today.day, 28))
    reg = register_tenant(desk, admin, TenantInput(
        "E12345678", "Mary Smith", "13900000001", "B1", "102", id_kind="passport",
        country="USA", sex="F", birth_date=born, family_planning_reason="外地办理"))
    assert sync(desk, lh01_url)["ok"]
    ((nationality, sex, birth),) = district_rows(
        district, "SELECT nationality, sex, birth_date FROM person WHERE id = %s", reg.person_id)
    assert (nationality, sex, birth) == ("USA", "F", born)
    ((due, reason),) = district_rows(
        district, "SELECT family_planning_due, family_planning_reason FROM tenancy WHERE id = %s",
        reg.tenancy_id)
    assert (due, reason) == (True, "外地办理")
