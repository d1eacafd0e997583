"""Read an image's format and pixel size from its header, without decoding the pixels.

Why: a 12 KB PNG can announce 10000×6000 pixels and make the decoder allocate 180 MB (a
"decompression bomb"); OpenCV has no header-only query in Python, so the few formats the
desk accepts are parsed here and anything over the limit is refused before cv2.imdecode.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

from app.photos.messages import refused


@dataclass(frozen=True)
class ImageHeader:
    fmt: str  # 'jpeg' | 'png' | 'bmp' | 'webp' | 'tiff'
    width: int
    height: int


# JPEG start-of-frame markers (baseline, progressive, lossless, arithmetic); not C4/C8/CC.
_SOF = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}


def read_header(data: bytes) -> ImageHeader:
    """Return format and size; raise ImageRefused (not_image / corrupt_image) otherwise."""
    try:
        if data.startswith(b"\x89PNG\r\n\x1a\n"):
            return _png(data)
        if data.startswith(b"\xff\xd8\xff"):
            return _jpeg(data)
        if data.startswith(b"BM"):
            return _bmp(data)
        if data.startswith(b"RIFF") and data[8:12] == b"WEBP":
            return _webp(data)
        if data[:4] in (b"II*\x00", b"MM\x00*"):
            return _tiff(data)
    except (struct.error, IndexError, KeyError, ValueError):
        # The magic said "image" but the header is cut short or nonsense.
        raise refused("corrupt_image") from None
    raise refused("not_image")


def _checked(fmt: str, width: int, height: int) -> ImageHeader:
    if width <= 0 or height <= 0:
        raise ValueError("zero size")
    return ImageHeader(fmt, width, height)


def _png(data: bytes) -> ImageHeader:
    if data[12:16] != b"IHDR":
        raise ValueError("no IHDR")
    width, height = struct.unpack(">II", data[16:24])
    # A PNG cut short loses its IEND chunk; libpng may still hand back a partial picture.
    if data.rfind(b"IEND") < 24:
        raise ValueError("truncated")
    return _checked("png", width, height)


def _jpeg(data: bytes) -> ImageHeader:
    pos, size = 2, None
    while pos < len(data):
        if data[pos] != 0xFF:
            raise ValueError("bad marker")
        while data[pos] == 0xFF:  # fill bytes may precede a marker
            pos += 1
        marker = data[pos]
        pos += 1
        if marker == 0x01 or 0xD0 <= marker <= 0xD7:
            continue  # markers without a length field
        (length,) = struct.unpack(">H", data[pos : pos + 2])
        if marker in _SOF and size is None:
            height, width = struct.unpack(">HH", data[pos + 3 : pos + 7])
            size = (width, height)
        if marker == 0xDA:  # start of scan: entropy-coded data follows
            if size is None:
                raise ValueError("no SOF")
            # Inside scan data 0xFF is always stuffed, so FFD9 after the first scan can only
            # be the end-of-image marker; a copy cut short has none. (An EXIF thumbnail's
            # FFD9 comes before SOS, so it does not fool this check.)
            if data.find(b"\xff\xd9", pos) < 0:
                raise ValueError("truncated")
            return _checked("jpeg", *size)
        pos += length
    raise ValueError("no scan")


def _bmp(data: bytes) -> ImageHeader:
    (dib,) = struct.unpack("<I", data[14:18])
    if dib == 12:  # OS/2 BITMAPCOREHEADER
        width, height = struct.unpack("<HH", data[18:22])
    else:
        width, height = struct.unpack("<ii", data[18:26])
    return _checked("bmp", abs(width), abs(height))  # negative height = top-down rows


def _webp(data: bytes) -> ImageHeader:
    chunk, body = data[12:16], data[20:30]
    if chunk == b"VP8 " and body[3:6] == b"\x9d\x01\x2a":
        width, height = struct.unpack("<HH", body[6:10])
        return _checked("webp", width & 0x3FFF, height & 0x3FFF)
    if chunk == b"VP8L" and body[0] == 0x2F:
        (bits,) = struct.unpack("<I", body[1:5])
        return _checked("webp", (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1)
    if chunk == b"VP8X":
        width = int.from_bytes(body[4:7], "little") + 1
        height = int.from_bytes(body[7:10], "little") + 1
        return _checked("webp", width, height)
    raise ValueError("unknown WebP chunk")


def _tiff(data: bytes) -> ImageHeader:
    end = "<" if data[:2] == b"II" else ">"
    (ifd,) = struct.unpack(end + "I", data[4:8])
    (count,) = struct.unpack(end + "H", data[ifd : ifd + 2])
    dims: dict[int, int] = {}
    for i in range(count):
        entry = data[ifd + 2 + 12 * i : ifd + 14 + 12 * i]
        tag, kind = struct.unpack(end + "HH", entry[:4])
        if tag in (256, 257):  # ImageWidth, ImageLength: SHORT (3) or LONG (4)
            fmt = end + ("H" if kind == 3 else "I")
            dims[tag] = struct.unpack(fmt, entry[8 : 8 + struct.calcsize(fmt)])[0]
    return _checked("tiff", dims[256], dims[257])
