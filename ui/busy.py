"""The "数据库正忙…" indicator: app/desk/db_busy.py announces a wait, this relays it to the GUI thread.

The announcement comes from whichever thread is writing (the database lane, the sign-in
worker); a Qt signal emitted there reaches the widgets through the event loop. One relay per
engine, so dialogs that come and go (the lock screen) never leave a listener behind.
"""

from __future__ import annotations

from weakref import WeakKeyDictionary

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QLabel

from app.desk.context import Desk
from app.desk.db_busy import watch_busy


class BusyRelay(QObject):
    changed = Signal(bool)  # True: a write is waiting for another program


_relays: WeakKeyDictionary[object, BusyRelay] = WeakKeyDictionary()  # by the desk's engine


def busy_relay(desk: Desk) -> BusyRelay:
    relay = _relays.get(desk.engine)
    if relay is None:
        # Owned by the application, never by Python: the engine (and with it our reference)
        # goes when the garbage collector finds it, on whichever thread happens to run it, and
        # a QObject with connections must not be destroyed there. One small object per desk.
        relay = BusyRelay(QCoreApplication.instance())
        _relays[desk.engine] = relay
        watch_busy(desk.engine, relay.changed.emit)
    return relay


def busy_text() -> str:
    return QCoreApplication.translate(
        "busy", "数据库正忙：另一个程序（同步、导入或备份）正在写入，正在等待……")


def busy_label(desk: Desk) -> QLabel:
    """A status-bar label, hidden until a write waits; red while it does."""
    label = QLabel(busy_text())
    label.setObjectName("db_busy")
    label.setStyleSheet("color: #b00020; font-weight: bold;")
    label.hide()
    busy_relay(desk).changed.connect(label.setVisible)
    return label
