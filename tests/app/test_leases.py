"""房屋租赁合同登记 (rule R1): expiry tasks, renewal, and move-out that stops cards (rule R6)."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlmodel import select

from app.cli import main
from app.desk.errors import Refused
from app.services.leases import add_lease, end_lease, get_lease, lease_tasks, renew_lease
from app.tenants.cards import issue_card
from app.tenants.intake import move_out
from db.engine import read_session
from db.models import AuditEvent, Card, Tenancy
from tests.conftest import PASSWORD, idno, register

START, END = date(2026, 1, 1), date(2026, 12, 20)


def lease_101(desk, admin, *tenants: int, end: date = END):
    return add_lease(desk, admin, "B1", "101", [idno(n) for n in tenants], 1500, START, end,
                     deposit_yuan=3000)


@pytest.fixture
def two_with_cards(desk, admin, building, photo_jpeg):
    for n in (1, 2):
        register(desk, admin, n, unit="101", photo=photo_jpeg)
        issue_card(desk, admin, idno(n), f"000000000{n}")
    return lease_101(desk, admin, 1, 2)


def card_status(desk, n: int) -> str:
    with read_session(desk.engine) as s:
        return s.exec(select(Card.status).where(Card.number == f"000000000{n}")).one()


def test_lease_names_the_stays_and_the_landlord(desk, admin, two_with_cards):
    lease = two_with_cards
    assert lease.landlord_name == "林房东" and (lease.rent_yuan, lease.deposit_yuan) == (1500, 3000)
    assert [t.living for t in lease.tenants] == [True, True]
    assert all("*" in t.idno_masked for t in lease.tenants)  # lists never show full numbers


def test_lease_refusals(desk, admin, building):
    register(desk, admin, 1, unit="101")
    register(desk, admin, 3, unit="102")
    for args, code in (
        (dict(tenants=[3]), "not_living_here"),             # lives in 102, not 101
        (dict(end=START), "bad_term"),
        (dict(end=date(2046, 1, 2)), "term_too_long"),      # over 20 years (Civil Code 705)
        (dict(tenants=[]), "no_tenants"),
    ):
        with pytest.raises(Refused) as r:
            add_lease(desk, admin, "B1", "101", [idno(n) for n in args.get("tenants", [1])],
                      1500, START, args.get("end", END))
        assert r.value.code == code
    lease_101(desk, admin, 1)
    with pytest.raises(Refused) as r:
        lease_101(desk, admin, 1)
    assert r.value.code == "already_on_lease"
    with pytest.raises(Refused) as r:  # unit 102 has no landlord on record
        add_lease(desk, admin, "B1", "102", [idno(3)], 900, START, END)
    assert r.value.code == "landlord_required"
    made = add_lease(desk, admin, "B1", "102", [idno(3)], 900, START, END, landlord_name="周房东")
    assert made.landlord_name == "周房东"


@pytest.mark.parametrize(("today", "kind", "days"), [
    (date(2026, 11, 19), None, None),          # 31 days ahead: not yet a task
    (date(2026, 11, 20), "expiring", 30),      # exactly 30 days: a task
    (date(2026, 12, 20), "expiring", 0),       # ends today
    (date(2026, 12, 21), "expired", -1),       # passed
    (date(2027, 3, 1), "expired", -71),
])
def test_lease_tasks_from_30_days_before_the_end(desk, admin, two_with_cards, today, kind, days):
    tasks = lease_tasks(desk, today)
    if kind is None:
        assert tasks == []
    else:
        (task,) = tasks
        assert (task.kind, task.days_left, task.lease.id) == (kind, days, two_with_cards.id)
        assert "2026-12-20" in task.zh and "101" in task.zh


def test_confirmed_move_out_stops_the_cards_of_those_who_left(desk, admin, two_with_cards):
    # rule R6 (人走卡销): the lease ended, tenant 1 left and tenant 2 stays on
    lease = two_with_cards
    assert lease_tasks(desk, date(2026, 12, 21))
    done = end_lease(desk, admin, lease.id, staying_idnos=[idno(2)])
    assert done.lease.status == "ended" and done.cards_stopped == ("0000000001",)
    assert len(done.moved_out) == 1 and len(done.staying) == 1
    assert card_status(desk, 1) == "revoked" and card_status(desk, 2) == "active"
    with read_session(desk.engine) as s:
        gone = s.get(Tenancy, done.moved_out[0])
        assert gone.moved_out_at is not None
        actions = s.exec(select(AuditEvent.action)).all()
    assert "card.revoke" in actions and "tenant.move_out" in actions and "lease.end" in actions
    assert lease_tasks(desk, date(2026, 12, 21)) == []  # the task is done
    with pytest.raises(Refused):
        end_lease(desk, admin, lease.id)


def test_end_lease_skips_tenants_already_moved_out(desk, admin, two_with_cards):
    # re-running after an interruption, or a tenant who left earlier: nobody is moved twice
    move_out(desk, admin, idno(1), card_returned=True)
    done = end_lease(desk, admin, two_with_cards.id)
    assert done.cards_stopped == ("0000000002",)
    assert card_status(desk, 1) == "returned" and card_status(desk, 2) == "revoked"


def test_renewal_extends_the_end_and_clears_the_task(desk, admin, two_with_cards):
    lease = two_with_cards
    with pytest.raises(Refused) as r:
        renew_lease(desk, admin, lease.id, END)
    assert r.value.code == "bad_renewal"
    renewed = renew_lease(desk, admin, lease.id, date(2027, 12, 20), rent_yuan=1600)
    assert (renewed.end_date, renewed.renewals, renewed.rent_yuan) == (date(2027, 12, 20), 1, 1600)
    assert lease_tasks(desk, date(2026, 12, 21)) == []
    assert card_status(desk, 1) == card_status(desk, 2) == "active"
    move_out(desk, admin, idno(1))
    move_out(desk, admin, idno(2))
    with pytest.raises(Refused) as r:
        renew_lease(desk, admin, lease.id, date(2028, 12, 20))
    assert r.value.code == "nobody_left"
    assert get_lease(desk, lease.id).status == "active"


def test_cli_lease_listing_and_permit_commands(desk, admin, building, photo_jpeg, capsys,
                                               monkeypatch, tmp_path):
    monkeypatch.setenv("RENTDESK_PASSWORD", PASSWORD)

    def run(*args: str) -> int:
        return main(["--home", str(desk.home), *args])

    for n in (1, 2):
        register(desk, admin, n, unit="101", photo=photo_jpeg)
        issue_card(desk, admin, idno(n), f"000000000{n}")
    capsys.readouterr()
    # rule R5, R1: the unit is full, the listing is refused with the reason
    assert run("listing", "add", "--as", "admin", "--building", "B1", "--unit", "101",
               "--rent", "1200", "--available", "2026-12-01") == 1
    assert "已住满" in capsys.readouterr().err
    assert run("lease", "add", "--as", "admin", "--building", "B1", "--unit", "101",
               "--tenant", idno(1), "--tenant", idno(2), "--rent", "1500",
               "--start", "2026-01-01", "--end", "2026-12-20") == 0
    lease_id = json.loads(capsys.readouterr().out)["id"]
    assert run("lease", "tasks", "--as", "admin", "--date", "2026-12-25") == 0
    task = json.loads(capsys.readouterr().out)
    assert (task["kind"], task["lease"]["id"]) == ("expired", lease_id)
    # rule R6: confirming the move-out stops the card of the one who left
    assert run("lease", "end", "--as", "admin", lease_id, "--staying", idno(2)) == 0
    assert json.loads(capsys.readouterr().out)["cards_stopped"] == ["0000000001"]
    assert card_status(desk, 1) == "revoked" and card_status(desk, 2) == "active"
    # registered today: half a year is not reached, the check exits 1 and says what is missing
    assert run("permit", "check", "--as", "admin", "--idno", idno(2)) == 1
    assert "residence_6m" in json.loads(capsys.readouterr().out)["missing"]
    assert run("permit", "form", "--as", "admin", "--idno", idno(2),
               "--out", str(tmp_path / "p.pdf")) == 1
    assert not (tmp_path / "p.pdf").exists()
