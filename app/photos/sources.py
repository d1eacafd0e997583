"""Frame sources for the camera worker (Qt-free: the GUI's QThread only calls these).

Every read() returns a new array owned by the caller, so the GUI may convert it to a QImage
and hand it across threads without the buffer being overwritten by the next frame.
"""

from __future__ import annotations

import sys
import threading
import time
from pathlib import Path
from typing import Protocol, runtime_checkable

import cv2
import numpy as np

from app.photos.files import load_image


@runtime_checkable
class FrameSource(Protocol):
    def open(self) -> bool: ...
    def read(self) -> np.ndarray | None: ...  # None: no frame (camera lost / source ended)
    def close(self) -> None: ...


def _backend() -> int:
    # The default MSMF backend on Windows takes seconds to open; DirectShow opens fast.
    if sys.platform == "win32":
        return cv2.CAP_DSHOW
    if sys.platform == "darwin":
        return cv2.CAP_AVFOUNDATION
    return cv2.CAP_V4L2 if sys.platform.startswith("linux") else cv2.CAP_ANY


class OpenCvCamera:
    """A webcam through cv2.VideoCapture. Call from one (worker) thread only."""

    def __init__(self, index: int = 0, width: int = 1280, height: int = 720) -> None:
        self.index, self.width, self.height = index, width, height
        self._cap: cv2.VideoCapture | None = None

    def open(self) -> bool:
        cap = cv2.VideoCapture(self.index, _backend())
        if not cap.isOpened():
            cap.release()
            return False
        # A request only: the driver picks the nearest mode it has.
        cap.set(cv2.CAP_PROP_FRAME_WIDTH, self.width)
        cap.set(cv2.CAP_PROP_FRAME_HEIGHT, self.height)
        self._cap = cap
        return True

    def read(self) -> np.ndarray | None:
        if self._cap is None:
            return None
        ok, frame = self._cap.read()  # the Python binding allocates a fresh array per call
        return frame if ok else None

    def close(self) -> None:
        if self._cap is not None:
            self._cap.release()
            self._cap = None


class SyntheticCamera:
    """A real photo replayed as a live camera: slight sway and sensor noise, so the detector
    and the checks see changing frames (for the demo, the benchmark and the GUI tests).

    frames=None runs until closed; fps paces read() like a real camera (0: as fast as asked).
    """

    def __init__(
        self,
        image: np.ndarray | str | Path,
        frames: int | None = None,
        fps: float = 30,
        seed: int = 0,
    ) -> None:
        self._image = image if isinstance(image, np.ndarray) else load_image(image)
        self.frames, self.fps, self._seed = frames, fps, seed
        self._count = 0
        self._opened = False
        self._next_at = 0.0
        self._rng = np.random.default_rng(seed)

    def open(self) -> bool:
        self._opened, self._count = True, 0
        self._rng = np.random.default_rng(self._seed)
        self._next_at = time.monotonic()
        return True

    def read(self) -> np.ndarray | None:
        if not self._opened or (self.frames is not None and self._count >= self.frames):
            return None
        if self.fps > 0:
            self._next_at += 1.0 / self.fps
            delay = self._next_at - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            elif delay < -1.0:  # the reader stalled: resume pacing instead of bursting
                self._next_at = time.monotonic()
        frame = self._sway(self._count)
        self._count += 1
        return frame

    def close(self) -> None:
        self._opened = False

    def _sway(self, n: int) -> np.ndarray:
        height, width = self._image.shape[:2]
        # ±0.6 % of the width side to side, less up and down: a person breathing on a chair.
        dx = 0.006 * width * np.sin(n / 9.0)
        dy = 0.003 * width * np.sin(n / 13.0 + 1.0)
        shift = np.float32([[1, 0, dx], [0, 1, dy]])
        moved = cv2.warpAffine(self._image, shift, (width, height), borderMode=cv2.BORDER_REFLECT)
        noise = self._rng.normal(0.0, 2.0, moved.shape).astype(np.float32)
        return np.clip(moved + noise, 0, 255).astype(np.uint8)


def compose_frame(photo: np.ndarray, width: int = 1280, height: int = 720) -> np.ndarray:
    """Fill a width×height frame with a portrait, like a webcam framing a seated person:
    scale to cover the frame, centre horizontally, keep the top (where the head is) and add
    a little headroom so the ID crop fits even when the face box breathes by ±10 %."""
    scale = max(width / photo.shape[1], height / photo.shape[0])
    size = (max(width, round(photo.shape[1] * scale)), max(height, round(photo.shape[0] * scale)))
    method = cv2.INTER_CUBIC if scale > 1 else cv2.INTER_AREA
    big = cv2.resize(photo, size, interpolation=method)
    headroom = round(0.06 * height)
    big = cv2.copyMakeBorder(big, headroom, 0, 0, 0, cv2.BORDER_REPLICATE)
    left = (size[0] - width) // 2
    return np.ascontiguousarray(big[:height, left : left + width])


def list_cameras(max_index: int = 4, timeout: float = 2.0) -> list[int]:
    """Indices 0..max_index-1 that open. Each probe runs in a daemon thread with a timeout,
    because some drivers block for many seconds (or forever) on a missing device."""
    if sys.platform.startswith("linux"):
        # No /dev/videoN: nothing to probe, and skipping it avoids V4L2 warnings.
        candidates = [i for i in range(max_index) if Path(f"/dev/video{i}").exists()]
    else:
        candidates = list(range(max_index))
    found: list[int] = []
    for index in candidates:
        result: list[bool] = []
        probe = threading.Thread(target=_probe, args=(index, result), daemon=True)
        probe.start()
        probe.join(timeout)
        if result and result[0]:
            found.append(index)
    return found


def _probe(index: int, result: list[bool]) -> None:
    cap = cv2.VideoCapture(index, _backend())
    try:
        result.append(bool(cap.isOpened()) and bool(cap.read()[0]))
    finally:
        cap.release()
