"""GUI figures for `rentdesk bench --gui`: start to a usable window, search as you type.

Runs the real window on the district the bench built (offscreen when there is no display).
The building finder is timed at district size whatever `--tenants` built: the demo makes one
building per ~54 tenants (about 11,100 at 600,000), so the bench tops the centre up to
FIND_BUILDINGS (`top_up_buildings`) before it types.
"""

from __future__ import annotations

import os
import random
import time
from pathlib import Path

from sqlalchemy import func, insert, select

from app.desk.context import open_desk
from app.staff.accounts import authenticate
from app.tenants.search import search_tenants
from db.engine import read_session, write_session
from db.find_key import find_key
from db.ids import new_id
from db.models import Building, Unit, utcnow
from devkit.bench import BENCH_PASSWORD, timings

# A 600,000-tenant district has ~11,500 buildings (issue 13): the finder's target is per
# keystroke at that size.
FIND_BUILDINGS = 11_500
_STREETS = ("东门路", "湖贝路", "晒布路", "黄贝路", "翠竹路", "笋岗路", "宝安南路", "文锦中路",
            "爱国路", "太宁路", "春风路", "建设路")


def bench_gui(home: Path, samples: int = 200) -> dict:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from ui.main import build_window, init_application

    init_application([])
    desk = open_desk(home)
    actor = authenticate(desk, "bench", BENCH_PASSWORD)
    starts = []
    for _ in range(3):
        t0 = time.perf_counter()
        window = build_window(desk, actor, camera_factory=lambda: None)
        window.show()
        QApplication.processEvents()  # first paint: the window is usable from here
        starts.append(time.perf_counter() - t0)
        window.close()
        QApplication.processEvents()
    window = build_window(desk, actor, camera_factory=lambda: None)
    window.show()
    window.show_page("search")
    page = window.search
    rng = random.Random()
    names = [r.name[:2] for r in search_tenants(desk, actor, "王", limit=samples)]
    queries = [q[: rng.randint(1, len(q))] for q in names] + ["张", "李", "陈伟", "4403", "139"]
    keystroke = []
    for q in queries:
        t0 = time.perf_counter()
        page.box.setText(q)  # as a keystroke does: textChanged starts the query timer
        while page.timer.isActive():
            QApplication.processEvents()
        page.table.viewport().repaint()
        QApplication.processEvents()
        keystroke.append(time.perf_counter() - t0)
    finder = bench_building_find(window, desk)
    window.close()
    QApplication.processEvents()
    desk.close()
    start = timings(starts)
    return {"gui_start": {**start, "note": "build the main window to its first paint"},
            "search_as_you_type": {**timings(keystroke),
                                   "note": "text changed to rows painted"},
            "building_find_keystroke": finder}


def building_queries(desk, n: int = 60, seed: int = 3) -> list[str]:
    """What clerks type to find a building: codes, name starts, street names, initials."""
    from app.property.find import find_buildings
    from app.property.find import search_key as find_key

    rng = random.Random(seed)
    sample = find_buildings(desk, "", limit=200)
    out: list[str] = []
    for b in rng.sample(sample, min(n // 4, len(sample))):
        out += [b.code, b.name[:3], b.address[6:9], find_key(b.name, "")[:3]]
    return [q for q in out if q.strip()][:n] or ["B", "东门", "dm"]


def building_count(desk) -> int:
    with read_session(desk.engine) as s:
        return int(s.connection().execute(select(func.count()).select_from(Building)).scalar_one())


def top_up_buildings(desk, at_least: int = FIND_BUILDINGS, seed: int = 13) -> int:
    """Add plain buildings (4 rooms each, codes F00000…) until the centre holds `at_least`;
    returns the count. Bulk Core inserts with the search key the app writes (db.find_key), no
    outbox: like tests/bulk.py they stand for buildings the district already holds. A kept
    district (`--keep`) is topped up once, not again on every run."""
    have = building_count(desk)
    if have >= at_least:
        return have
    rng = random.Random(seed)
    now = utcnow()
    stamp = {"center_code": desk.center_code, "created_at": now, "updated_at": now}
    with read_session(desk.engine) as s:
        taken = set(s.connection().execute(
            select(Building.code).where(Building.code.like("F%"))).scalars())
    buildings, units = [], []
    i = 0
    while have + len(buildings) < at_least:
        code = f"F{i:05d}"
        i += 1
        if code in taken:
            continue
        street = _STREETS[i % len(_STREETS)]
        name = f"{street}{rng.randint(1, 999)}号楼"
        address = f"深圳市罗湖区{street}{rng.randint(1, 999)}号"
        bid = new_id()
        buildings.append({**stamp, "id": bid, "code": code, "name": name, "address": address,
                          "find_key": find_key(name, address), "company_id": None,
                          "floor_area_m2": 190.0, "public_area_m2": 20.0, "district_cap": None,
                          "card_system_status": "ok"})
        units += [{**stamp, "id": new_id(), "building_id": bid, "number": f"1{u + 1:02d}",
                   "floor": 1, "area_m2": 18.0, "landlord_id": None} for u in range(4)]
    with write_session(desk.engine) as s:
        conn = s.connection()
        conn.execute(insert(Building), buildings)
        conn.execute(insert(Unit), units)
    return building_count(desk)


def bench_building_find(window, desk) -> dict:
    """Per keystroke on 登记's building field: a key typed to the matches painted and the
    first room with space loaded — at district size (at least FIND_BUILDINGS buildings)."""
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from app.property.find import find_buildings

    buildings = top_up_buildings(desk)
    form = window.intake.form
    form.reload_buildings()
    window.show_page("intake")
    finder = form.building
    samples = []
    find_buildings(desk, "", limit=1)  # warm the connection
    for query in building_queries(desk):
        finder.edit.clear()
        for i in range(1, len(query) + 1):
            t0 = time.perf_counter()
            if query.isascii():
                QTest.keyClick(finder.edit, query[i - 1])
            else:  # the input method commits the text; textEdited fires as for a key
                finder.edit.setText(query[:i])
                finder.edit.textEdited.emit(query[:i])
            finder.flush()
            finder.results.viewport().repaint()
            form.unit.repaint()
            QApplication.processEvents()
            samples.append(time.perf_counter() - t0)
    return {**timings(samples), "buildings": buildings,
            "note": f"one key in 登记's building field to matches painted, {buildings:,} buildings"}
