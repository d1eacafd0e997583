"""Printing PDF bytes on a QPrinter through QtPdf (no database, no app services).

QtPdf (pdfium) exposes no vector path to a QPainter, so each page is rendered to an image
and drawn on the printer. 300 dpi is enough for 9–10 pt text and the QR code on a laser
printer; a HighResolution QPrinter (1200 dpi) would otherwise ask for ~550 MB per A4 page.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QCoreApplication,
    QIODevice,
    QObject,
    QRectF,
    QSize,
    Qt,
)
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter

MAX_DPI = 300


def _tr(text: str) -> str:
    return QCoreApplication.translate("print_pdf", text)


class PrintError(RuntimeError):
    """The document or the printer could not be used; the message is for the clerk."""


def open_pdf(data: bytes, parent: QObject | None = None) -> QPdfDocument:
    """A QPdfDocument reading `data` from memory (the buffer lives as long as the document).

    Loading from a QBuffer is synchronous: status() is Ready or Error on return."""
    doc = QPdfDocument(parent)
    buffer = QBuffer(doc)
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    doc.load(buffer)
    return doc


def pages_to_print(printer: QPrinter, count: int) -> list[int]:
    """0-based pages: the range chosen in the print dialog, else all of them."""
    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        last = min(printer.toPage() or count, count)
        return list(range(printer.fromPage() - 1, last))
    return list(range(count))


def _draw_page(painter: QPainter, doc: QPdfDocument, page: int, dpi: int) -> None:
    area = QRectF(painter.viewport())  # the printable area, in device pixels
    points = doc.pagePointSize(page)
    scale = min(area.width() / points.width(), area.height() / points.height())
    target = QRectF(0, 0, points.width() * scale, points.height() * scale)
    # centred across, from the top: a form shrunk to a printer's margins stays upright
    target.moveLeft(area.left() + (area.width() - target.width()) / 2)
    target.moveTop(area.top())
    pixels = QSize(round(points.width() / 72 * dpi), round(points.height() / 72 * dpi))
    image = doc.render(page, pixels, format=QImage.Format.Format_RGB32,
                       fillColor=Qt.GlobalColor.white)
    painter.drawImage(target, image)


def print_pdf(pdf: bytes | QPdfDocument, printer: QPrinter) -> int:
    """Print `pdf` on `printer` (a real one or a PdfFormat file); returns the pages sent."""
    doc = pdf if isinstance(pdf, QPdfDocument) else open_pdf(pdf)
    if doc.status() != QPdfDocument.Status.Ready or doc.pageCount() == 0:
        raise PrintError(_tr("无法读取要打印的 PDF。"))
    pages = pages_to_print(printer, doc.pageCount())
    # when the driver cannot make copies itself, Qt leaves them to the application
    copies = 1 if printer.supportsMultipleCopies() else max(printer.copyCount(), 1)
    dpi = min(printer.resolution(), MAX_DPI)
    painter = QPainter()
    if not painter.begin(printer):
        raise PrintError(_tr("打印机无法开始打印，请检查打印机。"))
    sent = 0
    try:
        for _ in range(copies):
            for page in pages:
                if sent:
                    printer.newPage()
                _draw_page(painter, doc, page, dpi)
                sent += 1
    finally:
        painter.end()
    return sent
