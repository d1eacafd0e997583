"""Small things the attacker-helper found: `--as` accepted by the listing commands, the
audit log's lookups that found nobody in words, the 未接收 list in Chinese."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.cli import main
from app.sync import not_accepted
from db.engine import write_session
from tests.conftest import PASSWORD, idno


@pytest.fixture
def home(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.setenv("RENTDESK_PASSWORD", PASSWORD)
    h = tmp_path / "home"
    assert main(["--home", str(h), "init", "--center-code", "LH01", "--center-name", "东门中心",
                 "--admin", "admin", "--induction-date", "2026-01-05"]) == 0
    return h


def lines(capsys) -> list[dict]:
    return [json.loads(line) for line in capsys.readouterr().out.splitlines() if line.strip()]


def test_listing_commands_accept_as(home: Path, capsys):
    for argv in (["not-accepted", "--as", "admin"], ["building", "list", "--as", "admin"]):
        assert main(["--home", str(home), *argv]) == 0, argv
    capsys.readouterr()


def test_lookup_misses_read_in_words(home: Path, capsys, monkeypatch):
    # rule R10: who looked for a number that found nobody, said in words
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.StringIO(idno(5) + "\n"))
    assert main(["--home", str(home), "card", "lost", "--as", "admin", "--idno", "-"]) != 0
    capsys.readouterr()
    assert main(["--home", str(home), "audit", "list", "--as", "admin", "--action",
                 "personal.read"]) == 0
    entries = [e for e in lines(capsys) if "详情" in e]
    miss = next(e["详情"] for e in entries if e["详情"].get("未找到") == "是")
    assert miss["类别"] == "按证件号码办理门禁卡" and miss["找到"] == "0"


def test_district_reasons_on_the_chinese_list_are_chinese(tmp_path):
    # the district answers in English; the Chinese 同步 page shows Chinese first
    from app.desk.context import open_desk

    desk = open_desk(tmp_path / "d")
    with write_session(desk.engine) as s:
        not_accepted.record(s.connection(), [
            {"table": "person", "id": "x1", "sqlstate": "RDF05",
             "reason": "id belongs to another centre"}])
    (row,) = not_accepted.listed(desk)
    assert "another centre" not in row.reason_zh and "另一个中心" in row.reason_zh
    assert row.reason_en.startswith("id belongs to another centre")
    desk.close()
