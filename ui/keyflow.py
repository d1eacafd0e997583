"""Keyboard-first forms: Enter moves to the next field, Esc back to the previous one.

A clerk types the whole form without the mouse; Enter on the last stop fires `done`
(e.g. Register) and Esc on the first fires `backed_out`. With `needs`, Enter skips the
stops already filled (e.g. by the ID reader, or the building kept from the last intake),
so Enter on the last required field that was empty registers.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QComboBox, QWidget

_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class KeyChain(QObject):
    done = Signal()
    backed_out = Signal()

    def __init__(self, widgets: list[QWidget], parent: QObject | None = None,
                 needs: Callable[[QWidget], bool] | None = None) -> None:
        super().__init__(parent)
        self.widgets = widgets
        self._needs = needs
        self._owner: dict[QObject, int] = {}
        for index, widget in enumerate(widgets):
            self._watch(widget, index)
            # An editable combo box types into its line edit: watch that too.
            if isinstance(widget, QComboBox) and widget.lineEdit() is not None:
                self._watch(widget.lineEdit(), index)

    def _watch(self, obj: QObject, index: int) -> None:
        self._owner[obj] = index
        obj.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() != QEvent.Type.KeyPress or watched not in self._owner:
            return False
        assert isinstance(event, QKeyEvent)
        index = self._owner[watched]
        if event.key() in _ENTER and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            self._move(index, +1)
            return True
        if event.key() == Qt.Key.Key_Escape:
            self._move(index, -1)
            return True
        return False

    def _move(self, index: int, step: int) -> None:
        target = index + step
        while 0 <= target < len(self.widgets):
            widget = self.widgets[target]
            if (widget.isEnabled() and widget.isVisibleTo(widget.window())
                    and (step < 0 or self._needs is None or self._needs(widget))):
                widget.setFocus(Qt.FocusReason.TabFocusReason)
                return
            target += step
        (self.done if step > 0 else self.backed_out).emit()
