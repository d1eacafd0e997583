"""Idle lock: any key or mouse input anywhere in the application restarts a timer; when it
runs out, `idle` fires and the main window locks itself until the password is re-entered."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal

IDLE_MS = 10 * 60 * 1000  # ten minutes, per the desk's security requirement

_INPUT = frozenset({QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress,
                    QEvent.Type.MouseMove, QEvent.Type.Wheel, QEvent.Type.TouchBegin})


class IdleWatcher(QObject):
    idle = Signal()

    def __init__(self, timeout_ms: int = IDLE_MS, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(timeout_ms)
        self.timer.timeout.connect(self.idle)

    def start(self) -> None:
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        # Only restart a running timer: while locked the timer is stopped and stays so.
        if event.type() in _INPUT and self.timer.isActive():
            self.timer.start()
        return False
