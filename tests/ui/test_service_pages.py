"""服务 page (R1): a full unit refused on screen, the permit checklist, a lease ended with
its cards stopped (R6)."""

from __future__ import annotations

from datetime import timedelta

from app.desk import clock
from app.services.leases import add_lease, get_lease
from app.supervision.desk_status import active_card_count
from app.tenants.cards import issue_card
from tests.conftest import idno, register
from tests.ui.conftest import settle
from ui.pages.services import ServicesPage


def page(qtbot, make_ctx, admin) -> ServicesPage:
    p = ServicesPage(make_ctx(admin))
    qtbot.addWidget(p)
    return p


def test_listing_for_a_full_unit_is_refused_on_screen(qtbot, make_ctx, desk, admin, building):  # R1, R5
    register(desk, admin, 1, unit="101")
    register(desk, admin, 2, unit="101")  # 12 m² → cap 2: full
    services = page(qtbot, make_ctx, admin)
    tab = services.listings
    tab.picker.select("B1", "101")
    assert "已住满" in tab.picker.unit.currentText()
    tab.add()
    settle(qtbot, tab.ctx.lane)
    assert "已住满" in tab.message.text() and "不能发布" in tab.message.text()
    assert tab.table.model().rowCount() == 0


def test_listing_added_published_and_board_exported(qtbot, make_ctx, desk, admin, building):  # R1
    services = page(qtbot, make_ctx, admin)
    tab = services.listings
    shown: list[bytes] = []
    tab.show_pdf = lambda _parent, pdf, _title: shown.append(pdf)
    tab.picker.select("B1", "101")
    assert "空 2" in tab.picker.unit.currentText()
    tab.add()
    settle(qtbot, tab.ctx.lane)
    assert tab.table.model().rowCount() == 1
    tab.table.selectRow(0)
    tab.publish()
    settle(qtbot, tab.ctx.lane)
    assert tab.rows[0].status == "published"
    tab.table.selectRow(0)
    tab.print_sheet()
    settle(qtbot, tab.ctx.lane)
    tab.export()
    settle(qtbot, tab.ctx.lane)
    assert len(shown) == 2 and all(pdf.startswith(b"%PDF") for pdf in shown)


def test_permit_checklist_shows_what_is_missing(qtbot, make_ctx, desk, admin, building, photo_jpeg):  # R1
    register(desk, admin, 3, photo=photo_jpeg)  # registered today: half a year is missing
    services = page(qtbot, make_ctx, admin)
    tab = services.permits
    tab.box.setText(idno(3))
    tab.find()
    settle(qtbot, tab.ctx.lane)
    assert tab.check is not None and not tab.check.eligible
    lines = [tab.checklist.item(i).text() for i in range(tab.checklist.count())]
    assert any(line.startswith("✗") and "半年" in line for line in lines)
    assert any(line.startswith("✓") for line in lines)
    tab.apply()
    settle(qtbot, tab.ctx.lane)
    assert "不符合申领条件" in tab.message.text()


def test_ending_a_lease_on_the_page_stops_the_cards(qtbot, make_ctx, desk, admin, building, photo_jpeg):  # R1, R6
    done = register(desk, admin, 4, unit="101", photo=photo_jpeg)
    issue_card(desk, admin, done.idno, "0000000044")
    today = clock.today()
    lease = add_lease(desk, admin, "B1", "101", [done.idno], 1500, today - timedelta(days=300),
                      today + timedelta(days=10))
    services = page(qtbot, make_ctx, admin)
    tab = services.leases
    assert tab.table.model().rowCount() == 1  # ends within 30 days: a task
    tab.confirm = lambda _text: True
    tab.table.selectRow(0)
    tab.end()
    settle(qtbot, tab.ctx.lane)
    assert "注销门禁卡 1 张" in tab.message.text()
    assert get_lease(desk, lease.id).status == "ended"
    assert active_card_count(desk) == 0
    assert tab.table.model().rowCount() == 0


def test_renewing_a_lease_clears_the_task(qtbot, make_ctx, desk, admin, building):  # R1
    done = register(desk, admin, 5, unit="101")
    today = clock.today()
    add_lease(desk, admin, "B1", "101", [done.idno], 1500, today - timedelta(days=300),
              today + timedelta(days=5))
    services = page(qtbot, make_ctx, admin)
    tab = services.leases
    tab.table.selectRow(0)
    tab.renew()  # the default new end: a year from today
    settle(qtbot, tab.ctx.lane)
    assert "已续租" in tab.message.text()
    assert tab.table.model().rowCount() == 0
