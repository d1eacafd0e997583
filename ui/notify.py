"""Showing failures: a refusal in its own words, in the window's language; anything else by
its kind only (its message may quote personal data). `report` is the one way a failure
reaches the clerk — inline in the page's message line when it has one, else a message box."""

from __future__ import annotations

import logging
import traceback
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from app.desk.errors import Refused
from ui.i18n import refusal_text
from ui.widgets import set_message

log = logging.getLogger("rentdesk.ui")


def error_text(exc: BaseException) -> str:
    if isinstance(exc, Refused):  # every refusal: a photo's, a number's, a key's, a busy database's
        return refusal_text(exc)
    # Unexpected failures: say what happened without dumping data that may be personal.
    return QCoreApplication.translate("notify", "操作失败（{kind}）。请重试，或联系管理员。").format(
        kind=type(exc).__name__)


def log_unexpected(exc: BaseException) -> None:
    """A failure that is no refusal is a bug to find: its kind and where it was raised go to
    the log (file, line, function — never the message, which may quote a person)."""
    if isinstance(exc, Refused):
        return
    frames = traceback.extract_tb(exc.__traceback__)
    where = " < ".join(f"{Path(f.filename).name}:{f.lineno} {f.name}"
                       for f in reversed(frames[-6:]))
    log.error("unexpected %s: %s", type(exc).__name__, where or "(no traceback)")


def show_error(parent: QWidget | None, exc: BaseException) -> None:
    QMessageBox.warning(parent, QCoreApplication.translate("notify", "未能完成"), error_text(exc))


def report(parent: QWidget | None, exc: BaseException, label: QLabel | None = None) -> None:
    """Tell the clerk: in `label` (red) when the page has a message line, else a message box."""
    log_unexpected(exc)
    if label is not None:
        set_message(label, error_text(exc), ok=False)
    else:
        show_error(parent, exc)


def error_label() -> QLabel:
    """A label for inline errors: red, wrapping, empty until there is something to say."""
    label = QLabel()
    label.setWordWrap(True)
    label.setObjectName("error")
    label.setStyleSheet("color: #b00020;")
    return label
