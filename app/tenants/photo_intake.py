"""Turning a photo file into the checked ID-photo crop the record keeps (R6)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from app.desk.errors import Refused


@lru_cache(maxsize=1)
def _detector():
    from app.photos import FaceDetector

    return FaceDetector()


def id_photo_from_file(path: Path) -> bytes:
    """The same detection, checks and crop as the camera; refusals say what to fix."""
    from app.photos import ImageRefused, check_frame, crop_id_photo, encode_jpeg, load_image
    from app.photos.messages import file_check_text

    try:
        image = load_image(path)
    except ImageRefused as e:
        raise Refused(f"photo_{e.reason}", e.message, e.message_en) from None
    check = check_frame(image, _detector())
    if not check.ok:
        zh, en = file_check_text(check.reason or "", check.message or "", check.message_en or "")
        raise Refused(f"photo_{check.reason}", f"照片不合格：{zh}", f"Photo refused: {en}",
                      faces=len(check.faces))
    return encode_jpeg(crop_id_photo(image, check))


def read_picture_file(path: Path, what_zh: str, what_en: str) -> bytes:
    """A scan or photo file's bytes, bounded (never a folder, /dev/zero or a 4 GB file), as a
    refusal that names the paper: 计生证扫描件：这不是一个普通文件…"""
    from app.photos import ImageRefused
    from app.photos.files import read_image_bytes

    try:
        return read_image_bytes(path)
    except ImageRefused as e:
        raise Refused(f"file_{e.reason}", f"{what_zh}：{e.message}",
                      f"{what_en}: {e.message_en}") from None
