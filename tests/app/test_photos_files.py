"""Loading photo and scan files safely: every bad file is refused with a zh/en message.

# rule R6 — the photo that issuance needs comes through load_image; a broken or hostile
# file must be refused with a clear message, never crash the desk or exhaust its memory.
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import cv2
import numpy as np
import pytest

from app.photos import LOAD_REASONS, ImageRefused, load_image, prepare_scan
from app.photos import files as photo_files

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.fixture(scope="module")
def portrait() -> np.ndarray:
    return load_image(DATA / "astronaut.png")


def _png_chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def _png_claiming(width: int, height: int) -> bytes:
    """A small, well-formed PNG whose header announces width×height RGB pixels."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 1024)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", ihdr)
        + _png_chunk(b"IDAT", idat)
        + _png_chunk(b"IEND", b"")
    )


def refusal(source: object) -> ImageRefused:
    with pytest.raises(ImageRefused) as caught:
        load_image(source)  # type: ignore[arg-type]
    error = caught.value
    assert (error.message, error.message_en) == LOAD_REASONS[error.reason]
    assert any("\u4e00" <= ch <= "\u9fff" for ch in error.message) and error.message_en
    return error


@pytest.mark.parametrize("ext", [".jpg", ".png", ".bmp", ".webp", ".tiff"])
def test_accepted_formats_decode_to_bgr(ext: str, portrait: np.ndarray, tmp_path: Path) -> None:
    path = tmp_path / f"photo{ext}"
    assert cv2.imwrite(str(path), portrait)
    image = load_image(path)
    assert image.shape == (512, 512, 3) and image.dtype == np.uint8
    assert load_image(path.read_bytes()).shape == image.shape  # bytes work as well as paths


def test_greyscale_file_comes_back_as_bgr(portrait: np.ndarray) -> None:
    grey = cv2.cvtColor(portrait, cv2.COLOR_BGR2GRAY)
    data = cv2.imencode(".png", grey)[1].tobytes()
    assert load_image(data).shape == (512, 512, 3)


def test_zero_bytes(tmp_path: Path) -> None:
    empty = tmp_path / "photo.jpg"
    empty.write_bytes(b"")
    assert refusal(empty).reason == "empty_file"
    assert refusal(b"").reason == "empty_file"


def test_missing_file_and_directory(tmp_path: Path) -> None:
    assert refusal(tmp_path / "nope.jpg").reason == "file_unreadable"
    assert refusal(tmp_path).reason == "not_a_file"  # a folder: said so (issue 13)


def test_not_an_image(tmp_path: Path) -> None:
    fake = tmp_path / "photo.jpg"  # a text file renamed .jpg
    fake.write_text("租住人员信息采集表\n", encoding="utf-8")
    assert refusal(fake).reason == "not_image"
    assert refusal(b"%PDF-1.7\n...").reason == "not_image"


def test_truncated_jpeg(portrait: np.ndarray) -> None:
    jpeg = cv2.imencode(".jpg", portrait)[1].tobytes()
    assert load_image(jpeg).shape == (512, 512, 3)
    # OpenCV alone would hand back a picture grey at the bottom: we refuse it.
    assert refusal(jpeg[: len(jpeg) // 2]).reason == "corrupt_image"
    assert refusal(jpeg[:300]).reason == "corrupt_image"


def test_truncated_png() -> None:
    png = (DATA / "astronaut.png").read_bytes()
    assert refusal(png[: len(png) // 2]).reason == "corrupt_image"
    assert refusal(png[:20]).reason == "corrupt_image"  # cut inside the header


def test_corrupt_data_behind_a_valid_header() -> None:
    png = bytearray((DATA / "astronaut.png").read_bytes())
    png[200:4000] = bytes(3800)  # scribble over the compressed pixels
    assert refusal(bytes(png)).reason == "corrupt_image"


def test_huge_image_refused_from_its_header(monkeypatch: pytest.MonkeyPatch) -> None:
    """10000×6000 = 60 MP (≈180 MB decoded) from a file of a few hundred bytes."""
    bomb = _png_claiming(10000, 6000)
    assert len(bomb) < 1000

    def must_not_decode(*_args: object) -> None:
        raise AssertionError("decoder called on an oversized image")

    monkeypatch.setattr(photo_files.cv2, "imdecode", must_not_decode)
    error = refusal(bomb)
    assert error.reason == "image_too_large"
    assert "50" in error.message and "50" in error.message_en


def test_huge_file_refused_before_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(photo_files, "MAX_FILE_BYTES", 1000)
    big = tmp_path / "scan.png"
    big.write_bytes(_png_claiming(10, 10) + bytes(2000))
    assert refusal(big).reason == "image_too_large"


def test_zero_size_header() -> None:
    assert refusal(_png_claiming(0, 10)).reason == "corrupt_image"


def test_scan_is_shrunk_and_reencoded(portrait: np.ndarray, tmp_path: Path) -> None:
    page = cv2.resize(portrait, (2400, 3400), interpolation=cv2.INTER_CUBIC)  # 600 dpi-ish
    path = tmp_path / "id_front.png"
    cv2.imwrite(str(path), page)
    data = prepare_scan(path)
    assert data[:3] == b"\xff\xd8\xff"
    scan = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_COLOR)
    assert max(scan.shape[:2]) == 2000
    assert scan.shape[0] / scan.shape[1] == pytest.approx(3400 / 2400, rel=0.01)


def test_small_scan_keeps_its_size(portrait: np.ndarray) -> None:
    data = prepare_scan(cv2.imencode(".png", portrait)[1].tobytes())
    assert cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_COLOR).shape == (512, 512, 3)


def test_scan_refuses_bad_files() -> None:
    with pytest.raises(ImageRefused) as caught:
        prepare_scan(b"not a scan")
    assert caught.value.reason == "not_image"
