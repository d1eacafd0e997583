"""The supervisor's views timed for `rentdesk bench`: statistics (R8) and the due list (R2)."""

from __future__ import annotations

import statistics as stats_lib
import time
from typing import Any

from app.desk import clock
from app.desk.context import Desk
from app.supervision.delivery import due_counts, due_list
from app.supervision.stats import statistics


def _median_ms(fn, n: int) -> dict[str, float]:
    samples = []
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - t0)
    return {"median_ms": round(stats_lib.median(samples) * 1000, 1),
            "max_ms": round(max(samples) * 1000, 1), "n": n}


def bench_supervisor(desk: Desk, n: int = 5) -> dict[str, Any]:
    """Median ms: monthly statistics (this month; and this year by month), the due list."""
    today = clock.today(desk)
    month, year = today.replace(day=1), today.replace(month=1, day=1)
    out: dict[str, Any] = {}
    for by in ("center", "company", "building"):
        out[f"stats_month_{by}"] = _median_ms(lambda b=by: statistics(desk, b, "month", month, today), n)
        out[f"stats_ytd_by_month_{by}"] = _median_ms(
            lambda b=by: statistics(desk, b, "month", year, today), max(1, n // 2))
    out["due_list"] = _median_ms(lambda: due_list(desk), n)
    out["due_counts"] = _median_ms(lambda: due_counts(desk), n)
    return out
