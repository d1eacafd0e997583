"""A table model that fetches its rows a page at a time from an app/ query.

Never loads a whole table: the view asks for more (canFetchMore/fetchMore) as the clerk
scrolls, and each page is one `fetch_page(offset, limit)` call.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex

Index = QModelIndex | QPersistentModelIndex


class PagedTableModel(QAbstractTableModel):
    page_size = 50

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list[Any] = []
        self._more = False
        self._fetching = False

    def fetch_page(self, offset: int, limit: int) -> list[Any]:
        raise NotImplementedError

    def restart(self, more: bool = True) -> None:
        """Forget the rows and fetch the first page again (after the query changed)."""
        self.beginResetModel()
        self.rows, self._more = [], more
        self.endResetModel()
        if more:
            self.fetchMore(QModelIndex())

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt API
        return 0 if parent.isValid() else len(self.rows)

    def canFetchMore(self, parent: Index) -> bool:  # noqa: N802 - Qt API
        return not parent.isValid() and self._more

    def fetchMore(self, parent: Index) -> None:  # noqa: N802 - Qt API
        # Views (and Qt's model tester) may ask again from inside the insert signals: the
        # offset would then repeat a page, so a fetch in progress answers nothing.
        if parent.isValid() or not self._more or self._fetching:
            return
        self._fetching = True
        try:
            page = self.fetch_page(len(self.rows), self.page_size)
            self._more = len(page) == self.page_size  # a short page is the last one
            if page:
                self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(page) - 1)
                self.rows.extend(page)
                self.endInsertRows()
        finally:
            self._fetching = False
