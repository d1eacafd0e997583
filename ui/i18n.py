"""Language: Chinese source strings, an English translation loaded from resources/.

The chosen language is also the default QLocale, so code that must pick between a
refusal's Chinese and English text (`refusal_text`) asks QLocale instead of a global.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from app.desk.errors import Refused
from resources import resource_path


def translations_dir():
    return resource_path("translations")


def install_language(app: QCoreApplication, lang: str) -> QTranslator | None:
    """Load rentdesk_<lang>.qm (none for Chinese: the sources are Chinese)."""
    QLocale.setDefault(QLocale("en_US" if lang == "en" else "zh_CN"))
    if lang != "en":
        _install_qt_chinese(app)
        return None
    translator = QTranslator(app)
    if translator.load(str(translations_dir() / f"rentdesk_{lang}.qm")):
        app.installTranslator(translator)
        return translator
    return None


def _install_qt_chinese(app: QCoreApplication) -> None:
    """Qt's own strings (OK/Cancel, context menus) in Chinese, from the Qt installation."""
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name in ("qtbase_zh_CN", "qt_zh_CN"):
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
            return


def is_english() -> bool:
    return QLocale().language() == QLocale.Language.English


def refusal_text(refused: Refused) -> str:
    """The refusal's message in the window's language."""
    return refused.en if is_english() else refused.zh


def pick(zh: str | None, en: str | None) -> str:
    """For app-layer texts that come as a (Chinese, English) pair."""
    return (en if is_english() else zh) or zh or en or ""
