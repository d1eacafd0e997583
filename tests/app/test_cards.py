"""Card issuance and lifecycle: one person one card (R6) within the cap (R5)."""

from __future__ import annotations

import pytest
from sqlmodel import select

from app.cards import (
    issue_card,
    normalise_card_number,
    replace_card,
    report_lost,
    return_card,
    revoke_card,
)
from app.errors import Refused
from app.intake import move_out
from app.staff import create_staff
from db.engine import read_session
from db.models import AuditEvent, Card, CardEvent, Outbox
from tests.conftest import idno, register


def test_card_number_forms_normalise_to_ten_digits():
    assert normalise_card_number("0012345678") == "0012345678"
    assert normalise_card_number("00BC614E") == "0012345678"
    assert normalise_card_number("00:bc:61:4e") == "0012345678"
    assert normalise_card_number("00-BC-61-4E") == "0012345678"
    assert normalise_card_number("００１２３４５６７８") == "0012345678"
    for bad in ("", "12345", "XYZ12345", "99999999999", "4294967296"):
        with pytest.raises(Refused):
            normalise_card_number(bad)


def test_issue_writes_card_event_audit_and_outbox_together(desk, admin, building, photo_jpeg):
    # rule R6: every card corresponds to one tenant record; rule R10: attributed
    register(desk, admin, 1, photo=photo_jpeg)
    info = issue_card(desk, admin, idno(1), "0000000001")
    assert info.status == "active" and info.building_name == "东门一号楼"
    with read_session(desk.engine) as s:
        card = s.exec(select(Card)).one()
        assert s.exec(select(CardEvent).where(CardEvent.card_id == card.id)).one().kind == "issue"
        audit = s.exec(select(AuditEvent).where(AuditEvent.entity_id == card.id)).one()
        assert audit.staff_id == admin.staff_id and audit.action == "card.issue"
        tables = {o.table_name for o in s.exec(select(Outbox))}
        assert {"card", "card_event", "tenancy", "person"} <= tables


def test_second_card_for_same_person_refused_naming_the_card(desk, admin, building, photo_jpeg):
    # rule R6: at most one active card per person
    register(desk, admin, 1, photo=photo_jpeg)
    issue_card(desk, admin, idno(1), "0000000001")
    with pytest.raises(Refused) as e:
        issue_card(desk, admin, idno(1), "0000000002")
    assert e.value.code == "already_has_card"
    assert "0000000001" in e.value.zh and "东门一号楼" in e.value.zh


def test_card_number_in_use_refused(desk, admin, building, photo_jpeg):
    # rule R6: a card number belongs to one tenancy at a time
    register(desk, admin, 1, photo=photo_jpeg)
    register(desk, admin, 2, photo=photo_jpeg)
    issue_card(desk, admin, idno(1), "0000000001")
    with pytest.raises(Refused) as e:
        issue_card(desk, admin, idno(2), "0000000001")
    assert e.value.code == "card_in_use"


def test_photo_required(desk, admin, building):
    # rule R6: issuance needs a photo
    register(desk, admin, 1, photo=None)
    with pytest.raises(Refused) as e:
        issue_card(desk, admin, idno(1), "0000000001")
    assert e.value.code == "photo_missing"


def test_cap_reached_says_cap_and_count_and_changes_nothing(desk, admin, building, photo_jpeg):
    # rule R5: cards up to floor((64 - 4) / 6) = 10, then refused
    for n in range(11):  # the 11th resident is over the cap: recorded by the clerk's choice
        register(desk, admin, n, photo=photo_jpeg, accept_full=n == 10)
    for n in range(10):
        issue_card(desk, admin, idno(n), f"{n + 1:010d}")
    with read_session(desk.engine) as s:
        outbox_before = len(s.exec(select(Outbox)).all())
    with pytest.raises(Refused) as e:
        issue_card(desk, admin, idno(10), "0000000099")
    assert e.value.code == "cap_reached"
    assert e.value.data == {"cap": 10, "residents": 10}
    assert "上限 10" in e.value.zh and "10 张" in e.value.zh
    with read_session(desk.engine) as s:
        assert len(s.exec(select(Card)).all()) == 10
        assert len(s.exec(select(Outbox)).all()) == outbox_before


def test_unit_cap_where_area_known(desk, admin, building, photo_jpeg):
    # rule R5: per unit: 12 m² / 6 = 2
    for n in range(3):
        register(desk, admin, n, unit="101", photo=photo_jpeg, accept_full=n == 2)
    issue_card(desk, admin, idno(0), "0000000001")
    issue_card(desk, admin, idno(1), "0000000002")
    with pytest.raises(Refused) as e:
        issue_card(desk, admin, idno(2), "0000000003")
    assert e.value.code == "unit_cap_reached" and e.value.data["cap"] == 2


def test_lost_number_blocked_forever_and_replacement_issued(desk, admin, building, photo_jpeg):
    # rule R6: lost -> replacement; the old number never works again
    register(desk, admin, 1, photo=photo_jpeg)
    register(desk, admin, 2, photo=photo_jpeg)
    issue_card(desk, admin, idno(1), "0000000001")
    report_lost(desk, admin, idno=idno(1))
    new = replace_card(desk, admin, idno(1), "0000000005")
    assert new.status == "active" and new.number == "0000000005"
    with pytest.raises(Refused) as e:
        issue_card(desk, admin, idno(2), "0000000001")
    assert e.value.code == "card_blocked"
    # A damaged (still active) card is replaced too; its number is then blocked as well.
    assert replace_card(desk, admin, idno(1), "0000000006").number == "0000000006"
    with pytest.raises(Refused) as e:
        issue_card(desk, admin, idno(2), "0000000005")
    assert e.value.code == "card_blocked"


def test_returned_number_can_be_reissued_revoked_cannot(desk, admin, building, photo_jpeg):
    for n in (1, 2, 3):
        register(desk, admin, n, photo=photo_jpeg)
    issue_card(desk, admin, idno(1), "0000000001")
    return_card(desk, admin, card_text="0000000001")
    assert issue_card(desk, admin, idno(2), "0000000001").status == "active"
    with pytest.raises(Refused):
        revoke_card(desk, admin, "  ", idno=idno(2))  # a reason is required
    revoke_card(desk, admin, "违规转借", idno=idno(2))
    with pytest.raises(Refused) as e:
        issue_card(desk, admin, idno(3), "0000000001")
    assert e.value.code == "card_blocked"


def test_move_out_revokes_card_and_frees_the_slot(desk, admin, building, photo_jpeg):
    # rule R6 (人走卡销) and rule R5: a moved-out tenant no longer counts
    for n in range(11):  # the 11th resident is over the cap: recorded by the clerk's choice
        register(desk, admin, n, photo=photo_jpeg, accept_full=n == 10)
    for n in range(10):
        issue_card(desk, admin, idno(n), f"{n + 1:010d}")
    assert move_out(desk, admin, idno(0)) == "0000000001"
    issue_card(desk, admin, idno(10), "0000000011")
    with pytest.raises(Refused) as e:
        issue_card(desk, admin, idno(0), "0000000012")
    assert e.value.code == "no_tenancy"


def test_untrained_clerk_cannot_issue(desk, admin, building, photo_jpeg):
    # rule R3: no passed induction -> no cards
    register(desk, admin, 1, photo=photo_jpeg)
    clerk = create_staff(desk, admin, "clerk1", "clerk-password", "clerk")
    with pytest.raises(Refused) as e:
        issue_card(desk, clerk, idno(1), "0000000001")
    assert e.value.code == "untrained" and "岗前培训" in e.value.zh
