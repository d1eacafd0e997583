"""The city simulation: ten districts partitioned by district on one PostgreSQL.

    nice -n 19 python -m devkit.city_sim [--districts 10] [--centres 20] [--tenants 30000]
                                         [--workdir /tmp] [--out city.json]
    rentdesk bench --city [--city-districts N] [--city-centres N] [--city-tenants N]

On a throw-away pgserver PostgreSQL under --workdir (deleted afterwards) it builds the
layout of db/district/README.md ("A city of ten districts", item 1) with devkit.city_layout,
and the same generator's first district alone as a plain, unpartitioned district (the same
rows as the city's D01 partition); then times one district's office pages on both
(devkit.city_queries), shows partition pruning with EXPLAIN, and reports load times and
sizes. Every figure is measured here; nothing is extrapolated by this code.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

import psycopg
from psycopg.sql import SQL, Literal

from devkit import city_queries as q
from devkit.city_layout import TABLES, ZONE, Scale, build

RUNS = 5


def _timed(conn: psycopg.Connection, sql: str, params: dict, runs: int = RUNS) -> dict:
    """First run (cold for this query) apart, then `runs` more: median and max."""
    t0 = time.perf_counter()
    rows = conn.execute(sql, params).fetchall()
    first = time.perf_counter() - t0
    samples = []
    for _ in range(runs):
        t0 = time.perf_counter()
        conn.execute(sql, params).fetchall()
        samples.append(time.perf_counter() - t0)
    return {"rows": len(rows), "first_ms": round(first * 1000, 1),
            "median_ms": round(statistics.median(samples) * 1000, 1),
            "max_ms": round(max(samples) * 1000, 1)}


def sizes(conn: psycopg.Connection, schema: str) -> dict:
    out = {}
    for table in TABLES:
        heap, idx = conn.execute(
            "SELECT coalesce(sum(pg_relation_size(r)), 0), coalesce(sum(pg_indexes_size(r)), 0) "
            "FROM (SELECT relid AS r FROM pg_partition_tree(%(t)s::regclass) "
            "      UNION SELECT %(t)s::regclass) x",  # a plain table is no partition tree
            {"t": f"{schema}.{table}"}).fetchone()
        out[table] = {"table_mb": round(heap / 2**20), "indexes_mb": round(idx / 2**20)}
    out["total_mb"] = sum(v["table_mb"] + v["indexes_mb"] for v in out.values())
    return out


def probes(conn: psycopg.Connection, schema: str, district: str) -> dict:
    """A document number, a common full name and its surname+given prefix, the busiest month."""
    number = conn.execute(f"SELECT number FROM {schema}.id_document WHERE district_code = %s "
                          f"ORDER BY id LIMIT 1", (district,)).fetchone()[0]
    name = conn.execute(f"SELECT name FROM {schema}.person WHERE district_code = %s GROUP BY name "
                        f"ORDER BY count(*) DESC, name LIMIT 1", (district,)).fetchone()[0]
    month = conn.execute(f"SELECT date_trunc('month', collected_at AT TIME ZONE '{ZONE}')::date "
                         f"FROM {schema}.tenancy WHERE district_code = %s GROUP BY 1 "
                         f"ORDER BY count(*) DESC LIMIT 1", (district,)).fetchone()[0]
    return {"number": number, "name": name, "prefix": name[:2], "month": month}


def time_pages(conn: psycopg.Connection, schema: str, district: str, now: datetime,
               probe: dict) -> dict:
    out = {}
    for page in q.PAGES:
        if page == "search_document_city" and schema != "city":
            continue
        query = {"search_name": probe["name"], "search_name_prefix": probe["prefix"]}.get(
            page, probe["number"])
        out[page] = _timed(conn, q.sql(page, schema), q.params(page, district, now, probe["month"],
                                                             query))
    return out


def _partitions(plan: str, table: str) -> list[str]:
    return sorted(set(re.findall(rf"\b({table}_d\d\d)\b", plan)))


def _numbered(sql: str) -> tuple[str, list[str]]:
    """%(name)s placeholders as $1, $2… (PREPARE's), and the names in that order."""
    names: list[str] = []

    def number(m: re.Match) -> str:
        if m[1] not in names:
            names.append(m[1])
        return f"${names.index(m[1]) + 1}"

    return re.sub(r"%\((\w+)\)s", number, sql), names


def explain(conn: psycopg.Connection, district: str, now: datetime, month: date) -> dict:
    """Plan-time pruning (the district as a literal) and run-time pruning (a generic plan,
    the district as a parameter, as an office function would pass it)."""
    page = "rewards_month"
    text = q.sql(page, "city").replace("%(d)s", f"'{district}'")
    plan = "\n".join(r[0] for r in conn.execute(f"EXPLAIN (COSTS OFF) {text}",
                                                 q.params(page, district, now, month)))
    out = {"literal": {t: _partitions(plan, t) for t in ("tenancy", "unit", "building", "id_document")},
           "literal_plan_lines": len(plan.splitlines())}
    # A prepared statement with a generic plan: the district is a parameter ($1), as an office
    # function would pass it; the partitions are pruned when the plan starts, not planned.
    params = q.params("delivery_30_days", district, now, month)
    sql, names = _numbered(q.sql("delivery_30_days", "city"))
    conn.execute(f"PREPARE city_delivery AS {sql}")
    conn.execute("SET plan_cache_mode = force_generic_plan")
    try:
        args = SQL(", ").join(Literal(params[n]) for n in names).as_string(conn)
        plan = "\n".join(r[0] for r in conn.execute(
            f"EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) EXECUTE city_delivery({args})"))
    finally:
        conn.execute("RESET plan_cache_mode")
        conn.execute("DEALLOCATE city_delivery")
    removed = re.findall(r"Subplans Removed: (\d+)", plan)
    out["generic"] = {"tenancy_partitions_in_plan": _partitions(plan, "tenancy"),
                      "subplans_removed": [int(n) for n in removed]}
    out["generic_plan"] = plan
    return out


def counts_agree(conn: psycopg.Connection, now: datetime, month: date) -> dict:
    """The pages' figures for D01 on the city equal those on the plain district (same rows)."""
    out = {}
    for page in ("centres", "delivery_30_days", "rewards_month"):
        a, b = (conn.execute(q.sql(page, s), q.params(page, "D01", now, month)).fetchall()
                for s in ("city", "single"))
        out[page] = a == b
    return out


def _tune(conn: psycopg.Connection) -> dict:
    # A bulk load's usual settings: checkpoints spaced out, big sorts for the index builds.
    conn.execute("ALTER SYSTEM SET max_wal_size = '16GB'")
    conn.execute("ALTER SYSTEM SET checkpoint_timeout = '30min'")
    conn.execute("SELECT pg_reload_conf()")
    time.sleep(1)  # the reload reaches this backend at its next command
    conn.execute("SET maintenance_work_mem = '1GB'")
    conn.execute("SET synchronous_commit = off")
    return {k: conn.execute(f"SHOW {k}").fetchone()[0] for k in (
        "server_version", "shared_buffers", "work_mem", "maintenance_work_mem", "max_wal_size",
        "max_parallel_workers_per_gather", "max_parallel_maintenance_workers")}


def simulate(scale: Scale, workdir: Path = Path("/tmp"), single: bool = True,
             progress=lambda s: print(s, file=sys.stderr, flush=True)) -> dict:
    from app.sync.pgdemo import create_database, start_server

    tmp = tempfile.TemporaryDirectory(prefix="rentdesk-city-", dir=workdir)
    server = start_server(Path(tmp.name) / "pg", keep_running=False)
    now = datetime.now(UTC).replace(microsecond=0)
    result: dict = {"scale": {"districts": scale.districts, "centres_per_district": scale.centres,
                              "tenants_per_centre": scale.tenants, "tenants": scale.primary},
                    "now": now.isoformat()}
    try:
        url = create_database(server.get_uri(), "city")
        with psycopg.connect(url, autocommit=True) as conn:
            result["settings"] = _tune(conn)
            t0 = time.perf_counter()
            result["city_load"] = build(conn, "city", scale, True, now, progress=progress)
            result["city_load"]["total_s"] = round(time.perf_counter() - t0, 1)
            result["city_sizes"] = sizes(conn, "city")
            result["database_mb"] = round(conn.execute(
                "SELECT pg_database_size(current_database())").fetchone()[0] / 2**20)
            if single:
                one = Scale(1, scale.centres, scale.tenants, scale.dup_per_mille)
                t0 = time.perf_counter()
                result["single_load"] = build(conn, "single", one, False, now, progress=progress)
                result["single_load"]["total_s"] = round(time.perf_counter() - t0, 1)
                result["single_sizes"] = sizes(conn, "single")
            probe = probes(conn, "city", "D01")
            result["probe"] = {"name": probe["name"], "prefix": probe["prefix"],
                               "month": probe["month"].isoformat()}  # no document number kept
            progress("timing the pages")
            result["city_pages_D01"] = time_pages(conn, "city", "D01", now, probe)
            if single:
                result["single_pages"] = time_pages(conn, "single", "D01", now, probe)
                result["same_figures"] = counts_agree(conn, now, probe["month"])
            last = f"D{scale.districts:02d}"
            result[f"city_pages_{last}"] = time_pages(conn, "city", last, now,
                                                      probes(conn, "city", last))
            result["explain"] = explain(conn, last, now, probe["month"])
        return result
    finally:
        server.cleanup()
        tmp.cleanup()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--districts", type=int, default=10)
    parser.add_argument("--centres", type=int, default=20)
    parser.add_argument("--tenants", type=int, default=30_000, help="per centre")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp"))
    parser.add_argument("--no-single", action="store_true", help="skip the plain district")
    parser.add_argument("--out", type=Path, help="also write the JSON here")
    args = parser.parse_args(argv)
    result = simulate(Scale(args.districts, args.centres, args.tenants), args.workdir,
                      single=not args.no_single)
    text = json.dumps(result, ensure_ascii=False, indent=1, default=str)
    if args.out:
        args.out.write_text(text)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
