"""The street office's page queries on the simulated city (devkit.city_layout).

Each is the body of its `office_*` function (db/district/migrations/sql_0005.py) on the
tables the simulation fills, with the change the plan calls for: the office's district is
a filter (`district_code = %(d)s`) and joins carry `district_code`, so a partitioned city
reads one partition. On the unpartitioned single district the filter is true for every
row and the joins are the same, so the two layouts run the same text. 各中心 keeps the
tenancy and card parts of `office_centres` (its other tables are small and not simulated).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from devkit.city_layout import ZONE

CENTRES = """
WITH late AS (SELECT t.center_code, count(*) AS n FROM {s}.tenancy t
               WHERE t.district_code = %(d)s AND t.collected_at >= %(since)s
                 AND t.collected_at < %(now)s - interval '24 hours'
                 AND (t.delivered_at IS NULL OR t.delivered_at > t.collected_at + interval '24 hours')
               GROUP BY t.center_code)
SELECT c.center_code, c.name,
       (SELECT count(*) FROM {s}.card k WHERE k.district_code = c.district_code
           AND k.center_code = c.center_code AND k.district_state = 'refused') AS refused_cards,
       coalesce(late.n, 0) AS late_records
  FROM {s}.center c LEFT JOIN late USING (center_code)
 WHERE c.district_code = %(d)s ORDER BY c.center_code"""

DELIVERY = """
SELECT t.center_code, (t.collected_at AT TIME ZONE %(zone)s)::date AS day, count(*) AS collected,
       count(*) FILTER (WHERE t.delivered_at <= t.collected_at + interval '24 hours') AS on_time,
       count(*) FILTER (WHERE t.delivered_at > t.collected_at + interval '24 hours') AS late,
       count(*) FILTER (WHERE t.delivered_at IS NULL) AS never,
       count(*) FILTER (WHERE t.handed_over_at <= t.collected_at + interval '24 hours') AS paper_on_time,
       count(*) FILTER (WHERE t.handed_over_at > t.collected_at + interval '24 hours') AS paper_late,
       count(*) FILTER (WHERE t.handed_over_at IS NULL
                          AND t.collected_at + interval '24 hours' < %(now)s) AS paper_missing
  FROM {s}.tenancy t
 WHERE t.district_code = %(d)s AND t.collected_at >= %(lo)s AND t.collected_at < %(hi)s
 GROUP BY 1, 2 ORDER BY 1, 2"""

REWARDS = """
WITH t AS MATERIALIZED (
  SELECT t.center_code, u.building_id, b.code AS building_code, b.name AS building_name,
         coalesce(co.name, '（无公司）') AS company_name, coalesce(co.kind, '') AS company_kind,
         t.delivered_at <= t.collected_at + interval '24 hours' AS on_time,
         t.delivered_at > t.collected_at + interval '24 hours' AS late,
         t.delivered_at IS NULL AS undelivered,
         EXISTS (SELECT 1 FROM {s}.id_document i WHERE i.district_code = %(d)s
                   AND i.person_id = t.person_id AND i.verified) AS verified
    FROM {s}.tenancy t
    LEFT JOIN {s}.unit u ON u.district_code = t.district_code AND u.id = t.unit_id
    LEFT JOIN {s}.building b ON b.district_code = u.district_code AND b.id = u.building_id
    LEFT JOIN {s}.company co ON co.district_code = b.district_code AND co.id = b.company_id
   WHERE t.district_code = %(d)s AND t.collected_at >= %(lo)s AND t.collected_at < %(hi)s)
SELECT CASE WHEN grouping(t.building_id) = 0 THEN 'building'
            WHEN grouping(t.company_name) = 0 THEN 'company' ELSE 'center' END AS level,
       t.center_code,
       CASE WHEN grouping(t.building_id) = 0 THEN t.building_id
            WHEN grouping(t.company_name) = 0 THEN t.company_name || '/' || t.company_kind
            ELSE t.center_code END AS group_key,
       count(*) AS collected, count(*) FILTER (WHERE t.on_time) AS on_time,
       count(*) FILTER (WHERE t.late) AS late, count(*) FILTER (WHERE t.undelivered) AS undelivered,
       count(*) FILTER (WHERE t.on_time AND t.verified) AS basis
  FROM t GROUP BY GROUPING SETS ((t.center_code), (t.company_name, t.company_kind),
                                (t.center_code, t.building_id))
 ORDER BY 1, 2, 3"""

# 查询: the people found, then each one's latest tenancy, unit, building and card (masked).
_SEARCH_ROWS = """
SELECT p.center_code, p.id, p.name,
       (SELECT left(i.number, 6) || '********' || right(i.number, 4) FROM {s}.id_document i
         WHERE i.district_code = p.district_code AND i.person_id = p.id LIMIT 1) AS doc_masked,
       p.sex, b.code, u.number, t.collected_at, k.number, k.status, k.district_state
  FROM {s}.person p
  LEFT JOIN LATERAL (SELECT * FROM {s}.tenancy t WHERE t.district_code = p.district_code
                      AND t.person_id = p.id ORDER BY t.collected_at DESC LIMIT 1) t ON true
  LEFT JOIN {s}.unit u ON u.district_code = t.district_code AND u.id = t.unit_id
  LEFT JOIN {s}.building b ON b.district_code = u.district_code AND b.id = u.building_id
  LEFT JOIN LATERAL (SELECT * FROM {s}.card k WHERE k.district_code = p.district_code
                      AND k.person_id = p.id ORDER BY (k.status <> 'active'), k.issued_at DESC
                      LIMIT 1) k ON true
 WHERE {where} ORDER BY p.center_code, p.name LIMIT 50"""

SEARCH_DOCUMENT = _SEARCH_ROWS.replace("{where}", """p.district_code = %(d)s AND p.id IN (
    SELECT i.person_id FROM {s}.id_document i WHERE i.district_code = %(d)s AND i.number = %(q)s)""")
# The whole city (a city viewer): every partition's number index is probed.
SEARCH_DOCUMENT_CITY = _SEARCH_ROWS.replace("{where}", """(p.district_code, p.id) IN (
    SELECT i.district_code, i.person_id FROM {s}.id_document i WHERE i.number = %(q)s)""")
SEARCH_NAME = _SEARCH_ROWS.replace("{where}", "p.district_code = %(d)s AND p.name = %(q)s")
# A name prefix (张伟…) as a range, which the (name) index serves under the C.UTF-8 collation.
SEARCH_PREFIX = _SEARCH_ROWS.replace(
    "{where}", "p.district_code = %(d)s AND p.name >= %(q)s AND p.name < %(q)s || chr(1114111)")

PAGES = {"centres": CENTRES, "delivery_30_days": DELIVERY, "rewards_month": REWARDS,
         "search_document": SEARCH_DOCUMENT, "search_document_city": SEARCH_DOCUMENT_CITY,
         "search_name": SEARCH_NAME, "search_name_prefix": SEARCH_PREFIX}


def local_midnight(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=ZoneInfo(ZONE))


def params(page: str, district: str, now: datetime, month: date, query: str = "") -> dict:
    """The page's parameters as the app passes them (local days in the office's zone)."""
    today = now.astimezone(ZoneInfo(ZONE)).date()
    p = {"d": district, "now": now, "zone": ZONE, "q": query}
    if page == "centres":
        p["since"] = now - timedelta(days=30)
    elif page == "delivery_30_days":
        p["lo"], p["hi"] = local_midnight(today - timedelta(days=30)), local_midnight(today + timedelta(days=1))
    elif page == "rewards_month":
        nxt = (month.replace(day=28) + timedelta(days=4)).replace(day=1)
        p["lo"], p["hi"] = local_midnight(month), local_midnight(nxt)
    return p


def sql(page: str, schema: str) -> str:
    return PAGES[page].replace("{s}", schema)
