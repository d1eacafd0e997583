"""No personal data in arguments (issue 12): people and passwords come from stdin or files;
the trial district's PostgreSQL stays outside the data folder."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest

from app.cli import main
from app.desk.errors import Refused
from app.sync.pgdemo import demo_data_dir
from tests.conftest import DATA, PASSWORD, idno


def test_register_takes_the_person_as_json_on_stdin(desk, admin, building, monkeypatch, capsys):
    monkeypatch.delenv("RENTDESK_PASSWORD", raising=False)
    person = {"证件号码": idno(1), "姓名": "张三", "联系电话": "13900000001", "楼栋编号": "B1",
              "房号": "102", "photo": str(DATA / "astronaut.png")}
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n" + json.dumps(person)))
    assert main(["--home", str(desk.home), "register", "--as", "admin"]) == 0
    assert json.loads(capsys.readouterr().out)["unit"] == "102"


def test_register_takes_a_one_row_csv_file(desk, admin, building, monkeypatch, tmp_path: Path):
    monkeypatch.setenv("RENTDESK_PASSWORD", PASSWORD)
    f = tmp_path / "p.csv"
    f.write_text(f"姓名,证件号码,联系电话,楼栋编号,房号,照片\n李四,{idno(2)},13900000002,B1,102,"
                 f"{DATA / 'astronaut.png'}\n", encoding="utf-8")
    assert main(["--home", str(desk.home), "register", "--as", "admin", "--person", str(f)]) == 0


@pytest.mark.parametrize("argv", [
    ["register", "--as", "admin", "--idno", "110101199003074477", "--name", "甲"],
    ["district", "add-center", "LH01", "--password", "secret-on-the-command-line"],
])
def test_personal_data_and_passwords_as_arguments_are_not_accepted(desk, argv, capsys):
    with pytest.raises(SystemExit) as e:
        main(["--home", str(desk.home), *argv])
    assert e.value.code == 2  # argparse: no such option


def test_idno_dash_reads_the_number_from_stdin(desk, admin, building, monkeypatch, capsys,
                                              photo_jpeg):
    from tests.conftest import register

    register(desk, admin, 1, photo=photo_jpeg)
    monkeypatch.delenv("RENTDESK_PASSWORD", raising=False)
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{PASSWORD}\n{idno(1)}\n"))
    assert main(["--home", str(desk.home), "card", "issue", "--as", "admin", "--idno", "-",
                 "--card", "0000000042"]) == 0


def test_district_demo_stays_outside_the_data_and_key_folders(tmp_path: Path):
    home = tmp_path / "home"
    home.mkdir()
    assert home not in demo_data_dir(home).parents and demo_data_dir(home) != home
    with pytest.raises(Refused, match="must not live inside"):
        demo_data_dir(home, home / "district-pg")
    with pytest.raises(Refused, match="must not live inside"):
        demo_data_dir(home, Path(os.environ["RENTDESK_KEY_DIR"]) / "pg")


# --- every number option takes `-` or `@FILE`; a literal full number is warned (issue 12) ----

def _run(desk, *argv: str) -> int:
    return main(["--home", str(desk.home), *argv])


def test_idno_at_file_reads_the_first_line_and_does_not_warn(desk, admin, building, tmp_path,
                                                             monkeypatch, capsys, photo_jpeg):
    # issue 12 (house rule: personal data): the number is in a file, not in the process list
    from tests.conftest import register

    register(desk, admin, 1, photo=photo_jpeg)
    monkeypatch.setenv("RENTDESK_PASSWORD", PASSWORD)
    f = tmp_path / "n.txt"
    f.write_text(f"{idno(1)}\nignored\n", encoding="utf-8")
    assert _run(desk, "card", "issue", "--as", "admin", "--idno", f"@{f}",
                "--card", "0000000042") == 0
    assert _run(desk, "permit", "status", "--as", "admin", "--idno", f"@{f}") == 0
    assert _run(desk, "moveout", "--as", "admin", "--idno", f"@{f}") == 0
    assert "进程列表" not in capsys.readouterr().err


def test_lease_tenants_from_stdin_and_file(desk, admin, building, tmp_path, monkeypatch, capsys,
                                           photo_jpeg):
    from tests.conftest import register

    for n in (1, 2):
        register(desk, admin, n, unit="101", photo=photo_jpeg)
    monkeypatch.delenv("RENTDESK_PASSWORD", raising=False)
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{PASSWORD}\n{idno(1)}\n"))
    f = tmp_path / "second.txt"
    f.write_text(idno(2) + "\n", encoding="utf-8")
    capsys.readouterr()
    assert _run(desk, "lease", "add", "--as", "admin", "--building", "B1", "--unit", "101",
                "--tenant", "-", "--tenant", f"@{f}", "--rent", "1500",
                "--start", "2026-01-01", "--end", "2026-12-20") == 0
    out = capsys.readouterr()
    assert "进程列表" not in out.err
    assert sorted(t["name"] for t in json.loads(out.out)["tenants"]) == ["测试一", "测试二"]


def test_literal_full_number_warns_once_on_stderr(desk, admin, building, monkeypatch, capsys,
                                                  photo_jpeg):
    from app.cli.idno_args import WARNING
    from tests.conftest import register

    register(desk, admin, 1, photo=photo_jpeg)
    monkeypatch.setenv("RENTDESK_PASSWORD", PASSWORD)
    capsys.readouterr()
    assert _run(desk, "permit", "status", "--as", "admin", "--idno", idno(1)) == 0
    err = capsys.readouterr().err
    assert err.count(WARNING) == 1 and idno(1) not in err


@pytest.mark.parametrize("source", ["@empty", "-", "@/dev/zero"])
def test_empty_number_source_is_refused(desk, admin, tmp_path, monkeypatch, capsys, source):
    (tmp_path / "empty").write_text("", encoding="utf-8")
    if source == "@empty":
        source = f"@{tmp_path / 'empty'}"
    monkeypatch.delenv("RENTDESK_PASSWORD", raising=False)
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{PASSWORD}\n"))
    assert _run(desk, "moveout", "--as", "admin", "--idno", source) == 1
    assert "证件号码" in capsys.readouterr().err
