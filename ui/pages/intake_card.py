"""The intake page's second step: the card for the tenant just registered, then the next.

One Esc after the swipe moves to the next tenant (docs/clerk-guide.md). When the card's
answer has not come yet (another program holds the database), that Esc waits for it: the
step says 正在发卡…, and then
- the card was issued: the Esc is carried out, and the fresh intake's message line names
  the card the last tenant got;
- the card was refused: the step stays, with the refusal on screen and the swipe field ready.

Why wait rather than leave and show a late answer elsewhere: at a busy desk the tenant and
the card are still at the counter when the clerk presses Esc. A refusal (the number in use,
the cap reached) must be dealt with now, with this tenant, before the next one's papers are
on the desk; a late answer on the next tenant's form would be read as being about the next
tenant, or missed while typing. A refusal once ended silently on the hidden card step.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ui.context import UiContext
from ui.panels.card import CardPanel
from ui.widgets import heading


class CardStep(QWidget):
    # The clerk is done with this tenant (Esc, or the button) and the card's answer, if one
    # was on its way, was an issued card: the CardInfo, or None when no card was pending.
    finished = Signal(object)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.card_panel = CardPanel(ctx)
        self.done_button = QPushButton(self.tr("完成，登记下一位（Esc）"))
        self.done_button.clicked.connect(self.finish)
        self.card_panel.issued.connect(self._issued)
        self.card_panel.answered.connect(self._answered)
        self.print_button = QPushButton(self.tr("打印采集表…"))
        self.photo_button = QPushButton(self.tr("补拍照片…"))
        self.done_note = QLabel()
        self.done_note.setWordWrap(True)
        self.wait_note = QLabel(self.tr(
            "正在发卡…请稍候：发卡成功后自动转到下一位；如被拒绝，留在本页并说明原因。"))
        self.wait_note.setWordWrap(True)
        self.wait_note.setStyleSheet("color: #8a5a00; font-weight: bold;")
        self.wait_note.hide()
        self._waiting = False
        self._last = None  # the card issued while the Esc waited
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("发放门禁卡")))
        layout.addWidget(self.done_note)
        layout.addWidget(self.card_panel)
        layout.addWidget(self.wait_note)  # under the card's own message line, where it will answer
        layout.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.photo_button)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.done_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self._esc = _EscapeTo(self.finish, self)
        for w in (self.card_panel.card, self.done_button, self.card_panel.reason):
            w.installEventFilter(self._esc)

    def finish(self) -> None:
        """Next tenant now, or once the card on its way has been answered (see above)."""
        if not self.card_panel.pending:
            self.finished.emit(None)
            return
        self._waiting, self._last = True, None
        self.wait_note.show()

    def reset(self) -> None:
        self._waiting, self._last = False, None
        self.wait_note.hide()
        self.card_panel.reset()

    def _issued(self, info) -> None:
        self._last = info
        self.done_button.setFocus()

    def _answered(self) -> None:
        if not self._waiting:
            return
        self._waiting = False
        self.wait_note.hide()
        if self._last is not None:
            self.finished.emit(self._last)
        # else refused (CardPanel says why and puts the focus back in the swipe field), or
        # another answer (a card revoked, a move-out): the clerk reads it here first.


class _EscapeTo(QObject):
    """Esc in the card step: done with this tenant."""

    def __init__(self, action: Callable[[], None], parent: QObject) -> None:
        super().__init__(parent)
        self._action = action

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Escape:
            self._action()
            return True
        return False
