"""`rentdesk bench --district --office N`: the office's pages at district scale.

The district is built by the fastest honest path: one demo centre is generated and synced
through the real protocol, then its rows are cloned in SQL under N−1 other centre codes
(every id suffixed, every document number changed in its birth-year digits, so no clone is
"the same person" as another and the district-wide card rule still holds). Each page's
query is then timed through the same app functions the window and the CLI call, signed in
as a district viewer.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import psycopg

from app.desk import clock
from app.district_office import decisions, lookups, reports
from app.district_office.session import sign_in
from app.district_office.staff import add_staff
from db.district.schema import MIRRORED

STAFF_PASSWORD = "bench-office-password"
EXTRA_TABLES = ("audit_event",)


def _columns(conn: psycopg.Connection, table: str) -> list[str]:
    return [r[0] for r in conn.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' "
        "AND table_name = %s AND column_name <> 'received_at' ORDER BY ordinal_position", (table,))]


def _cloned(table: str, col: str, k: int, code: str) -> str:
    if col == "center_code":
        return f"'{code}'"
    if col == "id" or col.endswith("_id"):
        return f"{col} || '-{code}'"
    if table == "id_document" and col == "number":
        return f"overlay(number placing '{k:02d}' from 7 for 2)"
    if table == "card" and col == "doc_key":
        return (f"CASE WHEN doc_key IS NULL THEN NULL ELSE split_part(doc_key, ':', 1) || ':' || "
                f"split_part(doc_key, ':', 2) || ':' || overlay(split_part(doc_key, ':', 3) "
                f"placing '{k:02d}' from 7 for 2) END")
    return col


def clone_centre(admin_url: str, source: str, code: str, k: int) -> int:
    """Copy every row of centre `source` as centre `code` (k: 21..99, the number's digits)."""
    rows = 0
    with psycopg.connect(admin_url) as conn:
        for table in dict.fromkeys((*MIRRORED, *EXTRA_TABLES)):
            cols = _columns(conn, table)
            rows += conn.execute(
                f"INSERT INTO {table} ({', '.join(cols)}) SELECT "
                f"{', '.join(_cloned(table, c, k, code) for c in cols)} FROM {table} "
                f"WHERE center_code = %s", (source,)).rowcount
        conn.execute("INSERT INTO center_replica (center_code, epoch, last_batch_no, last_seq, "
                     "last_batch_at) SELECT %s, epoch, last_batch_no, last_seq, last_batch_at "
                     "FROM center_replica WHERE center_code = %s", (code, source))
    return rows


def _time(fn: Callable[[], object], runs: int = 5) -> dict:
    samples = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - t0)
    return {"median_ms": round(statistics.median(samples) * 1000, 1),
            "max_ms": round(max(samples) * 1000, 1), "runs": runs}


def time_pages(admin_url: str) -> dict:
    add_staff(admin_url, "bench_viewer", "viewer", STAFF_PASSWORD)
    office = sign_in(admin_url, "bench_viewer", STAFF_PASSWORD)
    with psycopg.connect(admin_url) as conn:
        number, name = conn.execute("SELECT i.number, p.name FROM id_document i JOIN person p "
                                    "ON p.id = i.person_id LIMIT 1").fetchone()
        busiest = conn.execute("SELECT date_trunc('month', collected_at AT TIME ZONE "
                               "'Asia/Shanghai')::date FROM tenancy GROUP BY 1 "
                               "ORDER BY count(*) DESC LIMIT 1").fetchone()[0]
        tenants = conn.execute("SELECT count(*) FROM tenancy").fetchone()[0]
    today = clock.now_utc().date()
    out = {"tenancies": tenants, "month": busiest.strftime("%Y-%m")}
    out["centres"] = _time(lambda: reports.centres(office))
    out["delivery_30_days"] = _time(lambda: reports.delivery(office, today - timedelta(days=30),
                                                              today))
    out["rewards_month"] = _time(lambda: reports.rewards(office, busiest))
    out["rewards_rows"] = len(reports.rewards(office, busiest))
    out["conflicts"] = _time(lambda: decisions.conflicts(office, open_only=False))
    out["search_document"] = _time(lambda: lookups.search(office, number))
    out["search_name"] = _time(lambda: lookups.search(office, name))
    out["audit_latest"] = _time(lambda: lookups.audit_entries(office))
    out["audit_centre_action"] = _time(lambda: lookups.audit_entries(office, center="C01",
                                                                     action="card."))
    out["audit_person"] = _time(lambda: lookups.audit_entries(office, person=number))
    office.close()
    pages = [v["median_ms"] for k, v in out.items() if isinstance(v, dict) and k != "rewards_month"]
    out["targets"] = {"each_page<=1s": max(pages) <= 1000,
                      "rewards_month<=2s": out["rewards_month"]["median_ms"] <= 2000}
    return out


def bench_office(centres: int, tenants: int, workdir: Path | None = None) -> dict:
    from app.sync.district import add_center, init_district
    from app.sync.pgdemo import create_database, start_server
    from app.sync.run import sync
    from devkit.sync_bench import PASSWORD, _center

    tmp = tempfile.TemporaryDirectory(prefix="rentdesk-officebench-", dir=workdir)
    root = Path(tmp.name)
    server = start_server(root / "pg", keep_running=False)
    try:
        admin_url = create_database(server.get_uri(), "district")
        init_district(admin_url)
        desk, demo_seconds = _center(root / "C00", "C00", tenants, seed=7)
        report = sync(desk, add_center(admin_url, "C00", PASSWORD))
        desk.close()
        t0 = time.perf_counter()
        cloned = sum(clone_centre(admin_url, "C00", f"C{i:02d}", 20 + i) for i in range(1, centres))
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute("VACUUM ANALYZE")
        result = {"centres": centres, "tenants_each": tenants, "demo_seconds": demo_seconds,
                  "sync_seconds": report["seconds"], "rows_synced": report["rows_up_total"],
                  "rows_cloned": cloned, "clone_seconds": round(time.perf_counter() - t0, 1)}
        result["pages"] = time_pages(admin_url)
        return result
    finally:
        server.cleanup()
        tmp.cleanup()
