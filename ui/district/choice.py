"""The second way in (issue 16): a 「街道办（区数据库）」 button on the desk's first dialog.

The desk's sign-in (and first-run set-up) dialog gets the button; choosing it closes the
dialog with `district_chosen` set, and ui.district.signin opens the office's sign-in.
Kept apart from the dialogs so each of them needs one line to offer it.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPushButton


def add_office_button(dialog: QDialog, buttons: QDialogButtonBox) -> QPushButton:
    """Alt+D: the street office's staff sign in to the district instead of this centre."""
    dialog.district_chosen = False
    button = buttons.addButton(
        QCoreApplication.translate("OfficeChoice", "街道办（区数据库）(&D)…"),
        QDialogButtonBox.ButtonRole.ActionRole)
    button.setAutoDefault(False)  # Enter still signs in to the centre
    button.setToolTip(QCoreApplication.translate(
        "OfficeChoice", "街道办工作人员：用区数据库账号登录，打开街道办窗口"))

    def choose() -> None:
        dialog.district_chosen = True
        dialog.reject()

    button.clicked.connect(choose)
    return button
