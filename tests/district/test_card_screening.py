"""Cards screened inside the merge (district revision 0010): a new card is keyed by its
holder's document and accepted as it is inserted when nothing can clash; the rest are
screened as before. The one-active-card rule (R6) holds in every order a batch can carry."""

from __future__ import annotations

from app.sync.run import sync
from app.tenants.cards import replace_card, report_lost
from tests.conftest import idno
from tests.district.conftest import add_tenant_with_card
from tests.district.test_hostile_centre import _card_cols, _protocol_batch
from tests.sync.conftest import district_rows


def _states(admin_url: str, center: str) -> dict[str, tuple[str, str]]:
    """card id -> (status, district_state) at the district."""
    return {i: (st, ds) for i, st, ds in district_rows(
        admin_url, "SELECT id, status, district_state FROM card WHERE center_code = %s", center)}


def test_a_new_card_is_keyed_and_accepted_by_the_merge(two, photo_jpeg):  # rule R6
    card = add_tenant_with_card(two.b, 3, photo_jpeg)
    assert sync(two.b.desk, two.b.url)["refused_cards"] == []
    got = district_rows(two.admin_url, "SELECT district_state, doc_key FROM card WHERE id = %s",
                        card)
    assert got == [("accepted", f"resident:CHN:{idno(3)}")]


def test_replacement_in_one_batch_keeps_one_active_card(two):  # rule R6
    # 挂失 then 补卡 between two syncs: the old card ends and the new one is issued in the
    # same batch; the new card is accepted, never refused against its own predecessor.
    (old,) = _states(two.admin_url, "LH02")
    report_lost(two.b.desk, two.b.actor, idno=idno(2))
    new = replace_card(two.b.desk, two.b.actor, idno(2), "90000002")
    report = sync(two.b.desk, two.b.url)
    assert report["ok"] and report["refused_cards"] == []
    states = _states(two.admin_url, "LH02")
    assert states[new.id] == ("active", "accepted")
    assert states[old] == ("lost", "accepted")


def test_lost_and_replaced_before_the_first_sync(two, photo_jpeg):  # rule R6
    old = add_tenant_with_card(two.b, 4, photo_jpeg)
    report_lost(two.b.desk, two.b.actor, idno=idno(4))
    new = replace_card(two.b.desk, two.b.actor, idno(4), "90000004")
    assert sync(two.b.desk, two.b.url)["refused_cards"] == []
    states = _states(two.admin_url, "LH02")
    assert states[new.id] == ("active", "accepted")
    assert states[old] == ("lost", "accepted")


def test_two_active_cards_for_one_document_in_one_batch(two):  # rule R6
    # A hostile centre stages two active cards for its own person in one batch: the first
    # is accepted, the second refused — the batch is applied, no unique-index error.
    a_card = district_rows(two.admin_url, "SELECT id FROM card WHERE center_code = 'LH01'")[0][0]
    cols, row = _card_cols(two.admin_url, a_card)
    rows = []
    for suffix in ("1", "2"):
        twin = list(row)
        twin[cols.index("id")] = "0190ffff-0000-7000-8000-00000000000" + suffix
        twin[cols.index("number")] = "7700000" + suffix
        rows.append(tuple(twin))
    answer = _protocol_batch(two.a.url, "card", cols, rows)
    assert sorted(answer["refused_cards"]) == [rows[0][0], rows[1][0]]  # the original holds it
    active = district_rows(two.admin_url, "SELECT count(*) FROM card WHERE center_code = 'LH01' "
                           "AND status = 'active' AND district_state = 'accepted'")
    assert active == [(1,)]


def test_two_new_twins_first_wins(two):  # rule R6
    a_card = district_rows(two.admin_url, "SELECT id FROM card WHERE center_code = 'LH01'")[0][0]
    cols, row = _card_cols(two.admin_url, a_card)
    ended = list(row)
    ended[cols.index("status")] = "returned"
    _protocol_batch(two.a.url, "card", cols, [tuple(ended)])  # the original is returned
    twins = []
    for suffix in ("2", "1"):  # staged out of order: the smaller id wins
        twin = list(row)
        twin[cols.index("id")] = "0190ffff-0000-7000-8000-00000000001" + suffix
        twin[cols.index("number")] = "7800000" + suffix
        twins.append(tuple(twin))
    answer = _protocol_batch(two.a.url, "card", cols, twins)
    assert answer["refused_cards"] == [twins[0][0]]
    got = district_rows(two.admin_url, "SELECT id FROM card WHERE center_code = 'LH01' AND "
                        "status = 'active' AND district_state = 'accepted'")
    assert got == [(twins[1][0],)]
