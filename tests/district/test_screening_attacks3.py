"""Third attack on revision 0011 (2026-12-03): a document changed for a person without an
open tenancy, a shared conflict row held open by the other centre, temporary tables that
fill the server's lock table, and a probe counted twice per refused card."""

from __future__ import annotations

import uuid

import psycopg
import pytest

from app.sync.run import sync
from tests.conftest import idno
from tests.district._hostile import DOC_COLS, PERSON_COLS, hostile_batch, registered_tenant
from tests.district.conftest import centre_conn
from tests.district.test_screening_attacks import _accepted_active, _b_card, _new_card_for
from tests.sync.conftest import district_rows


def test_a_document_changed_for_a_person_without_a_tenancy_is_screened(two):  # rule R6
    person, doc = str(uuid.uuid4()), str(uuid.uuid4())
    cols, card = _new_card_for(two, person, "47474747")
    unused = "110101199003070038"
    hostile_batch(two.a.url, {
        "person": (PERSON_COLS, [[person, "x", "2026-01-01", "2026-01-01"]]),
        "id_document": (DOC_COLS, [[doc, person, "resident", "CHN", unused, "2026-01-01",
                                    "2026-01-01", True]]),
        "card": (cols, [card])})[0].close()
    changed = [doc, person, "resident", "CHN", idno(2), "2026-01-01", "2026-01-02", True]
    conn, answer = hostile_batch(two.a.url, {"id_document": (DOC_COLS, [changed])})
    conn.close()
    assert answer["refused_cards"] == [card[0]]
    assert _accepted_active(two.admin_url, idno(2)) == [("LH02", _b_card(two))]


def test_a_shared_conflict_held_open_stalls_no_sync(two):  # rule R6
    # LH01 registers LH02's tenant's number (a same_person conflict), then notes the
    # conflict in a transaction it never ends; LH02's next batch touching that person goes
    # through (the conflict exists: nothing to insert, nothing to wait for).
    hostile_batch(two.a.url, registered_tenant(idno(2))[0])[0].close()
    (cid,) = district_rows(two.admin_url, "SELECT id FROM conflict WHERE kind = 'same_person'")[0]
    hold = centre_conn(two.a.url)
    assert hold.execute("SELECT district_resolve_conflict(%s, %s)", (cid, "核查中")).fetchone()
    try:
        from sqlalchemy import text

        from db.engine import write_session

        with write_session(two.b.desk.engine) as s:  # LH02's tenancies sent again
            s.connection().execute(text(
                "INSERT INTO outbox (tx_id, table_name, row_id, op, at) SELECT 'touch', "
                "'tenancy', id, 'upsert', CURRENT_TIMESTAMP FROM tenancy"))
        report = sync(two.b.desk, two.b.url)
        assert report["ok"], report
    finally:
        hold.close()


def test_a_centre_cannot_make_temporary_tables(two):
    # 12,873 temporary tables in one open transaction filled the shared lock table: every
    # other centre's batch failed with "out of shared memory". The district's own functions
    # make the staging tables; a centre's login makes none.
    with centre_conn(two.a.url) as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute("CREATE TEMP TABLE z (x int)")
    assert sync(two.b.desk, two.b.url)["ok"]


def test_a_refused_card_is_counted_once(two):  # rule R10
    stages, person, _ = registered_tenant(idno(2))
    cols, card = _new_card_for(two, person, "48484848")
    stages["card"] = (cols, [card])
    conn, answer = hostile_batch(two.a.url, stages, commit=False)
    assert answer["refused_cards"] == [card[0]]
    conn.rollback()
    conn.close()
    # shown: the refused card and the same_person conflict of the number; the refused
    # card's own conflict is the same news and not counted again
    assert district_rows(two.admin_url, "SELECT district_probe_unseen('LH01')") == [(2,)]
