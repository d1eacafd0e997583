"""Fixtures shared by every test: a fresh data directory and centre per test (no Qt here)."""

from __future__ import annotations

import os
import shutil
import time
import uuid
from datetime import date
from pathlib import Path

import pytest

from app.data.demo_photo import demo_photo_jpeg
from app.desk import clock
from app.desk.center import init_center
from app.desk.context import Desk, open_desk
from app.identity import make_resident_id
from app.property.buildings import add_building, add_unit
from app.staff.accounts import get_actor
from app.staff.audit import Actor
from app.tenants.intake import TenantInput, register_tenant

DATA = Path(__file__).parent / "data"
PASSWORD = "correct horse"
CENTER_PASSWORD = "centre-password"


@pytest.fixture(scope="session")
def session_db_key() -> str:
    return os.urandom(32).hex()


@pytest.fixture(autouse=True)
def database_key_env(session_db_key, tmp_path_factory, monkeypatch) -> None:
    """Every test's databases use a throwaway key from the environment, so nothing lands in
    the developer's key store. One key per session: the per-test databases are copies of
    one migrated template (below), which only opens with the key it was made with."""
    monkeypatch.setenv("RENTDESK_DB_KEY", session_db_key)
    monkeypatch.setenv("RENTDESK_KEY_DIR", str(tmp_path_factory.mktemp("keys")))


def _admin_centre(desk: Desk) -> Actor:
    return init_center(desk, "LH01", "东门出租屋管理服务中心", "admin", PASSWORD,
                       workstation="东门社区工作站", induction_on=clock.today())


@pytest.fixture(scope="session")
def template_home(tmp_path_factory):
    """Data folders made once per session (per key) and copied per test: migrating a new
    encrypted database and hashing the admin's password cost most of a small test's time.
    "empty": migrated to head; "centre": with centre LH01 and its admin (PASSWORD). Made
    with whatever key the environment holds, since a copy opens only with its own key."""
    made: dict[tuple[str, str], Path] = {}

    def home_for(kind: str) -> Path:
        key = os.environ["RENTDESK_DB_KEY"]
        if (key, kind) not in made:
            home = tmp_path_factory.mktemp(f"template-{kind}") / "home"
            template = open_desk(home)
            if kind == "centre":
                _admin_centre(template)
            template.close()
            made[key, kind] = home
        return made[key, kind]

    return home_for


@pytest.fixture
def desk(request, tmp_path: Path, template_home) -> Desk:
    """A fresh data folder per test: a copy of the template (with the centre when the test
    also asks for `admin`)."""
    kind = "centre" if "admin" in request.fixturenames else "empty"
    shutil.copytree(template_home(kind), tmp_path / "home")
    d = open_desk(tmp_path / "home")
    yield d
    d.close()


@pytest.fixture
def admin(desk: Desk) -> Actor:
    """The centre's first admin (made in the template; trained on the session's first day)."""
    return get_actor(desk, "admin")


@pytest.fixture
def photo_jpeg() -> bytes:
    return demo_photo_jpeg()


def idno(n: int, sex: str = "M", region: str = "440303") -> str:
    """A valid resident ID number, distinct per n."""
    return make_resident_id(region, date(1980 + n % 30, 1 + n % 12, 1 + n % 28), 100 + n % 800, sex)


@pytest.fixture
def building(desk: Desk, admin: Actor) -> str:
    """Building B1: (64 − 4) / 6 = cap 10, units 101 (12 m² → cap 2) and 102 (no area)."""
    add_building(desk, admin, "B1", "东门一号楼", "深圳市罗湖区东门路 1 号", 64.0, 4.0, "湖贝村股份合作公司")
    add_unit(desk, admin, "B1", "101", area_m2=12.0, landlord_name="林房东", landlord_phone="13800000000")
    add_unit(desk, admin, "B1", "102")
    return "B1"


def cn(n: int, width: int = 0) -> str:
    """A number in Chinese digits (〇一二…) for test names: a name holds no digits (the person
    input boundary, app.tenants.intake: a digit there is a slip of the ID or phone)."""
    return "".join("〇一二三四五六七八九"[int(d)] for d in f"{n:0{width}d}")


def register(desk: Desk, actor: Actor, n: int, unit: str = "102", photo: bytes | None = None,
             building_code: str = "B1", name: str | None = None, accept_full: bool = False):
    """accept_full: the clerk registers into a full room (rule R5: recorded, no card, flagged)."""
    data = TenantInput(idno(n), name or f"测试{cn(n)}", f"1390000{n:04d}", building_code, unit)
    return register_tenant(desk, actor, data, photo_jpeg=photo, accept_full=accept_full)


# --- a real PostgreSQL (pgserver) for the whole session, a fresh district per test --------
# Shared by tests/sync and tests/district: one server per session, not one per directory.

@pytest.fixture(scope="session")
def pg_admin_url(tmp_path_factory) -> str:
    from app.sync.pgdemo import start_server

    server = start_server(tmp_path_factory.mktemp("pg") / "data", keep_running=False)
    yield server.get_uri()
    server.cleanup()


@pytest.fixture
def district(pg_admin_url: str) -> str:
    """Admin URL of a new, migrated district database."""
    from app.sync.district import init_district
    from app.sync.pgdemo import create_database

    url = create_database(pg_admin_url, "d_" + uuid.uuid4().hex[:12])
    init_district(url)
    return url


@pytest.fixture
def lh01_url(district: str) -> str:
    from app.sync.district import add_center

    return add_center(district, "LH01", CENTER_PASSWORD)


@pytest.fixture
def lh02_url(district: str) -> str:
    from app.sync.district import add_center

    return add_center(district, "LH02", CENTER_PASSWORD)


from tests.desk_holder import holder  # noqa: E402,F401  (fixture: a second rentdesk process)


@pytest.fixture(params=("UTC", "America/Los_Angeles"))
def machine_zone(request):
    """The process's own zone, as a desk PC set up wrongly would have it (issue 17)."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = request.param
    time.tzset()
    yield request.param
    if before is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = before
    time.tzset()
