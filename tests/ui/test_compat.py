"""PySide6 6.12 drops a reference to None on every void call and to True on every emit().
On Python 3.11 that aborted the interpreter after minutes of camera preview; from 3.12 on
those singletons are immortal, which is why the project's floor is Python 3.12 (issue 15)."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Probe(QObject):
    fired = Signal()


def test_python_makes_none_and_true_immortal():
    assert sys.version_info >= (3, 12)
    assert sys.getrefcount(None) >= 2**30 and sys.getrefcount(True) >= 2**30


def test_many_void_calls_and_emits_leave_the_singletons_alone():
    probe = _Probe()
    none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(200_000):  # more than None's whole reference count on a bare 3.11
        probe.setObjectName("probe")
        probe.fired.emit()
    assert sys.getrefcount(None) == none_before and sys.getrefcount(True) == true_before
