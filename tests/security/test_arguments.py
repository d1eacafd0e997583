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
