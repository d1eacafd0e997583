"""The camera preview worker: a QThread reading an app.photos FrameSource.

Each frame is converted to a QImage that owns its pixels (`.copy()`), so the GUI never
paints from a buffer the next read may overwrite. Face checks run a few times a second,
not on every frame: detection costs ~16–47 ms and the clerk only needs a steady hint.
Stop with `stop()` (requestInterruption + wait); never terminate(), which can kill the
thread inside the camera driver and leave the device locked.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QThread, Signal
from PySide6.QtGui import QImage

from app.photos import FaceDetector, FrameSource, PhotoCheck, check_frame

CHECK_INTERVAL_S = 0.2


@dataclass(frozen=True)
class Shot:
    """One frame as the worker saw it: the array (for the capture) and its latest check."""

    frame: np.ndarray
    check: PhotoCheck | None


def bgr_to_qimage(frame: np.ndarray) -> QImage:
    if frame.ndim == 2:
        frame = np.dstack([frame] * 3)
    frame = np.ascontiguousarray(frame)
    height, width = frame.shape[:2]
    image = QImage(frame.data, width, height, frame.strides[0], QImage.Format.Format_BGR888)
    return image.copy()  # own the pixels: `frame` may be freed once we return


class CameraWorker(QThread):
    frame_ready = Signal(QImage, object)  # the picture, a Shot
    open_failed = Signal()
    ended = Signal()  # the source stopped giving frames (camera unplugged, file ended)

    def __init__(self, source: FrameSource, detector: FaceDetector | None = None,
                 check_interval_s: float = CHECK_INTERVAL_S) -> None:
        super().__init__()
        self.source = source
        self._detector = detector
        self._interval = check_interval_s
        self.frames = 0
        # Set while a frame is on its way to the GUI: newer frames are dropped meanwhile,
        # so a busy GUI thread sees the latest picture instead of a growing backlog.
        self._in_flight = threading.Event()

    def run(self) -> None:
        if not self.source.open():
            self.open_failed.emit()
            return
        try:
            # The cascade is not shared across threads: this thread loads its own.
            detector = self._detector or FaceDetector()
            check: PhotoCheck | None = None
            next_check = 0.0
            while not self.isInterruptionRequested():
                frame = self.source.read()
                if frame is None:
                    self.ended.emit()
                    break
                now = time.monotonic()
                if now >= next_check:
                    check = check_frame(frame, detector)
                    next_check = now + self._interval
                self.frames += 1
                if not self._in_flight.is_set():
                    self._in_flight.set()
                    self.frame_ready.emit(bgr_to_qimage(frame), Shot(frame, check))
        finally:
            self.source.close()

    def frame_shown(self) -> None:
        """The receiver calls this when it has drawn a frame: the next one may come."""
        self._in_flight.clear()

    def stop(self, timeout_ms: int = 5000) -> bool:
        """Ask the loop to end and wait for it; True when the thread has finished."""
        self.requestInterruption()
        return self.wait(timeout_ms)
