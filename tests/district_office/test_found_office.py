"""Attack findings on the office's console (issue 16): reasons, the centres' day and zone,
calendar ends, row limits, centres' passwords, the audit's clock."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import openpyxl
import psycopg
import pytest
from psycopg.conninfo import conninfo_to_dict

from app import scram
from app.cli import main
from app.district_office import days, decisions, lookups, reports
from app.district_office.staff import set_center_login
from app.errors import Refused
from tests.district_office.conftest import STAFF_PASSWORD, demo_centre

SH = ZoneInfo("Asia/Shanghai")
BLANK = ["\n\n", "\u3000\u3000", "\u00a0\u00a0", "\u200b\u200b", "\r\n\t ", "\ufeff\u2060 ",
         " \u200d\u3000 "]


@pytest.fixture
def lh01(district, tmp_path):
    c = demo_centre(tmp_path / "LH01", district, "LH01", 12, 11)
    yield c
    c.desk.close()


def _as(district_url: str, user: str) -> psycopg.Connection:
    return psycopg.connect(district_url.replace("postgres:@", f"{user}:{STAFF_PASSWORD}@"),
                           autocommit=True)


def _building(district_url: str) -> str:
    with psycopg.connect(district_url) as conn:
        return conn.execute("SELECT code FROM building WHERE center_code = 'LH01' "
                            "ORDER BY code LIMIT 1").fetchone()[0]


def test_found_8_blank_control_and_huge_reasons_refused(district, lh01, officer):
    # rule R10: a decision needs a reason a person can read
    b = _building(district)
    with _as(district, "li_admin") as conn:
        for reason in [*BLANK, "理" * 501, "理" * 2_000_000, "消防\n检查", "ab\x00c", "\x1b[2J核减"]:
            with pytest.raises(psycopg.Error):
                conn.execute("SELECT office_set_cap('LH01', %s, 12, %s)", (b, reason))
            with pytest.raises(psycopg.Error):
                conn.execute("SELECT office_revoke_card('LH01', 'none', %s)", (reason,))
    for reason in BLANK:  # the app says which rule, bilingual
        with pytest.raises(Refused) as err:
            decisions.set_cap(officer, "LH01", b, 12, reason)
        assert err.value.code == "reason_required"
    with pytest.raises(Refused) as err:
        decisions.set_cap(officer, "LH01", b, 12, "消防\n检查")
    assert err.value.code == "bad_reason"
    # A good reason typed with an IME's spaces around it is stored trimmed.
    assert decisions.set_cap(officer, "LH01", b, 12, "\u3000消防检查后核减\u00a0\u200b")
    with psycopg.connect(district) as conn:
        assert conn.execute("SELECT reason FROM office_audit WHERE action = 'set_cap'"
                            ).fetchone()[0] == "消防检查后核减"


def test_found_5_delivery_defaults_to_the_centres_today(district, lh01, viewer):
    with psycopg.connect(district) as conn:  # a record collected just now
        conn.execute("UPDATE tenancy SET collected_at = now() WHERE id = (SELECT min(id) "
                     "FROM tenancy WHERE center_code = 'LH01')")
    today = days.today()
    assert today == datetime.now(SH).date()
    explicit = [d for d in reports.delivery(viewer, today - timedelta(days=30), today)
                if d.day == today]
    assert explicit
    assert [d for d in reports.delivery(viewer) if d.day == today] == explicit


def test_found_6_audit_times_are_the_centres_wall_clock(district, lh01, viewer, tmp_path,
                                                       monkeypatch, capsys):
    rows = lookups.audit_entries(viewer, limit=5)
    assert rows and all(r.at.utcoffset() == timedelta(hours=8) for r in rows)
    monkeypatch.setenv("RENTDESK_PASSWORD", STAFF_PASSWORD)
    url = district.replace("postgres:@", "wang_viewer@")
    out = tmp_path / "审计.xlsx"
    base = ["district", "audit", "--district", url, "--user", "wang_viewer", "--limit", "1"]
    assert main(base) == 0
    at = datetime.fromisoformat(json.loads(capsys.readouterr().out.splitlines()[-1])["at"])
    assert at.utcoffset() == timedelta(hours=8)  # JSON: ISO with the offset
    assert main([*base, "--xlsx", str(out)]) == 0
    ws = openpyxl.load_workbook(out).active
    header = [c.value for c in ws[1]]
    assert "时间（Asia/Shanghai）" in header
    cell = ws.cell(row=2, column=header.index("时间（Asia/Shanghai）") + 1).value
    assert str(cell) == at.astimezone(SH).strftime("%Y-%m-%d %H:%M")


@pytest.mark.parametrize("call", [
    lambda o: reports.delivery(o, date(9999, 12, 31), date(9999, 12, 31)),
    lambda o: reports.delivery(o, date(1, 1, 1), date(1, 1, 2)),
    lambda o: reports.delivery(o, None, date(1, 1, 1)),
    lambda o: reports.rewards(o, date(9999, 12, 1)),
    lambda o: reports.rewards(o, date(1, 1, 1)),
    lambda o: lookups.audit_entries(o, first=date(1, 1, 1), last=date(1, 1, 2)),
    lambda o: lookups.audit_entries(o, last=date(9999, 12, 31)),
], ids=["delivery-9999", "delivery-0001", "delivery-to-0001", "rewards-9999", "rewards-0001",
        "audit-0001", "audit-9999"])
def test_found_7_calendar_ends_are_refused(viewer, call):
    with pytest.raises(Refused) as err:
        call(viewer)
    assert err.value.code == "bad_date" and "日期应在" in err.value.zh


def test_found_7_calendar_ends_on_the_command_line(district, viewer, monkeypatch, capsys):
    monkeypatch.setenv("RENTDESK_PASSWORD", STAFF_PASSWORD)
    url = district.replace("postgres:@", "wang_viewer@")
    for args in (["delivery", "--from", "9999-12-31", "--to", "9999-12-31"],
                 ["rewards", "--month", "0001-01"], ["audit", "--from", "0001-01-01"]):
        assert main(["district", *args, "--district", url, "--user", "wang_viewer"]) != 0
        assert "2000-01-01" in capsys.readouterr().err


@pytest.mark.parametrize("limit", [0, -1, 10_001])
def test_found_13_audit_limit_is_validated(viewer, limit):
    with pytest.raises(Refused) as err:
        lookups.audit_entries(viewer, limit=limit)
    assert err.value.code == "bad_limit"


def _server_logs(admin_url: str) -> str:
    host = Path(conninfo_to_dict(admin_url)["host"])
    return "".join(p.read_text(errors="replace") for p in host.rglob("*")
                   if p.is_file() and ("log" in p.parts or p.suffix == ".log"))


def test_found_9_a_centres_password_never_reaches_the_server(district, lh01, officer,
                                                           monkeypatch, capsys, tmp_path):
    # A plain password is not a verifier: refused with a WARNING, never an ERROR (which
    # would write the statement to the server log), and the login is not changed.
    secret = "Zq7-plain-" + tmp_path.name[-6:]
    with _as(district, "li_admin") as conn:
        assert conn.execute("SELECT office_center_login('LH01', %s)", (secret,)
                            ).fetchone()[0] is None
        with pytest.raises(psycopg.Error):  # finding 12: a centre the district never knew
            conn.execute("SELECT office_center_login('ZZ99', %s)", (scram.verifier("x" * 12),))
    with pytest.raises(Refused) as err:
        set_center_login(officer, "ZZ99", "a-good-password")
    assert err.value.code == "no_center"
    # Through the app only the verifier travels; the centre signs in with the password.
    new = "Zq7-new-centre-" + tmp_path.name[-6:]
    assert set_center_login(officer, "lh01", new) == "rd_lh01"
    d = conninfo_to_dict(district)
    psycopg.connect(host=d["host"], port=d.get("port"), dbname=d["dbname"], user="rd_lh01",
                    password=new).close()
    with psycopg.connect(district) as conn:
        stored = conn.execute("SELECT rolpassword FROM pg_authid WHERE rolname = 'rd_lh01'"
                              ).fetchone()[0]
    assert stored.startswith("SCRAM-SHA-256$4096:")
    # `district add-center` prints the URL without the password and says where it goes.
    pw_file = tmp_path / "centre-password.txt"
    pw_file.write_text("Zq7-added-" + tmp_path.name[-6:] + "\n", encoding="utf-8")
    assert main(["district", "add-center", "LH03", "--url", district, "--password-file",
                 str(pw_file)]) == 0
    out = capsys.readouterr().out
    assert "Zq7-added-" not in out and "PGPASSWORD" in out
    logs = _server_logs(district)
    assert logs and secret not in logs and new not in logs and "Zq7-added-" not in logs


@pytest.mark.parametrize("password", ["ascii-password-1", "pässwörd\u00a0中文密码", "ｆｕｌｌ-ｗｉｄｔｈ1"])
def test_found_9_the_verifier_is_what_postgresql_accepts(district, password):
    # SASLprep as the server applies it: NBSP becomes a space, full-width letters NFKC.
    d = conninfo_to_dict(district)
    with psycopg.connect(district, autocommit=True) as conn:
        conn.execute("DROP ROLE IF EXISTS scram_probe")
        conn.execute(f"CREATE ROLE scram_probe LOGIN PASSWORD '{scram.verifier(password)}'")
    psycopg.connect(host=d["host"], port=d.get("port"), dbname=d["dbname"], user="scram_probe",
                    password=password).close()
    with pytest.raises(psycopg.OperationalError):
        psycopg.connect(host=d["host"], port=d.get("port"), dbname=d["dbname"],
                        user="scram_probe", password=password + "x").close()


def test_found_11_each_audit_row_has_its_own_moment(district):
    with psycopg.connect(district) as conn:  # one transaction, two rows a moment apart
        conn.execute("SELECT office_log('probe', NULL, NULL, NULL, NULL)")
        conn.execute("SELECT pg_sleep(0.05)")
        conn.execute("SELECT office_log('probe', NULL, NULL, NULL, NULL)")
        a, b = [r[0] for r in conn.execute(
            "SELECT at FROM office_audit WHERE action = 'probe' ORDER BY seq")]
    assert b > a


def test_found_2_office_xlsx_keeps_formula_text_as_text(tmp_path):
    # issue 12's app.safe_cells for the office's exports too: no formula, the text as it was
    from app.district_office.xlsx import write_sheets

    evil = ["=cmd|' /C calc'!A0", '=HYPERLINK("http://evil.example","x")', "+1+1", "@SUM(A1)"]
    out = write_sheets(tmp_path / "x.xlsx", {"表": (["名称"], [[e] for e in evil])})
    cells = [c for row in openpyxl.load_workbook(out).active.iter_rows(min_row=2) for c in row]
    assert [c.value for c in cells] == evil and {c.data_type for c in cells} == {"s"}
