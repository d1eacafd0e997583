"""Signed in to a district instead of a centre (issue 16): the desk's first dialog offers
「街道办（区数据库）」 (ui.district.choice); choosing it asks for the district's address and
the office staff login, then opens the street office's window instead of the centre's.

The address is prefilled from the last office sign-in on this PC, else from the desk's own
sync address (without the centre's login name); no password is kept anywhere.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QWidget

from app.desk.context import Desk
from app.district_office.session import Office, office_address
from app.staff.audit import Actor
from app.sync.history import saved_district_url
from ui.district.window import OfficeSignIn, OfficeWindow
from ui.settings import office_url, set_office_url, settings

SYNC_URL_KEY = "sync/district_url"  # ui.pages.sync_page.URL_KEY: the centre's sync address


def office_address_for(desk: Desk) -> str:
    """Where the office signs in: its own last address, else the centre's sync address."""
    return office_address(office_url() or str(settings().value(SYNC_URL_KEY, "") or "")
                          or saved_district_url(desk))


def sign_in_office(desk: Desk, parent: QWidget | None = None) -> Office | None:
    dialog = OfficeSignIn(office_address_for(desk), None, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.office is None:
        return None
    set_office_url(office_address(dialog.office.url))
    return dialog.office


def sign_in_or_office(desk: Desk, first_run: bool,
                      parent: QWidget | None = None) -> tuple[Actor | None, OfficeWindow | None]:
    """The centre's sign-in (or set-up on a PC without a centre), or the office's window.
    Cancelling the office's sign-in goes back to the centre's dialog; (None, None): quit."""
    from ui.dialogs.login import LoginDialog
    from ui.dialogs.setup import SetupDialog

    while True:
        dialog = SetupDialog(desk, parent) if first_run else LoginDialog(desk, parent=parent)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            return dialog.actor, None
        if not dialog.district_chosen:
            return None, None
        office = sign_in_office(desk, parent)
        if office is not None:
            return None, OfficeWindow(office)
