"""送达 (R2) and 统计与奖励 (R8) figures equal counts taken independently from the raw rows."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from zoneinfo import ZoneInfo

import psycopg
from openpyxl import load_workbook

from app.desk import clock
from app.district_office import reports
from app.district_office.session import OFFICE_ZONE
from app.district_office.tables import rewards_xlsx

H24 = timedelta(hours=24)


def _raw(admin_url: str) -> list[tuple]:
    with psycopg.connect(admin_url, options="-c TimeZone=UTC") as conn:
        return conn.execute(
            "SELECT t.center_code, t.collected_at, t.delivered_at, t.handed_over_at, b.id, "
            "c.name, c.kind, EXISTS (SELECT 1 FROM id_document i WHERE i.person_id = t.person_id "
            "AND i.verified) FROM tenancy t JOIN unit u ON u.id = t.unit_id "
            "JOIN building b ON b.id = u.building_id LEFT JOIN company c ON c.id = b.company_id"
        ).fetchall()


def test_delivery_per_centre_and_day_matches_raw_rows(district, centres, viewer):
    # rule R2: collected, received within 24 h, late, never — per centre and local day.
    tz = ZoneInfo(OFFICE_ZONE)
    last = clock.now_utc().astimezone(tz).date()
    first = last - timedelta(days=400 - 35)
    got = {(d.center_code, d.day): (d.collected, d.on_time, d.late, d.never)
           for d in reports.delivery(viewer, first, last)}
    want: Counter = Counter()
    for code, collected, delivered, _paper, *_ in _raw(district):
        day = collected.astimezone(tz).date()
        if not first <= day <= last:
            continue
        want[(code, day, "n")] += 1
        if delivered is None:
            want[(code, day, "never")] += 1
        elif delivered - collected <= H24:
            want[(code, day, "on")] += 1
        else:
            want[(code, day, "late")] += 1
    keys = {(c, d) for c, d, _ in want}
    assert set(got) == keys and len(keys) > 50
    for c, d in keys:
        assert got[(c, d)] == (want[(c, d, "n")], want[(c, d, "on")], want[(c, d, "late")],
                               want[(c, d, "never")])


def test_monthly_rewards_match_raw_rows_and_export(district, centres, viewer, tmp_path):
    # rule R8: collected and reported per centre, company and building; basis = on time + verified.
    tz = ZoneInfo(OFFICE_ZONE)
    raw = _raw(district)
    month = Counter(r[1].astimezone(tz).date().replace(day=1) for r in raw).most_common(1)[0][0]
    rows = reports.rewards(viewer, month)
    want: Counter = Counter()
    for code, collected, delivered, _paper, building, company, kind, verified in raw:
        if collected.astimezone(tz).date().replace(day=1) != month:
            continue
        on_time = delivered is not None and delivered - collected <= H24
        for key in (("center", code), ("company", f"{company or '（无公司）'}/{kind or ''}"),
                    ("building", building)):
            want[(*key, "n")] += 1
            want[(*key, "on")] += on_time
            want[(*key, "basis")] += on_time and verified
    got = {(r.level, r.key): r for r in rows}
    assert {k[:2] for k in want} == set(got)
    for (level, key), r in got.items():
        assert (r.collected, r.on_time, r.basis) == (want[(level, key, "n")],
                                                     want[(level, key, "on")],
                                                     want[(level, key, "basis")])
    assert sum(r.collected for r in rows if r.level == "center") == want_total(raw, month, tz)
    out = rewards_xlsx(tmp_path / "奖励.xlsx", rows, month.strftime("%Y-%m"))
    wb = load_workbook(out)
    assert wb.sheetnames == ["按中心", "按公司", "按楼栋"]
    assert [c.value for c in wb["按中心"][1]][:4] == ["统计口径", "中心编码", "编码", "名称"]
    assert wb["按中心"].max_row == 1 + sum(r.level == "center" for r in rows)


def want_total(raw, month: date, tz) -> int:
    return sum(r[1].astimezone(tz).date().replace(day=1) == month for r in raw)


def test_centres_page_every_centre_and_staleness(district, centres, viewer):
    rows = {c.center_code: c for c in reports.centres(viewer)}
    assert set(rows) == {"LH01", "LH02"}
    assert all(c.has_login and not c.stale and c.last_batch_no >= 1 for c in rows.values())
    later = clock.now_utc() + timedelta(days=2)  # two days without a sync: shown red
    assert all(c.stale for c in reports.centres(viewer, now=later))
