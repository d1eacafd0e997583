"""The person's input boundary, one rule for the desk, `register --person` and the import:
phones are mainland mobiles or landlines with ASCII digits; names hold a visible letter and
no invisible format characters; a pasted ID number's line break is trimmed (rentdesk
attack notes M5, M6; the GUI side is tests/ui/test_intake_attack.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlmodel import select

from app.data.importer import import_file
from app.desk.errors import Refused
from app.tenants.field_complete import mobile_complete
from app.tenants.intake import TenantInput, register_tenant, validate_input
from app.tenants.phone import phone_problem
from db.engine import read_session
from db.models import Person
from tests.app.test_cli import home, person_file, run  # noqa: F401 - the CLI fixture
from tests.conftest import idno

GOOD_PHONES = {
    "13912345678": "13912345678",
    "１３９１２３４５６７８": "13912345678",          # a Chinese input method's full-width digits
    "139 1234 5678": "13912345678",
    "139-1234-5678": "13912345678",
    "19912345678": "19912345678",
    # one stored form, the digits (search finds a landline however it is typed)
    "0755-12345678": "075512345678",
    "０７５５－１２３４５６７８": "075512345678",
    "075512345678": "075512345678",
    "010-62345678": "01062345678",
    "020-2345678": "0202345678",
    "(0755) 2345 6789": "075523456789",
    "0755-12345678-803": "075512345678-803",       # with an extension
    "139١٢٣٤٥٦٧٨": "13912345678",                   # Arabic-Indic digits
    "13𝟗12345678": "13912345678",                   # a mathematical bold nine
}
BAD_PHONES = ["12345678901", "1291234567", "139123456789", "1391234567", "23912345678",
              "+8613912345678", "123", "0755-123", "00755-12345678", "0755-02345678",
              "13912345678x", "１３９", "tel 13912345678", "0755--12345678"]


@pytest.mark.parametrize("typed", GOOD_PHONES)
def test_mobiles_and_landlines_are_accepted_in_ascii(typed):
    assert phone_problem(typed) is None
    assert TenantInput(idno(1), "张三", typed, "B1", "102").phone == GOOD_PHONES[typed]


@pytest.mark.parametrize("typed", BAD_PHONES)
def test_anything_else_is_refused_naming_the_field(typed):
    field, zh, en = phone_problem(typed)
    assert field == "phone" and zh.startswith("联系电话") and "Phone" in en
    assert not mobile_complete(typed)  # never moves the form on either


def test_the_desk_stores_full_width_digits_as_ascii(desk, admin, building):
    done = register_tenant(desk, admin, TenantInput(idno(1), "张三", "１３９ １２３４ ５６７８",
                                                    "B1", "102"))
    with read_session(desk.engine) as s:
        assert s.get(Person, done.person_id).phone == "13912345678"


def test_the_import_uses_the_same_phone_rule(desk, admin, building, tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("姓名,证件号码,联系电话,楼栋编号,房号\n"
                    f"张三,{idno(1)},１３９０００００００１,B1,102\n"
                    f"李四,{idno(2)},+8613900000002,B1,102\n"
                    f"王五,{idno(3)},0755-1234,B1,102\n", encoding="utf-8")
    report = import_file(desk, admin, "tenants", path)
    assert (report.good, report.bad) == (1, 2)
    assert all(r["error"].startswith("联系电话") for r in report.rows if not r["ok"])
    with read_session(desk.engine) as s:
        assert [p.phone for p in s.exec(select(Person))] == ["13900000001"]


def test_the_command_line_uses_the_same_phone_rule(home, capsys):  # noqa: F811
    assert run(home, "building", "add", "--as", "admin", "--code", "B1", "--name", "一号楼",
               "--address", "东门路1号", "--floor-area", "64", "--public-area", "4") == 0
    assert run(home, "unit", "add", "--as", "admin", "--building", "B1", "--number", "101") == 0
    capsys.readouterr()
    assert run(home, "register", "--as", "admin", "--person",
               person_file(home, 1, phone="1391234567")) == 1
    assert "联系电话：不是有效号码" in capsys.readouterr().err
    assert run(home, "register", "--as", "admin", "--person",
               person_file(home, 2, phone="１３９０００００００２")) == 0


# -- names ------------------------------------------------------------------------------

INVISIBLE = ["\u200b", "\u200c\u200d", "\ufeff", "\u2060", "\u00ad", "\u200b \u00ad\u2060",
             "\u3164", "\u0301", "%_\\", "· "]


@pytest.mark.parametrize("name", INVISIBLE)
def test_a_name_without_a_visible_letter_is_refused(desk, admin, building, name):
    data = TenantInput(idno(1), name, "13912345678", "B1", "102")
    problems = [p for p in validate_input(data, _today(desk)) if p[0] == "name"]
    assert problems and problems[0][1].startswith("姓名") and "Name" in problems[0][2]
    with pytest.raises(Refused):
        register_tenant(desk, admin, data)


@pytest.mark.parametrize(("typed", "stored"), [("张\u00ad三", "张三"), ("王\u2060五", "王五"),
                                                ("\ufeff李四\u200b", "李四"),
                                                ("阿卜杜·热合曼", "阿卜杜·热合曼")])
def test_invisible_format_characters_never_stay_inside_a_name(desk, admin, building, typed,
                                                              stored):
    done = register_tenant(desk, admin, TenantInput(idno(1), typed, "13912345678", "B1", "102"))
    with read_session(desk.engine) as s:
        assert s.get(Person, done.person_id).name == stored == done.name


@pytest.mark.parametrize("pasted", ["{n}\n", "{n}\r\n", " {n} ", "\t{n}\n",
                                    "{n6} {n8} {n4}\n"])
def test_a_pasted_id_number_is_trimmed_not_refused(desk, admin, building, pasted):
    number = idno(1)
    text = pasted.format(n=number, n6=number[:6], n8=number[6:14], n4=number[14:])
    done = register_tenant(desk, admin, TenantInput(text, "张三", "13912345678", "B1", "102"))
    assert done.idno == number


def test_the_cli_person_file_is_cleaned_the_same(home, capsys):  # noqa: F811
    assert run(home, "building", "add", "--as", "admin", "--code", "B1", "--name", "一号楼",
               "--address", "东门路1号", "--floor-area", "64", "--public-area", "4") == 0
    assert run(home, "unit", "add", "--as", "admin", "--building", "B1", "--number", "101") == 0
    capsys.readouterr()
    assert run(home, "register", "--as", "admin", "--person",
               person_file(home, 1, name="\u200b\u2060")) == 1
    assert "姓名" in capsys.readouterr().err
    path = person_file(home, 2, name="赵\u00ad六")
    assert json.loads(Path(path).read_text(encoding="utf-8"))["name"] == "赵\u00ad六"
    assert run(home, "register", "--as", "admin", "--person", path) == 0
    capsys.readouterr()
    assert run(home, "search", "--as", "admin", "赵六") == 0
    assert "赵六" in capsys.readouterr().out


def _today(desk):
    from app.desk import clock

    return clock.today(desk)


@pytest.mark.parametrize("name", ["周5", "王小明1", "4403张三", "１张", "John Smith 2", "张٣"])
def test_digits_in_a_name_are_refused_with_a_clear_message(desk, admin, building, name):
    # A digit in 姓名 is a slip of the number typed before it (the ID moved the form on and
    # the 19th key landed here), never part of a name; 〇 and 一二三 are letters, not digits.
    data = TenantInput(idno(1), name, "13912345678", "B1", "102")
    (problem,) = [p for p in validate_input(data, _today(desk)) if p[0] == "name"]
    assert "数字" in problem[1] and "digit" in problem[2]
    with pytest.raises(Refused):
        register_tenant(desk, admin, data)
    assert register_tenant(desk, admin, TenantInput(idno(2), "王〇一", "13912345678", "B1",
                                                    "102")).name == "王〇一"


# Second attack (2026-12-03): line and paragraph separators, variation selectors, the
# combining grapheme joiner, a Hangul filler or the braille blank inside a name, private use.
ODD_NAMES = ["张\u2028三", "张\u2029三", "张\ufe0f三", "张\u034f三", "张\u3164三", "张\u2800三",
             "张\ue000三"]


@pytest.mark.parametrize("name", ODD_NAMES)
def test_names_with_characters_that_draw_nothing_are_refused(name):
    from datetime import date

    problems = validate_input(TenantInput(idno(1), name, "13912345678", "B1", "102"),
                              date(2026, 12, 3))
    assert [p[0] for p in problems] == ["name"] and "U+" in problems[0][1]


def test_an_optional_field_of_nothing_visible_is_empty():
    assert TenantInput(idno(1), "张三", "13912345678", "B1", "102",
                       employer="\u200b\u200b").employer == ""


def test_a_landline_is_found_however_it_is_typed_and_a_miss_counts(desk, admin, building):
    # rule R10: a whole landline is a number a guesser would try, like a mobile
    from app.tenants.number_lookup import complete_number
    from app.tenants.search import search_tenants

    register_tenant(desk, admin, TenantInput(idno(1), "赵六", "0755 87654321", "B1", "102"))
    for typed in ("0755-87654321", "075587654321", "0755 87654321", "０７５５８７６５４３２１"):
        assert [r.name for r in search_tenants(desk, admin, typed)] == ["赵六"], typed
    assert complete_number("0755-87654322") and complete_number("13912345678")
