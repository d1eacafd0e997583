"""`rentdesk bench`: the desk's speed at district scale, as one set of figures.

Builds (or reuses) a demo district, then times what a clerk waits for. Each figure is
a median and p95 in milliseconds over many samples, or a rate per second.
"""

from __future__ import annotations

import csv
import random
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import date
from pathlib import Path

from sqlalchemy import text

from app.data.demo import generate_demo
from app.data.demo_photo import demo_photo_jpeg
from app.data.importer import import_file
from app.desk import clock
from app.desk.center import init_center
from app.desk.context import Desk, open_desk
from app.desk.errors import NotFound
from app.identity import current_county_codes, make_resident_id
from app.property.buildings import add_building, add_unit
from app.staff.accounts import authenticate, create_staff, get_actor, record_training
from app.tenants.cards import issue_card
from app.tenants.intake import TenantInput, register_tenant
from app.tenants.search import search_tenants
from db.engine import read_session

BENCH_PASSWORD = "bench-password"
# A name holds no digits (app.tenants.intake): number the benchmark tenants in Chinese ones.
_CN_DIGITS = str.maketrans("0123456789", "〇一二三四五六七八九")


def timings(samples: list[float]) -> dict:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return {"median_ms": round(statistics.median(ordered) * 1000, 3),
            "p95_ms": round(p95 * 1000, 3), "n": len(ordered)}


def _time_each(items, fn: Callable) -> dict:
    samples = []
    for item in items:
        t0 = time.perf_counter()
        fn(item)
        samples.append(time.perf_counter() - t0)
    return timings(samples)


def _prepare(home: Path, tenants: int, progress) -> tuple[Desk, float | None]:
    desk = open_desk(home)
    demo_seconds = None
    if desk.center_code is None:
        init_center(desk, "BENCH", "基准测试中心", "bench", BENCH_PASSWORD, induction_on=clock.today())
        report = generate_demo(desk, tenants, seed=7, progress=progress)
        demo_seconds = report.seconds
    else:
        _ensure_bench_account(desk)
    return desk, demo_seconds


def _ensure_bench_account(desk: Desk) -> None:
    """A reused district (`--keep DIR` made by `rentdesk demo`) gets the bench's own account."""
    try:
        get_actor(desk, "bench")
    except NotFound:
        create_staff(desk, None, "bench", BENCH_PASSWORD, "admin")
        record_training(desk, None, "bench", "induction", clock.today())


def _sample(desk: Desk, sql: str, n: int = 400) -> list[str]:
    with read_session(desk.engine) as s:
        return [r[0] for r in s.connection().execute(text(sql), {"n": n})]


def run_bench(tenants: int = 600_000, keep: Path | None = None, progress=None,
              district: bool = False, centres: int = 0, centre_tenants: int = 30_000) -> dict:
    home = keep or Path(tempfile.mkdtemp(prefix="rentdesk-bench-"))
    desk, demo_seconds = _prepare(home, tenants, progress)
    actor = authenticate(desk, "bench", BENCH_PASSWORD)
    rng = random.Random()  # fresh numbers each run: a kept district is benchmarked again
    result: dict = {"tenants": tenants, "home": str(home), "demo_seconds": demo_seconds}

    ids = _sample(desk, "SELECT number FROM id_document ORDER BY random() LIMIT :n")
    cards = _sample(desk, "SELECT number FROM card WHERE status='active' ORDER BY random() LIMIT :n")
    phones = _sample(desk, "SELECT phone FROM person ORDER BY random() LIMIT :n")
    names = _sample(desk, "SELECT substr(name, 1, 2) FROM person ORDER BY random() LIMIT :n", 200)
    result["lookup_id"] = _time_each(ids, lambda q: search_tenants(desk, actor, q, limit=20))
    result["lookup_card"] = _time_each(cards, lambda q: search_tenants(desk, actor, q, limit=20))
    result["lookup_phone"] = _time_each(phones, lambda q: search_tenants(desk, actor, q, limit=20))
    result["name_prefix"] = _time_each(names, lambda q: search_tenants(desk, actor, q, limit=50))

    # Before this run adds its own intakes: the supervisor's views over the district as it is.
    from devkit.supervisor_bench import bench_supervisor

    result["supervisor"] = bench_supervisor(desk)

    # Card issue: fresh tenants in a building with room, timed for the issue alone.
    tag = _run_tag()  # unique per run: a kept district is benchmarked again and again
    add_building(desk, actor, f"BB{tag}", "基准楼", "基准路 1 号", 20000.0, 1000.0)
    for u in range(30):
        add_unit(desk, actor, f"BB{tag}", f"{u:03d}")
    photo = demo_photo_jpeg()
    fresh = []
    for i in range(300):
        idno = make_resident_id("440303", date(1970 + i // 28 % 30, 1 + i % 12, 1 + i % 28),
                                rng.randint(1, 999), "F")
        try:
            register_tenant(desk, actor, TenantInput(idno, "基准" + str(i).translate(_CN_DIGITS), f"139{rng.randrange(10**8):08d}",
                                                     f"BB{tag}", f"{i % 30:03d}"), photo_jpeg=photo)
            fresh.append(idno)
        except Exception:  # a random number may collide with demo data; skip it
            continue
    base = rng.randrange(10**9, 3 * 10**9)
    result["card_issue"] = _time_each(range(len(fresh)),
                                      lambda i: issue_card(desk, actor, fresh[i], f"{base + i:010d}"))
    result["csv_import"] = _bench_import(desk, actor, home, rng)
    result.update(_optional_benches())
    desk.close()
    if district:
        # Against a real PostgreSQL (pgserver): its own demo centre of the same size.
        from devkit.sync_bench import bench_sync

        result["district_sync"] = bench_sync(tenants, centres=centres,
                                             centre_tenants=centre_tenants)
    return result


def _run_tag() -> str:
    return uuid.uuid4().hex[:8].upper()


def _bench_import(desk: Desk, actor, home: Path, rng: random.Random, rows: int = 20000) -> dict:
    code = f"IMP{_run_tag()}"
    add_building(desk, actor, code, "导入测试楼", "导入路 1 号", 200000.0, 1000.0)
    for u in range(100):
        add_unit(desk, actor, code, f"{u:03d}")
    regions = current_county_codes()
    path = home / f"{code}.csv"
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["姓名", "证件号码", "联系电话", "楼栋编号", "房号"])
        for i in range(rows):
            birth = date(rng.randint(1960, 2005), rng.randint(1, 12), rng.randint(1, 28))
            w.writerow([f"导入{i}", make_resident_id(rng.choice(regions), birth, rng.randint(1, 999),
                                                   rng.choice("MF")),
                        f"137{rng.randrange(10**8):08d}", code, f"{i % 100:03d}"])
    t0 = time.perf_counter()
    report = import_file(desk, actor, "tenants", path)
    seconds = time.perf_counter() - t0
    return {"rows": rows, "imported": report.good, "seconds": round(seconds, 3),
            "rows_per_s": round(rows / seconds)}


def _optional_benches() -> dict:
    """Benchmarks of the photo and form pipelines, where those modules are present."""
    out: dict = {}
    try:
        from devkit.photo_bench import bench_photo

        out["photo_pipeline"] = bench_photo()
    except ImportError:
        pass
    try:
        from devkit.forms_bench import bench_forms

        out["forms"] = bench_forms()
    except ImportError:
        pass
    return out


def format_table(result: dict) -> str:
    lines = [f"tenants: {result['tenants']}   demo build: {result['demo_seconds']} s"]
    for key, value in result.items():
        if isinstance(value, dict) and "median_ms" in value:
            lines.append(f"{key:<16} median {value['median_ms']:>8.3f} ms   p95 {value['p95_ms']:>8.3f} ms")
        elif isinstance(value, dict):
            lines.append(f"{key:<16} {value}")
    return "\n".join(lines)
