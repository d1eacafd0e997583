"""check_frame: is this frame good enough for an ID photo, and if not, what should change.

Thresholds were measured on the public-domain NASA portrait in tests/data (astronaut.png),
rescaled, darkened and blurred; the figures are in the comments and the commit notes.
"""

from __future__ import annotations

import cv2
import numpy as np

from app.photos.detect import FaceDetector
from app.photos.geometry import crop_rect, cut_and_resize, fits
from app.photos.messages import check_text
from app.photos.types import FaceBox, PhotoCheck

# Face narrower than 10 % of the frame: at a desk webcam (≈70° field of view) that is a
# person more than ~1 m away; closer is needed for a crisp photo and steady detection.
MIN_FACE_FRACTION = 0.10
# And at least 80 px whatever the frame size: the face is enlarged to 207 px in the ID photo,
# so below 80 px that is > 2.6× upscaling, visibly mushy. (Measured: at 60 px the
# sharpness score drops to 0.019 even without blur, below MIN_SHARPNESS.)
MIN_FACE_PX = 80
# Mean face luminance (0–255). The test face is 155; well-lit faces are ~110–170. Under 80
# the face looks grey and noisy, and the ID photo would be rejected at the card office.
MIN_FACE_BRIGHTNESS = 80.0
# With no face found, a frame this dark explains why: ask for light, not "face the camera".
MIN_FRAME_BRIGHTNESS = 50.0
# Sharpness = var(Laplacian) / var(intensity) on the face resampled to SHARP_SIDE px, so it
# depends neither on the face's pixel size nor on exposure. Measured on a 245 px face:
# sharp 0.078, Gaussian σ=1 → 0.043, σ=1.5 → 0.026, σ=2 → 0.016, 15 px motion → 0.019.
MIN_SHARPNESS = 0.02
SHARP_SIDE = 128


def _grey(bgr: np.ndarray) -> np.ndarray:
    return bgr if bgr.ndim == 2 else cv2.cvtColor(bgr, cv2.COLOR_BGR2GRAY)


def face_sharpness(grey_face: np.ndarray) -> float:
    grow = grey_face.shape[1] < SHARP_SIDE
    method = cv2.INTER_LINEAR if grow else cv2.INTER_AREA
    sample = cv2.resize(grey_face, (SHARP_SIDE, SHARP_SIDE), interpolation=method)
    spread = max(float(sample.std()), 1.0)  # flat patch: avoid dividing by ~0
    return float(cv2.Laplacian(sample, cv2.CV_64F).var()) / spread**2


def _frame_brightness(grey: np.ndarray) -> float:
    step = max(1, grey.shape[1] // 320)  # a sparse grid is plenty for a mean
    return float(grey[::step, ::step].mean())


def _refuse(
    reason: str,
    faces: list[FaceBox],
    brightness: float,
    sharpness: float = 0.0,
    crop: tuple[int, int, int, int] | None = None,
) -> PhotoCheck:
    zh, en = check_text(reason)
    return PhotoCheck(False, faces, reason, zh, en, brightness, sharpness, crop)


def check_frame(bgr: np.ndarray, detector: FaceDetector) -> PhotoCheck:
    """Detect faces and check the frame. Checks run from the one the clerk must fix first
    (who is in the picture, then where, then light, then focus) so the message is useful."""
    grey = _grey(bgr)
    frame_h, frame_w = grey.shape[:2]
    frame_light = _frame_brightness(grey)
    faces = detector.detect(bgr)
    if not faces:
        reason = "too_dark" if frame_light < MIN_FRAME_BRIGHTNESS else "no_face"
        return _refuse(reason, faces, frame_light)
    if len(faces) > 1:
        return _refuse("many_faces", faces, frame_light)

    face = faces[0]
    region = grey[face.y : face.y + face.h, face.x : face.x + face.w]
    light = float(region.mean())
    sharp = face_sharpness(region)
    rect = crop_rect(face)
    crop = rect if fits(rect, frame_w, frame_h) else None
    if face.w < max(MIN_FACE_FRACTION * frame_w, MIN_FACE_PX):
        return _refuse("face_too_small", faces, light, sharp, crop)
    if crop is None:
        return _refuse("face_at_edge", faces, light, sharp)
    if light < MIN_FACE_BRIGHTNESS:
        return _refuse("too_dark", faces, light, sharp, crop)
    if sharp < MIN_SHARPNESS:
        return _refuse("too_blurred", faces, light, sharp, crop)
    return PhotoCheck(True, faces, None, None, None, light, sharp, crop)


def crop_id_photo(bgr: np.ndarray, check: PhotoCheck) -> np.ndarray:
    """The 441-row × 358-column BGR ID photo of a frame whose check passed.

    Refused checks may carry a crop rectangle too (the GUI draws it as a guide), but cropping
    them is an error: issuance (R6) needs a photo that passed the checks.
    """
    if not check.ok or check.crop is None:
        raise ValueError(f"frame did not pass the photo checks (reason: {check.reason})")
    return cut_and_resize(bgr, check.crop)
