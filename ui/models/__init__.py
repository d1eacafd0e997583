"""Qt table models over app/ results: rows in memory (RowsModel) or fetched a page at a
time as the view scrolls (PagedTableModel, the search)."""
