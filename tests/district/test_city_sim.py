"""The city simulation (devkit.city_sim; db/district/README.md, "A city of ten districts"):
its partitioned layout builds, and the office's page queries on it give the counts taken
from the raw rows in Python. Small: 2 districts × 2 centres × 200 tenants."""

from __future__ import annotations

import uuid
from collections import Counter
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import psycopg
import pytest

from app.identity import parse_id
from devkit import city_queries as q
from devkit.city_layout import TABLES, ZONE, Scale, build
from devkit.city_sim import counts_agree, explain, probes

NOW = datetime(2026, 6, 15, 4, 30, tzinfo=UTC)
DAY = timedelta(hours=24)
SCALE = Scale(districts=2, centres=2, tenants=200, dup_per_mille=50)


@pytest.fixture(scope="module")
def city(pg_admin_url):
    from app.sync.pgdemo import create_database

    url = create_database(pg_admin_url, "city_" + uuid.uuid4().hex[:10])
    with psycopg.connect(url, autocommit=True) as conn:
        loaded = build(conn, "city", SCALE, True, NOW)
        build(conn, "single", Scale(1, SCALE.centres, SCALE.tenants, SCALE.dup_per_mille), False, NOW)
        yield conn, loaded


def _rows(conn, sql: str, *args) -> list[tuple]:
    return conn.execute(sql, args).fetchall()


def test_layout_is_partitioned_by_district_and_complete(city):
    conn, loaded = city
    for table in TABLES:
        parts = dict(_rows(conn, f"SELECT tableoid::regclass::text, count(*) FROM city.{table} GROUP BY 1"))
        assert set(parts) == {f"city.{table}_d01", f"city.{table}_d02"}, table
        assert sum(parts.values()) == loaded["rows"][table]
        wrong = _rows(conn, f"SELECT count(*) FROM city.{table}_d01 WHERE district_code <> 'D01'")
        assert wrong == [(0,)]
    people = _rows(conn, "SELECT count(*) FROM city.person")[0][0]
    assert people > SCALE.primary  # the primary tenants and their second registrations
    assert _rows(conn, "SELECT count(*) FROM city.id_document")[0][0] == people


def test_documents_are_valid_and_duplicates_are_second_registrations(city):
    # Every number is a valid 18-digit resident ID; a number held twice is one person
    # registered at two centres of one district, whose second card is refused (rule R6).
    conn, _ = city
    numbers = _rows(conn, "SELECT district_code, center_code, number FROM city.id_document")
    assert all(parse_id(n).valid for _d, _c, n in numbers)
    held = Counter(n for _d, _c, n in numbers)
    twice = {n for n, k in held.items() if k == 2}
    assert twice and max(held.values()) == 2
    for n in twice:
        places = [(d, c) for d, c, m in numbers if m == n]
        assert places[0][0] == places[1][0] and places[0][1] != places[1][1]
    accepted = _rows(conn, "SELECT doc_key, count(*) FROM city.card WHERE status = 'active' "
                           "AND district_state = 'accepted' GROUP BY 1 HAVING count(*) > 1")
    assert accepted == []
    assert _rows(conn, "SELECT count(*) FROM city.card WHERE district_state = 'refused'")[0][0] > 0


def _local_day(t: datetime):
    return t.astimezone(ZoneInfo(ZONE)).date()


def test_delivery_page_equals_the_raw_rows(city):
    # rule R2: per centre and day, collected / within 24 h / late / never, counted in Python.
    conn, _ = city
    params = q.params("delivery_30_days", "D02", NOW, NOW.date())
    page = {(r[0], r[1]): r[2:] for r in conn.execute(q.sql("delivery_30_days", "city"),
                                                       params).fetchall()}
    raw: dict = {}
    for centre, collected, delivered, handed in _rows(
            conn, "SELECT center_code, collected_at, delivered_at, handed_over_at FROM city.tenancy "
                  "WHERE district_code = 'D02'"):
        if not params["lo"] <= collected < params["hi"]:
            continue
        c = raw.setdefault((centre, _local_day(collected)), [0] * 7)
        c[0] += 1
        c[1] += delivered is not None and delivered <= collected + DAY
        c[2] += delivered is not None and delivered > collected + DAY
        c[3] += delivered is None
        c[4] += handed is not None and handed <= collected + DAY
        c[5] += handed is not None and handed > collected + DAY
        c[6] += handed is None and collected + DAY < NOW
    assert page and page == {k: tuple(v) for k, v in raw.items()}
    assert sum(v[2] + v[3] for v in page.values()) > 0  # some late or never: R2 has work


def test_rewards_and_centres_equal_the_raw_rows(city):
    # rule R8: the month's records per centre, company and building; 各中心's late and
    # refused counts. Joins done in Python from the raw tables.
    conn, _ = city
    month = probes(conn, "city", "D01")["month"]
    params = q.params("rewards_month", "D01", NOW, month)
    page = conn.execute(q.sql("rewards_month", "city"), params).fetchall()
    units = dict(_rows(conn, "SELECT id, building_id FROM city.unit WHERE district_code = 'D01'"))
    owner = dict(_rows(conn, "SELECT b.id, coalesce(c.name || '/' || c.kind, '（无公司）/') FROM "
                             "city.building b LEFT JOIN city.company c ON c.id = b.company_id "
                             "WHERE b.district_code = 'D01'"))
    raw: Counter = Counter()
    for centre, unit, collected in _rows(conn, "SELECT center_code, unit_id, collected_at FROM "
                                               "city.tenancy WHERE district_code = 'D01'"):
        if params["lo"] <= collected < params["hi"]:
            raw["center", centre] += 1
            raw["building", units[unit]] += 1
            raw["company", owner[units[unit]]] += 1
    assert {(r[0], r[2]): r[3] for r in page} == dict(raw)
    late_since = NOW - timedelta(days=30)
    late, refused = Counter(), Counter()
    for centre, collected, delivered in _rows(conn, "SELECT center_code, collected_at, delivered_at "
                                                    "FROM city.tenancy WHERE district_code = 'D01'"):
        if late_since <= collected < NOW - DAY and (delivered is None or delivered > collected + DAY):
            late[centre] += 1
    for (centre,) in _rows(conn, "SELECT center_code FROM city.card WHERE district_code = 'D01' "
                                 "AND district_state = 'refused'"):
        refused[centre] += 1
    centres = conn.execute(q.sql("centres", "city"), q.params("centres", "D01", NOW, month)).fetchall()
    assert [(c, k, n) for c, _name, k, n in centres] == [
        (c, refused[c], late[c]) for c in ("D01C01", "D01C02")]


def test_search_finds_what_the_rows_hold(city):
    conn, _ = city
    probe = probes(conn, "city", "D02")
    holders = _rows(conn, "SELECT count(*) FROM city.id_document WHERE number = %s", probe["number"])
    found = conn.execute(q.sql("search_document", "city"),
                         q.params("search_document", "D02", NOW, probe["month"], probe["number"]))
    assert len(found.fetchall()) == holders[0][0] >= 1
    named = _rows(conn, "SELECT count(*) FROM city.person WHERE district_code = 'D02' AND name = %s",
                  probe["name"])[0][0]
    found = conn.execute(q.sql("search_name", "city"),
                         q.params("search_name", "D02", NOW, probe["month"], probe["name"]))
    assert len(found.fetchall()) == min(named, 50)


def test_one_district_reads_its_own_partition(city):
    conn, _ = city
    plans = explain(conn, "D02", NOW, probes(conn, "city", "D02")["month"])
    assert plans["literal"] == {t: [f"{t}_d02"] for t in ("tenancy", "unit", "building", "id_document")}
    assert plans["generic"]["tenancy_partitions_in_plan"] == ["tenancy_d02"]
    assert plans["generic"]["subplans_removed"] == [1]  # D01's, pruned when the plan starts


def test_the_plain_district_gives_the_same_figures(city):
    # devkit.city_sim compares the partitioned city with one plain district of the same rows.
    conn, _ = city
    assert counts_agree(conn, NOW, probes(conn, "city", "D01")["month"]) == {
        "centres": True, "delivery_30_days": True, "rewards_month": True}
