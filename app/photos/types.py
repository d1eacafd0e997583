"""Plain data returned by the photo pipeline (no OpenCV objects, so callers can keep them)."""

from __future__ import annotations

from dataclasses import dataclass, field

from app.desk.errors import Refused


@dataclass(frozen=True)
class FaceBox:
    """A detected face in frame coordinates (pixels of the full-size frame)."""

    x: int
    y: int
    w: int
    h: int


@dataclass(frozen=True)
class PhotoCheck:
    """Verdict on one frame: whether an ID photo can be cropped, and what to fix if not."""

    ok: bool
    faces: list[FaceBox] = field(default_factory=list)
    # None when ok; else one of app.photos.messages.CHECK_REASONS.
    reason: str | None = None
    message: str | None = None  # Chinese, tells the clerk what to fix
    message_en: str | None = None
    brightness: float = 0.0  # mean luminance 0..255 of the face (of the frame without a face)
    sharpness: float = 0.0  # Laplacian variance on the face resampled to a fixed size
    # (x, y, w, h) of the ID-photo crop in frame coordinates; set whenever it fits the frame.
    crop: tuple[int, int, int, int] | None = None


class ImageRefused(Refused):
    """A file or byte string that the pipeline will not decode, with a reason for the clerk:
    a refusal like every other (code `image_<reason>`), so no layer has to translate it."""

    def __init__(self, reason: str, message: str, message_en: str) -> None:
        super().__init__(f"image_{reason}", message, message_en)
        self.reason = reason

    @property
    def message(self) -> str:  # the pipeline's own names for zh / en
        return self.zh

    @property
    def message_en(self) -> str:
        return self.en
