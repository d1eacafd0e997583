"""同步 page: a district that cannot be reached says so and loses nothing."""

from __future__ import annotations

import importlib.util
import socket

import pytest

from app.sync.batches import outbox_size
from tests.conftest import CENTER_PASSWORD, register
from tests.ui.conftest import settle
from ui.pages.sync_page import SyncPage, without_password

# a real district (pgserver, fixtures in tests/conftest.py) when installed
HAVE_PG = importlib.util.find_spec("pgserver") is not None


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # closed again when the socket goes


def test_unreachable_district_shows_the_message_and_keeps_the_outbox(
        qtbot, make_ctx, desk, admin, building):
    register(desk, admin, 1)
    before = outbox_size(desk)
    assert before > 0
    page = SyncPage(make_ctx(admin))
    qtbot.addWidget(page)
    assert page.conflicts is not None  # admins see the conflicts list
    page.url.setText(f"postgresql://lh01@127.0.0.1:{closed_port()}/district")
    page.password.setText("secret")
    page.start()
    settle(qtbot, page.ctx.lane)
    qtbot.waitUntil(lambda: page.job is None)
    assert "连接不上区数据库" in page.message.text()
    assert outbox_size(desk) == before + 1  # nothing lost; the attempt itself is audited
    assert page.button.isEnabled()
    assert page.history.count() == 1 and "district_unreachable" in page.history.item(0).text()


def test_password_in_the_address_is_refused(qtbot, make_ctx, desk, admin):
    # issue 11: never a password in an address or a setting
    page = SyncPage(make_ctx(admin))
    qtbot.addWidget(page)
    page.url.setText("postgresql://lh01@host/d?password=secret")
    page.start()
    assert page.job is None and "RENTDESK_DISTRICT_PASSWORD" in page.message.text()
    assert "secret" not in page.url.text()


def test_saved_address_drops_the_password():
    assert without_password("postgresql://lh01:pw@host:5432/d") == "postgresql://lh01@host:5432/d"
    assert without_password("postgresql://host/d") == "postgresql://host/d"
    assert without_password("postgresql://h/d?password=x&sslmode=require") == \
        "postgresql://h/d?sslmode=require"


@pytest.mark.skipif(not HAVE_PG, reason="pgserver not installed")
def test_sync_against_a_real_district(qtbot, make_ctx, desk, admin, building, lh01_url):
    register(desk, admin, 2)
    page = SyncPage(make_ctx(admin))
    qtbot.addWidget(page)
    page.url.setText(without_password(lh01_url))
    page.password.setText(CENTER_PASSWORD)
    page.start()
    qtbot.waitUntil(lambda: page.job is None, timeout=60_000)
    assert page.report is not None and page.report["ok"], page.message.text()
    assert "同步完成" in page.message.text()
    assert outbox_size(desk) == 0
    assert "上传" in page.result.text()
    assert page.history.count() == 1 and "成功" in page.history.item(0).text()


@pytest.mark.skipif(not HAVE_PG, reason="pgserver not installed")
def test_cancel_stops_after_the_batch_in_flight(qtbot, make_ctx, desk, admin, building, lh01_url):
    register(desk, admin, 3)
    page = SyncPage(make_ctx(admin))
    qtbot.addWidget(page)
    page.url.setText(without_password(lh01_url))
    page.password.setText(CENTER_PASSWORD)
    page.start()
    page.dialog.canceled.emit()  # Cancel pressed: the sync stops at its next progress report
    qtbot.waitUntil(lambda: page.job is None, timeout=60_000)
    assert page.report is not None and page.report["cancelled"]
    assert "已取消" in page.message.text()
    assert "已取消" in page.history.item(0).text()


def test_refused_audit_chain_is_no_success_on_the_page(qtbot, make_ctx, desk, admin, building,
                                                       lh01_url):
    # rule R10 (H2): the page never says 同步完成 while the district refuses audit entries;
    # the 未接收 list says what and why in Chinese
    from app.sync.run import sync

    register(desk, admin, 1)
    assert sync(desk, lh01_url)["ok"]
    register(desk, admin, 2)
    with desk.engine.begin() as conn:  # an entry edited after it was written, not yet sent
        conn.exec_driver_sql("UPDATE audit_event SET detail = '{}' WHERE seq = "
                             "(SELECT max(seq) FROM audit_event)")
    page = SyncPage(make_ctx(admin))
    qtbot.addWidget(page)
    page.url.setText(without_password(lh01_url))
    page.password.setText(CENTER_PASSWORD)
    page.start()
    qtbot.waitUntil(lambda: page.job is None, timeout=60_000)
    assert page.report is not None and not page.report["ok"]
    assert "同步完成" not in page.message.text()
    assert "区数据库未接收本中心的" in page.message.text()
    shown = [page.not_accepted.item(i).text() for i in range(page.not_accepted.count())]
    assert shown and all(t.startswith("审计记录") for t in shown)
    assert not any("extend" in t or "anchor" in t for t in shown)  # Chinese only
