"""A district admin's revocation and cap reach the centre at its next sync and its clerk
sees them; conflicts resolved at the district; search masked and audited (R5, R6, R10)."""

from __future__ import annotations

import psycopg
import pytest
from sqlmodel import select

from app.desk.errors import Refused
from app.district_office import decisions, lookups
from app.identity import mask_id
from app.property.buildings import list_buildings
from app.sync.run import sync
from db.engine import read_session
from db.models import Card


def _active_card(desk) -> Card:
    with read_session(desk.engine) as s:
        return s.exec(select(Card).where(Card.status == "active").order_by(Card.id)).first()


def _building(desk, code: str):
    return next(b for b in list_buildings(desk, limit=500, offset=0, text=code) if b.code == code)


def test_revocation_and_cap_reach_the_centre_at_its_next_sync(district, centres, officer):
    lh01 = centres[0]
    card = _active_card(lh01.desk)
    b = list_buildings(lh01.desk, limit=1, offset=0)[0]
    with pytest.raises(Refused) as err:  # rule R10: a decision needs a reason
        decisions.revoke_card(officer, "LH01", card.number, " ")
    assert err.value.code == "reason_required"
    assert decisions.revoke_card(officer, "lh01", card.number, "冒用他人证件") == card.id
    assert decisions.set_cap(officer, "LH01", b.code, 1, "消防检查后核减") == b.id
    with pytest.raises(Refused) as err:  # already revoked: said so, nothing changes
        decisions.revoke_card(officer, "LH01", card.number, "再次")
    assert err.value.code == "card_not_active"
    # Before its sync the centre does not know; after it, the clerk's data says so.
    assert _active_card(lh01.desk).id == card.id
    report = sync(lh01.desk, lh01.url)
    assert report["down"]["decisions"] == {"card_revoked": 1, "building_cap": 1}
    with read_session(lh01.desk.engine) as s:
        local = s.get(Card, card.id)
        assert local.status == "revoked" and "冒用他人证件" in local.end_reason
    assert _building(lh01.desk, b.code).cap == 1
    # The other centre got nothing; the district audit names who did what, and why.
    assert sync(centres[1].desk, centres[1].url)["down"]["decisions"] == {}
    with psycopg.connect(district) as conn:
        logged = conn.execute("SELECT who, action, center_code, reason FROM office_audit "
                              "WHERE action IN ('revoke_card', 'set_cap') ORDER BY seq").fetchall()
    assert logged == [("li_admin", "revoke_card", "LH01", "冒用他人证件"),
                      ("li_admin", "set_cap", "LH01", "消防检查后核减")]
    entries = lookups.audit_entries(officer, center="LH01", staff="li_admin")
    assert {e.action for e in entries} == {"revoke_card", "set_cap"}


def test_conflict_resolved_by_district_staff_reaches_both_centres(district, centres, officer):
    from app.sync.conflicts import list_conflicts

    with psycopg.connect(district) as conn:  # one person at both centres (the same document)
        conn.execute("INSERT INTO conflict (id, kind, dedup_key, doc_key, centers, rows) VALUES "
                     "('c1', 'same_person', 'k1', 'resident:CHN:440303198001011234', "
                     "ARRAY['LH01','LH02'], '{}')")
        conn.execute("INSERT INTO decision (center_code, kind, row_id) VALUES "
                     "('LH01', 'conflict', 'c1'), ('LH02', 'conflict', 'c1')")
    for c in centres:
        sync(c.desk, c.url)
    listed = decisions.conflicts(officer)
    assert [(c.id, c.doc_masked) for c in listed] == [("c1", "440303********1234")]
    assert decisions.resolve(officer, "c1", "经核实为同一人，两处登记保留") is True
    assert decisions.resolve(officer, "c1", "again") is False
    for c in centres:
        sync(c.desk, c.url)
        [local] = list_conflicts(c.desk, status="resolved")
        assert local.resolution == "经核实为同一人，两处登记保留"


def test_search_is_masked_full_match_only_and_audited(district, centres, viewer):
    with psycopg.connect(district) as conn:
        number, name = conn.execute("SELECT i.number, p.name FROM id_document i JOIN person p "
                                    "ON p.id = i.person_id ORDER BY i.id LIMIT 1").fetchone()
    hits = lookups.search(viewer, number)
    assert hits and all(h.doc_masked == mask_id(number) for h in hits)
    assert lookups.search(viewer, number[:-1]) == []  # no prefix search: a full number only
    assert name in {h.name for h in lookups.search(viewer, name)}
    for bad in ("", "x", "a" * 65, "张\x00伟"):
        with pytest.raises(Refused):
            lookups.search(viewer, bad)
    entries = lookups.audit_entries(viewer, action="search")
    assert len(entries) == 3 and {e.staff for e in entries} == {"wang_viewer"}
    assert all(number not in (e.detail or "") for e in entries)  # the log holds it masked
    # A look through the audit page by person is itself a look, and audited.
    lookups.audit_entries(viewer, person=number)
    assert lookups.audit_entries(viewer, action="audit_by_person")
