"""Search results: a Qt model that fetches a page at a time and passes Qt's model tester."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex

from ui.models.search import PAGE, SearchModel


def test_model_pages_and_passes_modeltester(qtmodeltester, desk, admin, building):
    from tests.conftest import cn, register

    for n in range(130):  # one name prefix, many rows (a number prefix finds nothing: no oracle)
        register(desk, admin, n, name=f"王{cn(n, 3)}", accept_full=True)  # past the cap: R5
    model = SearchModel(desk, admin)
    model.set_query("王")
    assert model.rowCount() == PAGE  # one page, not the table
    assert model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 2 * PAGE
    qtmodeltester.check(model, force_py=True)  # the tester fetches more pages itself
    while model.canFetchMore(QModelIndex()):  # scrolling to the end
        model.fetchMore(QModelIndex())
    assert model.rowCount() == 130


def test_ids_and_phones_are_masked(desk, admin, building):
    from tests.conftest import register

    done = register(desk, admin, 7)
    model = SearchModel(desk, admin)
    model.set_query(done.idno)
    assert model.rowCount() == 1
    shown = [model.data(model.index(0, c)) for c in range(model.columnCount())]
    assert done.idno not in shown and "*" in shown[1] and "*" in shown[2]
    model.set_query("")
    assert model.rowCount() == 0 and not model.canFetchMore(QModelIndex())


def test_search_page_debounces_and_opens_tenant(qtbot, window, desk, admin, photo_jpeg):
    from tests.conftest import register

    done = register(desk, admin, 8, photo=photo_jpeg)
    window.show_page("search")
    page = window.search
    qtbot.keyClicks(page.box, done.idno)  # the whole number: a prefix finds nothing (no oracle)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)  # after the debounce, once
    page.open_tenant(page.model.index(0, 0))  # read on the lane (a logged view), then shown
    from ui.dialogs.tenant import TenantDialog

    qtbot.waitUntil(lambda: bool(page.findChildren(TenantDialog)))
    assert page.findChildren(TenantDialog)[0].detail.name == done.name
