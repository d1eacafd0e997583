"""Small widgets shared by pages."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QWidget,
)


def card_number_edit(parent: QWidget | None = None) -> QLineEdit:
    """For a keyboard-wedge card reader: it types the number in a burst and presses Enter.

    An active Chinese input method would swallow the digits into its candidate window, so
    input methods are off for this field, and hints ask for plain Latin with no prediction.
    """
    edit = QLineEdit(parent)
    edit.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
    edit.setInputMethodHints(Qt.InputMethodHint.ImhPreferLatin
                             | Qt.InputMethodHint.ImhNoPredictiveText)
    edit.setMaxLength(32)
    return edit


def heading(text: str) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 1.3)
    font.setBold(True)
    label.setFont(font)
    return label


def set_message(label: QLabel, text: str, ok: bool) -> None:
    """A status line: green when done, red when refused."""
    label.setText(text)
    label.setStyleSheet("color: #2e7d32;" if ok else "color: #b00020;")


def rows_view(model: QAbstractItemModel, single: bool = True,
              stretch: QHeaderView.ResizeMode | None = None) -> QTableView:
    """A read-only table over a RowsModel (ui/models/rows.py): whole rows selected, no
    edits, columns as wide as their text (or all stretched), the last one taking the rest."""
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection if single
                          else QAbstractItemView.SelectionMode.ExtendedSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    header = view.horizontalHeader()
    header.setSectionResizeMode(stretch or QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    return view


def selected_row(view: QTableView) -> int | None:
    rows = view.selectionModel().selectedRows()
    return rows[0].row() if rows else None
