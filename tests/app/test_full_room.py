"""A full room is said before saving; the person is still recorded, without a card, and
the supervisor sees the case (rule R5, issue 13)."""

from __future__ import annotations

import json

import pytest

from app.desk.errors import Refused
from app.tenants.cards import issue_card
from app.tenants.intake import TenantInput, move_out, register_tenant
from app.tenants.overcrowding import open_flag_count, open_flags
from tests.conftest import idno, register


def _fill_101(desk, admin, photo_jpeg):
    for n in (1, 2):
        done = register(desk, admin, n, unit="101", photo=photo_jpeg)
        issue_card(desk, admin, done.idno, f"00000000{n:02d}")


def test_full_room_refused_before_saving_then_recorded_and_flagged(desk, admin, building,
                                                                   photo_jpeg):  # rule R5
    _fill_101(desk, admin, photo_jpeg)
    data = TenantInput(idno(3), "第三人", "13900000003", "B1", "101")
    with pytest.raises(Refused) as refused:
        register_tenant(desk, admin, data, photo_jpeg=photo_jpeg)
    assert refused.value.code == "room_full" and "不能发卡" in refused.value.zh
    assert "现住 2 人" in refused.value.zh and "有效门禁卡 2 张" in refused.value.zh
    assert open_flag_count(desk) == 0  # nothing saved by the refusal
    done = register_tenant(desk, admin, data, photo_jpeg=photo_jpeg, accept_full=True)
    assert done.full == "unit"
    flags = open_flags(desk, admin)
    assert [(f.person_name, f.unit_number, f.cap, f.people, f.cards) for f in flags] == [
        ("第三人", "101", 2, 3, 2)]
    with pytest.raises(Refused) as no_card:
        issue_card(desk, admin, done.idno, "0000000003")
    assert no_card.value.code == "unit_cap_reached"
    move_out(desk, admin, done.idno)
    assert open_flag_count(desk) == 0  # the case closes when the stay ends


def test_flag_closes_when_a_card_is_issued_after_room_frees(desk, admin, building,
                                                            photo_jpeg):  # rule R5
    _fill_101(desk, admin, photo_jpeg)
    data = TenantInput(idno(4), "第四人", "13900000004", "B1", "101")
    done = register_tenant(desk, admin, data, photo_jpeg=photo_jpeg, accept_full=True)
    move_out(desk, admin, idno(1))
    issue_card(desk, admin, done.idno, "0000000004")
    assert open_flag_count(desk) == 0


def test_room_full_of_people_without_cards_is_full_for_a_new_resident(desk, admin, building,
                                                                      photo_jpeg):  # rule R5
    # R5 caps residents, not cards: two people live in 101 (cap 2), neither has a card yet
    for n in (1, 2):
        register(desk, admin, n, unit="101", photo=photo_jpeg)
    data = TenantInput(idno(3), "第三人", "13900000003", "B1", "101")
    with pytest.raises(Refused) as refused:  # said before saving, as for a room of cards
        register_tenant(desk, admin, data, photo_jpeg=photo_jpeg)
    assert refused.value.code == "room_full" and refused.value.data["scope"] == "unit"
    assert "现住 2 人" in refused.value.zh and "有效门禁卡 0 张" in refused.value.zh
    assert open_flag_count(desk) == 0
    done = register_tenant(desk, admin, data, photo_jpeg=photo_jpeg, accept_full=True)
    assert done.full == "unit"
    assert [(f.person_name, f.cap, f.people, f.cards) for f in open_flags(desk, admin)] == [
        ("第三人", 2, 3, 0)]
    # the two who live there lawfully still get their cards (a card is refused on cards)
    issue_card(desk, admin, idno(1), "0000000001")
    issue_card(desk, admin, idno(2), "0000000002")
    with pytest.raises(Refused) as no_card:
        issue_card(desk, admin, done.idno, "0000000003")
    assert no_card.value.code == "unit_cap_reached"


def test_building_full_of_people_without_cards_is_full(desk, admin, building,
                                                       photo_jpeg):  # rule R5
    # B1: (64 − 4) / 6 = cap 10; ten people in 102 (no area, no unit cap), no cards
    for n in range(1, 11):
        register(desk, admin, n, unit="102")
    with pytest.raises(Refused) as refused:
        register(desk, admin, 11, unit="102")
    assert refused.value.code == "room_full" and refused.value.data["scope"] == "building"


def test_import_into_full_rooms_flags_each_row_as_the_intake_does(desk, admin, building,
                                                                  tmp_path, capsys,
                                                                  monkeypatch):
    # rule R5 (M4): an imported tenant in a full unit or building is recorded, no card,
    # flagged for the supervisor, and the import report names the row
    from app.cli import main
    from tests.conftest import PASSWORD, cn

    units = ["101", "101", "101"] + ["102"] * 8  # unit 101: cap 2; B1: cap 10
    path = tmp_path / "租户.csv"
    path.write_text("姓名,证件号码,联系电话,楼栋编号,房号\n" + "".join(
        f"导入{cn(n)},{idno(n)},1390000{n:04d},B1,{u}\n" for n, u in enumerate(units, start=1)),
        encoding="utf-8")
    desk.engine.dispose()
    monkeypatch.setenv("RENTDESK_PASSWORD", PASSWORD)
    code = main(["--home", str(desk.home), "import", "tenants", str(path), "--as", "admin"])
    out = [json.loads(line) for line in capsys.readouterr().out.splitlines() if line.strip()]
    assert code == 0
    *rows, summary = out
    assert summary["imported"] == 11 and summary["over_cap"] == 2
    flagged = {r["row"]: r for r in rows if r.get("over_cap")}
    assert sorted(flagged) == [4, 12]  # the third in unit 101; the eleventh in B1
    assert "已满" in flagged[4]["note"] and "full" in flagged[4]["note_en"]
    flags = open_flags(desk, admin)
    assert sorted((f.scope, f.person_name) for f in flags) == [("building", "导入一一"),
                                                                ("unit", "导入三")]
