"""Showing refusals: the app layer's own message, in the window's language."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from app.desk.errors import Refused
from ui.i18n import refusal_text


def error_text(exc: BaseException) -> str:
    if isinstance(exc, Refused):  # every refusal, a photo's or a number's too
        return refusal_text(exc)
    # Unexpected failures: say what happened without dumping data that may be personal.
    return QCoreApplication.translate("notify", "操作失败（{kind}）。请重试，或联系管理员。").format(
        kind=type(exc).__name__)


def show_error(parent: QWidget | None, exc: BaseException) -> None:
    QMessageBox.warning(parent, QCoreApplication.translate("notify", "未能完成"), error_text(exc))


def error_label() -> QLabel:
    """A label for inline errors: red, wrapping, empty until there is something to say."""
    label = QLabel()
    label.setWordWrap(True)
    label.setObjectName("error")
    label.setStyleSheet("color: #b00020;")
    return label
