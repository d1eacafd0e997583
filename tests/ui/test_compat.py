"""PySide6 6.12.0 on Python 3.11 loses a reference to None on every void call and to True
on every emit(); ui/compat.py pins them. Without it this test aborts the interpreter."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject

import ui  # noqa: F401  (importing the package applies the work-around)
from ui.compat import pin_singletons, pyside_drops_singletons


def test_many_void_calls_and_emits_cannot_exhaust_the_singletons():
    probe = QObject()
    for _ in range(100_000):  # more than None's whole reference count on a bare 3.11
        probe.setObjectName("probe")
    assert sys.getrefcount(None) > 1_000_000
    assert sys.getrefcount(True) > 1_000_000 or not pyside_drops_singletons()


def test_pinning_happens_once():
    assert pin_singletons() is False  # already applied (or not needed) at import
