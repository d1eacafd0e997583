"""A lookup that finds nobody is an audit entry like any other: it reaches the district in
order, and neither `sync` nor `audit verify` says "ok" while the district refuses the chain.

Found by the attacker-helper: miss entries were written outside the outbox, so the next
entry left a gap in seq at the district (RDA07) for ever, behind a report of success.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import psycopg

from app.desk.context import Desk
from app.sync.run import sync, without_password
from tests.conftest import CENTER_PASSWORD, PASSWORD, idno, register
from tests.sync.conftest import district_rows, local_count

ROOT = Path(__file__).resolve().parents[2]


def cli(desk: Desk, *args: str, stdin: str = "") -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "RENTDESK_USER"}
    env.update(PYTHONPATH=str(ROOT), RENTDESK_PASSWORD=PASSWORD,
               RENTDESK_DISTRICT_PASSWORD=CENTER_PASSWORD)
    return subprocess.run([sys.executable, "-m", "rentdesk", "--home", str(desk.home), *args],
                          env=env, input=stdin, capture_output=True, text=True, timeout=180)


def last_json(out: str) -> dict:
    return json.loads([line for line in out.splitlines() if line.strip()][-1])


def local_head(desk: Desk) -> tuple[int, str]:
    with desk.engine.connect() as conn:
        return tuple(conn.exec_driver_sql(
            "SELECT seq, hash FROM audit_event ORDER BY seq DESC LIMIT 1").one())


def test_misses_reach_the_district_in_order(desk, admin, building, district, lh01_url):
    # rule R10: every audit entry, misses included, is in the district's copy of the chain
    register(desk, admin, 1)
    assert sync(desk, lh01_url)["ok"]
    desk.engine.dispose()
    url = without_password(lh01_url)
    nobody = idno(77)
    # the attacker's way in: whole numbers that find nobody, by search and by --idno
    assert cli(desk, "search", "--as", "admin", nobody).returncode == 0
    lost = cli(desk, "card", "lost", "--as", "admin", "--idno", "-", stdin=f"{nobody}\n")
    assert lost.returncode != 0
    assert cli(desk, "search", "--as", "admin", idno(78)).returncode == 0
    register(desk, admin, 2)  # a business change after the misses
    first = cli(desk, "sync", "--as", "admin", "--district", url)
    assert first.returncode == 0, first.stdout + first.stderr
    second = cli(desk, "sync", "--as", "admin", "--district", url)  # sync.* entries of the first
    assert second.returncode == 0, second.stdout + second.stderr
    verify = cli(desk, "audit", "verify", "--district", url)
    assert verify.returncode == 0, verify.stdout + verify.stderr
    held = district_rows(district, "SELECT seq, hash FROM audit_event WHERE center_code = 'LH01' "
                         "ORDER BY seq")
    misses = district_rows(district, "SELECT count(*) FROM audit_event WHERE center_code = "
                           "'LH01' AND detail LIKE '%%\"miss\": true%%'")[0][0]
    assert misses == 3
    assert not district_rows(district, "SELECT 1 FROM audit_reject WHERE center_code = 'LH01'")
    # the district holds every entry the desk had when the last upload ended, in order
    anchor = district_rows(district, "SELECT seq, hash FROM audit_anchor "
                           "WHERE center_code = 'LH01'")[0]
    assert [s for s, _h in held] == list(range(1, anchor[0] + 1))
    report = last_json(second.stdout)
    assert report["audit_anchor"]["anchor_seq"] == anchor[0]
    with desk.engine.connect() as conn:
        local = dict(conn.exec_driver_sql("SELECT seq, hash FROM audit_event").all())
    assert all(local[s] == h for s, h in held)
    assert local_count(desk, "audit_event") >= anchor[0]
    # a third sync with nothing new between: the anchor is the local head itself
    assert cli(desk, "sync", "--as", "admin", "--district", url).returncode == 0
    anchor = district_rows(district, "SELECT seq, hash FROM audit_anchor "
                           "WHERE center_code = 'LH01'")[0]
    assert anchor[0] >= local_head(desk)[0] - 1  # only the download's own entries may follow
    with psycopg.connect(district) as conn:
        assert conn.execute("SELECT count(*) FROM audit_reject").fetchone()[0] == 0


def test_a_desk_left_with_a_gap_heals_at_the_next_sync(desk, admin, building, district,
                                                       lh01_url):
    # rule R10: entries an older version wrote outside the outbox are sent at the next sync
    register(desk, admin, 1)
    assert sync(desk, lh01_url)["ok"]
    desk.engine.dispose()
    assert cli(desk, "search", "--as", "admin", idno(77)).returncode == 0
    with desk.engine.begin() as conn:  # what the old version left: the entry, no outbox row
        conn.exec_driver_sql("DELETE FROM outbox WHERE table_name = 'audit_event'")
    register(desk, admin, 2)
    report = sync(desk, lh01_url)
    assert report["ok"] and report["audit_requeued"] >= 1, report.get("audit_problem")
    anchor = district_rows(district, "SELECT seq FROM audit_anchor WHERE center_code = 'LH01'")
    held = district_rows(district, "SELECT seq FROM audit_event WHERE center_code = 'LH01' "
                         "ORDER BY seq")
    assert [s for (s,) in held] == list(range(1, anchor[0][0] + 1))


def test_sync_and_verify_report_entries_the_district_refuses(desk, admin, building, district,
                                                             lh01_url):
    # rule R10: an altered entry above the anchor is refused (RDA07): never "ok"
    register(desk, admin, 1)
    assert sync(desk, lh01_url)["ok"]
    desk.engine.dispose()
    assert cli(desk, "search", "--as", "admin", idno(77)).returncode == 0
    with desk.engine.begin() as conn:  # a local admin edits the newest entry with sqlite
        conn.exec_driver_sql("UPDATE audit_event SET detail = '{}' WHERE seq = "
                             "(SELECT max(seq) FROM audit_event)")
    url = without_password(lh01_url)
    for _ in range(2):  # and it stays reported, sync after sync
        run = cli(desk, "sync", "--as", "admin", "--district", url)
        assert run.returncode == 2, run.stdout + run.stderr
        assert "区数据库未接收本中心的" in run.stderr and "has not accepted" in run.stderr
        assert last_json(run.stdout)["audit_problem"]["code"] == "audit_not_accepted"
    verify = cli(desk, "audit", "verify", "--district", url)
    assert verify.returncode == 1
    assert "区数据库未接收" in verify.stdout


def test_a_large_gap_heals_in_order_across_batches(desk, admin, building, district, lh01_url):
    # rule R10: 33,000 read entries outside the outbox (more than SQLite's 32,766 variables),
    # sent in batches of 12,000: each batch extends the anchor the one before left
    from app.staff.audit import record_core
    from db.engine import log_session

    register(desk, admin, 1)
    assert sync(desk, lh01_url)["ok"]
    with log_session(desk.engine) as s:
        for _ in range(33_000):
            record_core(s, admin, "personal.read", "search", None, kind="id", found=0, miss=True)
    with desk.engine.begin() as conn:  # as the old version left them: no outbox rows
        conn.exec_driver_sql("DELETE FROM outbox WHERE table_name = 'audit_event'")
    register(desk, admin, 2)
    report = sync(desk, lh01_url, batch_entries=12_000)
    assert report["ok"] and report["batches"] >= 3, report.get("audit_problem")
    anchor = district_rows(district, "SELECT seq FROM audit_anchor WHERE center_code = 'LH01'")
    assert anchor[0][0] >= 33_000
    assert district_rows(district, "SELECT count(*) FROM audit_event WHERE center_code = "
                         "'LH01'")[0][0] == anchor[0][0]
