"""The 打印 menu reaches every form: batch, receipt, unit form, blanks (R2, R6, R10)."""

from __future__ import annotations

from io import BytesIO

from pypdf import PdfReader
from PySide6.QtWidgets import QInputDialog

from app.tenants.cards import issue_card
from tests.conftest import idno, register
from tests.ui.conftest import settle


def _previews(monkeypatch) -> list[tuple[bytes, str]]:
    from ui.printing import PrintPreviewDialog

    shown: list[tuple[bytes, str]] = []
    monkeypatch.setattr(PrintPreviewDialog, "preview",
                        classmethod(lambda cls, parent, pdf, title: shown.append((pdf, title))))
    return shown


def _text(pdf: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages)


def test_every_form_from_the_print_menu(qtbot, window, desk, admin, photo_jpeg, monkeypatch):
    register(desk, admin, 1, unit="101", photo=photo_jpeg, name="张三")
    issue_card(desk, admin, idno(1), "0000000077")
    shown = _previews(monkeypatch)
    answers = iter(["0000000077", "B1", "101"])
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (next(answers), True))
    actions = [a for a in window.print_menu.actions() if not a.isSeparator()]
    assert len(actions) == 5
    for action in actions:
        action.trigger()
        settle(qtbot, window.ctx.lane)
    assert len(shown) == 5
    batch, receipt, unit, blank_c, blank_u = (_text(pdf) for pdf, _title in shown)
    assert "张三" in batch and "0000000077" in receipt and "101" in unit
    assert "张三" not in blank_c and "张三" not in blank_u


def test_unknown_card_shows_the_refusal_and_no_preview(qtbot, window, monkeypatch):
    from ui import notify

    shown = _previews(monkeypatch)
    errors = []
    monkeypatch.setattr(notify, "show_error", lambda parent, exc: errors.append(exc))
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("0000000099", True))
    window.print_menu.actions()[1].trigger()
    settle(qtbot, window.ctx.lane)
    assert errors and not shown
