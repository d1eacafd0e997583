"""The GUI half of `rentdesk --self-test`: fonts register, Chinese has glyphs, the English
translation loads and translates."""

from __future__ import annotations

import os

from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtGui import QFontDatabase


def run_checks() -> str:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from ui.fonts import register_fonts
    from ui.i18n import translations_dir

    app = QApplication.instance() or QApplication([])
    families = register_fonts()
    assert families, "no bundled font registered"
    han = [f for f in families if QFontDatabase.writingSystems(f).count(
        QFontDatabase.WritingSystem.SimplifiedChinese)]
    assert han, f"no registered font covers Simplified Chinese: {families}"
    translator = QTranslator()
    assert translator.load(str(translations_dir() / "rentdesk_en.qm")), "rentdesk_en.qm missing"
    app.installTranslator(translator)
    try:
        english = QCoreApplication.translate("MainWindow", "登记")
    finally:
        app.removeTranslator(translator)
    assert english == "Intake", english
    return f"fonts {', '.join(families)}; English translation loads"
