"""The GUI prints the centre's day at any hour on any machine (issue 17), and a test meets
an unexpected modal window with a failure naming it, not a hang."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from io import BytesIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from pypdf import PdfReader

from app.desk import clock
from tests.conftest import cn, register
from tests.ui.conftest import settle

SHANGHAI = ZoneInfo("Asia/Shanghai")


def _next_centre_midnight() -> datetime:
    day = datetime.now(UTC).astimezone(SHANGHAI).date() + timedelta(days=1)
    return datetime(day.year, day.month, day.day, tzinfo=SHANGHAI)


# Tonight's centre midnight, a minute either side: between the two zones' midnights the
# machine's date and the centre's differ (the window in which the suite used to hang).
MOMENTS = {"23:59 centre": timedelta(minutes=-1), "00:01 centre": timedelta(minutes=1)}


@pytest.fixture(params=list(MOMENTS), ids=list(MOMENTS))
def frozen(request, machine_zone):
    at = (_next_centre_midnight() + MOMENTS[request.param]).astimezone(UTC)
    with time_machine.travel(at, tick=False):
        yield at


def _text(pdf: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages)


def test_print_menu_batch_is_the_centres_day(qtbot, window, desk, admin, frozen, monkeypatch):
    # rule R2: today's 采集表 batch holds what was collected today at the centre
    from ui.printing import PrintPreviewDialog

    shown: list[bytes] = []
    monkeypatch.setattr(PrintPreviewDialog, "preview",
                        classmethod(lambda cls, parent, pdf, title: shown.append(pdf)))
    register(desk, admin, 1, name="张三")
    batch = next(a for a in window.print_menu.actions() if not a.isSeparator())
    batch.trigger()
    settle(qtbot, window.ctx.lane)
    assert len(shown) == 1 and "张三" in _text(shown[0])


def test_delivery_page_manifest_is_the_centres_day(qtbot, window, desk, admin, frozen):
    # rule R6: the 移交清单 printed after a handover lists that handover
    for n in (1, 2):
        register(desk, admin, n, name=f"李{cn(n)}")
    window.show_page("delivery")
    page = window.pages["delivery"]
    settle(qtbot, window.ctx.lane)
    shown: list[bytes] = []
    page._show = lambda _parent, pdf, _title: shown.append(pdf)
    page.table.selectAll()
    page.hand_over_selected()
    qtbot.waitUntil(lambda: bool(shown))
    settle(qtbot, window.ctx.lane)
    assert "李一" in _text(shown[0]) and "李二" in _text(shown[0])
    assert clock.today(desk) == frozen.astimezone(SHANGHAI).date()


def test_an_unexpected_modal_fails_at_once_naming_it(qtbot, modal_guard):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMessageBox

    QTimer.singleShot(0, lambda: QMessageBox.warning(None, "意外的对话框", "没有人会关掉我"))
    qtbot.waitUntil(lambda: bool(modal_guard.unexpected), timeout=6000)
    assert "意外的对话框" in modal_guard.unexpected[0]
    modal_guard.unexpected.clear()  # this test expected it; the guard would fail it otherwise


def test_an_expected_modal_is_answered_by_the_test(qtbot, modal_guard):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMessageBox

    answers: list[int] = []
    modal_guard.expect(lambda box: box.button(QMessageBox.StandardButton.Yes).click())
    QTimer.singleShot(0, lambda: answers.append(QMessageBox.question(None, "确认", "继续？")))
    qtbot.waitUntil(lambda: bool(answers), timeout=2000)
    assert answers == [QMessageBox.StandardButton.Yes] and not modal_guard.unexpected
