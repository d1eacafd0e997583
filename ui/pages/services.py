"""服务 (rule R1): the free services a centre offers, one tab each — 招租 / 居住证 / 租赁合同."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from ui.context import UiContext
from ui.pages.leases import LeasesTab
from ui.pages.listings import ListingsTab
from ui.pages.permits import PermitsTab
from ui.widgets import heading


class ServicesPage(QWidget):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.listings = ListingsTab(ctx)
        self.permits = PermitsTab(ctx)
        self.leases = LeasesTab(ctx)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.listings, self.tr("招租"))
        self.tabs.addTab(self.permits, self.tr("居住证"))
        self.tabs.addTab(self.leases, self.tr("租赁合同"))
        self.tabs.currentChanged.connect(self._refresh)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("便民服务")))
        layout.addWidget(self.tabs, 1)
        ctx.changes.tenants_changed.connect(self._refresh)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        self._refresh()  # buildings, units and cards change on other pages

    def _refresh(self) -> None:
        """Occupancy and tenants change elsewhere (intake, cards): reread what is shown."""
        tab = self.tabs.currentWidget()
        if isinstance(tab, (ListingsTab, LeasesTab)):
            tab.reload()
