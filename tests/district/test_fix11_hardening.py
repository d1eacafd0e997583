"""Fix 11: a hostile centre with its own rd_<code> login (tests/district/_hostile.py) after the
attack on the trust boundary — each finding of the attack, as a named test (rule R2, R6)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import psycopg
import pytest

from tests.conftest import idno
from tests.district._hostile import (
    DOC_COLS,
    TENANCY_COLS,
    doc_row,
    hostile_batch,
    registered_tenant,
)
from tests.sync.conftest import district_rows


def _b_ids(two) -> tuple[str, str]:
    (person,) = district_rows(two.admin_url, "SELECT id FROM person WHERE center_code='LH02'")[0]
    (card,) = district_rows(two.admin_url, "SELECT id FROM card WHERE center_code='LH02'")[0]
    return person, card


def test_staged_foreign_ids_never_lock_the_other_centres_rows(two):
    # rule R6 / issue 11 "no centre affects another": finding 1 (A holds B's row locks).
    b_person, b_card = _b_ids(two)
    held, ans = hostile_batch(two.a.url, {
        "person": (["id", "name", "created_at", "updated_at"],
                   [[b_person, "x", "2026-01-01", "2026-01-01"]]),
        "card": (["id", "number", "tenancy_id", "person_id", "building_id", "unit_id", "status",
                  "issued_at", "created_at", "updated_at"],
                 [[b_card, "1", "t", "p", "b", "u", "active", "2026-01-01", "2026-01-01",
                   "2026-01-01"]]),
    }, commit=False)
    try:
        assert {(r["table"], r["sqlstate"]) for r in ans["not_accepted"]} == {
            ("person", "RDF05"), ("card", "RDF05")}
        # every wait of the finished batch's transaction ends (55P03), not only the screening
        assert held.execute("SHOW lock_timeout").fetchone()[0] == "1min"
        # A's open transaction holds no lock on B's rows: B's sync can write them.
        with psycopg.connect(two.admin_url) as adm:
            for table, rid in (("person", b_person), ("card", b_card)):
                assert adm.execute(f"SELECT id FROM {table} WHERE id = %s FOR UPDATE NOWAIT",
                                   (rid,)).fetchall() == [(rid,)]
    finally:
        held.rollback()
        held.close()


def test_bare_documents_are_no_membership_oracle(two):
    # issue 11/12 "no oracle": finding 2 (guessed numbers on bare id_document rows).
    fake = str(uuid.uuid4())
    guesses = [idno(n) for n in (2, 3, 4, 5, 6)]  # B holds idno(2)
    count_b = "SELECT count(*) FROM decision WHERE center_code='LH02'"
    before_b = district_rows(two.admin_url, count_b)
    hostile_batch(two.a.url, {"id_document": (DOC_COLS, [doc_row(fake, g) for g in guesses])})
    assert district_rows(two.a.url, "SELECT id FROM centre_conflict") == []
    assert district_rows(two.admin_url, "SELECT id FROM conflict") == []
    assert district_rows(two.admin_url, count_b) == before_b
    with psycopg.connect(two.a.url) as a, pytest.raises(psycopg.errors.InsufficientPrivilege):
        a.execute("SELECT doc_key FROM conflict")  # the table itself is the district's


def test_conflict_shown_to_a_centre_is_masked_and_withdrawn_with_its_document(two):
    # rule R6: a real same_person conflict, seen from A, names neither B nor B's person.
    stages, a_person, doc_id = registered_tenant(idno(2))
    hostile_batch(two.a.url, stages)
    b_person, _ = _b_ids(two)
    [(cid, centers, rows, doc)] = district_rows(
        two.a.url, "SELECT id, centers, rows, doc_masked FROM centre_conflict")
    assert sorted(centers) == ["LH01", "another centre"]
    assert rows["person"] == [a_person] and b_person not in str(rows)
    assert idno(2) not in doc and doc.endswith(idno(2)[-2:])
    [(b_centers, b_rows)] = district_rows(two.b.url, "SELECT centers, rows FROM centre_conflict")
    assert "LH01" not in b_centers and a_person not in str(b_rows)
    # A deletes the document: the conflict is withdrawn and B hears of it.
    count_b = "SELECT count(*) FROM decision WHERE center_code='LH02' AND row_id = %s"
    (before,) = district_rows(two.admin_url, count_b, cid)[0]
    hostile_batch(two.a.url, {"deletes": (["table_name", "id"], [["id_document", doc_id]])})
    assert district_rows(two.admin_url, "SELECT status FROM conflict WHERE id = %s",
                         cid) == [("withdrawn",)]
    assert district_rows(two.admin_url, count_b, cid)[0][0] == before + 1


def test_later_batch_cannot_move_collected_at(two):
    # rule R2: finding 3 (a late delivery re-sent with an earlier collected_at).
    tid = str(uuid.uuid4())
    late = datetime.now(UTC) - timedelta(days=3)
    row = [tid, "p", "u", late.isoformat(), late.isoformat(), late.isoformat(), False]
    hostile_batch(two.a.url, {"tenancy": (TENANCY_COLS, [row])})
    (delivered,) = district_rows(two.admin_url, "SELECT delivered_at FROM tenancy WHERE id=%s",
                                 tid)[0]
    row2 = [tid, "p", "u", (delivered - timedelta(hours=1)).isoformat(), late.isoformat(),
            late.isoformat(), False]
    hostile_batch(two.a.url, {"tenancy": (TENANCY_COLS, [row2])})
    (collected, delivered2) = district_rows(
        two.admin_url, "SELECT collected_at, delivered_at FROM tenancy WHERE id=%s", tid)[0]
    assert collected == late and delivered2 == delivered
    assert delivered2 - collected > timedelta(hours=24)


def test_centre_only_notes_a_conflict_the_district_closes_it(two):
    # rule R6: finding 4 (A closed B's conflict alone with 1 MB of text).
    hostile_batch(two.a.url, registered_tenant(idno(2))[0])
    (cid,) = district_rows(two.admin_url, "SELECT id FROM conflict WHERE 'LH02' = ANY(centers)")[0]
    with psycopg.connect(two.a.url) as a:
        for bad in ("x" * 1_000_000, "x" * 501, "ok\x1b[2J", "   "):
            with pytest.raises(psycopg.Error) as err:
                a.execute("SELECT district_resolve_conflict(%s, %s)", (cid, bad))
            assert err.value.sqlstate == "RDV09"
            a.rollback()
        assert a.execute("SELECT district_resolve_conflict(%s, %s)",
                         (cid, "本中心已核实")).fetchone()[0] is True
    row = district_rows(two.admin_url, "SELECT status, resolved_by, center_notes FROM conflict "
                        "WHERE id=%s", cid)
    assert row == [("open", None, {"LH01": "本中心已核实"})]
    assert district_rows(two.a.url, "SELECT my_note FROM centre_conflict") == [("本中心已核实",)]
    assert district_rows(two.b.url, "SELECT my_note FROM centre_conflict") == [(None,)]
