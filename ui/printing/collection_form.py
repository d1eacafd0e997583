"""Printing 《租住人员信息采集表》: app.printing makes the PDF, ui.printing previews it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from ui.context import UiContext
from ui.lane_op import run_on_lane

Show = Callable[[QWidget | None, bytes, str], None]


def _preview(parent: QWidget | None, pdf: bytes, title: str) -> None:
    from ui.printing import PrintPreviewDialog

    PrintPreviewDialog.preview(parent, pdf, title)


def print_collection_form(ctx: UiContext, idno: str, parent: QWidget | None,
                          show: Show | None = None) -> None:
    """Render the tenant's form on the database lane (it reads the record and logs the
    print), then open the print preview on the GUI thread."""
    from app.printing.documents import (
        collection_form_pdf,  # ReportLab loads on first print only
    )

    title = QCoreApplication.translate("print_form", "租住人员信息采集表")
    run_on_lane(parent, lambda desk, actor: collection_form_pdf(desk, actor, idno),
                success=lambda pdf: (show or _preview)(parent, pdf, title), ctx=ctx)
