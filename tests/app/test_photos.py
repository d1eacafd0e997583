"""Photo pipeline: face checks, ID-photo crop, the CLI-facing file service, frame sources.

# rule R6 — a card is issued only with a photo of the holder: these checks decide whether a
# webcam frame or a photo file yields that photo, and tell the clerk what to fix when not.

All images derive from the public-domain NASA portrait in tests/data (see SOURCES.md).
"""

from __future__ import annotations

import json
from pathlib import Path

import cv2
import numpy as np
import pytest

from app.photos import (
    CHECK_REASONS,
    ID_HEIGHT,
    ID_WIDTH,
    FaceDetector,
    FrameSource,
    OpenCvCamera,
    PhotoCheck,
    SyntheticCamera,
    check_frame,
    crop_id_photo,
    list_cameras,
    load_image,
    process_photo_file,
)
from app.photos.detect import cascade_path
from app.photos.sources import compose_frame
from devkit.photo_bench import bench_photo

DATA = Path(__file__).resolve().parents[1] / "data"
JSON_KEYS = {"ok", "faces", "reason", "message", "message_en", "width", "height", "out"}


@pytest.fixture(scope="module")
def detector() -> FaceDetector:
    return FaceDetector()


@pytest.fixture(scope="module")
def portrait() -> np.ndarray:
    return load_image(DATA / "astronaut.png")


@pytest.fixture(scope="module")
def webcam_frame(portrait: np.ndarray) -> np.ndarray:
    """1280×720, the person seated in front of the desk camera (face ≈ 245 px wide)."""
    return compose_frame(portrait)


def _has_chinese(text: str | None) -> bool:
    return bool(text) and any("\u4e00" <= ch <= "\u9fff" for ch in text)


def assert_refused(check: PhotoCheck, reason: str) -> None:
    assert check.ok is False
    assert check.reason == reason, (check.reason, check.faces)
    assert (check.message, check.message_en) == CHECK_REASONS[reason]
    assert _has_chinese(check.message) and check.message_en


def test_model_is_bundled_with_licence() -> None:
    assert cascade_path().is_file()
    licence = cascade_path().with_name("LICENSE-haarcascade.txt").read_text(encoding="utf-8")
    assert "Intel License Agreement" in licence


@pytest.mark.parametrize("source", ["portrait", "webcam_frame"])
def test_real_portrait_passes(
    source: str, request: pytest.FixtureRequest, detector: FaceDetector
) -> None:
    check = check_frame(request.getfixturevalue(source), detector)
    assert check.ok, check.message_en
    assert check.reason is check.message is check.message_en is None
    assert len(check.faces) == 1 and check.crop is not None
    assert check.brightness > 100 and check.sharpness > 0


@pytest.mark.parametrize("source", ["portrait", "webcam_frame"])
def test_crop_is_an_id_photo_with_the_head_centred(
    source: str, request: pytest.FixtureRequest, detector: FaceDetector
) -> None:
    frame = request.getfixturevalue(source)
    photo = crop_id_photo(frame, check_frame(frame, detector))
    assert photo.shape == (ID_HEIGHT, ID_WIDTH, 3) == (441, 358, 3)
    assert photo.dtype == np.uint8
    faces = detector.detect(photo)
    assert len(faces) == 1
    face = faces[0]
    # GA 461-2004: horizontally centred, face width 207 ± 14 px.
    assert abs(face.x + face.w / 2 - ID_WIDTH / 2) <= 0.03 * ID_WIDTH
    assert 207 - 14 <= face.w <= 207 + 14
    # Eyes (≈0.4 of the box down) at least 207 px above the lower edge; chin inside.
    assert ID_HEIGHT - (face.y + 0.4 * face.h) >= 207
    assert face.y + face.h < ID_HEIGHT - 40


def test_no_face_on_a_cat(detector: FaceDetector) -> None:
    cat = load_image(DATA / "chelsea.png")
    check = check_frame(cat, detector)
    assert_refused(check, "no_face")
    assert check.faces == [] and check.crop is None


def test_two_people_side_by_side(portrait: np.ndarray, detector: FaceDetector) -> None:
    check = check_frame(np.hstack([portrait, portrait]), detector)
    assert_refused(check, "many_faces")
    assert len(check.faces) == 2


def test_dim_face_is_too_dark(portrait: np.ndarray, detector: FaceDetector) -> None:
    dim = (portrait * 0.35).astype(np.uint8)  # face luminance ≈ 54
    check = check_frame(dim, detector)
    assert_refused(check, "too_dark")
    assert len(check.faces) == 1 and check.brightness < 80


def test_black_room_is_too_dark_not_no_face(
    webcam_frame: np.ndarray, detector: FaceDetector
) -> None:
    check = check_frame((webcam_frame * 0.08).astype(np.uint8), detector)
    assert_refused(check, "too_dark")


def test_backlit_face_in_bright_frame_is_too_dark(
    webcam_frame: np.ndarray, detector: FaceDetector
) -> None:
    """A window behind the tenant: the frame is bright, the face is not."""
    face = detector.detect(webcam_frame)[0]
    frame = np.full_like(webcam_frame, 235)
    x0, y0, x1, y1 = face.x - 60, face.y - 80, face.x + face.w + 60, face.y + face.h + 120
    frame[y0:y1, x0:x1] = (webcam_frame[y0:y1, x0:x1] * 0.4).astype(np.uint8)
    check = check_frame(frame, detector)
    assert_refused(check, "too_dark")


@pytest.mark.parametrize("sigma", [2.5, 4.0])
def test_blurred_frame(sigma: float, webcam_frame: np.ndarray, detector: FaceDetector) -> None:
    check = check_frame(cv2.GaussianBlur(webcam_frame, (0, 0), sigma), detector)
    assert_refused(check, "too_blurred")
    assert check.crop is not None  # the GUI can still draw the guide rectangle


def test_motion_blur(webcam_frame: np.ndarray, detector: FaceDetector) -> None:
    kernel = np.zeros((21, 21), np.float32)
    kernel[10, :] = 1 / 21  # 21 px of horizontal movement during the exposure
    check = check_frame(cv2.filter2D(webcam_frame, -1, kernel), detector)
    assert_refused(check, "too_blurred")


def test_sharpness_does_not_depend_on_resolution(
    portrait: np.ndarray, detector: FaceDetector
) -> None:
    small, large = check_frame(portrait, detector), check_frame(compose_frame(portrait), detector)
    assert small.faces[0].w * 2 < large.faces[0].w
    assert 0.5 < small.sharpness / large.sharpness < 2


def test_far_away_person_is_too_small(portrait: np.ndarray, detector: FaceDetector) -> None:
    """Portrait shrunk into a large room: face ≈ 100 px in a 1280×720 frame (8 %)."""
    room = np.full((720, 1280, 3), 200, np.uint8)
    person = cv2.resize(portrait, (540, 540), interpolation=cv2.INTER_AREA)
    room[90:630, 370:910] = person
    check = check_frame(room, detector)
    assert_refused(check, "face_too_small")
    assert check.faces[0].w < 128


def test_low_resolution_face_is_too_small(portrait: np.ndarray, detector: FaceDetector) -> None:
    tiny = cv2.resize(portrait, (360, 360), interpolation=cv2.INTER_AREA)  # face ≈ 67 px
    assert_refused(check_frame(tiny, detector), "face_too_small")


@pytest.mark.parametrize("cut", ["left", "top"])
def test_face_at_the_edge(cut: str, webcam_frame: np.ndarray, detector: FaceDetector) -> None:
    frame = webcam_frame[:, 400:] if cut == "left" else webcam_frame[90:, :]
    check = check_frame(np.ascontiguousarray(frame), detector)
    assert_refused(check, "face_at_edge")
    assert check.crop is None and len(check.faces) == 1
    with pytest.raises(ValueError):
        crop_id_photo(frame, check)


def test_refused_frame_cannot_be_cropped(webcam_frame: np.ndarray, detector: FaceDetector) -> None:
    check = check_frame(cv2.GaussianBlur(webcam_frame, (0, 0), 4.0), detector)
    with pytest.raises(ValueError, match="too_blurred"):
        crop_id_photo(webcam_frame, check)


def test_every_reason_has_both_messages() -> None:
    for zh, en in CHECK_REASONS.values():
        assert _has_chinese(zh) and en and not _has_chinese(en)


# --- process_photo_file: what `rentdesk photo FILE --out CROP.jpg` prints -----------------


def test_process_file_writes_the_crop(tmp_path: Path) -> None:
    out = tmp_path / "crop.jpg"
    result = process_photo_file(DATA / "astronaut.png", out)
    assert set(result) == JSON_KEYS
    assert result == {
        "ok": True,
        "faces": 1,
        "reason": None,
        "message": None,
        "message_en": None,
        "width": 512,
        "height": 512,
        "out": str(out),
    }
    json.dumps(result, ensure_ascii=False)
    written = cv2.imread(str(out))
    assert written.shape == (441, 358, 3)


def test_process_file_without_out_writes_nothing(tmp_path: Path) -> None:
    result = process_photo_file(DATA / "astronaut.png", None)
    assert result["ok"] is True and result["out"] is None


def test_refused_photo_writes_no_file(tmp_path: Path) -> None:
    out = tmp_path / "crop.jpg"
    result = process_photo_file(DATA / "chelsea.png", out)
    assert set(result) == JSON_KEYS
    assert result["ok"] is False and result["reason"] == "no_face" and result["faces"] == 0
    assert _has_chinese(result["message"]) and result["message_en"]
    assert (result["width"], result["height"]) == (451, 300)
    assert result["out"] is None and not out.exists()
    assert list(tmp_path.iterdir()) == []  # no temporary file left either


def test_unreadable_file_is_reported_not_raised(tmp_path: Path) -> None:
    broken = tmp_path / "photo.jpg"
    broken.write_bytes((DATA / "astronaut.png").read_bytes()[:5000])
    out = tmp_path / "crop.jpg"
    result = process_photo_file(broken, out)
    assert set(result) == JSON_KEYS
    assert result["ok"] is False and result["reason"] == "corrupt_image"
    assert result["width"] is None and result["out"] is None and not out.exists()
    json.dumps(result, ensure_ascii=False)


# --- frame sources ------------------------------------------------------------------------


def test_synthetic_camera_yields_moving_real_frames(
    webcam_frame: np.ndarray, detector: FaceDetector
) -> None:
    camera = SyntheticCamera(webcam_frame, frames=5, fps=0)
    assert isinstance(camera, FrameSource)
    assert camera.read() is None  # not opened yet
    assert camera.open() is True
    frames = []
    while (frame := camera.read()) is not None:
        frames.append(frame)
    camera.close()
    assert len(frames) == 5
    assert all(f.shape == (720, 1280, 3) and f.dtype == np.uint8 for f in frames)
    assert not np.array_equal(frames[0], frames[4])  # sway and noise
    assert frames[0] is not frames[1] and not np.shares_memory(frames[0], frames[1])
    assert all(check_frame(f, detector).ok for f in frames)


def test_synthetic_camera_from_file_paces_and_reopens() -> None:
    camera = SyntheticCamera(DATA / "astronaut.png", frames=2, fps=200)
    for _ in range(2):  # reopening restarts the clip, as the GUI does after a pause
        assert camera.open()
        assert camera.read() is not None and camera.read() is not None
        assert camera.read() is None
    camera.close()


def test_opencv_camera_without_device_reads_nothing() -> None:
    camera = OpenCvCamera(0)
    assert isinstance(camera, FrameSource)
    assert camera.read() is None  # not opened: no device access, no exception
    camera.close()


def test_list_cameras_returns_indices() -> None:
    found = list_cameras(max_index=2, timeout=5.0)
    assert isinstance(found, list) and all(isinstance(i, int) for i in found)


def test_bench_photo_reports_figures() -> None:
    result = bench_photo(frames=3)
    assert result["frames"] == 3 and result["passed"] == 3
    assert 0 < result["median_ms"] <= result["p95_ms"]
