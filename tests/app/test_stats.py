"""Statistics for rewards (rule R8): checked against hand-counted data and against plain
Python counting over the raw rows of a demo district; exports read back."""

from __future__ import annotations

import csv
from collections import Counter, defaultdict
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import openpyxl
import pytest
from sqlalchemy import text

from app.cli import main
from app.data.demo import generate_demo
from app.desk import clock
from app.desk.errors import Refused
from app.property.buildings import add_building, add_unit
from app.staff.accounts import create_staff
from app.supervision.export import COLUMNS, SHEETS, export_statistics
from app.supervision.faults import fix_fault, notify_installer, open_fault, set_card_system
from app.supervision.stats import COUNT_FIELDS, statistics
from app.tenants.cards import issue_card, replace_card, report_lost, revoke_card
from app.tenants.intake import move_out
from app.tenants.occupancy import building_cap
from app.tenants.papers import family_planning_applies
from db.engine import read_session, write_session
from db.models import Building, Card, Tenancy
from tests.conftest import PASSWORD, idno, register

SH = ZoneInfo("Asia/Shanghai")


def sh(*args: int) -> datetime:
    return datetime(*args, tzinfo=SH).astimezone(UTC)


def put(desk, model, row_id: str, **values) -> None:
    with write_session(desk.engine) as s:
        obj = s.get(model, row_id)
        for k, v in values.items():
            setattr(obj, k, v)
        s.add(obj)


@pytest.fixture
def known(desk, admin, building, photo_jpeg):
    """Two buildings with times placed either side of local month ends (numbers below)."""
    add_building(desk, admin, "B2", "二号楼", "东门路 2 号", 31.0, 1.0)  # cap 5, no company
    add_unit(desk, admin, "B2", "201")
    for code in ("B1", "B2"):
        set_card_system(desk, admin, code, "深安门禁", "0755-1", "ZK", None, "ok")
    t = {n: register(desk, admin, n, unit=u, building_code=b, photo=photo_jpeg).tenancy_id
         for n, b, u in ((1, "B1", "102"), (2, "B1", "102"), (3, "B2", "201"), (4, "B2", "201"))}
    put(desk, Tenancy, t[1], collected_at=sh(2026, 1, 31, 23, 30), delivered_at=sh(2026, 2, 1, 1, 30))
    # 00:30 on 1 Feb in Shanghai is still 31 Jan in UTC: it must count for February
    put(desk, Tenancy, t[2], collected_at=sh(2026, 2, 1, 0, 30), delivered_at=sh(2026, 2, 2, 6, 30))
    put(desk, Tenancy, t[3], collected_at=sh(2026, 2, 15, 10, 0))
    put(desk, Tenancy, t[4], collected_at=sh(2025, 12, 31, 23, 59), delivered_at=sh(2026, 1, 1, 9))
    c1 = issue_card(desk, admin, idno(1), "0000000001")
    c2 = issue_card(desk, admin, idno(2), "0000000002")
    c3 = issue_card(desk, admin, idno(3), "0000000003")
    put(desk, Card, c1.id, issued_at=sh(2026, 1, 31, 23, 40))
    put(desk, Card, c2.id, issued_at=sh(2026, 2, 1, 8, 0))
    put(desk, Card, c3.id, issued_at=sh(2026, 2, 15, 10, 10))
    report_lost(desk, admin, idno=idno(1))
    put(desk, Card, c1.id, ended_at=sh(2026, 2, 10, 9, 0))
    c1b = replace_card(desk, admin, idno(1), "0000000011")
    put(desk, Card, c1b.id, issued_at=sh(2026, 2, 10, 10, 0))
    move_out(desk, admin, idno(3))  # revokes card 3
    put(desk, Tenancy, t[3], moved_out_at=sh(2026, 3, 1, 7, 0))  # 28 Feb 23:00 UTC: March
    put(desk, Card, c3.id, ended_at=sh(2026, 3, 1, 7, 0))
    f1 = open_fault(desk, admin, "B1", "读卡器坏", found_at=sh(2026, 1, 31, 22, 0))
    notify_installer(desk, admin, f1.id, at=sh(2026, 2, 1, 23, 0))  # 25 h: late
    fix_fault(desk, admin, f1.id, at=sh(2026, 2, 2, 22, 0))  # 48 h
    f2 = open_fault(desk, admin, "B2", "门锁坏", found_at=sh(2026, 2, 20, 8, 0))
    notify_installer(desk, admin, f2.id, at=sh(2026, 2, 20, 10, 0))
    return t


def nonzero(row) -> dict:
    return {k: getattr(row, k) for k in COUNT_FIELDS
            if getattr(row, k) not in (0, None) and k not in ("residents_now", "cap")}


def test_hand_counted_centre_by_local_month(desk, known):
    # rule R8, in the centre's time zone (rule R2 for on time / late)
    rows = statistics(desk, "center", "month", date(2026, 1, 1), date(2026, 3, 31))
    assert [r.period for r in rows] == ["2026-01", "2026-02", "2026-03"]
    jan, feb, mar = rows
    assert nonzero(jan) == {"registered": 1, "delivered_on_time": 1, "cards_issued": 1,
                            "faults_found": 1, "faults_notified_late": 1, "faults_fixed": 1,
                            "avg_hours_to_notify": 25.0, "avg_hours_to_fix": 48.0}
    assert nonzero(feb) == {"registered": 2, "delivered_late": 1, "undelivered": 1,
                            "cards_issued": 2, "cards_lost": 1, "cards_replaced": 1,
                            "faults_found": 1, "avg_hours_to_notify": 2.0}
    assert nonzero(mar) == {"moved_out": 1, "cards_revoked": 1}
    assert {(r.residents_now, r.cap, r.group_code, r.group_name) for r in rows} == {
        (2, 15, "LH01", "东门出租屋管理服务中心")}


def test_hand_counted_by_building_company_day_and_year(desk, known):
    # rule R8
    b = {(r.group_code, r.period): r for r in statistics(desk, "building", "month",
                                                         date(2026, 1, 1), date(2026, 3, 31))}
    assert sorted(b) == [("B1", "2026-01"), ("B1", "2026-02"), ("B2", "2026-02"), ("B2", "2026-03")]
    assert nonzero(b["B1", "2026-02"]) == {"registered": 1, "delivered_late": 1, "cards_issued": 1,
                                           "cards_lost": 1, "cards_replaced": 1}
    assert (b["B1", "2026-01"].residents_now, b["B1", "2026-01"].cap) == (2, 10)
    assert (b["B2", "2026-03"].residents_now, b["B2", "2026-03"].cap) == (0, 5)
    c = {(r.group_name, r.period): r for r in statistics(desk, "company", "month",
                                                         date(2026, 1, 1), date(2026, 3, 31))}
    assert nonzero(c["湖贝村股份合作公司", "2026-02"]) == nonzero(b["B1", "2026-02"])
    assert nonzero(c["（无所属公司）", "2026-03"]) == {"moved_out": 1, "cards_revoked": 1}
    days = {r.period: r.registered for r in statistics(desk, "center", "day", date(2026, 1, 31),
                                                       date(2026, 2, 1)) if r.registered}
    assert days == {"2026-01-31": 1, "2026-02-01": 1}
    years = {r.period: r.registered for r in statistics(desk, "center", "year", date(2025, 1, 1),
                                                        date(2026, 12, 31))}
    assert years == {"2025": 1, "2026": 3}


def test_bad_arguments_refused(desk, admin):
    # rule R8
    for args in (("street", "month"), ("center", "week")):
        with pytest.raises(Refused):
            statistics(desk, *args)
    with pytest.raises(Refused):
        statistics(desk, "center", "day", date(2026, 2, 1), date(2026, 1, 1))


def _independent(desk, by: str, fmt: str) -> dict:
    """The same figures by plain Python over rows read separately (no GROUP BY)."""
    with read_session(desk.engine) as s:
        conn = s.connection()
        units = dict(conn.execute(text("SELECT id, building_id FROM unit")).all())
        company = dict(conn.execute(text("SELECT id, company_id FROM building")).all())
        tenancies = conn.execute(text(
            "SELECT t.unit_id, t.collected_at, t.delivered_at, t.moved_out_at, t.center_code, "
            "p.sex, p.birth_date, t.family_planning_cert, t.family_planning_reason "
            "FROM tenancy t JOIN person p ON p.id = t.person_id")).all()
        cards = conn.execute(text("SELECT building_id, issued_at, ended_at, status, "
                                  "replaces_card_id, center_code FROM card")).all()
        buildings = s.exec(Building.__table__.select()).all()

    def key(building_id, center):
        return {"building": building_id, "company": company[building_id], "center": center}[by]

    def per(value):
        t = datetime.fromisoformat(value).replace(tzinfo=UTC)
        return t.astimezone(SH).strftime(fmt)

    out: dict = defaultdict(Counter)
    for unit_id, coll, deliv, moved, center, sex, born, cert, reason in tenancies:
        k = key(units[unit_id], center)
        c = out[k, per(coll)]
        c["registered"] += 1
        day = datetime.fromisoformat(coll).replace(tzinfo=UTC).astimezone(SH).date()
        if cert is None and born and family_planning_applies(sex, date.fromisoformat(born), day):
            c["fp_reason" if reason else "fp_missing"] += 1  # rule R9
        if deliv is None:
            c["undelivered"] += 1
        else:
            late = datetime.fromisoformat(deliv) - datetime.fromisoformat(coll) > timedelta(hours=24)
            c["delivered_late" if late else "delivered_on_time"] += 1
        if moved:
            out[k, per(moved)]["moved_out"] += 1
    for bid, issued, ended, status, replaces, center in cards:
        k = key(bid, center)
        out[k, per(issued)]["cards_replaced" if replaces else "cards_issued"] += 1
        if status in ("lost", "revoked"):
            out[k, per(ended)][f"cards_{status}"] += 1
    active = Counter(b for b, _, _, st, _, _ in cards if st == "active")
    snap: dict = defaultdict(lambda: [0, 0])
    for b in buildings:
        snap[key(b.id, b.center_code)][0] += active[b.id]
        snap[key(b.id, b.center_code)][1] += building_cap(Building.model_validate(dict(b._mapping)))
    return {k: (dict(v), tuple(snap[k[0]])) for k, v in out.items()}


@pytest.mark.parametrize("by", ["center", "company", "building"])
@pytest.mark.parametrize("period,fmt", [("month", "%Y-%m"), ("day", "%Y-%m-%d")])
def test_demo_district_matches_python_counting(desk, admin, by, period, fmt):
    # rule R8: a few thousand tenants, with lost, replaced and revoked cards
    generate_demo(desk, 3000, seed=5)
    with read_session(desk.engine) as s:
        numbers = [r[0] for r in s.connection().execute(text(
            "SELECT i.number FROM card c JOIN id_document i ON i.person_id = c.person_id "
            "WHERE c.status = 'active' ORDER BY c.number LIMIT 30"))]
    for n in numbers[:10]:
        report_lost(desk, admin, idno=n)
    for i, n in enumerate(numbers[:5]):
        replace_card(desk, admin, n, f"{3_000_000_000 + i:010d}")
    for n in numbers[10:20]:
        revoke_card(desk, admin, "违规转借", idno=n)
    got = statistics(desk, by, period, date(2020, 1, 1), clock.today() + timedelta(days=1))
    expected = _independent(desk, by, fmt)
    assert len(got) == len(expected) > 30
    for row in got:
        counts, snapshot = expected[row.group_id, row.period]
        assert nonzero(row) == counts, (row.group_code, row.period)
        assert (row.residents_now, row.cap) == snapshot


def test_xlsx_and_csv_exports_read_back_and_are_audited(desk, known, tmp_path):
    # rule R8 export; rule R10 the export is logged
    from app.staff.accounts import get_actor

    admin = get_actor(desk, "admin")
    res = export_statistics(desk, admin, tmp_path / "r.xlsx", ["company", "building", "center"],
                            "month", date(2026, 1, 1), date(2026, 3, 31))
    wb = openpyxl.load_workbook(res.path)
    assert wb.sheetnames == [SHEETS["company"], SHEETS["building"], SHEETS["center"]]
    ws = wb[SHEETS["building"]]
    assert ws.freeze_panes == "A2" and ws.column_dimensions["D"].width == COLUMNS[3][1]
    assert [c.value for c in ws[1]] == [name for name, _ in COLUMNS]
    rows = statistics(desk, "building", "month", date(2026, 1, 1), date(2026, 3, 31))
    read = [[c.value for c in r] for r in ws.iter_rows(min_row=2)]
    assert [r[2:5] for r in read] == [[r.group_code, r.group_name, r.period] for r in rows]
    assert read[1][5:12] == [1, 0, 1, 1, 1, 0, 0]  # B1 Feb: registered … delivered on time
    assert res.rows == {"company": 4, "building": 4, "center": 3}

    out = export_statistics(desk, admin, tmp_path / "r.csv", ["center"], "month",
                            date(2026, 1, 1), date(2026, 3, 31)).path
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")  # the BOM Excel needs for UTF-8
    with open(out, encoding="utf-8-sig", newline="") as fh:
        lines = list(csv.reader(fh))
    assert lines[0][:5] == ["统计口径", "编号", "编码", "名称", "统计期"]
    assert [(r[0], r[4], r[5]) for r in lines[1:]] == [("中心", "2026-01", "1"), ("中心", "2026-02", "2"),
                                                      ("中心", "2026-03", "0")]
    with read_session(desk.engine) as s:
        logged = s.connection().execute(text(
            "SELECT count(*) FROM audit_event WHERE action = 'report.export'")).scalar()
    assert logged == 2
    clerk = create_staff(desk, admin, "clerk1", PASSWORD, "clerk")
    with pytest.raises(Refused) as e:
        export_statistics(desk, clerk, tmp_path / "x.xlsx", ["center"], "month")
    assert e.value.code == "forbidden"
    with pytest.raises(Refused):
        export_statistics(desk, admin, tmp_path / "x.pdf", ["center"], "month")


def test_report_command_writes_the_file(desk, known, tmp_path, monkeypatch, capsys):
    # rule R8 through the command line, acting as a staff account
    monkeypatch.setenv("RENTDESK_PASSWORD", PASSWORD)
    out = tmp_path / "月报.xlsx"
    assert main(["--home", str(desk.home), "report", "--as", "admin", "--by", "center", "--by",
                 "building", "--period", "month", "--from", "2026-01-01", "--to", "2026-03-31",
                 "--out", str(out)]) == 0
    assert '"center": 3' in capsys.readouterr().out
    assert openpyxl.load_workbook(out).sheetnames == ["按中心", "按楼栋"]


def test_periods_follow_summer_time_inside_the_range(desk, admin, building):
    # rule R8 in a centre whose zone changes offset during the year: no fixed shift gets both
    desk.timezone = "Europe/Berlin"
    berlin = ZoneInfo("Europe/Berlin")
    a, b = register(desk, admin, 1).tenancy_id, register(desk, admin, 2).tenancy_id
    put(desk, Tenancy, a, collected_at=datetime(2026, 7, 1, 0, 30, tzinfo=berlin).astimezone(UTC))
    put(desk, Tenancy, b, collected_at=datetime(2026, 11, 30, 23, 30, tzinfo=berlin).astimezone(UTC))
    rows = statistics(desk, "center", "month", date(2026, 1, 1), date(2026, 12, 31))
    assert {r.period: r.registered for r in rows} == {"2026-07": 1, "2026-11": 1}
    from app.supervision.stats import _offset_segments

    start, end = datetime(2026, 1, 1, tzinfo=berlin), datetime(2027, 1, 1, tzinfo=berlin)
    assert _offset_segments(berlin, start.astimezone(UTC), end.astimezone(UTC)) == [
        ("2025-12-31 23:00:00.000000", 60), ("2026-03-29 01:00:00.000000", 120),
        ("2026-10-25 01:00:00.000000", 60)]


def test_month_queries_use_the_recommended_date_indexes(desk, admin):
    # rule R8 at district scale: a month's report is index range scans only (migration 0004)
    from app.supervision.delivery import db_time, local_midnight_utc
    from app.supervision.stats import _offset_segments, _queries, _Range

    generate_demo(desk, 600, seed=2)
    start, end = local_midnight_utc(date(2026, 11, 1), SH), local_midnight_utc(date(2026, 12, 1), SH)
    r = _Range(db_time(start), db_time(end), _offset_segments(SH, start, end))
    with read_session(desk.engine) as s:
        conn = s.connection()
        for by in ("center", "company", "building"):
            for sql, names in _queries(conn, by, "%Y-%m", r)[:4]:
                plan = " ".join(row[3] for row in conn.execute(text("EXPLAIN QUERY PLAN " + sql),
                                                               {"a": r.start, "b": r.end}))
                assert "USING INDEX ix_" in plan and "SCAN t " not in plan + " ", (by, names, plan)
                assert "SCAN x " not in plan + " ", (by, names, plan)
