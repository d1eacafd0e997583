"""The command line as a clerk uses it: exit codes, JSON output, refusals that change nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.cli import main
from tests.conftest import DATA, PASSWORD, cn, idno


@pytest.fixture
def home(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.setenv("RENTDESK_PASSWORD", PASSWORD)
    h = tmp_path / "home"
    assert main(["--home", str(h), "init", "--center-code", "LH01", "--center-name", "东门中心",
                 "--admin", "admin", "--induction-date", "2026-01-05"]) == 0
    return h


def run(home: Path, *args: str) -> int:
    return main(["--home", str(home), *args])


def person_file(home: Path, n: int, **fields: str) -> str:
    """The person as a JSON file: personal data never goes on the command line (issue 12)."""
    path = home.parent / f"person{n}.json"
    path.write_text(json.dumps({"idno": idno(n), "name": f"租户{cn(n)}", "phone": f"1390000000{n}",
                                "building": "B1", "unit": "101",
                                "photo": str(DATA / "astronaut.png"), **fields},
                               ensure_ascii=False), encoding="utf-8")
    return str(path)


def lines(capsys) -> list[dict]:
    return [json.loads(line) for line in capsys.readouterr().out.splitlines() if line.strip()]


def test_id_prints_one_json_object_per_number_and_exit_1_if_any_invalid(capsys):
    assert main(["id", "110101199003074477", "１１０１０１９００３０７４４７"]) == 0
    a, b = lines(capsys)
    assert a["valid"] and a["sex"] == "M" and a["birth_date"] == "1990-03-07" and a["error"] is None
    assert b["number"] == "110101199003074477"
    assert main(["id", "110101199003074478"]) == 1
    (c,) = lines(capsys)
    assert not c["valid"] and "校验码" in c["error"]
    assert set(c) >= {"input", "valid", "kind", "number", "birth_date", "sex", "region", "error"}


def test_whole_desk_flow_with_refusals(home: Path, capsys):
    # rule R5, rule R6: register with a real photo, issue, refuse, move out
    assert run(home, "building", "add", "--as", "admin", "--code", "B1", "--name", "一号楼",
               "--address", "东门路1号", "--floor-area", "16", "--public-area", "4") == 0
    assert run(home, "unit", "add", "--as", "admin", "--building", "B1", "--number", "101") == 0
    photo = DATA / "astronaut.png"
    for n in (1, 2):
        assert run(home, "register", "--as", "admin", "--person",
                   person_file(home, n, photo=str(photo))) == 0
    # (16 - 4) / 6 = 2 residents: a third is said full before saving (rule R5, people
    # count, cards or not) and recorded only when the clerk accepts it, flagged, no card
    third = person_file(home, 3, photo=str(photo))
    capsys.readouterr()
    assert run(home, "register", "--as", "admin", "--person", third) == 1
    assert "已满" in capsys.readouterr().err
    assert run(home, "register", "--as", "admin", "--person", third, "--accept-full") == 0
    assert run(home, "card", "issue", "--as", "admin", "--idno", idno(1), "--card", "0000000001") == 0
    assert run(home, "card", "issue", "--as", "admin", "--idno", idno(2), "--card", "00:00:00:02") == 0
    capsys.readouterr()
    # (16 - 4) / 6 = 2: the third card is refused, with the cap and the count
    assert run(home, "card", "issue", "--as", "admin", "--idno", idno(3), "--card", "0000000003") == 1
    err = capsys.readouterr().err
    assert "上限 2" in err and "2 张" in err
    assert run(home, "moveout", "--as", "admin", "--idno", idno(1)) == 0
    assert run(home, "card", "issue", "--as", "admin", "--idno", idno(3), "--card", "0000000003") == 0
    capsys.readouterr()
    assert run(home, "search", "--as", "admin", idno(3)) == 0
    (row,) = lines(capsys)
    assert row["card_number"] == "0000000003" and "********" in row["idno_masked"]


def test_photo_without_a_face_refused_and_nothing_registered(home: Path, tmp_path: Path, capsys):
    run(home, "building", "add", "--as", "admin", "--code", "B1", "--name", "一号楼",
        "--address", "东门路1号", "--floor-area", "100")
    run(home, "unit", "add", "--as", "admin", "--building", "B1", "--number", "101")
    blank = tmp_path / "blank.png"
    import cv2
    import numpy as np

    cv2.imwrite(str(blank), np.full((720, 1280, 3), 128, np.uint8))
    assert run(home, "register", "--as", "admin", "--person",
               person_file(home, 1, name="甲", photo=str(blank))) == 1
    assert "照片" in capsys.readouterr().err
    assert run(home, "search", "--as", "admin", idno(1)) == 0
    assert lines(capsys) == []


def test_wrong_password_refused(home: Path, monkeypatch, capsys):
    monkeypatch.setenv("RENTDESK_PASSWORD", "wrong password")
    assert run(home, "building", "add", "--as", "admin", "--code", "B1", "--name", "x",
               "--address", "y", "--floor-area", "10") == 1
    assert "密码错误" in capsys.readouterr().err


def test_demo_then_audit_verify(tmp_path: Path, capsys):
    # issue 12: demo data only in a trial centre, which `demo` makes in an empty folder
    home = tmp_path / "trial"
    pw = tmp_path / "pw.txt"
    pw.write_text("Lantern-Quarry-57-Mosaic\n")
    assert run(home, "demo", "--tenants", "300", "--seed", "5", "--password-file", str(pw)) == 0
    report = lines(capsys)[-1]
    assert report["tenants"] == 300 and report["cards"] > 0
    assert run(home, "audit", "verify") == 0


def test_register_refuses_a_bidi_override_in_the_name(home: Path, capsys):
    # issue 11's text boundary: a right-to-left override (U+202E) makes a name read as
    # something it is not; `register --person` goes through the same ORM flush check
    assert run(home, "building", "add", "--as", "admin", "--code", "B1", "--name", "一号楼",
               "--address", "东门路1号", "--floor-area", "64", "--public-area", "4") == 0
    assert run(home, "unit", "add", "--as", "admin", "--building", "B1", "--number", "101") == 0
    capsys.readouterr()
    for n, name in ((1, "王\u202e五"), (2, "\u202eabc")):
        assert run(home, "register", "--as", "admin", "--person", person_file(home, n, name=name)) == 1
        assert "U+202E" in capsys.readouterr().err
    assert run(home, "search", "--as", "admin", "王") == 0
    assert lines(capsys) == []
