"""`rentdesk correct` fixes only what the district did not take (H4, found by the
attacker-helper): it rewrote any row, accepted ones included, took the new document number
as an argument (shell history, `ps`), skipped the intake checks, and left two active accepted
cards for one document at the district (rule R6)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import text

from app.sync import not_accepted
from app.sync.run import sync
from db.engine import read_session, write_session
from tests.conftest import PASSWORD, idno
from tests.district.conftest import TwoCentres
from tests.sync.conftest import district_rows

ROOT = Path(__file__).resolve().parents[2]


def cli(home: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "RENTDESK_USER"}
    env.update(PYTHONPATH=str(ROOT), RENTDESK_PASSWORD=PASSWORD)
    return subprocess.run([sys.executable, "-m", "rentdesk", "--home", str(home), *args],
                          env=env, input=stdin, capture_output=True, text=True, timeout=180)


def doc_of(desk, n: int) -> str:
    with read_session(desk.engine) as s:
        return s.connection().execute(text("SELECT id FROM id_document WHERE number = :n"),
                                      {"n": idno(n)}).scalar_one()


def accepted_cards_per_document(admin_url: str) -> list[tuple]:
    """Active accepted cards whose holder carries each document number, more than one."""
    return district_rows(admin_url, """
        SELECT i.number, count(DISTINCT k.id) FROM card k
          JOIN id_document i ON i.person_id = k.person_id
         WHERE k.status = 'active' AND k.district_state = 'accepted'
         GROUP BY i.number HAVING count(DISTINCT k.id) > 1""")


def test_accepted_row_cannot_be_corrected_into_another_persons_number(two: TwoCentres):
    # rule R6: the attacker's way: LH01 rewrites its accepted tenant's number to the number
    # of LH02's tenant, then syncs
    a = two.a
    doc = doc_of(a.desk, 1)
    a.desk.engine.dispose()
    argv = cli(a.desk.home, "correct", "id_document", doc, "number", idno(2), "--as", "admin")
    assert argv.returncode != 0 and "命令行" in argv.stderr  # never a number as an argument
    piped = cli(a.desk.home, "correct", "id_document", doc, "number", "--as", "admin",
                stdin=f"{idno(2)}\n")
    assert piped.returncode != 0, piped.stdout
    assert "未接收" in piped.stderr and "not-accepted" in piped.stderr
    with read_session(a.desk.engine) as s:
        assert s.connection().execute(text("SELECT number FROM id_document WHERE id = :i"),
                                      {"i": doc}).scalar_one() == idno(1)
    assert sync(a.desk, a.url)["ok"]
    assert accepted_cards_per_document(two.admin_url) == []


def _smuggle_bad_number(desk, doc_id: str) -> None:
    """A number stored before the boundary existed (raw SQL, queued like an ORM change)."""
    with write_session(desk.engine) as s:
        s.connection().execute(text("UPDATE id_document SET number = :n WHERE id = :i"),
                               {"n": "4403\x0003", "i": doc_id})
        s.connection().execute(text(
            "INSERT INTO outbox (tx_id, table_name, row_id, op, at) "
            "VALUES ('legacy', 'id_document', :i, 'upsert', CURRENT_TIMESTAMP)"), {"i": doc_id})


def test_listed_document_is_corrected_through_intake_checks_and_screened_again(
        two: TwoCentres):
    # rule R6, rule R10: a listed document number is fixed from stdin, checked as at intake,
    # audited masked, and the district screens the holder's card again
    a = two.a
    doc = doc_of(a.desk, 1)
    _smuggle_bad_number(a.desk, doc)
    assert sync(a.desk, a.url)["not_accepted"] == [f"id_document:{doc}"]
    a.desk.engine.dispose()
    home = a.desk.home
    bad = cli(home, "correct", "id_document", doc, "number", "--as", "admin",
              stdin=f"{idno(1)[:-1]}{'1' if idno(1)[-1] == '0' else '0'}\n")  # bad check digit
    assert bad.returncode != 0 and "校验码" in bad.stderr
    wrong_field = cli(home, "correct", "id_document", doc, "kind", "--as", "admin",
                      stdin="passport\n")
    assert wrong_field.returncode != 0
    # the number of LH02's tenant, who holds an accepted card: corrected, then screened
    ok = cli(home, "correct", "id_document", doc, "number", "--as", "admin",
             stdin=f"{idno(2)}\n")
    assert ok.returncode == 0, ok.stderr
    assert idno(2) not in ok.stdout + ok.stderr
    with read_session(a.desk.engine) as s:
        detail = s.connection().execute(text(
            "SELECT detail FROM audit_event WHERE action = 'sync.correct'")).scalar_one()
    assert idno(2) not in detail and json.loads(detail)["after"] == idno(2)[:6] + "********" \
        + idno(2)[-4:]
    report = sync(a.desk, a.url)
    assert report["not_accepted"] == [] and not_accepted.listed(a.desk) == []
    assert accepted_cards_per_document(two.admin_url) == []
    states = district_rows(two.admin_url, "SELECT center_code, district_state FROM card "
                           "WHERE status = 'active' ORDER BY center_code")
    assert states == [("LH01", "refused"), ("LH02", "accepted")]
