"""打印预览: shows a form's PDF bytes (from app.printing), prints them, saves them.

The dialog holds bytes only: app.printing rendered them and logged the print (rule R10)
before they got here, so nothing in this module touches the database. One call for callers:
`PrintPreviewDialog.preview(parent, pdf_bytes, title)`.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from pathlib import Path

from PySide6.QtCore import QRect, QSize, QStandardPaths, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence, QPageSize
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.printing.render import PrintError, open_pdf, print_pdf

_UNSAFE = re.compile(r'[\\/:*?"<>|\s]+')


class PrintPreviewDialog(QDialog):
    @staticmethod
    def _fitting_size(parent: QWidget | None) -> QSize:
        """A4 proportions, but never taller than the screen's free area (a 768 px desk
        monitor once lost the buttons of a 980 px preview)."""
        screen = (parent.screen() if parent is not None else None) or QGuiApplication.primaryScreen()
        free = screen.availableGeometry() if screen is not None else QRect(0, 0, 1366, 728)
        height = min(980, free.height() - 60)  # room for the window frame and title
        return QSize(min(820, free.width() - 40, round(height * 0.84)), height)

    printed = Signal(int)  # pages sent to the printer
    saved = Signal(str)    # the file written

    def __init__(self, pdf: bytes, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._pdf = pdf
        self._title = title or self.tr("打印预览")
        self.setWindowTitle(self.tr("打印预览 — {title}").format(title=self._title))
        self.resize(self._fitting_size(parent))
        self.document = open_pdf(pdf, self)
        ok = self.document.status() == QPdfDocument.Status.Ready

        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

        self.pages_label = QLabel(self.tr("共 %n 页", "", self.page_count()) if ok
                                  else self.tr("无法打开此 PDF。"), self)
        self.print_button = QPushButton(self.tr("打印…"), self)
        self.print_button.setShortcut(QKeySequence.StandardKey.Print)
        self.print_button.setDefault(True)
        self.print_button.setEnabled(ok)
        self.print_button.clicked.connect(self.choose_printer_and_print)
        self.save_button = QPushButton(self.tr("另存为…"), self)
        self.save_button.setShortcut(QKeySequence.StandardKey.Save)
        self.save_button.clicked.connect(self.choose_file_and_save)
        self.fit_button = QPushButton(self.tr("整页"), self)
        self.fit_button.setCheckable(True)
        self.fit_button.toggled.connect(self._fit_whole_page)
        close = QPushButton(self.tr("关闭"), self)
        close.clicked.connect(self.reject)

        bar = QHBoxLayout()
        for widget in (self.print_button, self.save_button, self.fit_button):
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(self.pages_label)
        bar.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)

    @classmethod
    def preview(cls, parent: QWidget | None, pdf_bytes: bytes, title: str) -> None:
        """Show the PDF modally until the clerk closes it (printing or saving on the way)."""
        dialog = cls(pdf_bytes, title, parent)
        try:
            dialog.exec()
        finally:
            dialog.deleteLater()

    def page_count(self) -> int:
        return self.document.pageCount()

    def _fit_whole_page(self, whole: bool) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitInView if whole
                              else QPdfView.ZoomMode.FitToWidth)

    # -- printing ------------------------------------------------------------------------

    def new_printer(self) -> QPrinter:
        """A printer set up for the forms: A4 (they are laid out on it), named for the queue."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        printer.setDocName(self._title)
        printer.setFromTo(1, max(self.page_count(), 1))
        return printer

    def choose_printer_and_print(self) -> int:
        printer = self.new_printer()
        chooser = QPrintDialog(printer, self)
        chooser.setMinMax(1, max(self.page_count(), 1))
        if chooser.exec() != QDialog.DialogCode.Accepted:
            return 0
        return self.print_to(printer)

    def print_to(self, printer: QPrinter) -> int:
        """Print on `printer` as it is set up; a failure is shown, not raised."""
        try:
            pages = print_pdf(self.document, printer)
        except PrintError as e:
            QMessageBox.warning(self, self.tr("打印失败"), str(e))
            return 0
        self.printed.emit(pages)
        return pages

    # -- saving ------------------------------------------------------------------------

    def suggested_path(self) -> Path:
        folder = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())
        return Path(folder) / f"{_UNSAFE.sub('_', self._title).strip('_') or 'form'}.pdf"

    def choose_file_and_save(self) -> str | None:
        name, _ = QFileDialog.getSaveFileName(self, self.tr("另存为"), str(self.suggested_path()),
                                              self.tr("PDF 文件 (*.pdf)"))
        if not name:
            return None
        path = Path(name) if name.lower().endswith(".pdf") else Path(f"{name}.pdf")
        try:
            self.save_to(path)
        except OSError as e:
            QMessageBox.warning(self, self.tr("保存失败"),
                                self.tr("无法保存到 {path}：{reason}").format(
                                    path=path, reason=e.strerror or e))
            return None
        return str(path)

    def save_to(self, path: Path) -> None:
        """Exactly the bytes shown, written to a temporary file first, then renamed:
        an existing file is never left half-overwritten."""
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(self._pdf)
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
            raise
        self.saved.emit(str(path))
