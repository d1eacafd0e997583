"""A deliberate act for what cannot be undone: 挂失, 注销, 退卡, 迁出.

The dialog names the card and the person, Cancel is its default button, and the action
button is never a default: a stray Enter (a wedge reader's, a clerk's reflex) cancels.
Confirming takes a click or the button's Alt access key. Where the rule needs a reason
(注销, 迁出) the action stays off until one is typed.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

REASON_MAX = 200


class ConfirmDialog(QDialog):
    confirmed = Signal(str)  # the reason typed ("" when none is asked)

    def __init__(self, parent: QWidget | None, title: str, text: str, action: str,
                 reason_label: str | None = None, reason: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.text = QLabel(text)
        self.text.setWordWrap(True)
        self.reason: QLineEdit | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        buttons = QDialogButtonBox()
        self.cancel = buttons.addButton(self.tr("取消（回车）"),
                                        QDialogButtonBox.ButtonRole.RejectRole)
        self.action: QPushButton = buttons.addButton(action, QDialogButtonBox.ButtonRole.AcceptRole)
        self.action.setAutoDefault(False)
        self.action.setDefault(False)
        self.cancel.setDefault(True)
        self.action.setStyleSheet("color: #b00020;")
        if reason_label is not None:
            self.reason = QLineEdit(reason[:REASON_MAX])
            self.reason.setMaxLength(REASON_MAX)  # a pasted page never becomes a reason
            self.reason.setPlaceholderText(reason_label)
            self.reason.textChanged.connect(self._reason_typed)
            layout.addWidget(QLabel(reason_label))
            layout.addWidget(self.reason)
            self._reason_typed(reason)
        layout.addWidget(buttons)
        buttons.accepted.connect(self._confirm)
        buttons.rejected.connect(self.reject)
        (self.reason or self.cancel).setFocus()

    def _reason_typed(self, text: str) -> None:
        self.action.setEnabled(bool(text.strip()))

    def _confirm(self) -> None:
        if not self.action.isEnabled():
            return
        self.accept()
        self.confirmed.emit(self.reason.text().strip() if self.reason else "")


def ask(parent: QWidget, title: str, text: str, action: str, then,
        reason_label: str | None = None, reason: str = "") -> ConfirmDialog:
    """Open the confirmation (not blocking the event loop) and call then(reason) if the
    clerk confirms. Returns the dialog so a test can press keys in it."""
    dialog = ConfirmDialog(parent, title, text, action, reason_label, reason)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.confirmed.connect(then)
    dialog.open()
    return dialog
