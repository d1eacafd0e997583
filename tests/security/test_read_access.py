"""Nobody reads a tenant's data without an account, and no search is an oracle (issue 12)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import text

from app.cli import main
from app.desk.errors import Refused
from app.tenants.search import search_tenants
from db.engine import read_session
from tests.conftest import PASSWORD, idno, register


def _read_events(desk) -> list[dict]:
    with read_session(desk.engine) as s:
        rows = s.connection().execute(text(
            "SELECT staff_id, detail FROM audit_event WHERE action = 'personal.read' "
            "ORDER BY seq")).all()
    return [{"staff_id": r[0], **json.loads(r[1] or "{}")} for r in rows]


def test_search_without_an_account_is_refused(desk, admin, building):
    # rule R10: a read of personal data is attributed to a staff account
    register(desk, admin, 1)
    with pytest.raises(Refused, match="Sign in"):
        search_tenants(desk, None, "测试")


@pytest.mark.parametrize("command", [["search", "1", "--limit", "100000"], ["due"],
                                     ["training"], ["dashboard"]])
def test_cli_reads_without_as_are_refused(desk, admin, building, capsys, monkeypatch, command):
    # rule R10: search, due, training and dashboard list tenants or staff: account first
    register(desk, admin, 1)
    desk.close()
    monkeypatch.delenv("RENTDESK_USER", raising=False)
    with pytest.raises(SystemExit, match="--as"):
        main(["--home", str(desk.home), *command])
    assert "测试一" not in capsys.readouterr().out


def test_search_is_audited_with_kind_and_keyed_hash_not_the_term(desk, admin, building):
    # rule R10: who looked for what, without writing the number into the log
    register(desk, admin, 1)
    number = idno(1)
    assert search_tenants(desk, admin, number)
    (event,) = _read_events(desk)
    assert event["staff_id"] == admin.staff_id and event["kind"] == "id"
    assert number not in json.dumps(event) and len(event["term_hmac"]) == 32
    search_tenants(desk, admin, number)
    assert _read_events(desk)[1]["term_hmac"] == event["term_hmac"]  # same term, same hash
    import hashlib

    assert event["term_hmac"] != hashlib.sha256(number.encode()).hexdigest()[:32]  # keyed
    from app.staff.audit import verify_chain

    with read_session(desk.engine) as s:
        assert verify_chain(s) == []  # read entries are links of the same chain


def test_id_prefix_is_not_an_oracle(desk, admin, building):
    # no oracle: a growing prefix of the masked middle never narrows a result
    register(desk, admin, 1, name="张伟")
    number = idno(1)
    for n in range(4, 18):
        assert search_tenants(desk, admin, number[:n]) == [], n
    assert [r.name for r in search_tenants(desk, admin, number)] == ["张伟"]


def test_phone_prefix_is_not_an_oracle(desk, admin, building):
    register(desk, admin, 1, name="张伟")  # phone 13900000001
    for n in range(3, 11):
        assert search_tenants(desk, admin, "13900000001"[:n]) == [], n
    assert [r.name for r in search_tenants(desk, admin, "13900000001")] == ["张伟"]


def test_last_digits_only_with_the_name_and_only_the_visible_four(desk, admin, building):
    register(desk, admin, 1, name="张伟")
    number = idno(1)
    assert [r.name for r in search_tenants(desk, admin, "张伟" + number[-4:])] == ["张伟"]
    assert [r.name for r in search_tenants(desk, admin, "张伟 0001")] == ["张伟"]  # phone tail
    assert search_tenants(desk, admin, number[-4:]) == []  # digits alone: nothing
    assert search_tenants(desk, admin, number[-6:]) == []
    # six trailing digits would test two masked ones: not a name+tail search
    assert search_tenants(desk, admin, "张伟" + number[-6:]) == []


def test_cli_search_with_account_is_audited(desk, admin, building, capsys, monkeypatch):
    register(desk, admin, 1)
    monkeypatch.setenv("RENTDESK_PASSWORD", PASSWORD)
    home: Path = desk.home
    assert main(["--home", str(home), "search", "--as", "admin", idno(1)]) == 0
    (row,) = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert "*" in row["idno_masked"]
    assert _read_events(desk)[-1]["kind"] == "id"


def test_whole_number_brute_force_is_stopped(desk, admin, building):
    # no oracle by brute force: a masked phone hides 4 digits; guesses that miss are counted
    from app.staff.read_audit import MISS_LIMIT

    register(desk, admin, 1, name="张伟")  # phone 13900000001
    for guess in range(MISS_LIMIT):
        assert search_tenants(desk, admin, f"1390000{9000 + guess:04d}") == []
    with pytest.raises(Refused, match="paused"):
        search_tenants(desk, admin, "13900000001")  # even the right number, now
    assert search_tenants(desk, admin, "张伟")  # names still work: they are on screen anyway


def test_form_by_guessed_number_counts_as_a_miss(desk, admin, building):
    from app.printing.documents import collection_form_pdf
    from app.staff.read_audit import MISS_LIMIT

    register(desk, admin, 1)
    for n in range(MISS_LIMIT):
        with pytest.raises(Refused):
            collection_form_pdf(desk, admin, idno(500 + n))
    with pytest.raises(Refused, match="paused"):
        collection_form_pdf(desk, admin, idno(1))


def test_typing_a_number_key_by_key_uses_no_budget(desk, admin, building):
    # search as you type: the prefixes of an ID are not guesses
    from app.staff.read_audit import MISS_LIMIT

    register(desk, admin, 1, name="张伟")
    for _ in range(3):
        for n in range(1, 18):
            search_tenants(desk, admin, idno(99)[:n])
    assert MISS_LIMIT > 3  # three whole numbers mistyped at most
    assert [r.name for r in search_tenants(desk, admin, idno(1))] == ["张伟"]


def _lookups():
    from app.services.permits import permit_applications, set_permit_status
    from app.tenants.cards import issue_card, replace_card, report_lost
    from app.tenants.intake import move_out

    return {
        "card issue": lambda d, a, n: issue_card(d, a, n, "0000000042"),
        "card replace": lambda d, a, n: replace_card(d, a, n, "0000000043"),
        "card lost": lambda d, a, n: report_lost(d, a, idno=n),
        "moveout": lambda d, a, n: move_out(d, a, n),
        "permit status": lambda d, a, n: permit_applications(d, a, n),
        "permit set": lambda d, a, n: set_permit_status(d, a, "returned", date(2026, 3, 2),
                                                        idno=n),
    }


@pytest.mark.parametrize("way", ["card issue", "card replace", "card lost", "moveout",
                                 "permit status", "permit set"])
def test_lookup_by_guessed_number_counts_as_a_miss(desk, admin, building, way):
    # issue 12 / rule R10: every exact-number lookup shares the search's miss budget
    from app.staff.read_audit import MISS_LIMIT

    lookup = _lookups()[way]
    register(desk, admin, 1, name="张伟")
    for n in range(MISS_LIMIT):
        with pytest.raises(Refused, match="No tenant is registered"):
            lookup(desk, admin, idno(500 + n))
    misses = [e for e in _read_events(desk) if e.get("miss")]
    assert len(misses) == MISS_LIMIT
    assert all(idno(500)[:10] not in json.dumps(e) for e in misses)  # a keyed hash only
    with pytest.raises(Refused, match="paused"):
        lookup(desk, admin, idno(1))  # even the right number, now
    with pytest.raises(Refused, match="paused"):
        search_tenants(desk, admin, idno(1))  # one budget for every way in


def test_found_numbers_and_card_numbers_use_no_budget(desk, admin, building):
    from app.staff.read_audit import MISS_LIMIT
    from app.tenants.cards import report_lost

    register(desk, admin, 1, name="张伟")
    for _ in range(MISS_LIMIT + 1):
        with pytest.raises(Refused):  # found the person, who has no card: not a miss
            report_lost(desk, admin, idno=idno(1))
        with pytest.raises(Refused):  # an unknown card number is not a document number
            report_lost(desk, admin, card_text="0000009999")
    assert not [e for e in _read_events(desk) if e.get("miss")]
    assert [r.name for r in search_tenants(desk, admin, idno(1))] == ["张伟"]
