"""Register the bundled CJK fonts so Chinese renders on machines without any CJK font.

app/printing/fonts.py owns the list (the PDF forms use the same chain); when it is missing or
fails we scan resources/fonts ourselves, so a broken forms module never blanks the GUI.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from resources import resource_path


def _font_files() -> list[Path]:
    try:
        from app.printing.fonts import font_paths

        files = [Path(p) for p in font_paths()]
        if files and all(p.is_file() for p in files):
            return files
    except Exception:  # noqa: BLE001 - any failure falls back to the folder scan
        pass
    folder = resource_path("fonts")
    return sorted(folder.glob("*.ttf")) + sorted(folder.glob("*.ttc"))


def register_fonts() -> list[str]:
    """Add each bundled font; returns the family names in chain order."""
    families: list[str] = []
    for path in _font_files():
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id < 0:
            continue
        for family in QFontDatabase.applicationFontFamilies(font_id):
            if family not in families:
                families.append(family)
    return families


def apply_app_font(app: QApplication, families: list[str]) -> None:
    """The chain as the application font's family list: Qt falls back per character along
    it, so Latin comes from DejaVu and Han characters (and rare ones) from the CJK fonts.
    The point size stays the platform's, which keeps text right at any DPI."""
    if not families:
        return
    font = QFont(app.font())
    font.setFamilies(families)
    app.setFont(font)
