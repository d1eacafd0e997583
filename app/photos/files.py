"""Safe loading and JPEG encoding of photos and paper scans.

Files come from USB sticks, phones and scanners: they may be empty, half-copied, renamed
documents or huge. Every refusal is an ImageRefused with a reason code and zh/en text; the
file's contents are never logged (they are personal data).
"""

from __future__ import annotations

import os
from pathlib import Path

import cv2
import numpy as np

from app.data.file_limits import PHOTO_MAX_BYTES, read_bounded
from app.desk.errors import Refused
from app.photos.headers import read_header
from app.photos.messages import refused

MAX_PIXELS = 50_000_000  # 50 MP: a 12 MP phone photo passes; a decompression bomb does not
MAX_FILE_BYTES = PHOTO_MAX_BYTES  # refuse before reading a file into memory at all
SCAN_LONG_SIDE = 2000  # ≈ 240 dpi across an A4 page: readable, yet a few hundred KB as JPEG
SCAN_QUALITY = 88

PathOrBytes = str | os.PathLike[str] | bytes | bytearray | memoryview


def _read_bytes(source: PathOrBytes) -> bytes:
    if isinstance(source, bytes | bytearray | memoryview):
        data = bytes(source)
        if len(data) > MAX_FILE_BYTES:
            raise refused("image_too_large")
        return data
    try:
        # app.data.file_limits: regular files only (not /dev/zero, not a FIFO), size before read
        return read_bounded(Path(source), MAX_FILE_BYTES, "照片或扫描件 / photo or scan")
    except Refused as r:
        if r.code == "file_too_large":
            raise refused("image_too_large") from None
        if r.code == "not_a_file" and Path(source).exists():
            raise refused("not_a_file") from None
        raise refused("file_unreadable") from None


def read_image_bytes(source: PathOrBytes) -> bytes:
    """A picture file's bytes, bounded; ImageRefused for folders, devices, huge or missing files."""
    return _read_bytes(source)


def load_image(source: PathOrBytes) -> np.ndarray:
    """Decode a photo or scan into an 8-bit BGR array, or raise ImageRefused.

    Order matters: size and header are checked before cv2.imdecode allocates anything.
    EXIF orientation is applied (phone photos come out upright).
    """
    data = _read_bytes(source)
    if not data:
        raise refused("empty_file")
    header = read_header(data)
    if header.width * header.height > MAX_PIXELS:
        raise refused("image_too_large")
    image = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_COLOR)
    # The decoded size must match the header (either way round: EXIF rotation swaps axes).
    if image is None or sorted(image.shape[:2]) != sorted((header.height, header.width)):
        raise refused("corrupt_image")
    return image


def encode_jpeg(bgr: np.ndarray, quality: int = 92) -> bytes:
    """Encode as baseline JPEG (no metadata: nothing from the original file leaks through)."""
    ok, buf = cv2.imencode(".jpg", bgr, [cv2.IMWRITE_JPEG_QUALITY, int(quality)])
    if not ok:
        raise ValueError("JPEG encoding failed")
    return buf.tobytes()


def prepare_scan(source: PathOrBytes) -> bytes:
    """Copy of a paper (ID front/back, family-planning certificate) ready to store and upload.

    Loaded with the same refusals as photos; the long side is limited to SCAN_LONG_SIDE so a
    600 dpi scan does not become a 25 MB upload; re-encoded as JPEG, which also drops EXIF
    (GPS, device serials) from phone pictures.
    """
    image = load_image(source)
    height, width = image.shape[:2]
    scale = SCAN_LONG_SIDE / max(height, width)
    if scale < 1.0:
        size = (max(1, round(width * scale)), max(1, round(height * scale)))
        image = cv2.resize(image, size, interpolation=cv2.INTER_AREA)  # AREA: no aliasing
    return encode_jpeg(image, SCAN_QUALITY)
