"""Keyboard-first forms: Enter moves to the next field, Esc back to the previous one.

A clerk types the whole form without the mouse; Enter on the last stop fires `done`
(e.g. Register) and Esc on the first fires `backed_out`. With `needs`, Enter skips the
stops already filled (e.g. by the ID reader, or the building kept from the last intake),
so Enter on the last required field that was empty registers.

With `needs`, Enter in a required field that is still empty stays there (`still_empty`, the
form shows what is missing): it never skips the field and never registers. So a clerk's
habitual Enter after the form moved on by itself (`advance`: a complete ID or mobile number,
as a keyboard-wedge reader would) does nothing harmful.
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
    still_empty = Signal(QWidget)  # Enter in a required field not filled yet

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
            widget = self.widgets[index]
            if self._needs is not None and self._needs(widget):
                self.still_empty.emit(widget)
            else:
                self._move(index, +1)
            return True
        if event.key() == Qt.Key.Key_Escape:
            self._move(index, -1)
            return True
        return False

    def advance(self, widget: QWidget) -> None:
        """Move on from a field that is complete, as Enter would, but never fire `done`:
        when nothing after it is still empty, the focus stays (registering is the clerk's
        own key)."""
        if widget in self.widgets:
            self._move(self.widgets.index(widget), +1, finish=False)

    def _move(self, index: int, step: int, finish: bool = True) -> None:
        target = index + step
        while 0 <= target < len(self.widgets):
            widget = self.widgets[target]
            if (widget.isEnabled() and widget.isVisibleTo(widget.window())
                    and (step < 0 or self._needs is None or self._needs(widget))):
                widget.setFocus(Qt.FocusReason.TabFocusReason)
                return
            target += step
        if finish:
            (self.done if step > 0 else self.backed_out).emit()
