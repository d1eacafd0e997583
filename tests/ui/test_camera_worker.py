"""The camera QThread fed by SyntheticCamera: frames arrive as owned QImages, stop() ends
the thread (wait() returns), and an unopenable or ending source is reported."""

from __future__ import annotations

import numpy as np
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from app.photos import SyntheticCamera
from tests.ui.conftest import ASTRONAUT
from ui.devices.camera import CameraWorker, bgr_to_qimage


class _Closed:
    def open(self) -> bool:
        return False

    def read(self):
        return None

    def close(self) -> None:
        pass


def test_frames_arrive_and_stop_returns(qtbot):
    worker = CameraWorker(SyntheticCamera(ASTRONAUT, fps=0))
    got: list[tuple[QImage, object]] = []

    def received(image: QImage, shot) -> None:
        got.append((image, shot))
        worker.frame_shown()

    worker.frame_ready.connect(received)
    worker.start()
    qtbot.waitUntil(lambda: len(got) >= 3 and any(s.check for _, s in got))
    assert worker.stop(), "the camera thread did not end"
    assert worker.isFinished()
    image, shot = got[-1]
    assert not image.isNull() and image.width() == shot.frame.shape[1]
    assert any(s.check is not None and s.check.ok for _, s in got)


def test_source_that_ends_and_one_that_never_opens(qtbot):
    worker = CameraWorker(SyntheticCamera(ASTRONAUT, frames=2, fps=0))
    with qtbot.waitSignal(worker.ended):
        worker.start()
    assert worker.wait(5000)
    failed = CameraWorker(_Closed())
    with qtbot.waitSignal(failed.open_failed):
        failed.start()
    assert failed.wait(5000)


def test_qimage_owns_its_pixels():
    frame = np.zeros((4, 6, 3), np.uint8)
    frame[..., 2] = 255  # red in BGR
    image = bgr_to_qimage(frame)
    frame[:] = 0  # the next camera read overwriting the buffer must not change the image
    assert image.pixelColor(0, 0).red() == 255


def test_frames_wait_for_the_gui(qtbot):
    """Until the receiver has shown a frame, newer ones are dropped, not queued."""
    worker = CameraWorker(SyntheticCamera(ASTRONAUT, fps=0))
    got: list[QImage] = []
    worker.frame_ready.connect(lambda image, _shot: got.append(image))
    worker.start()
    qtbot.waitUntil(lambda: worker.frames >= 5)
    assert worker.stop()
    QApplication.processEvents()  # deliver anything queued
    assert len(got) == 1
