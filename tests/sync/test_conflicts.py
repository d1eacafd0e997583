"""Conflicts are data: one person at two centres, two active cards, central decisions."""

from __future__ import annotations

import psycopg
import pytest
from sqlmodel import select

from app.sync.conflicts import list_conflicts, resolve_conflict
from app.sync.district import revoke_card_centrally, set_district_cap
from app.sync.run import sync
from app.tenants.cards import issue_card
from db.engine import read_session, write_session
from db.models import Building, Card, Outbox
from tests.conftest import idno, register
from tests.sync.conftest import assert_mirrored, district_rows, make_center


def _one_card(desk, actor, n: int, number: str, photo: bytes, building_code: str = "B1") -> str:
    register(desk, actor, n, photo=photo, building_code=building_code)
    return issue_card(desk, actor, idno(n), number).id


@pytest.fixture
def two_centres(desk, admin, building, tmp_path, lh01_url, lh02_url):
    desk2, admin2 = make_center(tmp_path / "home2", "LH02")
    yield (desk, admin, lh01_url), (desk2, admin2, lh02_url)
    desk2.close()


def test_two_centres_one_person_one_active_card_district_wide(two_centres, district, photo_jpeg):
    (a, a_admin, a_url), (b, b_admin, b_url) = two_centres
    card_a = _one_card(a, a_admin, 7, "0000000101", photo_jpeg)   # both offline, same person
    card_b = _one_card(b, b_admin, 7, "0000000202", photo_jpeg)
    assert sync(a, a_url)["refused_cards"] == []
    report_b = sync(b, b_url)
    assert report_b["ok"] and report_b["refused_cards"] == [card_b]
    sync(a, a_url)
    # rule R6: exactly one active accepted card for the document, district-wide.
    active = district_rows(district, "SELECT id FROM card WHERE status = 'active' "
                           "AND district_state = 'accepted' AND doc_key LIKE %s", f"%{idno(7)}")
    assert active == [(card_a,)]
    refused = district_rows(district, "SELECT district_state FROM card WHERE id = %s", card_b)
    assert refused == [("refused",)]  # stored, not lost
    for desk in (a, b):  # both centres see both conflicts after their sync
        kinds = sorted(c.kind for c in list_conflicts(desk))
        assert kinds == ["card_refused", "same_person"]
    assert [c.refused_here for c in list_conflicts(b) if c.kind == "card_refused"] == [True]
    assert [c.refused_here for c in list_conflicts(a) if c.kind == "card_refused"] == [False]
    assert_mirrored(a, district)
    assert_mirrored(b, district)
    # A supervisor at B resolves: B's card is revoked and the district hears of it.
    conflict = next(c for c in list_conflicts(b) if c.kind == "card_refused")
    resolve_conflict(b, b_admin, conflict.id, "本人在东门中心持卡", revoke_refused_card=True)
    sync(b, b_url)
    assert district_rows(district, "SELECT status FROM card WHERE id = %s", card_b) == [("revoked",)]
    # fix 11: a centre only notes a conflict; closing it is the district's (office).
    assert district_rows(district, "SELECT status, resolved_by, center_notes->>'LH02' FROM "
                         "conflict WHERE id = %s", conflict.id) == [
        ("open", None, "本人在东门中心持卡")]
    sync(a, a_url)
    assert sorted(c.kind for c in list_conflicts(a)) == ["card_refused", "same_person"]


def test_central_revocation_wins_and_caps_come_down_without_echo(desk, admin, building,
                                                                 district, lh01_url, photo_jpeg):
    card_id = _one_card(desk, admin, 3, "0000000303", photo_jpeg)
    sync(desk, lh01_url)
    with read_session(desk.engine) as s:
        building_id = s.exec(select(Building)).first().id
    assert revoke_card_centrally(district, card_id, "冒用证件") == "LH01"
    assert set_district_cap(district, building_id, 4) == "LH01"
    # Meanwhile the centre still believes the card is active and edits it.
    with write_session(desk.engine) as s:
        card = s.get(Card, card_id)
        card.end_reason = "note"
        s.add(card)
    report = sync(desk, lh01_url)
    assert report["down"]["decisions"] == {"card_revoked": 1, "building_cap": 1}
    assert district_rows(district, "SELECT status FROM card WHERE id = %s", card_id) == [("revoked",)]
    with read_session(desk.engine) as s:
        assert s.get(Card, card_id).status == "revoked"
        assert s.get(Building, building_id).district_cap == 4
    # Applied locally without echoing back up: only the audit entries of applying them wait.
    with read_session(desk.engine) as s:
        assert {o.table_name for o in s.exec(select(Outbox))} <= {"audit_event"}
    sync(desk, lh01_url)
    assert sync(desk, lh01_url)["batches"] == 0


def test_rls_a_centre_sees_and_writes_only_its_own_rows(two_centres, district, photo_jpeg):
    (a, a_admin, a_url), (b, b_admin, b_url) = two_centres
    _one_card(a, a_admin, 1, "0000000001", photo_jpeg)
    sync(a, a_url)
    with psycopg.connect(b_url) as conn:
        assert conn.execute("SELECT count(*) FROM person").fetchone()[0] == 0
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("INSERT INTO person (id, center_code, created_at, updated_at, name, "
                         "src_batch_no) VALUES ('x', 'LH01', now(), now(), 'x', 1)")
        conn.rollback()
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("UPDATE card SET district_state = 'accepted'")
        conn.rollback()
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("SELECT district_revoke_card('x', 'y')")
