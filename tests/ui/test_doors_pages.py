"""The building's doors and the tenant's door line, against the loopback UHPPOTE board (R4)."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from app.desk import clock
from app.doors.controllers import add_controller
from app.doors.push import push_pending
from app.supervision.desk_status import tenant_detail
from devkit.door_emulator import Emulator
from tests.doors.conftest import FAST, tenant_with_card
from tests.ui.conftest import settle
from ui.dialogs.doors import DoorsDialog
from ui.dialogs.tenant import TenantDialog

SHOTS = os.environ.get("RENTDESK_SCREENSHOTS")  # a folder: save the pictures for docs/


@pytest.fixture
def board():
    with Emulator(serial=423187757) as e:
        yield e


def test_doors_dialog_shows_state_and_reconcile_in_red(qtbot, make_ctx, desk, admin, building,
                                                        board, photo_jpeg):
    add_controller(desk, admin, "B1", "大门", "uhppote", serial=board.serial,
                   address=board.address, doors="1,2")
    for n in (1, 2, 3):
        tenant_with_card(desk, admin, n, photo_jpeg)
    push_pending(desk, timeout=FAST)
    tenant_with_card(desk, admin, 4, photo_jpeg)  # one still waiting
    board.load({3_000_000_001: (None, None, (1, 1, 0, 0))})  # a card the desk never issued
    ctx = make_ctx(admin)
    dialog = DoorsDialog(ctx, "B1")
    qtbot.addWidget(dialog)
    settle(qtbot, ctx.lane)
    controllers, diffs = dialog.controllers.model(), dialog.diffs.model()
    assert controllers.rowCount() == 1
    assert controllers.index(0, 3).data() == "1"  # jobs waiting
    dialog.reconcile(False)
    settle(qtbot, ctx.lane)
    settle(qtbot, ctx.lane)
    first = diffs.index(0, 0)
    assert first.data() == "本中心从未发出的卡"
    assert first.data(Qt.ItemDataRole.BackgroundRole).name() == "#ffcdd2"  # red: it opens the door
    assert diffs.index(0, 1).data() == "3000000001"
    assert controllers.index(0, 4).data() == "4 / 4"  # 3 pushed + the foreign one
    if SHOTS:
        dialog.show()
        qtbot.waitExposed(dialog)
        dialog.grab().save(str(Path(SHOTS) / "doors.png"))


def test_clerk_sees_doors_but_cannot_add_or_fix(qtbot, make_ctx, desk, admin, building):
    from app.staff.accounts import authenticate, create_staff
    from tests.conftest import PASSWORD

    create_staff(desk, admin, "clerk1", PASSWORD, "clerk")
    ctx = make_ctx(authenticate(desk, "clerk1", PASSWORD))
    dialog = DoorsDialog(ctx, "B1")
    qtbot.addWidget(dialog)
    settle(qtbot, ctx.lane)
    assert not dialog.add_button.isEnabled() and not dialog.fix_button.isEnabled()
    assert dialog.check_button.isEnabled()


def test_tenant_window_says_whether_the_card_is_on_the_door(qtbot, make_ctx, desk, admin,
                                                            building, board, photo_jpeg):
    add_controller(desk, admin, "B1", "大门", "uhppote", serial=board.serial, address=board.address)
    info = tenant_with_card(desk, admin, 7, photo_jpeg)
    ctx = make_ctx(admin)
    dialog = TenantDialog(ctx, tenant_detail(desk, admin, info.person_id))
    qtbot.addWidget(dialog)
    settle(qtbot, ctx.lane)
    assert "等待写入" in dialog.door.text()
    push_pending(desk, timeout=FAST)
    dialog._door_state()
    settle(qtbot, ctx.lane)
    assert "已写入门禁" in dialog.door.text()
    if SHOTS:
        dialog.show()
        qtbot.waitExposed(dialog)
        dialog.grab().save(str(Path(SHOTS) / "tenant-door.png"))
    board.mode = "silent"  # the board is down: the lost card may still open the door — say so
    dialog.lost().action.click()  # the deliberate act: 挂失 asks first
    settle(qtbot, ctx.lane)
    push_pending(desk, timeout=FAST)
    dialog._door_state()
    settle(qtbot, ctx.lane)
    assert "仍可能开门" in dialog.door.text() and "c62828" in dialog.door.styleSheet()
    board.mode = "ok"
    push_pending(desk, timeout=FAST, now=clock.now_utc() + timedelta(minutes=1))
    dialog._door_state()
    settle(qtbot, ctx.lane)
    assert "已从门禁删除" in dialog.door.text()


def test_main_window_runs_the_door_lane_and_stops_it(qtbot, window):
    # the door lane is its own thread, woken by every card change the pages announce
    assert window.door_lane.running
    window.ctx.changes.tenants_changed.emit()
    window.close()
    assert not window.door_lane.running
