"""Keyboard-first forms: Enter moves to the next field, Esc back to the previous one.

A clerk types the whole form without the mouse; Enter on the last stop fires `done`
(e.g. Register) and Esc on the first fires `backed_out`. With `needs`, Enter skips the
stops already filled (e.g. by the ID reader, or the building kept from the last intake),
so Enter on the last required field that was empty registers.

With `needs`, Enter in a required field that is still empty stays there (`still_empty`, the
form shows what is missing): it never skips the field and never registers. So a clerk's
habitual Enter after the form moved on by itself (`advance`: a complete ID or mobile number,
as a keyboard-wedge reader would) does nothing harmful.

After such a move, keys that would have overflowed the finished field (a 12th digit of a
mobile number, a 19th character of an ID number) are swallowed and reported (`overflowed`)
instead of landing in the next field — or in the finished field itself when the focus had
nowhere to go; see `advance`.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QComboBox, QWidget

_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class KeyChain(QObject):
    done = Signal()
    backed_out = Signal()
    still_empty = Signal(QWidget)  # Enter in a required field not filled yet
    overflowed = Signal(QWidget, str)  # the finished field, the keys swallowed after it

    def __init__(self, widgets: list[QWidget], parent: QObject | None = None,
                 needs: Callable[[QWidget], bool] | None = None) -> None:
        super().__init__(parent)
        self.widgets = widgets
        self._needs = needs
        self._owner: dict[QObject, int] = {}
        # After `advance`: (the finished field, where the focus went, its overflow keys).
        self._armed: tuple[QWidget, QObject, str] | None = None
        self._swallowed = ""
        for index, widget in enumerate(widgets):
            self._watch(widget, index)
            # An editable combo box types into its line edit: watch that too.
            if isinstance(widget, QComboBox) and widget.lineEdit() is not None:
                self._watch(widget.lineEdit(), index)

    def _watch(self, obj: QObject, index: int) -> None:
        self._owner[obj] = index
        obj.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if self._armed and watched is self._armed[1] and event.type() in (
                QEvent.Type.FocusOut, QEvent.Type.InputMethod):
            # The clerk went elsewhere, or an input method committed text (a Chinese name):
            # what they type next is meant.
            self.disarm()
        if event.type() != QEvent.Type.KeyPress or watched not in self._owner:
            return False
        assert isinstance(event, QKeyEvent)
        if self._armed is not None and self._overflow(watched, event):
            return True
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

    def advance(self, widget: QWidget, overflow: str = "") -> None:
        """Move on from a field that is complete, as Enter would, but never fire `done`:
        when nothing after it is still empty, the focus stays (registering is the clerk's
        own key).

        `overflow`: the characters that, typed next, would only have made the finished
        field longer (digits after a complete mobile number). A fast clerk types the number
        from the paper without looking up, so such keys arrive in the next field: a 12th
        digit became a one-character building query, a 19th ID digit the start of a name.
        They are swallowed and reported (`overflowed`; the form says under the number that
        they were not taken, and to check it, since an extra digit usually means one was
        typed twice). Not moving on by itself instead would cost every intake an Enter
        (issue 13's keystroke budget) to guard against the rare slip; swallowing keeps the
        next field clean and the focus where the clerk expects it. The guard ends at the
        first other key, or when the focus leaves the field it moved to.

        When nothing after the field is empty (the building and room kept for a family),
        the focus stays in the finished field and the guard watches that field itself: an
        extra digit is swallowed and said the same way, rather than silently making the
        number 12 digits long."""
        if widget in self.widgets:
            self.disarm()
            self._move(self.widgets.index(widget), +1, finish=False)
            target = QApplication.focusWidget()
            if overflow and target is not None and target in self._owner:
                self._armed = (widget, target, overflow)

    def disarm(self) -> None:
        self._armed, self._swallowed = None, ""

    def _overflow(self, watched: QObject, event: QKeyEvent) -> bool:
        assert self._armed is not None
        source, target, keys = self._armed
        typed = event.text()
        if watched is target and typed and typed in keys \
                and not event.modifiers() & ~(Qt.KeyboardModifier.KeypadModifier
                                              | Qt.KeyboardModifier.ShiftModifier):
            self._swallowed += typed
            self.overflowed.emit(source, self._swallowed)
            return True
        self.disarm()
        return False

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
