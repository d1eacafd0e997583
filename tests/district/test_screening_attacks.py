"""Card screening (rule R6) against a hostile centre holding its own district login (attack
of 2026-12-03): no lock a centre can take stops another centre's sync, and no order of rows
— a card before its document, a document changed after its card, a second document, a card
woken up again, a revoked number reused — gives one person two accepted active cards."""

from __future__ import annotations

import time
import uuid

import psycopg
import pytest

from app.sync.district import revoke_card_centrally
from app.sync.run import sync
from tests.conftest import idno
from tests.district._hostile import DOC_COLS, hostile_batch, registered_tenant
from tests.district.conftest import add_tenant_with_card, centre_conn
from tests.district.test_hostile_centre import _card_cols, _protocol_batch
from tests.sync.conftest import district_rows


def _accepted_active(admin_url: str, number: str) -> list[tuple[str, str]]:
    """(centre, card id) of every active accepted card whose holder has document `number`."""
    return sorted(district_rows(
        admin_url, "SELECT DISTINCT k.center_code, k.id FROM card k JOIN id_document d "
        "ON d.person_id = k.person_id AND d.center_code = k.center_code WHERE d.number = %s "
        "AND k.status = 'active' AND k.district_state = 'accepted'", number))


def _b_card(two) -> str:
    return district_rows(two.admin_url, "SELECT id FROM card WHERE center_code = 'LH02'")[0][0]


def _new_card_for(two, person: str, number: str) -> tuple[list[str], list]:
    """A new active card row for `person` at LH01, shaped like LH01's real card."""
    a_card = district_rows(two.admin_url, "SELECT id FROM card WHERE center_code = 'LH01'")[0][0]
    cols, row = _card_cols(two.admin_url, a_card)
    card = list(row)
    card[cols.index("id")] = str(uuid.uuid4())
    card[cols.index("person_id")] = person
    card[cols.index("number")] = number
    card[cols.index("status")] = "active"
    cols = [c for c in cols if c != "center_code"]
    del card[1]
    return cols, card


@pytest.mark.parametrize("lock", ["SELECT pg_advisory_lock(74010001)",
                                  "SELECT pg_advisory_lock(7401, hashtext('resident:CHN:x'))"])
def test_a_centre_takes_no_advisory_lock_and_stops_no_one(two, photo_jpeg, lock):  # rule R6
    # Any login could take any advisory lock (and stall every other centre's sync): a
    # centre's login may take none now, and the screening waits for none.
    hold = centre_conn(two.a.url)
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        hold.execute(lock)
    hold.rollback()
    try:
        card = add_tenant_with_card(two.b, 5, photo_jpeg)
        report = sync(two.b.desk, two.b.url)
        assert report["ok"], report
        assert _accepted_active(two.admin_url, idno(5)) == [("LH02", card)]
    finally:
        hold.close()


def _hold_screening_lock_open(two):
    """LH01 finishes a batch with a card of its own and never commits: it holds the lock."""
    stages, person, _ = registered_tenant(idno(40))
    cols, card = _new_card_for(two, person, "40404040")
    stages["card"] = (cols, [card])
    conn, answer = hostile_batch(two.a.url, stages, commit=False)
    assert answer["refused_cards"] == []
    return conn


def _screening_limits(admin_url: str, **limits: str) -> None:
    sets = ", ".join(f"{k} = %s" for k in limits)
    with psycopg.connect(admin_url) as conn:
        conn.execute(f"UPDATE screening_lock SET {sets}", tuple(limits.values()))


def test_a_batch_held_open_delays_no_sync(two, photo_jpeg):  # rule R6
    # LH01 holds the lock: LH02's sync waits its few seconds and goes through; its new card
    # waits (pending) and is screened at its next batch, once LH01 has let go.
    _screening_limits(two.admin_url, wait="1 s", idle_limit="1 hour")
    conn = _hold_screening_lock_open(two)
    try:
        card = add_tenant_with_card(two.b, 6, photo_jpeg)
        report = sync(two.b.desk, two.b.url)
        assert report["ok"] and report["refused_cards"] == [], report
        assert district_rows(two.admin_url, "SELECT district_state FROM card WHERE id = %s",
                             card) == [("pending",)]
    finally:
        conn.close()
    add_tenant_with_card(two.b, 7, photo_jpeg)  # the next day's work: the next batch
    assert sync(two.b.desk, two.b.url)["ok"]
    assert _accepted_active(two.admin_url, idno(6)) == [("LH02", card)]


def test_a_centre_sitting_on_the_lock_is_ended(two, photo_jpeg):  # rule R6
    _screening_limits(two.admin_url, idle_limit="1 s")
    conn = _hold_screening_lock_open(two)
    time.sleep(1.5)  # idle in its transaction past the limit
    card = add_tenant_with_card(two.b, 6, photo_jpeg)
    assert sync(two.b.desk, two.b.url)["ok"]
    assert _accepted_active(two.admin_url, idno(6)) == [("LH02", card)]
    assert conn.closed or conn.broken or _ended(conn)
    assert district_rows(two.admin_url, "SELECT count(*) FROM card WHERE number = '40404040'") \
        == [(0,)]  # its batch rolled back with it


def _ended(conn) -> bool:
    try:
        conn.execute("SELECT 1")
    except psycopg.OperationalError:
        return True
    return False


def test_a_big_batch_of_cards_fits_the_lock_table(two):  # rule R6
    # One lock per batch, not one per card: 7,000 new cards in one batch (an advisory lock
    # per document filled PostgreSQL's shared lock table at 30,000 tenants).
    from tests.district._hostile import PERSON_COLS, TENANCY_COLS

    cols, template = _new_card_for(two, "p", "0")
    people, docs, tenancies, cards = [], [], [], []
    for n in range(7000):
        person = str(uuid.uuid4())
        people.append([person, "x", "2026-01-01", "2026-01-01"])
        docs.append([str(uuid.uuid4()), person, "passport", "FRA", f"P{n:07d}", "2026-01-01",
                     "2026-01-01", True])
        tenancies.append([str(uuid.uuid4()), person, "u", "2026-01-01", "2026-01-01",
                          "2026-01-01", False])
        card = list(template)
        card[cols.index("id")], card[cols.index("person_id")] = str(uuid.uuid4()), person
        card[cols.index("number")] = f"9{n:07d}"
        cards.append(card)
    conn, answer = hostile_batch(two.a.url, {
        "person": (PERSON_COLS, people), "id_document": (DOC_COLS, docs),
        "tenancy": (TENANCY_COLS, tenancies), "card": (cols, cards)})
    conn.close()
    assert answer["refused_cards"] == []
    assert district_rows(two.admin_url, "SELECT count(*) FROM card WHERE center_code = 'LH01' "
                         "AND number LIKE '9%%' AND district_state = 'accepted'") == [(7000,)]


def test_a_card_sent_before_its_document_is_screened_when_it_arrives(two):  # rule R6
    # Batch 1: a person, a tenancy and an active card, no document (the key would be NULL).
    stages, person, _ = registered_tenant(idno(2))
    document = stages.pop("id_document")
    cols, card = _new_card_for(two, person, "41414141")
    stages["card"] = (cols, [card])
    hostile_batch(two.a.url, stages)[0].close()
    assert _accepted_active(two.admin_url, idno(2)) == [("LH02", _b_card(two))]
    # Batch 2: the document, LH02's person's number: LH01's card is refused, LH02 keeps its.
    conn, answer = hostile_batch(two.a.url, {"id_document": document})
    conn.close()
    assert answer["refused_cards"] == [card[0]]
    assert _accepted_active(two.admin_url, idno(2)) == [("LH02", _b_card(two))]


def test_a_document_changed_after_its_card_is_screened_again(two):  # rule R6
    # LH01's own person, card accepted; then its document is rewritten to LH02's person's.
    doc_id, person = district_rows(
        two.admin_url, "SELECT id, person_id FROM id_document WHERE center_code = 'LH01'")[0]
    a_card = district_rows(two.admin_url, "SELECT id FROM card WHERE center_code = 'LH01'")[0][0]
    changed = [doc_id, person, "resident", "CHN", idno(2), "2026-01-01", "2026-01-02", True]
    conn, answer = hostile_batch(two.a.url, {"id_document": (DOC_COLS, [changed])})
    conn.close()
    assert answer["refused_cards"] == [a_card]
    assert _accepted_active(two.admin_url, idno(2)) == [("LH02", _b_card(two))]
    # Corrected back: the card is screened again and accepted, its conflict withdrawn.
    changed[4], changed[6] = idno(1), "2026-01-03"
    conn, answer = hostile_batch(two.a.url, {"id_document": (DOC_COLS, [changed])})
    conn.close()
    assert answer["refused_cards"] == []
    assert _accepted_active(two.admin_url, idno(1)) == [("LH01", a_card)]
    assert district_rows(two.admin_url, "SELECT status FROM conflict WHERE dedup_key = %s",
                         "card_refused:" + a_card) == [("withdrawn",)]


def test_a_second_document_that_keys_differently_is_screened_by_every_key(two):  # rule R6
    # Two documents: a made-up one that sorts first (the card's key) and LH02's person's.
    stages, person, _ = registered_tenant(idno(2))
    decoy = [str(uuid.uuid4()), person, "resident", "CHN", "110101190001010000", "2026-01-01",
             "2026-01-01", True]
    stages["id_document"][1].append(decoy)
    cols, card = _new_card_for(two, person, "42424242")
    stages["card"] = (cols, [card])
    conn, answer = hostile_batch(two.a.url, stages)
    conn.close()
    assert answer["refused_cards"] == [card[0]]
    assert _accepted_active(two.admin_url, idno(2)) == [("LH02", _b_card(two))]


def test_an_ended_card_woken_up_is_screened_again(two):  # rule R6
    a_card = district_rows(two.admin_url, "SELECT id FROM card WHERE center_code = 'LH01'")[0][0]
    cols, row = _card_cols(two.admin_url, a_card)
    cols = [c for c in cols if c != "center_code"]
    old = [v for i, v in enumerate(row) if i != 1]
    ended = list(old)
    ended[cols.index("status")] = "returned"
    _protocol_batch(two.a.url, "card", cols, [tuple(ended)])
    new = list(old)
    new[cols.index("id")], new[cols.index("number")] = str(uuid.uuid4()), "43434343"
    assert _protocol_batch(two.a.url, "card", cols, [tuple(new)])["refused_cards"] == []
    # The old card sent again as active: it does not become a second accepted card.
    answer = _protocol_batch(two.a.url, "card", cols, [tuple(old)])
    assert answer["refused_cards"] == [a_card]
    assert _accepted_active(two.admin_url, idno(1)) == [("LH01", new[0])]


def test_a_centrally_revoked_number_is_not_issued_again(two):  # rule R6
    a_card = district_rows(two.admin_url, "SELECT id FROM card WHERE center_code = 'LH01'")[0][0]
    assert revoke_card_centrally(two.admin_url, a_card, "伪造证件") == "LH01"
    cols, row = _card_cols(two.admin_url, a_card)
    cols = [c for c in cols if c != "center_code"]
    again = [v for i, v in enumerate(row) if i != 1]
    again[cols.index("id")] = str(uuid.uuid4())  # a new row, the revoked card's number
    again[cols.index("status")], again[cols.index("ended_at")] = "active", None
    again[cols.index("end_reason")] = None
    answer = _protocol_batch(two.a.url, "card", cols, [tuple(again)])
    assert answer["refused_cards"] == [again[0]]
    assert _accepted_active(two.admin_url, idno(1)) == []


def test_a_refused_card_tells_neither_centre_the_others_ids(two):  # rule R6, issue 11
    stages, person, _ = registered_tenant(idno(2))
    cols, card = _new_card_for(two, person, "44444444")
    stages["card"] = (cols, [card])
    hostile_batch(two.a.url, stages)[0].close()
    b_ids = {i for (i,) in district_rows(two.admin_url, "SELECT id FROM card WHERE center_code "
                                         "= 'LH02' UNION SELECT id FROM person WHERE "
                                         "center_code = 'LH02'")}
    with centre_conn(two.a.url) as conn:  # what LH01's own login reads of the feed
        feed = conn.execute("SELECT payload::text FROM decision").fetchall()
        seen = conn.execute("SELECT rows::text FROM centre_conflict").fetchall()
    assert feed and seen  # LH01 was told of the conflict
    assert not any(i in text for (text,) in feed + seen for i in b_ids)
