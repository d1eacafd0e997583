"""Second attack on card screening (helper, 2026-12-03, revision 0011): a document deleted
under an accepted card, a card handed to another holder, a document rewritten and its card
sent again in one batch, a revoked number moved or reused, non-canonical document numbers,
lock-table exhaustion, a centre's many connections, a conflict row held open."""

from __future__ import annotations

import uuid

import psycopg
import pytest

from app.sync.district import revoke_card_centrally
from app.sync.run import sync
from tests.conftest import idno
from tests.district._hostile import (
    DOC_COLS,
    PERSON_COLS,
    TENANCY_COLS,
    hostile_batch,
    registered_tenant,
)
from tests.district.conftest import add_tenant_with_card, centre_conn
from tests.district.test_hostile_centre import _card_cols, _protocol_batch
from tests.district.test_screening_attacks import _accepted_active, _b_card, _new_card_for
from tests.sync.conftest import district_rows


def _a_card(two) -> tuple[str, str]:
    """LH01's card and its holder."""
    return district_rows(two.admin_url, "SELECT id, person_id FROM card "
                         "WHERE center_code = 'LH01'")[0]


def _resend(two, card_id: str, **changes) -> dict:
    cols, row = _card_cols(two.admin_url, card_id)
    cols = [c for c in cols if c != "center_code"]
    sent = [v for i, v in enumerate(row) if i != 1]
    for k, v in changes.items():
        sent[cols.index(k)] = v
    return _protocol_batch(two.a.url, "card", cols, [tuple(sent)])


def test_a_document_deleted_under_its_card_stalls_no_one(two, photo_jpeg):  # rule R6
    # LH01 deletes its person's document, leaving the card keyed by it; LH02 then registers
    # the real holder of that number: its sync goes through and its card is accepted.
    card, person = _a_card(two)
    doc = district_rows(two.admin_url, "SELECT id FROM id_document WHERE person_id = %s",
                        person)[0][0]
    _protocol_batch(two.a.url, "card", [], [], deletes=[("id_document", doc)])
    assert district_rows(two.admin_url, "SELECT district_state FROM card WHERE id = %s",
                         card) == [("pending",)]  # no document: it waits for one
    # LH02 registers tenant 1 (LH01's number) with a card
    mine = add_tenant_with_card(two.b, 1, photo_jpeg + b"x")
    report = sync(two.b.desk, two.b.url)
    assert report["ok"] and report["refused_cards"] == [], report
    assert _accepted_active(two.admin_url, idno(1)) == [("LH02", mine)]


def test_a_card_handed_to_another_holder_is_screened_again(two):  # rule R6
    # LH01's card sent again for a person of its own who holds LH02's tenant's number
    stages, person, _ = registered_tenant(idno(2))
    hostile_batch(two.a.url, stages)[0].close()
    card, _ = _a_card(two)
    answer = _resend(two, card, person_id=person)
    assert answer["refused_cards"] == [card]
    assert _accepted_active(two.admin_url, idno(2)) == [("LH02", _b_card(two))]


def test_a_document_rewritten_with_its_card_in_one_batch(two):  # rule R6
    card, person = _a_card(two)
    doc = district_rows(two.admin_url, "SELECT id FROM id_document WHERE person_id = %s",
                        person)[0][0]
    cols, row = _card_cols(two.admin_url, card)
    cols = [c for c in cols if c != "center_code"]
    sent = [v for i, v in enumerate(row) if i != 1]
    rewritten = [doc, person, "resident", "CHN", idno(2), "2026-01-01", "2026-01-02", True]
    conn, answer = hostile_batch(two.a.url, {"id_document": (DOC_COLS, [rewritten]),
                                             "card": (cols, [sent])})
    conn.close()
    assert answer["refused_cards"] == [card]
    assert _accepted_active(two.admin_url, idno(2)) == [("LH02", _b_card(two))]


def test_a_revoked_card_keeps_its_number_and_holder(two):  # rule R6
    card, person = _a_card(two)
    number = district_rows(two.admin_url, "SELECT number FROM card WHERE id = %s", card)[0][0]
    assert revoke_card_centrally(two.admin_url, card, "伪造证件") == "LH01"
    _resend(two, card, number="3999999999", person_id=str(uuid.uuid4()))
    assert district_rows(two.admin_url, "SELECT number, person_id, status FROM card "
                         "WHERE id = %s", card) == [(number, person, "revoked")]


def test_another_card_moved_onto_a_revoked_number_is_refused(two):  # rule R6
    card, person = _a_card(two)
    number = district_rows(two.admin_url, "SELECT number FROM card WHERE id = %s", card)[0][0]
    stages, other, _ = registered_tenant("110101199003070011")
    cols, new = _new_card_for(two, other, "45454545")
    stages["card"] = (cols, [new])
    hostile_batch(two.a.url, stages)[0].close()
    assert revoke_card_centrally(two.admin_url, card, "伪造证件") == "LH01"
    answer = _resend(two, new[0], number=number)
    assert answer["refused_cards"] == [new[0]]
    assert district_rows(two.admin_url, "SELECT count(*) FROM card WHERE number = %s AND "
                         "status = 'active' AND district_state = 'accepted'", number) == [(0,)]


FULL_WIDTH = {ord(d): 0xFF10 + int(d) for d in "0123456789"}


SPELLINGS = [  # (kind, country, how the number is written)
    ("resident", "CHN", lambda n: n.lower()),  # a lower-case check character
    ("resident", "CHN", lambda n: " " + n), ("resident", "CHN", lambda n: n + " "),
    ("resident", "CHN", lambda n: n.translate(FULL_WIDTH)),
    ("passport", "CHN", str), ("other", "CHN", str),  # a resident number as other papers
    ("resident", "chn", str),
]


def test_documents_not_in_canonical_form_are_not_accepted(two):
    # rule R6: the district compares documents as the desk writes them (upper-case ASCII,
    # no spaces, a resident number only as a resident ID); anything else is not accepted.
    # One batch, one person per spelling (a fixture per case cost half a minute).
    n = "11010119900307001X"
    stages = {"person": (PERSON_COLS, []), "tenancy": (TENANCY_COLS, []),
              "id_document": (DOC_COLS, [])}
    docs = []
    for kind, country, spell in SPELLINGS:
        one, person, doc = registered_tenant(n)
        stages["person"][1].extend(one["person"][1])
        stages["tenancy"][1].extend(one["tenancy"][1])
        stages["id_document"][1].append([doc, person, kind, country, spell(n), "2026-01-01",
                                         "2026-01-01", True])
        docs.append(doc)
    conn, answer = hostile_batch(two.a.url, stages)
    conn.close()
    assert sorted((x["table"], x["id"], x["sqlstate"]) for x in answer["not_accepted"]) == \
        sorted(("id_document", d, "RDV12") for d in docs)
    assert district_rows(two.admin_url, "SELECT count(*) FROM id_document WHERE id = ANY(%s)",
                         docs) == [(0,)]


def test_a_centre_cannot_take_advisory_locks(two):
    # Any login could fill the server's shared lock table with session advisory locks and
    # stop every new connection (out of shared memory).
    with centre_conn(two.a.url) as conn:
        for call in ("pg_advisory_lock(1)", "pg_try_advisory_lock(1)",
                     "pg_advisory_xact_lock(1, 2)", "pg_advisory_lock_shared(1)"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(f"SELECT {call}")
            conn.rollback()


def test_a_centre_login_has_a_few_connections_only(two):
    with psycopg.connect(two.admin_url) as conn:
        limits = conn.execute("SELECT rolname, rolconnlimit FROM pg_roles WHERE rolname IN "
                              "('rd_lh01', 'rd_lh02') ORDER BY 1").fetchall()
    assert limits == [("rd_lh01", 4), ("rd_lh02", 4)]


def test_functions_on_shared_rows_wait_a_few_seconds_at_most(two):
    # A centre that holds a shared conflict row open (its own resolution, never committed)
    # makes the other centre's resolution wait seconds, not the client's five minutes.
    with psycopg.connect(two.admin_url) as conn:
        rows = conn.execute("SELECT p.proname, p.proconfig FROM pg_proc p WHERE p.proname IN "
                            "('district_resolve_conflict', 'office_resolve_conflict', "
                            "'district_put_blobs') ORDER BY 1").fetchall()
    assert [name for name, _ in rows] == ["district_put_blobs", "district_resolve_conflict",
                                          "office_resolve_conflict"]
    assert all(cfg and "lock_timeout=5s" in cfg for _, cfg in rows), rows


def _row(admin_url: str, table: str, row_id: str) -> tuple[list[str], list]:
    """A district row as its centre would stage it (no district-owned columns)."""
    from db.district.migrations.sql_0004 import DISTRICT_ONLY

    cols = [c for (c,) in district_rows(
        admin_url, "SELECT column_name FROM information_schema.columns WHERE table_schema = "
        "'public' AND table_name = %s ORDER BY ordinal_position", table)
        if c not in DISTRICT_ONLY and c not in ("center_code", "delivered_at", "district_cap")]
    row = district_rows(admin_url, f"SELECT {', '.join(cols)} FROM {table} WHERE id = %s",
                        row_id)[0]
    return cols, list(row)


@pytest.mark.parametrize("table", ["building", "tenancy"])
def test_district_facts_survive_a_delete_and_a_resend(two, table):  # rule R2, rule R5
    # A building's cap (the district's) or a tenancy's receipt (rule R2): deleted and sent
    # again, in one batch or two, the row does not come back without them.
    from app.sync.district import set_district_cap

    row_id = district_rows(two.admin_url, f"SELECT id FROM {table} WHERE center_code = 'LH01'")[0][0]
    if table == "building":
        set_district_cap(two.admin_url, row_id, 5)
    cols, row = _row(two.admin_url, table, row_id)
    before = district_rows(two.admin_url, f"SELECT to_jsonb(x) - 'received_at' - 'src_batch_no' "
                           f"FROM {table} x WHERE id = %s", row_id)
    answer = _protocol_batch(two.a.url, table, cols, [tuple(row)], deletes=[(table, row_id)])
    assert [(x["id"], x["sqlstate"]) for x in answer["not_accepted"]] == [(row_id, "RDF13")]
    again = _protocol_batch(two.a.url, table, cols, [tuple(row)])
    assert [(x["id"], x["sqlstate"]) for x in again["not_accepted"]] == [(row_id, "RDF13")]
    assert district_rows(two.admin_url, f"SELECT count(*) FROM {table} WHERE id = %s",
                         row_id) == [(0,)]
    assert before  # it was there, with its facts, before the centre deleted it


def test_screening_answers_rolled_back_are_counted(two):  # rule R6, rule R10
    # A centre may finish a batch, read which of its cards were refused, and roll back: a
    # probe of who holds a number that leaves no row behind. The clashes it was shown are
    # counted outside its transaction; past the district's budget its batches are refused
    # until the district has looked.
    with psycopg.connect(two.admin_url) as conn:
        conn.execute("UPDATE screening_lock SET probe_budget = 3")
    # each probe is shown two things: its refused card and the same_person conflict of the
    # number (the card's own conflict is the same news); the third finds the budget spent
    for n in range(2):
        stages, person, _ = registered_tenant(idno(2))
        cols, card = _new_card_for(two, person, f"4600000{n}")
        stages["card"] = (cols, [card])
        conn, answer = hostile_batch(two.a.url, stages, commit=False)
        assert answer["refused_cards"] == [card[0]]
        conn.rollback()
        conn.close()
    with pytest.raises(psycopg.Error) as refused:
        hostile_batch(two.a.url, {})
    assert refused.value.sqlstate == "RDP14"
    # LH02, which committed everything it was shown, syncs on
    assert sync(two.b.desk, two.b.url)["ok"]
    # the district looks and lets LH01 go on
    with psycopg.connect(two.admin_url) as conn:
        conn.execute("SELECT district_reset_probe_budget('LH01')")
    hostile_batch(two.a.url, {})[0].close()
