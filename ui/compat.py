"""Work-around for a refcount bug of the PySide6 6.12.0 wheels on CPython 3.11.

Measured here: every Python call of a C++ method returning void hands back `None` without
taking a reference, and `SignalInstance.emit()` does the same with `True` (the binding
seems built for Python ≥ 3.12, where those singletons are immortal). On 3.11 each call
takes one reference away; with the camera preview running, `None` lost ~270 references a
second, so the interpreter aborts with "none_dealloc" / "bool_dealloc" after a few minutes.

The fix does what Python 3.12 does: it makes the singletons immortal by giving them a
reference count no program can exhaust. It runs only when a probe sees the bug, so a
fixed PySide6 or a newer Python leaves everything untouched.
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QObject, Signal

_PINNED = 1 << 40  # references added: > 10^12 calls before the count could run out
_PROBE_CALLS = 64
_done = False


class _Probe(QObject):
    fired = Signal()


def _drop(obj: object, action) -> int:
    before = sys.getrefcount(obj)
    for _ in range(_PROBE_CALLS):
        action()
    return before - sys.getrefcount(obj)


def pyside_drops_singletons() -> bool:
    probe = _Probe()
    lost_none = _drop(None, lambda: probe.setObjectName("probe"))  # a void method
    lost_true = _drop(True, probe.fired.emit)
    return lost_none >= _PROBE_CALLS // 2 or lost_true >= _PROBE_CALLS // 2


def pin_singletons() -> bool:
    """Apply the work-around once per process if needed; True when it was applied."""
    global _done
    if _done or sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False
    _done = True
    if not pyside_drops_singletons():
        return False
    for obj in (None, True, False, NotImplemented, Ellipsis):
        # ob_refcnt is the first field of every CPython 3.11 object.
        ctypes.c_ssize_t.from_address(id(obj)).value += _PINNED
    return True
