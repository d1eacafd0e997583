"""Printing: the 打印 menu, the tenant's 采集表 from a page, and the print preview and
printing of the forms' PDF bytes (QtPdf + QtPrintSupport).

`PrintPreviewDialog.preview(parent, pdf_bytes, title)` is the one call the pages need;
`print_pdf(pdf_bytes, printer)` prints without a window. The bytes come from app.printing.
"""

from ui.printing.dialog import PrintPreviewDialog
from ui.printing.render import PrintError, open_pdf, print_pdf

__all__ = ["PrintError", "PrintPreviewDialog", "open_pdf", "print_pdf"]
