"""bench_photo: how long detect + checks + crop take per 1280×720 frame on this machine."""

from __future__ import annotations

import statistics
import time
from pathlib import Path

import numpy as np

from app.photos.checks import check_frame, crop_id_photo
from app.photos.detect import FaceDetector
from app.photos.files import load_image
from app.photos.sources import SyntheticCamera, compose_frame
from resources import resource_path

# The public-domain test portrait lives with the tests (it is not shipped in the app).
TEST_PHOTO = resource_path("samples", "portrait.png")


def bench_photo(frames: int = 60, photo: np.ndarray | Path | None = None) -> dict[str, float]:
    """Median and 95th percentile (ms) over `frames` swaying, noisy 1280×720 frames."""
    portrait = photo if isinstance(photo, np.ndarray) else load_image(photo or TEST_PHOTO)
    camera = SyntheticCamera(compose_frame(portrait), frames=frames + 1, fps=0)
    camera.open()
    clips = []  # made before timing starts
    while (frame := camera.read()) is not None:
        clips.append(frame)
    detector = FaceDetector()
    check_frame(clips.pop(), detector)  # warm-up: first call allocates OpenCV buffers
    times, passed = [], 0
    for frame in clips:
        start = time.perf_counter()
        check = check_frame(frame, detector)
        if check.ok:
            crop_id_photo(frame, check)
            passed += 1
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return {
        "frames": len(times),
        "passed": passed,
        "median_ms": round(statistics.median(times), 2),
        "p95_ms": round(times[min(len(times) - 1, int(0.95 * len(times)))], 2),
    }
