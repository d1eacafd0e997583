"""One photo file in, a JSON-ready verdict (and the ID photo) out: for `rentdesk photo`."""

from __future__ import annotations

import os
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any

from app.photos.checks import check_frame, crop_id_photo
from app.photos.detect import FaceDetector
from app.photos.files import encode_jpeg, load_image
from app.photos.messages import file_check_text
from app.photos.types import ImageRefused


@lru_cache(maxsize=1)
def default_detector() -> FaceDetector:
    """Loading the cascade takes ~0.1 s; do it once per process. Pass your own detector to
    process_photo_file instead of patching this in tests."""
    return FaceDetector()


def process_photo_file(
    path: str | os.PathLike[str], out: Path | None = None, *, detector: FaceDetector | None = None
) -> dict[str, Any]:
    """Check a photo file; when it passes and `out` is given, write the 358×441 JPEG there.

    Keys: ok, faces, reason (None when ok), message, message_en, width, height, out.
    Nothing is written when the photo is refused (an old file at `out` is left alone).
    """
    result: dict[str, Any] = {
        "ok": False,
        "faces": 0,
        "reason": None,
        "message": None,
        "message_en": None,
        "width": None,
        "height": None,
        "out": None,
    }
    try:
        image = load_image(path)
    except ImageRefused as refusal:
        result.update(reason=refusal.reason, message=refusal.message, message_en=refusal.message_en)
        return result
    check = check_frame(image, detector or default_detector())
    # A file, not a camera: the advice is about choosing another picture.
    message, message_en = (file_check_text(check.reason, check.message, check.message_en)
                           if check.reason else (check.message, check.message_en))
    result.update(
        ok=check.ok,
        faces=len(check.faces),
        reason=check.reason,
        message=message,
        message_en=message_en,
        width=int(image.shape[1]),
        height=int(image.shape[0]),
    )
    if check.ok and out is not None:
        _write_atomically(Path(out), encode_jpeg(crop_id_photo(image, check)))
        result["out"] = str(out)
    return result


def _write_atomically(target: Path, data: bytes) -> None:
    # Write then rename: a crash or full disk never leaves a half JPEG that looks valid.
    fd, tmp = tempfile.mkstemp(prefix=".photo-", suffix=".tmp", dir=target.parent or ".")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
