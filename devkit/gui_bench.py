"""GUI figures for `rentdesk bench --gui`: start to a usable window, search as you type.

Runs the real window on the district the bench built (offscreen when there is no display).
"""

from __future__ import annotations

import os
import random
import time
from pathlib import Path

from app.desk.context import open_desk
from app.staff.accounts import authenticate
from app.tenants.search import search_tenants
from devkit.bench import BENCH_PASSWORD, timings


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


def bench_building_find(window, desk) -> dict:
    """Per keystroke on 登记's building field: a key typed to the matches painted and the
    first room with space loaded — at district size (11,500 buildings)."""
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from app.property.find import find_buildings

    window.show_page("intake")
    form = window.intake.form
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
    return {**timings(samples), "note": "one key in 登记's building field to matches painted"}
