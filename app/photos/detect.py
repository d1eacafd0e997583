"""Haar-cascade face detection on a downscaled grey copy of the frame."""

from __future__ import annotations

import threading
from pathlib import Path

import cv2
import numpy as np

from app.photos.types import FaceBox
from resources import resource_path

CASCADE_FILE = "haarcascade_frontalface_default.xml"
DETECT_WIDTH = 640  # ≈ half of a 720p frame: 16 ms instead of ~47 ms, faces stay > 24 px
SCALE_FACTOR = 1.2
# True faces on the test portrait (sharp, blurred σ≤6, dark, noisy, JPEG q30, 83–250 px) had
# 15–26 neighbours; false ones (helmet ring, collar) 2–7 and appeared in 6 of 1200 swaying
# frames at 6. 8 removed all of them and lost no true face.
MIN_NEIGHBORS = 8
# Smallest face searched, as a fraction of frame width. Faces under 10 % are refused as too
# small anyway; searching down to 5 % lets us say "come closer" instead of "no face", while
# skipping the smallest (most numerous) scales saves ~25 % of the detection time.
MIN_FACE_SEARCH = 0.05


def cascade_path() -> Path:
    return resource_path("models", CASCADE_FILE)


class FaceDetector:
    """Loads the cascade once. detect() may be called from any one thread at a time; a lock
    makes concurrent calls safe but serial (CascadeClassifier keeps internal buffers)."""

    def __init__(self, path: Path | None = None) -> None:
        path = path or cascade_path()
        # Read the XML in Python and hand OpenCV the text: cv2 cannot open paths with
        # non-ASCII characters on Windows (e.g. a clerk's Chinese user name in the path).
        xml = path.read_text(encoding="utf-8")
        storage = cv2.FileStorage(xml, cv2.FILE_STORAGE_READ | cv2.FILE_STORAGE_MEMORY)
        self._cascade = cv2.CascadeClassifier()
        if not self._cascade.read(storage.getFirstTopLevelNode()) or self._cascade.empty():
            raise RuntimeError(f"face model could not be loaded: {path.name}")
        self._lock = threading.Lock()

    def detect(self, bgr: np.ndarray) -> list[FaceBox]:
        """Faces in full-frame coordinates, largest first."""
        height, width = bgr.shape[:2]
        scale = min(1.0, DETECT_WIDTH / width)
        small = bgr
        if scale < 1.0:
            size = (round(width * scale), max(1, round(height * scale)))
            small = cv2.resize(bgr, size, interpolation=cv2.INTER_AREA)
        grey = small if small.ndim == 2 else cv2.cvtColor(small, cv2.COLOR_BGR2GRAY)
        min_side = max(24, round(MIN_FACE_SEARCH * grey.shape[1]))  # 24 = cascade window
        with self._lock:
            found = self._cascade.detectMultiScale(
                grey, SCALE_FACTOR, MIN_NEIGHBORS, minSize=(min_side, min_side)
            )
        boxes = [
            FaceBox(round(x / scale), round(y / scale), round(w / scale), round(h / scale))
            for (x, y, w, h) in found
        ]
        return sorted(boxes, key=lambda b: b.w * b.h, reverse=True)
