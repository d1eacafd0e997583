"""Reveal with a reason, in the CLI and the app, for the roles that may (issue 12, R10)."""

from __future__ import annotations

import json

import pytest
from sqlmodel import select

from app.cli import main
from app.errors import Refused
from app.privacy import reveal_person
from app.staff import create_staff
from db.engine import read_session
from db.models import AuditEvent
from tests.conftest import PASSWORD, idno, register

STRONG = "Lantern-Quarry-57-Mosaic"


def _reveals(desk) -> list[AuditEvent]:
    with read_session(desk.engine) as s:
        return list(s.exec(select(AuditEvent).where(AuditEvent.action == "person.reveal_id")))


def test_reveal_needs_permission_and_reason_and_is_logged(desk, admin, building):
    reg = register(desk, admin, 1)
    clerk = create_staff(desk, admin, "clerk1", STRONG, "clerk")
    with pytest.raises(Refused, match="may not reveal full ID numbers"):
        reveal_person(desk, clerk, reg.person_id, "想看")
    with pytest.raises(Refused, match="reason"):
        reveal_person(desk, admin, reg.person_id, " ")
    assert _reveals(desk) == []
    found = reveal_person(desk, admin, reg.person_id, "派出所核查")
    assert found.idno == idno(1) and found.phone == "13900000001"
    (event,) = _reveals(desk)
    assert event.staff_id == admin.staff_id and "派出所核查" in event.detail
    assert idno(1) not in event.detail


def test_cli_reveal_with_reason(desk, admin, building, capsys, monkeypatch):
    reg = register(desk, admin, 1)
    monkeypatch.setenv("RENTDESK_PASSWORD", PASSWORD)
    capsys.readouterr()
    assert main(["--home", str(desk.home), "reveal", "--as", "admin", reg.person_id,
                 "--reason", "派出所核查"]) == 0
    assert json.loads(capsys.readouterr().out)["idno"] == idno(1)
    assert len(_reveals(desk)) == 1
