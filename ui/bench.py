"""GUI figures for `rentdesk bench --gui`: start to a usable window, search as you type.

Runs the real window on the district the bench built (offscreen when there is no display).
"""

from __future__ import annotations

import os
import random
import time
from pathlib import Path

from app.bench import BENCH_PASSWORD, timings
from app.context import open_desk
from app.search import search_tenants
from app.staff import authenticate


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
    window.close()
    QApplication.processEvents()
    desk.close()
    start = timings(starts)
    return {"gui_start": {**start, "note": "build the main window to its first paint"},
            "search_as_you_type": {**timings(keystroke),
                                   "note": "text changed to rows painted"}}
