"""Printing 《租住人员信息采集表》: app.printing makes the PDF, ui.printing previews it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from app.errors import Refused
from ui.context import UiContext
from ui.notify import show_error

Show = Callable[[QWidget | None, bytes, str], None]


def _preview(parent: QWidget | None, pdf: bytes, title: str) -> None:
    from ui.printing import PrintPreviewDialog

    PrintPreviewDialog.preview(parent, pdf, title)


def print_collection_form(ctx: UiContext, idno: str, parent: QWidget | None,
                          show: Show | None = None) -> bool:
    """Render the tenant's form and open the print preview (the print itself is logged)."""
    from app.printing import collection_form_pdf  # ReportLab loads on first print only

    try:
        pdf = collection_form_pdf(ctx.desk, ctx.actor, idno)
    except Refused as r:
        show_error(parent, r)
        return False
    title = QCoreApplication.translate("print_form", "租住人员信息采集表")
    (show or _preview)(parent, pdf, title)
    return True
