"""The print preview on real forms from app.printing: pages shown, printing to a PDF file
through QPrinter, saving the exact bytes, the one-call `preview`, a broken PDF refused."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import io  # noqa: E402
from datetime import datetime  # noqa: E402
from pathlib import Path  # noqa: E402
from zoneinfo import ZoneInfo  # noqa: E402

import numpy as np  # noqa: E402
import pypdf  # noqa: E402
import pypdfium2 as pdfium  # noqa: E402
import pytest  # noqa: E402
from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtGui import QPageSize  # noqa: E402
from PySide6.QtPdf import QPdfDocument  # noqa: E402
from PySide6.QtPrintSupport import QPrinter  # noqa: E402
from PySide6.QtWidgets import QApplication, QDialog  # noqa: E402

from app.printing.documents import batch_collection_pdf, collection_form_pdf  # noqa: E402
from tests.conftest import idno, register  # noqa: E402
from ui.printing import PrintPreviewDialog, print_pdf  # noqa: E402
from ui.printing import dialog as dialog_module  # noqa: E402


@pytest.fixture
def two_forms(desk, admin, building, photo_jpeg) -> bytes:
    """Today's batch of two real 采集表, one page each (rules R2, R6)."""
    register(desk, admin, 1, photo=photo_jpeg, name="张三")
    register(desk, admin, 2, photo=photo_jpeg, name="李四")
    return batch_collection_pdf(desk, admin, datetime.now(ZoneInfo("Asia/Shanghai")).date())


@pytest.fixture
def one_form(desk, admin, building, photo_jpeg) -> bytes:
    register(desk, admin, 1, photo=photo_jpeg, name="张三")
    return collection_form_pdf(desk, admin, idno(1))


def pdf_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def printed_pages(path: Path) -> int:
    assert path.stat().st_size > 0
    return len(pypdf.PdfReader(io.BytesIO(path.read_bytes())).pages)


def ink(path: Path) -> float:
    """Share of dark pixels on the printed first page: a form, not a blank sheet."""
    doc = pdfium.PdfDocument(path.read_bytes())
    try:
        gray = np.asarray(doc[0].render(scale=50 / 72).to_pil().convert("L"))
    finally:
        doc.close()
    return float((gray < 128).mean())


def make(qtbot, pdf: bytes, title: str = "租住人员信息采集表") -> PrintPreviewDialog:
    dialog = PrintPreviewDialog(pdf, title)
    qtbot.addWidget(dialog)
    return dialog


def test_shows_every_page_of_a_real_form(qtbot, two_forms):
    dialog = make(qtbot, two_forms)
    assert dialog.document.status() == QPdfDocument.Status.Ready
    assert dialog.page_count() == 2 and dialog.view.document() is dialog.document
    assert "2" in dialog.pages_label.text() and dialog.print_button.isEnabled()
    assert "租住人员信息采集表" in dialog.windowTitle()


def test_prints_to_a_pdf_file(qtbot, two_forms, tmp_path):
    dialog = make(qtbot, two_forms)
    out = tmp_path / "printed.pdf"
    with qtbot.waitSignal(dialog.printed) as signal:
        assert dialog.print_to(pdf_printer(out)) == 2
    assert signal.args == [2]
    assert printed_pages(out) == 2 and 0.01 < ink(out) < 0.5


def test_page_range_and_bytes_helper(qtbot, two_forms, tmp_path):
    out = tmp_path / "second.pdf"
    printer = pdf_printer(out)
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(2, 2)
    assert print_pdf(two_forms, printer) == 1 and printed_pages(out) == 1
    both = tmp_path / "both.pdf"
    assert print_pdf(two_forms, pdf_printer(both)) == 2 and printed_pages(both) == 2


def test_print_button_goes_through_the_print_dialog(qtbot, one_form, tmp_path, monkeypatch):
    out = tmp_path / "via-dialog.pdf"

    class Chooser:  # stands in for QPrintDialog: the clerk picks "print to file" and OK
        def __init__(self, printer: QPrinter, _parent) -> None:
            assert printer.pageLayout().pageSize().id() == QPageSize.PageSizeId.A4
            printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            printer.setOutputFileName(str(out))

        def setMinMax(self, low: int, high: int) -> None:
            assert (low, high) == (1, 1)

        def exec(self) -> int:
            return QDialog.DialogCode.Accepted

    monkeypatch.setattr(dialog_module, "QPrintDialog", Chooser)
    dialog = make(qtbot, one_form)
    dialog.print_button.click()
    assert printed_pages(out) == 1


def test_save_as_writes_the_exact_bytes(qtbot, one_form, tmp_path, monkeypatch):
    (tmp_path / "out").mkdir()
    target = tmp_path / "out" / "采集表"  # no suffix typed: .pdf is added
    monkeypatch.setattr(dialog_module.QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(target), "PDF (*.pdf)"))
    dialog = make(qtbot, one_form)
    with qtbot.waitSignal(dialog.saved):
        dialog.save_button.click()
    assert target.with_suffix(".pdf").read_bytes() == one_form
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["采集表.pdf"]  # no .part left


def test_preview_is_one_modal_call(qtbot, one_form):
    seen: dict[str, object] = {}

    def close_it() -> None:
        shown = QApplication.activeModalWidget()
        seen["type"], seen["pages"] = type(shown), shown.page_count()
        shown.reject()

    QTimer.singleShot(0, close_it)
    assert PrintPreviewDialog.preview(None, one_form, "租住人员信息采集表") is None
    assert seen == {"type": PrintPreviewDialog, "pages": 1}


def test_broken_pdf_cannot_be_printed(qtbot, tmp_path, monkeypatch):
    warnings: list[str] = []
    monkeypatch.setattr(dialog_module.QMessageBox, "warning",
                        lambda _parent, _title, text: warnings.append(text))
    dialog = make(qtbot, b"not a pdf")
    assert dialog.page_count() == 0 and not dialog.print_button.isEnabled()
    assert "无法打开" in dialog.pages_label.text()
    assert dialog.print_to(pdf_printer(tmp_path / "x.pdf")) == 0
    assert warnings == ["无法读取要打印的 PDF。"] and not (tmp_path / "x.pdf").exists()


def test_save_failure_is_shown_not_raised(qtbot, one_form, tmp_path, monkeypatch):
    warnings: list[str] = []
    monkeypatch.setattr(dialog_module.QMessageBox, "warning",
                        lambda _parent, _title, text: warnings.append(text))
    monkeypatch.setattr(dialog_module.QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(tmp_path / "gone" / "f.pdf"), ""))
    dialog = make(qtbot, one_form)
    assert dialog.choose_file_and_save() is None
    assert len(warnings) == 1 and "无法保存到" in warnings[0]
