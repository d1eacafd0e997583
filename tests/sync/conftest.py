"""Helpers of the district tests; the pgserver fixtures live in tests/conftest.py (one server
for the whole session, shared with tests/district)."""

from __future__ import annotations

from pathlib import Path

import psycopg

from app.desk import clock
from app.desk.center import init_center
from app.desk.context import Desk, open_desk
from app.property.buildings import add_building, add_unit
from app.staff.audit import Actor
from db.district.schema import MIRRORED
from db.engine import read_session
from tests.conftest import CENTER_PASSWORD, PASSWORD  # noqa: F401 - re-exported


def make_center(home: Path, code: str) -> tuple[Desk, Actor]:
    """A second (third …) centre's desk with building B1 (cap 10) and unit 102."""
    desk = open_desk(home)
    actor = init_center(desk, code, f"{code}中心", "admin", PASSWORD, induction_on=clock.today())
    add_building(desk, actor, "B1", f"{code}一号楼", "深圳市罗湖区 1 号", 64.0, 4.0, "某股份合作公司")
    add_unit(desk, actor, "B1", "102")
    return desk, actor


def district_rows(admin_url: str, sql: str, *params) -> list[tuple]:
    with psycopg.connect(admin_url) as conn:
        return conn.execute(sql, params).fetchall()


def district_count(admin_url: str, table: str, center: str) -> int:
    return district_rows(admin_url, f"SELECT count(*) FROM {table} WHERE center_code = %s",
                         center)[0][0]


def local_count(desk: Desk, table: str) -> int:
    with read_session(desk.engine) as s:
        return s.connection().exec_driver_sql(f"SELECT count(*) FROM {table}").scalar_one()


def assert_mirrored(desk: Desk, admin_url: str) -> None:
    """Every synced row is at the district exactly once (ids are primary keys there)."""
    for table in MIRRORED:
        assert district_count(admin_url, table, desk.center_code) == local_count(desk, table), table
