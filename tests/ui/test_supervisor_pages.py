"""The supervisor's desk: 首页, 待移交, 门禁故障, 统计, 审计 on a small demo centre."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from app.data.demo import generate_demo
from app.staff.accounts import create_staff
from db.engine import write_session
from db.models import Tenancy, utcnow
from tests.conftest import PASSWORD, register
from tests.ui.conftest import settle


@pytest.fixture
def demo_window(qtbot, desk, admin):
    """A few hundred demo tenants (its own buildings: no `building` fixture here)."""
    from ui.devices.id_reader import SimulatedIdCardReader
    from ui.main import build_window

    generate_demo(desk, 300, seed=3)
    win = build_window(desk, admin, id_reader=SimulatedIdCardReader())
    qtbot.addWidget(win)
    win.show()
    yield win
    win.close()


def _page(window, qtbot, key: str):
    window.show_page(key)
    settle(qtbot, window.ctx.lane)
    return window.pages[key]


def test_supervisor_starts_on_dashboard_with_overdue(qtbot, demo_window, desk):  # R2
    window = demo_window
    with write_session(desk.engine) as s:  # collected 30 h ago, never delivered
        t = s.exec(select(Tenancy).limit(1)).one()
        t.collected_at, t.delivered_at = utcnow() - timedelta(hours=30), None
        s.add(t)
        tenancy_id = t.id
    page = window.pages["dashboard"]
    assert list(window.pages)[0] == "dashboard"
    page.reload()
    settle(qtbot, window.ctx.lane)
    assert page.last.board.overdue >= 1
    assert tenancy_id in {i.tenancy_id for i in page.overdue.rows}
    assert page.values["overdue"].text() == str(page.last.board.overdue)


def test_clerk_sees_no_supervisor_pages(qtbot, desk, admin, building, make_ctx):
    from ui.main_window import MainWindow

    clerk = create_staff(desk, admin, "clerk1", PASSWORD, "clerk")
    win = MainWindow(make_ctx(clerk))
    qtbot.addWidget(win)
    assert {"dashboard", "stats", "audit"}.isdisjoint(win.pages)
    assert "delivery" in win.pages
    win.ctx.lane.shutdown()


def test_handover_from_the_delivery_page_prints_manifest(qtbot, window, desk, admin, building):
    for n in (1, 2, 3):
        register(desk, admin, n)
    shown: list[tuple[bytes, str]] = []
    page = _page(window, qtbot, "delivery")
    page._show = lambda _parent, pdf, title: shown.append((pdf, title))
    assert len(page.model.rows) == 3
    page.table.selectRow(0)
    page.table.selectionModel().select(
        page.model.index(1, 0), page.table.selectionModel().SelectionFlag.Select
        | page.table.selectionModel().SelectionFlag.Rows)
    assert len(page.selected()) == 2
    page.hand_over_selected()
    qtbot.waitUntil(lambda: bool(shown))
    settle(qtbot, window.ctx.lane)
    assert page.last_batch.number.startswith("YJ-") and len(page.last_batch.items) == 2
    assert shown[0][0].startswith(b"%PDF")
    assert len(page.model.rows) == 1  # pending only: the handed-over two are gone


def test_stats_model_and_export(qtbot, qtmodeltester, demo_window, tmp_path):  # R8
    window = demo_window
    page = _page(window, qtbot, "stats")
    page.by.setCurrentIndex(page.by.findData("building"))
    page.reload()
    settle(qtbot, window.ctx.lane)
    assert page.model.rowCount() > 0 and page.chart.bars
    qtmodeltester.check(page.model, force_py=True)
    out = tmp_path / "stats.csv"
    page._ask_file = lambda: out
    page.export()
    settle(qtbot, window.ctx.lane)
    assert out.exists() and out.stat().st_size > 0
    page.chart.grab()  # paints without error


def test_faults_page_opens_notifies_and_fixes(qtbot, window, desk, building):  # R7
    page = _page(window, qtbot, "faults")
    page.building.select_code("B1")  # the building is found by typing, not preselected
    assert page.code() == "B1"
    page.installer.setText("安装公司")
    page.contact.setText("0755-0000000")
    page.status.setCurrentIndex(page.status.findData("ok"))
    page.save_system()
    settle(qtbot, window.ctx.lane)
    page.description.setText("读卡器无反应")
    page.open_fault()
    settle(qtbot, window.ctx.lane)
    assert len(page.model.rows) == 1 and "故障" in page.system_state.text()
    page.table.selectRow(0)
    page.notify()
    settle(qtbot, window.ctx.lane)
    page.table.selectRow(0)
    page.note.setText("更换读卡器")
    page.add_visit()
    settle(qtbot, window.ctx.lane)
    page.table.selectRow(0)
    page.fix()
    settle(qtbot, window.ctx.lane)
    f = page.model.rows[0]
    assert f.status == "fixed" and f.notified_at and len(f.visits) == 1
    assert "故障中" not in page.system_state.text()


def test_faults_page_finds_a_building_beyond_the_first_thousand(qtbot, window, desk, admin,
                                                               building):  # R7
    """Issue 13: the fault page's building was a combo of the first 1,000; typing finds any."""
    from tests.bulk import bulk_buildings
    from tests.ui.conftest import type_text

    bulk_buildings(desk, admin.center_code, 1_200, units_per=1)
    page = _page(window, qtbot, "faults")
    page.description.setText("读卡器无反应")
    page.open_fault()  # nothing chosen yet: a Chinese request to choose, no ticket
    settle(qtbot, window.ctx.lane)
    assert "楼栋" in page.message.text() and page.model.rows == []
    page.building.edit.setFocus()
    type_text(qtbot, page.building.edit, "D01150")
    page.building.flush()
    assert page.code() == "D01150"
    page.open_fault()
    settle(qtbot, window.ctx.lane)
    assert [f.building_code for f in page.model.rows] == ["D01150"]
    assert "故障" in page.system_state.text()  # the chosen building's status, re-read


def test_audit_page_filters_and_verifies(qtbot, window, desk, admin, building):  # R10
    done = [register(desk, admin, n) for n in (1, 2)]
    page = _page(window, qtbot, "audit")
    page.entity.setText(done[0].person_id)
    page.search()
    settle(qtbot, window.ctx.lane)
    assert [r.entity_id for r in page.model.rows] == [done[0].tenancy_id]
    page.entity.clear()
    page.action.setText("tenant.register")
    page.search()
    settle(qtbot, window.ctx.lane)
    assert len(page.model.rows) == 2
    page.verify_chain()
    settle(qtbot, window.ctx.lane)
    assert page.last_check.ok


def test_delivery_colours_overdue_red(qtbot, window, desk, admin, building):  # R2
    from PySide6.QtCore import Qt

    done = register(desk, admin, 7)
    register(desk, admin, 8)
    with write_session(desk.engine) as s:
        t = s.get(Tenancy, done.tenancy_id)
        t.collected_at = utcnow() - timedelta(hours=25)
        s.add(t)
    page = _page(window, qtbot, "delivery")
    first = page.model.rows[0]
    assert first.tenancy_id == done.tenancy_id and first.status == "red"
    assert page.model.index(0, 0).data().startswith("超时")
    colour = page.model.index(0, 1).data(Qt.ItemDataRole.BackgroundRole)
    assert colour.name() == "#ffcdd2"
    assert page.model.rows[1].status == "green"


def test_audit_page_pages(qtbot, window, desk, admin, building):  # R10
    for n in range(3):
        register(desk, admin, n)
    page = _page(window, qtbot, "audit")
    page.page_size = 2
    page.action.setText("tenant.register")
    page.search()
    settle(qtbot, window.ctx.lane)
    assert page.total == 3 and page.next_button.isEnabled()
    page.next_button.click()
    settle(qtbot, window.ctx.lane)
    assert page.offset == 2 and len(page.model.rows) == 1
    assert not page.next_button.isEnabled() and page.prev_button.isEnabled()


def test_audit_page_speaks_words_and_shows_details_as_a_table(qtbot, window, desk, admin,
                                                              building):  # R10, issue 13
    register(desk, admin, 1)
    page = _page(window, qtbot, "audit")
    page.action.setText("登记租住人员")  # the words filter like the code
    page.search()
    settle(qtbot, window.ctx.lane)
    assert len(page.model.rows) == 1
    cells = [page.model.index(0, c).data() for c in range(page.model.columnCount())]
    assert "登记租住人员" in cells and "租住登记" in cells
    assert not any(c.startswith("{") or "tenant.register" in c for c in cells)
    page.table.selectRow(0)
    details = page.details.model()
    shown = {details.index(i, 0).data(): details.index(i, 1).data()
             for i in range(details.rowCount())}
    assert shown["有照片"] == "否" and "人员编号" in shown


def test_status_bar_names_the_role_in_words(window):
    assert "管理员" in window.staff_label.text() and "admin）" not in window.staff_label.text()


def test_stats_page_shows_over_cap_and_missing_family_planning(qtbot, window, desk, admin,
                                                              building):  # rules R5, R9
    """Issue 13: 统计 counts the over-full registrations and the missing 计生证."""
    from PySide6.QtCore import Qt

    from app.tenants.intake import TenantInput, register_tenant
    from tests.conftest import idno

    page = _page(window, qtbot, "stats")
    assert "：0 人" in page.over_cap.text() and "：0 人" in page.fp_missing.text()
    register(desk, admin, 1, unit="101")
    register(desk, admin, 2, unit="101")
    register(desk, admin, 3, unit="101", accept_full=True)  # room 101 holds 2: flagged (R5)
    # a woman of 31 with neither a 计生证 number nor a reason (R9): the desk now refuses
    # that, so the record stands for one collected before (its reason is taken away)
    done = register_tenant(desk, admin, TenantInput(
        idno(15, sex="F"), "测试女", "13900000015", "B1", "102",
        family_planning_reason="未办理"))
    with write_session(desk.engine) as s:
        t = s.get(Tenancy, done.tenancy_id)
        t.family_planning_reason = None
        s.add(t)
    page.by.setCurrentIndex(page.by.findData("building"))
    page.reload()
    settle(qtbot, window.ctx.lane)
    assert page.over_cap.text() == "超员登记待处理（规则 R5）：1 人"
    assert page.fp_missing.text() == "缺计生证且未说明原因（规则 R9）：1 人"
    column = page.model.columnCount() - 1
    assert page.model.headerData(column, Qt.Orientation.Horizontal) == "缺计生证"
    assert sum(int(page.model.index(r, column).data()) for r in range(page.model.rowCount())) == 1
