"""Each card refusal reaches the clerk with its own message (rules R5, R6)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.property.buildings import add_building, add_unit
from tests.conftest import idno, register
from tests.ui.conftest import settle, type_text
from ui.panels.card import CardPanel


@pytest.fixture
def panel(qtbot, make_ctx, admin, building):
    widget = CardPanel(make_ctx(admin))
    qtbot.addWidget(widget)
    widget.show()
    return widget


def swipe(qtbot, panel: CardPanel, number: str) -> str:
    qtbot.keyClicks(panel.card, number)
    qtbot.keyClick(panel.card, Qt.Key.Key_Return)
    settle(qtbot, panel.ctx.lane)
    return panel.message.text()


def for_tenant(panel: CardPanel, registered) -> CardPanel:
    panel.set_tenant(registered.idno, registered.name)
    return panel


def test_issue_then_card_in_use_for_another_tenant(qtbot, panel, desk, admin, photo_jpeg):  # rule R6
    first = register(desk, admin, 1, photo=photo_jpeg)
    second = register(desk, admin, 2, photo=photo_jpeg)
    assert "0000000001" in swipe(qtbot, for_tenant(panel, first), "0000000001")
    text = swipe(qtbot, for_tenant(panel, second), "0000000001")
    assert "正在使用中" in text
    assert panel.card.text() == ""  # ready for the next swipe


def test_one_person_one_card_offers_revoke_with_reason(qtbot, panel, desk, admin, photo_jpeg):  # rule R6
    tenant = register(desk, admin, 3, photo=photo_jpeg)
    swipe(qtbot, for_tenant(panel, tenant), "0000000003")
    text = swipe(qtbot, panel, "0000000004")
    assert "已持有有效门禁卡 0000000003" in text
    assert not panel.way_out.isHidden()
    panel.revoke_held()  # no reason yet: the confirmation will not act without one
    assert not panel.confirm.action.isEnabled()
    panel.confirm.action.click()
    panel.confirm.reject()
    settle(qtbot, panel.ctx.lane)
    assert panel.way_out.isVisible() or not panel.way_out.isHidden()
    type_text(qtbot, panel.reason, "卡损坏")
    qtbot.keyClick(panel.reason, Qt.Key.Key_Return)  # Enter asks; it never ends the card
    dialog = panel.confirm
    assert "0000000003" in dialog.text.text() and tenant.name in dialog.text.text()
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)  # a second reflex Enter: Cancel
    settle(qtbot, panel.ctx.lane)
    assert "已持有" in panel.message.text()  # nothing ended
    qtbot.keyClick(panel.reason, Qt.Key.Key_Return)
    panel.confirm.action.click()  # the deliberate act
    settle(qtbot, panel.ctx.lane)
    assert "0000000003" in panel.message.text() and panel.way_out.isHidden()
    assert "0000000004" in swipe(qtbot, panel, "0000000004")


def test_already_holding_offers_move_out(qtbot, panel, desk, admin, photo_jpeg):  # rule R6
    tenant = register(desk, admin, 4, photo=photo_jpeg)
    swipe(qtbot, for_tenant(panel, tenant), "0000000005")
    swipe(qtbot, panel, "0000000006")
    panel.move_out_tenant()
    panel.confirm.action.click()
    settle(qtbot, panel.ctx.lane)
    assert "0000000005" in panel.message.text()


def test_unit_cap_reached_shows_numbers(qtbot, panel, desk, admin, photo_jpeg):  # rule R5
    # the third is over the cap: recorded anyway (accept_full), and refused a card
    tenants = [register(desk, admin, n, unit="101", photo=photo_jpeg, accept_full=n == 12)
               for n in (10, 11, 12)]
    for n, t in enumerate(tenants[:2]):
        swipe(qtbot, for_tenant(panel, t), f"00000001{n:02d}")
    text = swipe(qtbot, for_tenant(panel, tenants[2]), "0000000199")
    assert "上限 2" in text and "现有 2" in text


def test_building_cap_reached_shows_numbers(qtbot, panel, desk, admin, photo_jpeg):  # rule R5
    add_building(desk, admin, "B2", "小楼", "深圳市罗湖区 2 号", 13.0, 1.0)  # cap 2
    add_unit(desk, admin, "B2", "201")
    tenants = [register(desk, admin, n, unit="201", building_code="B2", photo=photo_jpeg,
                        accept_full=n == 22) for n in (20, 21, 22)]
    for n, t in enumerate(tenants[:2]):
        swipe(qtbot, for_tenant(panel, t), f"00000002{n:02d}")
    text = swipe(qtbot, for_tenant(panel, tenants[2]), "0000000299")
    assert "已达核定人数上限" in text and "上限 2 人" in text


def test_photo_missing_and_bad_number(qtbot, panel, desk, admin):  # rule R6
    tenant = register(desk, admin, 30)
    assert "卡号格式不对" in swipe(qtbot, for_tenant(panel, tenant), "12AB")
    assert "没有登记照片" in swipe(qtbot, panel, "0000000300")


def test_card_field_takes_no_input_method(panel):
    assert not panel.card.testAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled)
    hints = panel.card.inputMethodHints()
    assert hints & Qt.InputMethodHint.ImhPreferLatin
    assert hints & Qt.InputMethodHint.ImhNoPredictiveText


def test_missing_photo_taken_in_the_card_step_then_card(qtbot, window, desk, admin):  # rule R6
    from tests.ui.conftest import ASTRONAUT

    page = window.intake
    form = page.form
    form.idno.setText(idno(60))
    form.name.setText("无照片")
    form.phone.setText("13900000060")
    form.building.select_code("B1")
    page.register()  # no photo: allowed, but no card yet
    settle(qtbot, window.ctx.lane)
    assert page.currentIndex() == 1
    assert "没有登记照片" in swipe(qtbot, page.card_panel, "0000000600")
    dialog = page.retake_photo()  # deletes itself when closed
    assert dialog.panel.load_file(ASTRONAUT)
    dialog.save()
    settle(qtbot, window.ctx.lane)
    assert "照片已保存" in page.done_note.text()
    assert "0000000600" in swipe(qtbot, page.card_panel, "0000000600")
