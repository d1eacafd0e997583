"""Turning a photo file into the checked ID-photo crop the record keeps (R6)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from app.errors import Refused


@lru_cache(maxsize=1)
def _detector():
    from app.photos import FaceDetector

    return FaceDetector()


def id_photo_from_file(path: Path) -> bytes:
    """The same detection, checks and crop as the camera; refusals say what to fix."""
    from app.photos import ImageRefused, check_frame, crop_id_photo, encode_jpeg, load_image

    try:
        image = load_image(path)
    except ImageRefused as e:
        raise Refused(f"photo_{e.reason}", e.message, e.message_en) from None
    check = check_frame(image, _detector())
    if not check.ok:
        raise Refused(f"photo_{check.reason}", f"照片不合格：{check.message}",
                      f"Photo refused: {check.message_en}", faces=len(check.faces))
    return encode_jpeg(crop_id_photo(image, check))
