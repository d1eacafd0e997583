"""Statistics for the rewards of companies and centres (R8), in the centre's time zone.

Per company, building or centre and per day, month or year: tenants registered and moved
out, cards issued / lost / replaced / revoked, records delivered within 24 h or late (R2),
card-system faults and their time to notify and to fix (R7), and as a snapshot of today the
residents (active cards) against the cap (R5).

Every count over tenants or cards is one GROUP BY in SQLite. Local periods come from the
UTC columns shifted by the zone's offset; where the zone changes offset inside the range
(summer time), the shift is a CASE over the offset's segments, so day boundaries stay exact.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.engine import Connection

from app.desk import clock
from app.desk.clock import local_midnight_utc, zone
from app.desk.context import Desk
from app.desk.errors import Refused
from app.supervision.delivery import db_time, late_sql_expr
from app.tenants.occupancy import area_cap
from db.engine import read_session

GROUPINGS = ("company", "building", "center")
PERIODS = {"day": "%Y-%m-%d", "month": "%Y-%m", "year": "%Y"}
# Indexes these queries are shaped for (not yet in db/models.py: see the issue note).
# With SQLCipher a full table scan costs ~0.5 s at 600,000 tenants; with these a month's
# report reads only that month's rows.
# Above this share of all tenancies, a full scan beats ix_tenancy_collected (random fetches).
INDEX_SHARE = 0.1


@dataclass
class StatRow:
    by: str  # company | building | center
    group_id: str | None  # None: buildings without a company
    group_code: str
    group_name: str
    period: str  # '2026', '2026-11' or '2026-11-27', local to the centre
    registered: int = 0
    moved_out: int = 0
    cards_issued: int = 0  # first cards (replacements counted apart)
    cards_lost: int = 0
    cards_replaced: int = 0
    cards_revoked: int = 0
    delivered_on_time: int = 0  # of the records collected in the period
    delivered_late: int = 0
    undelivered: int = 0
    faults_found: int = 0
    faults_notified_late: int = 0  # notified after 24 h, or not at all yet
    faults_fixed: int = 0
    avg_hours_to_notify: float | None = None
    avg_hours_to_fix: float | None = None
    residents_now: int = 0  # snapshot at report time, the same in every period of a group
    cap: int | None = None
    # rule R9, of the records collected in the period: women aged 15–49 at collection with
    # no 计生证 number, and no recorded reason either (fp_missing) or with one (fp_reason).
    fp_missing: int = 0
    fp_reason: int = 0


COUNT_FIELDS = tuple(f.name for f in fields(StatRow)
                     if f.name not in ("by", "group_id", "group_code", "group_name", "period"))


@dataclass(frozen=True)
class _Range:
    start: str
    end: str
    segments: list[tuple[str, int]] = field(default_factory=list)  # (from UTC, offset minutes)


def default_range(period: str, today: date) -> tuple[date, date]:
    """This month by day, this year by month, the last ten years by year."""
    if period == "day":
        return today.replace(day=1), today
    if period == "month":
        return today.replace(month=1, day=1), today
    return date(today.year - 9, 1, 1), today


def _offset_segments(tz: ZoneInfo, start: datetime, end: datetime) -> list[tuple[str, int]]:
    """Where the zone's UTC offset changes inside [start, end): day steps, then bisection."""
    def off(t: datetime) -> int:
        return int(t.astimezone(tz).utcoffset().total_seconds() // 60)

    segments = [(db_time(start), off(start))]
    t = start
    while t < end:
        nxt = min(t + timedelta(days=1), end)
        if off(nxt) != segments[-1][1]:
            # Bisect on whole seconds (zones change on whole seconds), so the boundary is exact.
            lo, hi = int(t.timestamp()), int(nxt.timestamp())
            while hi - lo > 1:
                mid = (lo + hi) // 2
                old = off(datetime.fromtimestamp(mid, UTC)) == segments[-1][1]
                lo, hi = (mid, hi) if old else (lo, mid)
            at = datetime.fromtimestamp(hi, UTC)
            segments.append((db_time(at), off(at)))
        t = nxt
    return segments


def _period(col: str, fmt: str, r: _Range) -> str:
    """SQL for the local period of a UTC column (formats and offsets are ours, not input)."""
    def shifted(minutes: int) -> str:
        return f"strftime('{fmt}', {col}, '{minutes:+d} minutes')"

    if len(r.segments) == 1:
        return shifted(r.segments[0][1])
    whens = " ".join(f"WHEN {col} < '{r.segments[i + 1][0]}' THEN {shifted(m)}"
                     for i, (_, m) in enumerate(r.segments[:-1]))
    return f"CASE {whens} ELSE {shifted(r.segments[-1][1])} END"


# The group of a row: (join clause, key) per grouping and per table alias.
_TENANCY_GROUP = {
    # unary +: GROUP BY must not lure SQLite onto ix_*_center_code (a random fetch per row)
    "center": ("", "+t.center_code"),
    "building": ("JOIN unit u ON u.id = t.unit_id", "u.building_id"),
    "company": ("JOIN unit u ON u.id = t.unit_id JOIN building b ON b.id = u.building_id",
                "b.company_id"),
}
_BUILDING_GROUP = {  # tables that carry building_id themselves (card, fault_ticket)
    "center": ("", "+x.center_code"),
    "building": ("", "x.building_id"),
    "company": ("JOIN building b ON b.id = x.building_id", "b.company_id"),
}


def _rows(conn: Connection, sql: str, params: dict | None = None) -> list[tuple]:
    """Plain tuples from the DB-API cursor, inside the session's transaction: SQLAlchemy's
    Row objects cost more than the query itself for 100,000 result rows."""
    cursor = conn.connection.dbapi_connection.cursor()
    try:
        return cursor.execute(sql, params or {}).fetchall()
    finally:
        cursor.close()


def _share(conn: Connection, r: _Range) -> float:
    """The range's share of all tenancies, estimated from the span of collected_at (the
    index's two ends, so this costs two lookups)."""
    # Two statements: min() and max() together make SQLite walk the whole index.
    lo = _rows(conn, "SELECT min(collected_at) FROM tenancy")[0][0]
    hi = _rows(conn, "SELECT max(collected_at) FROM tenancy")[0][0]
    if lo is None:
        return 0.0

    def ts(v: str) -> float:
        return datetime.fromisoformat(v).replace(tzinfo=UTC).timestamp()

    return (min(ts(r.end), ts(hi)) - max(ts(r.start), ts(lo))) / max(ts(hi) - ts(lo), 1.0)


def _queries(conn: Connection, by: str, fmt: str, r: _Range) -> list[tuple[str, tuple[str, ...]]]:
    """(SQL yielding key, period, values…; the values' names). One GROUP BY per date column:
    merging two dates into one scan was measured slower (the sorter then sorts on both)."""
    tj, tk = _TENANCY_GROUP[by]
    xj, xk = _BUILDING_GROUP[by]
    late = late_sql_expr("t.delivered_at", "t.collected_at")
    # Collected and issued dates spread like the tenants: a short range walks the date's
    # index where there is one, a long range scans the table (an index walk would fetch
    # most rows at random). Move-outs and lost/revoked cards are rare: an index on those
    # dates (see the issue note) always pays, and without one SQLite scans anyway.
    hint = "" if _share(conn, r) <= INDEX_SHARE else "NOT INDEXED"

    def within(col: str) -> str:
        return f"{col} >= :a AND {col} < :b"

    def hours(a: str, b: str) -> str:
        return f"(julianday({b}) - julianday({a})) * 24"

    return [
        # rule R9 in the same scan: the flag app.tenants.papers set at intake, no person lookups.
        (f"SELECT {tk}, {_period('t.collected_at', fmt, r)}, count(*), "
         f"sum(t.delivered_at IS NOT NULL AND NOT ({late})), "
         f"sum(t.delivered_at IS NOT NULL AND ({late})), sum(t.delivered_at IS NULL), "
         f"sum(t.family_planning_due AND t.family_planning_cert IS NULL "
         f"AND t.family_planning_reason IS NULL), "
         f"sum(t.family_planning_due AND t.family_planning_cert IS NULL "
         f"AND t.family_planning_reason IS NOT NULL) "
         f"FROM tenancy t {hint} {tj} WHERE {within('t.collected_at')} GROUP BY 1, 2",
         ("registered", "delivered_on_time", "delivered_late", "undelivered", "fp_missing",
          "fp_reason")),
        (f"SELECT {tk}, {_period('t.moved_out_at', fmt, r)}, count(*) FROM tenancy t {tj} "
         f"WHERE {within('t.moved_out_at')} GROUP BY 1, 2", ("moved_out",)),
        (f"SELECT {xk}, {_period('x.issued_at', fmt, r)}, sum(x.replaces_card_id IS NULL), "
         f"sum(x.replaces_card_id IS NOT NULL) FROM card x {hint} {xj} "
         f"WHERE {within('x.issued_at')} GROUP BY 1, 2", ("cards_issued", "cards_replaced")),
        (f"SELECT {xk}, {_period('x.ended_at', fmt, r)}, sum(x.status = 'lost'), "
         f"sum(x.status = 'revoked') FROM card x {xj} "
         f"WHERE x.status IN ('lost', 'revoked') AND {within('x.ended_at')} GROUP BY 1, 2",
         ("cards_lost", "cards_revoked")),
        (f"SELECT {xk}, {_period('x.found_at', fmt, r)}, count(*), "
         f"sum(x.notified_at IS NULL OR {hours('x.found_at', 'x.notified_at')} > 24), "
         f"sum(x.fixed_at IS NOT NULL), avg({hours('x.found_at', 'x.notified_at')}), "
         f"avg({hours('x.found_at', 'x.fixed_at')}) FROM fault_ticket x {xj} "
         f"WHERE {within('x.found_at')} GROUP BY 1, 2",
         ("faults_found", "faults_notified_late", "faults_fixed", "avg_hours_to_notify",
          "avg_hours_to_fix")),
    ]


def statistics(desk: Desk, by: str, period: str, date_from: date | None = None,
               date_to: date | None = None, today: date | None = None) -> list[StatRow]:
    """rule R8: one row per group and local period with any activity, by code then period."""
    if by not in GROUPINGS:
        raise Refused("bad_grouping", f"统计口径无效：{by}（应为 company、building 或 center）。",
                      f"Unknown grouping {by} (use company, building or center).")
    if period not in PERIODS:
        raise Refused("bad_period", f"统计周期无效：{period}（应为 day、month 或 year）。",
                      f"Unknown period {period} (use day, month or year).")
    tz = zone(desk)
    today = today or clock.today(desk)
    d_from, d_to = default_range(period, today)
    d_from, d_to = date_from or d_from, date_to or d_to
    if d_from > d_to:
        raise Refused("bad_range", "开始日期晚于结束日期。", "The start date is after the end date.")
    start, end = local_midnight_utc(d_from, tz), local_midnight_utc(d_to + timedelta(days=1), tz)
    r = _Range(db_time(start), db_time(end), _offset_segments(tz, start, end))
    rows: dict[tuple[str | None, str], dict] = {}
    with read_session(desk.engine) as s:
        conn = s.connection()
        for sql, names in _queries(conn, by, PERIODS[period], r):
            for key, per, *values in _rows(conn, sql, {"a": r.start, "b": r.end}):
                acc = rows.setdefault((key, per), {})
                for name, value in zip(names, values, strict=True):
                    acc[name] = round(value, 2) if isinstance(value, float) else int(value or 0)
        labels, snapshot = groups_now(conn, by)
    out = []
    for (key, per), counts in rows.items():
        code, name = labels.get(key, (key or "", key or ""))
        residents, cap = snapshot.get(key, (0, None))
        out.append(StatRow(by, key, code, name, per, **counts, residents_now=residents, cap=cap))
    return sorted(out, key=lambda row: (row.group_code, row.period))


def groups_now(conn: Connection, by: str) -> tuple[dict, dict]:
    """Labels of the groups, and each group's residents now (active cards) and cap (R5)."""
    key_col = {"building": "id", "company": "company_id", "center": "center_code"}[by]
    buildings = _rows(conn, f"SELECT id, {key_col}, code, name, district_cap, floor_area_m2, "
                            "public_area_m2 FROM building")
    # Walks the partial index ix_card_building_active: already in building order, no sort.
    active = dict(_rows(conn, "SELECT building_id, count(*) FROM card WHERE status = 'active' "
                        "GROUP BY building_id"))
    snapshot: dict[str | None, tuple[int, int | None]] = {}
    for bid, key, _code, _name, district_cap, floor, public in buildings:
        try:  # app.tenants.occupancy's rule, without making 10,000 ORM objects
            cap: int | None = district_cap if district_cap is not None else area_cap(floor, public)
        except Refused:
            cap = None  # no or impossible areas: the cap is unknown, not zero
        residents, total = snapshot.get(key, (0, None))
        snapshot[key] = (residents + active.get(bid, 0),
                         total if cap is None else (total or 0) + cap)
    if by == "building":
        labels = {b[0]: (b[2], b[3]) for b in buildings}
    elif by == "company":
        labels = {i: (n, n) for i, n in _rows(conn, "SELECT id, name FROM company")}
        labels[None] = ("", "（无所属公司）")
    else:
        labels = {c: (c, n) for c, n in _rows(conn, "SELECT center_code, name FROM center")}
    return labels, snapshot
