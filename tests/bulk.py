"""A district-size centre for tests, fast: 11,500 buildings with units by bulk insert.

Core INSERTs in one transaction (no ORM objects, no outbox: these rows stand for what the
district already holds), with the same search key the app writes (db.find_key).
"""

from __future__ import annotations

import random

from sqlalchemy import insert

from db.engine import write_session
from db.find_key import find_key
from db.ids import new_id
from db.models import Building, Unit, utcnow

STREETS = ("东门路", "湖贝路", "晒布路", "黄贝路", "翠竹路", "笋岗路", "宝安南路", "文锦中路",
           "爱国路", "太宁路", "春风路", "建设路")


def bulk_buildings(desk, center_code: str, n: int = 11_500, units_per: int = 4,
                   seed: int = 13) -> None:
    rng = random.Random(seed)
    now = utcnow()
    stamp = {"center_code": center_code, "created_at": now, "updated_at": now}
    buildings, units = [], []
    for i in range(n):
        street = STREETS[i % len(STREETS)]
        name = f"{street}{rng.randint(1, 999)}号楼"
        address = f"深圳市罗湖区{street}{rng.randint(1, 999)}号"
        bid = new_id()
        buildings.append({**stamp, "id": bid, "code": f"D{i:05d}", "name": name,
                          "address": address, "find_key": find_key(name, address),
                          "company_id": None, "floor_area_m2": 40.0 * units_per + 30.0,
                          "public_area_m2": 20.0, "district_cap": None,
                          "card_system_status": "ok"})
        for u in range(units_per):
            units.append({**stamp, "id": new_id(), "building_id": bid,
                          "number": f"{u // 4 + 1}{u % 4 + 1:02d}", "floor": u // 4 + 1,
                          "area_m2": 18.0, "landlord_id": None})
    with write_session(desk.engine) as s:
        conn = s.connection()
        conn.execute(insert(Building), buildings)
        conn.execute(insert(Unit), units)
