"""`rentdesk door …`: add, list, push, reconcile --fix --xlsx, check, remove (R4, R7)."""

from __future__ import annotations

import json
from datetime import date

from app.cli import main
from app.desk.context import open_desk
from tests.conftest import PASSWORD
from tests.doors.conftest import tenant_with_card


def lines(capsys) -> list[dict]:
    return [json.loads(x) for x in capsys.readouterr().out.splitlines() if x.strip()]


def test_door_commands_end_to_end(desk, admin, building, board, photo_jpeg, capsys, monkeypatch,
                                  tmp_path):
    monkeypatch.setenv("RENTDESK_PASSWORD", PASSWORD)
    home = str(desk.home)
    card = tenant_with_card(desk, admin, 1, photo_jpeg)
    assert main(["--home", home, "door", "add", "--as", "admin", "--building", "B1", "--name",
                 "大门", "--serial", str(board.serial), "--address", board.address]) == 0
    (added,) = lines(capsys)
    assert added["jobs_waiting"] == 1 and added["cards_issued"] == 1
    assert main(["--home", home, "door", "push", "--as", "admin"]) == 0
    assert lines(capsys)[0]["put"] == 1 and int(card.number) in board.cards
    board.load({3_000_000_001: (date(2020, 1, 1), date(2099, 1, 1), (1, 0, 0, 0))})
    xlsx = tmp_path / "r.xlsx"
    assert main(["--home", home, "door", "reconcile", "--as", "admin", "--xlsx", str(xlsx)]) == 3
    (rep,) = lines(capsys)
    assert rep["counts"]["never_issued"] == 1 and xlsx.exists()
    assert main(["--home", home, "door", "reconcile", "--as", "admin", "--fix"]) == 0
    assert set(board.cards) == {int(card.number)}
    capsys.readouterr()
    assert main(["--home", home, "door", "check", "--as", "admin"]) == 0
    assert lines(capsys)[0]["reachable"] is True
    assert main(["--home", home, "door", "list", "--as", "admin"]) == 0
    (listed,) = lines(capsys)
    assert listed["online"] is True and listed["cards_on_door"] == 1
    assert main(["--home", home, "door", "add", "--as", "admin", "--building", "B1", "--name",
                 "x", "--serial", "1", "--address", "999.1.1.1"]) == 1
    assert "IPv4" in capsys.readouterr().err
    assert main(["--home", home, "door", "remove", "--as", "admin", "大门"]) == 0
    d = open_desk(desk.home)
    try:
        from app.doors.controllers import list_controllers

        assert list_controllers(d) == []
    finally:
        d.close()
