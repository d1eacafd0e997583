"""The city of db/district/README.md ("A city of ten districts", item 1), built set-based.

Every row is made inside PostgreSQL by `INSERT … SELECT … FROM generate_series`, one
statement per table and district (the Python demo generator makes ~6,000 tenants/s; this
makes hundreds of thousands). Rows are derived from their global number `g` by
`hashint8extended(g, salt)`, so a layout is the same on every run and the tables agree with
each other without joins: tenant g's person, document, tenancy and card all come from g.

The tables are the district's own (columns from `db.district.schema.MIRRORED`), plus
`district_code`; `partitioned=True` makes each `PARTITION BY LIST (district_code)` with one
partition per district and primary key `(district_code, id)`, as the plan says; otherwise
one plain table keyed by `id`, as a district has today. The indexes are the district's
(schema + revision 0005) on these tables, built after the load.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

import psycopg

from app.data.demo_names import (
    COMMON_GIVEN,
    COMPANY_VILLAGES,
    EMPLOYERS,
    ESTATE_PREFIX,
    GIVEN_CHARS,
    OCCUPATIONS,
    STAY_REASONS,
    STREETS,
    SURNAMES,
)
from db.district.schema import MIRRORED

# A second registration's own number: g + DUP_KEY, the same whatever the scale, so the
# city's first district and a plain district made alone hold exactly the same rows.
DUP_KEY = 1_000_000_000
TABLES = ("company", "building", "unit", "person", "id_document", "tenancy", "card")
ZONE = "Asia/Shanghai"
# Home regions of migrant tenants (county codes of the provinces most came from).
REGIONS = ("430102", "430521", "450103", "450881", "360121", "360730", "510104", "511623",
           "411323", "421083", "441481", "441523", "350583", "500235", "522121", "610124",
           "340826", "440303")
_TYPES = {"Text": "text", "DateTime": "timestamptz", "Date": "date", "Boolean": "boolean",
          "Integer": "integer", "BigInteger": "bigint", "Float": "double precision"}
# The district's indexes on these tables (schema.py and revision 0005), by table.
INDEXES = {
    "company": ["(center_code, src_batch_no)"],
    "building": ["(center_code, src_batch_no)"],
    "unit": ["(center_code, src_batch_no)"],
    "person": ["(name)"],
    "id_document": ["(kind, country, number)", "(person_id)", "(center_code, src_batch_no)",
                    "(number)"],
    "tenancy": ["(collected_at)", "(person_id)"],
    "card": ["(person_id)", "(number)", "(center_code) WHERE district_state = 'pending'",
             "(center_code) WHERE district_state = 'refused'"],
}


@dataclass(frozen=True)
class Scale:
    districts: int = 10
    centres: int = 20  # per district
    tenants: int = 30_000  # per centre
    dup_per_mille: int = 10  # tenants registered again at the next centre (same document)

    @property
    def units(self) -> int:  # per centre: 200,000 per district of 600,000, as the demo
        return max(2, self.tenants // 3)

    @property
    def buildings(self) -> int:  # 575 per centre of 30,000 (11,500 per district)
        return max(1, self.units * 23 // 400)

    companies = 5  # per centre: 2 village companies, 3 property companies

    @property
    def primary(self) -> int:
        return self.districts * self.centres * self.tenants


def district_codes(scale: Scale) -> list[str]:
    return [f"D{d + 1:02d}" for d in range(scale.districts)]


def _h(expr: str, salt: int, mod: int | None = None) -> str:
    """A deterministic pseudo-random integer in [0, 2^30) (or [0, mod)) from `expr`."""
    h = f"(hashint8extended(({expr})::bigint, {salt}) & 1073741823)"
    return f"mod({h}, {mod})" if mod else h


def _frac(expr: str, salt: int) -> str:
    return f"({_h(expr, salt)} / 1073741824.0)"


def _pick(options: tuple[str, ...] | str, expr: str, salt: int, params: dict) -> str:
    """One of `options` (passed as the text[] parameter arr_<salt>), chosen by `expr`."""
    params[f"arr_{salt}"] = list(options)
    return f"(%(arr_{salt})s::text[])[1 + {_h(expr, salt, len(options))}]"


def _centre_code(gc: str, scale: Scale) -> str:
    return (f"('D' || lpad((({gc}) / {scale.centres} + 1)::text, 2, '0') || 'C' || "
            f"lpad((mod({gc}, {scale.centres}) + 1)::text, 2, '0'))")


def _uuid(prefix: str, expr: str) -> str:
    return f"md5('{prefix}' || ({expr})::text)::uuid::text"


def create_tables(conn: psycopg.Connection, schema: str, scale: Scale, partitioned: bool) -> None:
    conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
    conn.execute(f"CREATE SCHEMA {schema}")
    conn.execute(f"CREATE TABLE {schema}.center (district_code text NOT NULL, center_code text "
                 f"PRIMARY KEY, name text NOT NULL)")
    for table in TABLES:
        cols = ", ".join(f"{c.name} {_TYPES[type(c.type).__name__]}"
                         + ("" if c.nullable else " NOT NULL") for c in MIRRORED[table].columns)
        part = " PARTITION BY LIST (district_code)" if partitioned else ""
        conn.execute(f"CREATE TABLE {schema}.{table} (district_code text NOT NULL, {cols}){part}")
        if partitioned:
            for code in district_codes(scale):
                conn.execute(f"CREATE TABLE {schema}.{table}_{code.lower()} PARTITION OF "
                             f"{schema}.{table} FOR VALUES IN ('{code}')")


def create_indexes(conn: psycopg.Connection, schema: str, partitioned: bool) -> None:
    for table in TABLES:
        key = "(district_code, id)" if partitioned else "(id)"
        conn.execute(f"ALTER TABLE {schema}.{table} ADD PRIMARY KEY {key}")
        for n, spec in enumerate(INDEXES.get(table, ())):
            conn.execute(f"CREATE INDEX ix_{table}_{n} ON {schema}.{table} {spec}")
    # rule R6: one active accepted card per document; per district when partitioned (a
    # unique index on a partitioned table must hold the partition key).
    doc = "(district_code, doc_key)" if partitioned else "(doc_key)"
    conn.execute(f"CREATE UNIQUE INDEX ux_card_active_doc ON {schema}.card {doc} "
                 f"WHERE status = 'active' AND district_state = 'accepted'")


def _tenants(scale: Scale, di: int, dup: bool) -> tuple[str, dict]:
    """The derived attributes of district di's tenants (or of their second registrations)."""
    per = scale.centres * scale.tenants
    params: dict = {}

    def pick(options, expr, salt):
        return _pick(options, expr, salt, params)

    # g: the tenant's number; k: the row's own number (the duplicate's differs from g)
    k = f"({DUP_KEY} + g)" if dup else "g"
    gc = f"(g / {scale.tenants} / {scale.centres} * {scale.centres} + " \
         f"mod(g / {scale.tenants} + {1 if dup else 0}, {scale.centres}))"
    # birth date and order code from a bijection of g (2654435761 is prime to 16,000,000)
    perm = "mod(g * 2654435761::bigint, 16000000)"
    day0 = f"(date_trunc('day', %(now)s AT TIME ZONE '{ZONE}') - ({_h('g', 10, 365)}) * interval '1 day' " \
           f"+ (30600 + {_h('g', 11, 37800)}) * interval '1 second') AT TIME ZONE '{ZONE}'"
    collected = (f"least({day0} + ({_h('g', 12, 56)} + 5) * interval '1 day', %(now)s - interval '1 hour')"
                 if dup else f"least({day0}, %(now)s - interval '10 minutes')")
    inner = f"""SELECT g, {k} AS k, {gc} AS gc, {perm} AS perm,
        {pick(REGIONS, 'g', 13)} AS region, {collected} AS collected,
        CASE WHEN {_frac('g', 14)} < 0.4 THEN {pick(COMMON_GIVEN, 'g', 15)}
             ELSE {pick(GIVEN_CHARS, 'g', 16)} || CASE WHEN {_h('g', 17, 3)} = 0 THEN ''
                  ELSE {pick(GIVEN_CHARS, 'g', 18)} END END AS given,
        (%(arr_surnames)s::text[])[1 + floor({len(SURNAMES)} * {_frac('g', 19)} ^ 2)::int] AS surname
      FROM generate_series({di * per}, {(di + 1) * per - 1}) g
      {f"WHERE {_h('g', 9, 1000)} < {scale.dup_per_mille}" if dup else ""} OFFSET 0"""
    params["arr_surnames"] = list(SURNAMES)
    first17 = ("region || to_char(date '1964-01-01' + mod(perm, 16000)::int, 'YYYYMMDD') || "
               "lpad((perm / 16000)::text, 3, '0')")
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    check = " + ".join(f"substr(f17, {i + 1}, 1)::int * {w}" for i, w in enumerate(weights))
    mid = f"""SELECT x.*, {first17} AS f17, date '1964-01-01' + mod(perm, 16000)::int AS birth,
        CASE WHEN mod(perm / 16000, 2) = 1 THEN 'M' ELSE 'F' END AS sex FROM ({inner}) x OFFSET 0"""
    late = f"{_h('k', 20, 1000)}"
    delivered = f"""CASE WHEN collected > %(now)s - interval '24 hours' AND {_h('k', 21, 2)} = 0 THEN NULL
        WHEN {late} < 950 THEN collected + (1800 + {_h('k', 22, 70000)}) * interval '1 second'
        WHEN {late} < 990 THEN collected + (90000 + {_h('k', 23, 259200)}) * interval '1 second'
        END"""
    paper = f"{_h('k', 24, 1000)}"
    handed = f"""CASE WHEN {paper} < 900 THEN collected + (3600 + {_h('k', 25, 79200)}) * interval '1 second'
        WHEN {paper} < 970 THEN collected + (90000 + {_h('k', 26, 345600)}) * interval '1 second' END"""
    moved = "NULL::timestamptz" if dup else \
        f"""CASE WHEN {_h('g', 27, 100)} < 12 THEN collected + (%(now)s - collected) * {_frac('g', 28)} END"""
    outer = f"""SELECT y.*, f17 || substr('10X98765432', mod({check}, 11) + 1, 1) AS number,
        surname || given AS name,
        {_centre_code('gc', scale)} AS center_code,
        gc * {scale.units} + {_h('g', 29, scale.units)} AS unit_k,
        CASE WHEN d <= %(now)s THEN d END AS delivered_at,
        CASE WHEN h <= %(now)s THEN h END AS handed_over_at, m AS moved_out_at,
        {_h('g', 30, 100)} < 92 {"AND " + _h('g', 27, 100) + " >= 12" if dup else ""} AS has_card,
        {_h('k', 31, 100)} < 97 AS verified
      FROM (SELECT z.*, {delivered} AS d, {handed} AS h, {moved} AS m FROM ({mid}) z) y"""
    return outer, params


_INSERTS = {
    "person": ("id, center_code, created_at, updated_at, name, sex, ethnicity, birth_date, "
               "nationality, phone, household_address, employer, occupation, photo_sha256",
               "{p}, center_code, collected, collected, name, sex, '汉族', birth, 'CHN', "
               "'1' || (3 + {ph1}) || lpad({ph2}::text, 9, '0'), '户籍地 ' || region, {emp}, "
               "{occ}, md5('ph' || k) || md5('ph2' || k)", None),
    "id_document": ("id, center_code, created_at, updated_at, person_id, kind, country, number, "
                    "region_code, verified", "{d}, center_code, collected, collected, {p}, "
                    "'resident', 'CHN', number, region, verified", None),
    "tenancy": ("id, center_code, created_at, updated_at, person_id, unit_id, arrival_date, "
                "stay_reason, family_planning_due, family_planning_cert, photo_sha256, "
                "collected_at, delivered_at, handed_over_at, moved_out_at",
                "{t}, center_code, collected, collected, {p}, {u}, "
                "(collected AT TIME ZONE 'Asia/Shanghai')::date - {arr_days}::int, {stay}, "
                "sex = 'F' AND birth > (collected - interval '49 years')::date, "
                "CASE WHEN sex = 'F' AND birth > (collected - interval '49 years')::date "
                "AND {fp} < 7 THEN '粤深计字' || (2015 + {fp}) || '第' || lpad(mod(k, 100000)::text, 5, '0') "
                "|| '号' END, md5('ph' || k) || md5('ph2' || k), collected, delivered_at, "
                "handed_over_at, moved_out_at", None),
    "card": ("id, center_code, created_at, updated_at, number, tenancy_id, person_id, "
             "building_id, unit_id, status, issued_at, ended_at, end_reason, doc_key, "
             "district_state",
             "{c}, center_code, collected, collected, lpad((1000000000 + k)::text, 10, '0'), {t}, "
             "{p}, {b}, {u}, CASE WHEN moved_out_at IS NULL THEN 'active' ELSE 'returned' END, "
             "collected, moved_out_at, CASE WHEN moved_out_at IS NOT NULL THEN 'moveout' END, "
             "'resident:CHN:' || number, {state}", "has_card"),
}


def _insert_tenants(conn, schema: str, scale: Scale, di: int, table: str, dup: bool,
                    now: datetime) -> int:
    source, params = _tenants(scale, di, dup)
    cols, values, where = _INSERTS[table]
    extra = {}

    def pick(options, expr, salt):
        return _pick(options, expr, salt, extra)

    values = values.format(
        p=_uuid("p", "k"), d=_uuid("d", "k"), t=_uuid("t", "k"), c=_uuid("k", "k"),
        u=_uuid("u", "unit_k"), b=_uuid("b", f"gc * {scale.buildings} + mod(mod(unit_k, {scale.units}), {scale.buildings})"),
        ph1=_h("k", 32, 7), ph2=_h("k", 33, 1000000000), emp=pick(EMPLOYERS, "k", 34),
        occ=pick(OCCUPATIONS, "k", 35), arr_days=_h("k", 36, 30), stay=pick(STAY_REASONS, "k", 37),
        fp=_h("k", 38, 10),
        # rule R6: the second registration's card is refused (the first one is active)
        state="'refused'" if dup else "'accepted'")
    batch = f"1 + mod(k, {scale.tenants}) / 5000"
    sql = (f"INSERT INTO {schema}.{table} (district_code, {cols}, src_batch_no, received_at) "
           f"SELECT %(district)s, {values}, {batch}, coalesce(delivered_at, collected) "
           f"FROM ({source}) s" + (f" WHERE {where}" if where else ""))
    return conn.execute(sql, {**params, **extra, "district": f"D{di + 1:02d}",
                              "now": now}).rowcount


def _insert_property(conn, schema: str, scale: Scale, di: int, table: str) -> int:
    per = scale.centres
    gcs = f"generate_series({di * per}, {(di + 1) * per - 1}) gc"
    params: dict = {"district": f"D{di + 1:02d}"}

    def pick(options, expr, salt):
        return _pick(options, expr, salt, params)

    code = _centre_code("gc", scale)
    if table == "company":
        n = scale.companies
        body = (f"{_uuid('co', f'gc * {n} + j')}, {code}, now(), now(), CASE WHEN j < 2 THEN "
                f"{pick(COMPANY_VILLAGES, f'gc * {n} + j', 40)} || '股份合作公司' ELSE "
                f"{pick(ESTATE_PREFIX, f'gc * {n} + j', 41)} || '物业管理有限公司' END, "
                f"CASE WHEN j < 2 THEN 'village' ELSE 'property' END")
        cols = "id, center_code, created_at, updated_at, name, kind"
    elif table == "building":
        n, b = scale.buildings, f"gc * {scale.buildings} + j"
        body = (f"{_uuid('b', b)}, {code}, now(), now(), 'B' || lpad((j + 1)::text, 6, '0'), "
                f"{pick(STREETS, b, 42)} || (1 + {_h(b, 43, 999)}) || '号楼', '深圳市罗湖区' || "
                f"{pick(STREETS, b, 44)} || (1 + {_h(b, 45, 999)}) || '号', CASE WHEN "
                f"{_h(b, 46, 10)} = 0 THEN NULL ELSE "
                f"{_uuid('co', f'gc * {scale.companies} + {_h(b, 47, scale.companies)}')} END, "
                f"400 + {_h(b, 48, 1200)}, 60 + {_h(b, 49, 100)}, 'ok'")
        cols = ("id, center_code, created_at, updated_at, code, name, address, company_id, "
                "floor_area_m2, public_area_m2, card_system_status")
    else:
        n, u = scale.units, f"gc * {scale.units} + j"
        body = (f"{_uuid('u', u)}, {code}, now(), now(), "
                f"{_uuid('b', f'gc * {scale.buildings} + mod(j, {scale.buildings})')}, "
                f"(j / {scale.buildings} / 4 + 1) || lpad((mod(j / {scale.buildings}, 4) + 1)::text, 2, '0'), "
                f"j / {scale.buildings} / 4 + 1, (%(areas)s::float8[])[1 + {_h(u, 50, 8)}]")
        cols = "id, center_code, created_at, updated_at, building_id, number, floor, area_m2"
        params["areas"] = [12.0, 15.0, 18.0, 20.0, 25.0, 30.0, 40.0, 55.0]
    sql = (f"INSERT INTO {schema}.{table} (district_code, {cols}, src_batch_no, received_at) "
           f"SELECT %(district)s, {body}, 1, now() FROM {gcs}, generate_series(0, {n - 1}) j")
    return conn.execute(sql, params).rowcount


def build(conn: psycopg.Connection, schema: str, scale: Scale, partitioned: bool, now: datetime,
          districts: list[int] | None = None,
          progress: Callable[[str], None] = lambda _s: None) -> dict:
    """Create and fill `schema` (autocommit connection); returns rows and seconds per step.
    `now`: the moment the data ends (collection times span the year before it)."""
    out: dict = {"rows": {}, "seconds": {}}
    create_tables(conn, schema, scale, partitioned)
    conn.execute(f"INSERT INTO {schema}.center SELECT 'D' || lpad((gc / {scale.centres} + 1)::text, 2, '0'), "
                 f"{_centre_code('gc', scale)}, {_centre_code('gc', scale)} || '出租屋管理服务中心' "
                 f"FROM generate_series(0, {scale.districts * scale.centres - 1}) gc")
    for di in districts if districts is not None else range(scale.districts):
        for table in TABLES:
            t0 = time.perf_counter()
            if table in ("company", "building", "unit"):
                rows = _insert_property(conn, schema, scale, di, table)
            else:
                rows = _insert_tenants(conn, schema, scale, di, table, False, now)
                rows += _insert_tenants(conn, schema, scale, di, table, True, now)
            out["rows"][table] = out["rows"].get(table, 0) + rows
            out["seconds"][table] = round(out["seconds"].get(table, 0) + time.perf_counter() - t0, 1)
            progress(f"{schema} D{di + 1:02d} {table}: {rows} rows")
    t0 = time.perf_counter()
    create_indexes(conn, schema, partitioned)
    out["seconds"]["indexes"] = round(time.perf_counter() - t0, 1)
    progress(f"{schema} indexes")
    t0 = time.perf_counter()
    conn.execute(f"ANALYZE {schema}.center")
    for table in TABLES:
        conn.execute(f"VACUUM ANALYZE {schema}.{table}")
    out["seconds"]["vacuum_analyze"] = round(time.perf_counter() - t0, 1)
    return out
