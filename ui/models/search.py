"""Search results as a Qt model that fetches pages on demand (never the whole table).

The view asks canFetchMore/fetchMore as the clerk scrolls; each call reads one page of
`search_tenants(limit=PAGE, offset=n)`. ID numbers and phones arrive masked from app/.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt

from app.desk.context import Desk
from app.staff.audit import Actor
from app.tenants.search import TenantRow, search_tenants
from ui.models.paged import Index, PagedTableModel

PAGE = 50  # about two screens; the view fetches the next page as the clerk scrolls


def _headers() -> list[str]:
    # Spelled out in full: lupdate only recognises literal translate("Context", "text") calls.
    return [QCoreApplication.translate("SearchModel", "姓名"),
            QCoreApplication.translate("SearchModel", "证件号码"),
            QCoreApplication.translate("SearchModel", "电话"),
            QCoreApplication.translate("SearchModel", "楼栋"),
            QCoreApplication.translate("SearchModel", "房号"),
            QCoreApplication.translate("SearchModel", "门禁卡"),
            QCoreApplication.translate("SearchModel", "状态")]


class SearchModel(PagedTableModel):
    page_size = PAGE

    def __init__(self, desk: Desk, actor: Actor | None, parent=None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.actor = actor  # every page is read for, and audited against, this account (R10)
        self.query = ""
        self._headers = _headers()

    def set_query(self, query: str) -> None:
        self.query = query.strip()
        self.restart(more=bool(self.query))

    def fetch_page(self, offset: int, limit: int) -> list[TenantRow]:
        return search_tenants(self.desk, self.actor, self.query, limit=limit, offset=offset)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt API
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            living = (QCoreApplication.translate("SearchModel", "在住") if row.living
                      else QCoreApplication.translate("SearchModel", "已迁出"))
            return (row.name, row.idno_masked, row.phone_masked, row.building, row.unit,
                    row.card_number, living)[index.column()]
        if role == Qt.ItemDataRole.UserRole:
            return row.person_id
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt API
                   role: int = Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._headers):
            return self._headers[section]
        return section + 1 if orientation == Qt.Orientation.Vertical else None
