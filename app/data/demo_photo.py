"""The placeholder ID photo demo tenants share: clearly a drawing, never a real face."""

from __future__ import annotations

import cv2
import numpy as np


def demo_photo_jpeg() -> bytes:
    img = np.full((441, 358, 3), 235, np.uint8)
    cv2.ellipse(img, (179, 190), (80, 100), 0, 0, 360, (170, 170, 170), -1)  # head
    cv2.ellipse(img, (179, 441), (150, 110), 0, 180, 360, (150, 150, 150), -1)  # shoulders
    cv2.putText(img, "DEMO", (110, 60), cv2.FONT_HERSHEY_SIMPLEX, 1.6, (60, 60, 200), 3)
    ok, buf = cv2.imencode(".jpg", img, [cv2.IMWRITE_JPEG_QUALITY, 85])
    assert ok
    return buf.tobytes()
