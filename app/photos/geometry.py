"""Where the ID-photo crop lies in the frame, from the detected face box.

Target: the Chinese ID-card photo (GA 461-2004): 358×441 px at 350 dpi, head centred
horizontally, face width 207±14 px, top of the hair 7–21 px below the upper edge, eyes at
least 207 px above the lower edge, lower edge at the collarbones.
"""

from __future__ import annotations

import cv2
import numpy as np

from app.photos.types import FaceBox

ID_WIDTH, ID_HEIGHT = 358, 441
# The Haar box spans cheek to cheek, so its width is taken as the standard's face width.
FACE_WIDTH_PX = 207
# Row of the face box's top edge in the output. Measured on the test portrait: hair rises
# 0.54 box widths above the box and the eyes sit 0.39 below its top. With 120 px that puts
# the hair top at ≈9 px (7–21 px wanted), the eyes ≈240 px above the lower edge (≥207) and
# the chin ≈380 px down, leaving the neck and collar in the last ~60 px.
FACE_TOP_PX = 120


def crop_rect(face: FaceBox) -> tuple[int, int, int, int]:
    """(x, y, w, h) in frame coordinates; may extend outside the frame."""
    scale = face.w / FACE_WIDTH_PX  # frame pixels per output pixel
    width, height = round(ID_WIDTH * scale), round(ID_HEIGHT * scale)
    x = round(face.x + face.w / 2 - width / 2)
    y = round(face.y - FACE_TOP_PX * scale)
    return x, y, width, height


def fits(rect: tuple[int, int, int, int], frame_w: int, frame_h: int) -> bool:
    x, y, w, h = rect
    return x >= 0 and y >= 0 and x + w <= frame_w and y + h <= frame_h


def cut_and_resize(bgr: np.ndarray, rect: tuple[int, int, int, int]) -> np.ndarray:
    x, y, w, h = rect
    region = bgr[y : y + h, x : x + w]
    # AREA when shrinking (no aliasing on hair and collars), CUBIC when enlarging.
    method = cv2.INTER_AREA if w >= ID_WIDTH else cv2.INTER_CUBIC
    return cv2.resize(region, (ID_WIDTH, ID_HEIGHT), interpolation=method)
