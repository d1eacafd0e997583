"""A real district (pgserver PostgreSQL) with two synced centres and two office logins."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from app.data.demo import generate_demo
from app.desk import clock
from app.desk.center import init_center
from app.desk.context import Desk, open_desk
from app.district_office.session import Office, sign_in
from app.district_office.staff import add_staff
from app.sync.district import add_center
from app.sync.run import sync
from tests.conftest import CENTER_PASSWORD, PASSWORD  # pgserver fixtures: tests/conftest.py

STAFF_PASSWORD = "office-password-1"


@dataclass
class Centre:
    code: str
    desk: Desk
    url: str


def demo_centre(home: Path, district_url: str, code: str, tenants: int, seed: int) -> Centre:
    desk = open_desk(home)
    init_center(desk, code, f"{code}出租屋管理服务中心", "admin", PASSWORD, induction_on=clock.today())
    generate_demo(desk, tenants, seed=seed)
    url = add_center(district_url, code, CENTER_PASSWORD)
    assert sync(desk, url)["ok"]
    return Centre(code, desk, url)


@pytest.fixture
def centres(district, tmp_path):  # noqa: F811 - the fixture imported above
    made = [demo_centre(tmp_path / c, district, c, 120, seed)
            for c, seed in (("LH01", 11), ("LH02", 12))]
    yield made
    for c in made:
        c.desk.close()


@pytest.fixture
def viewer(district) -> Office:  # noqa: F811
    add_staff(district, "wang_viewer", "viewer", STAFF_PASSWORD)
    office = sign_in(district, "wang_viewer", STAFF_PASSWORD)
    yield office
    office.close()


@pytest.fixture
def officer(district) -> Office:  # noqa: F811
    add_staff(district, "li_admin", "admin", STAFF_PASSWORD)
    office = sign_in(district, "li_admin", STAFF_PASSWORD)
    yield office
    office.close()
