"""Taking the ID photo: live preview and Space to capture, or a photo file.

The crop, checks and JPEG come from app/photos; this panel only shows them and tells the
clerk the check's own message when a frame will not do.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImage, QKeyEvent, QPixmap
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.desk.errors import Refused
from app.photos import ID_HEIGHT, ID_WIDTH, check_frame, crop_id_photo, encode_jpeg
from app.photos.service import default_detector
from app.tenants.photo_intake import id_photo_from_file
from ui.context import UiContext
from ui.devices.camera import CameraWorker, Shot
from ui.i18n import pick
from ui.notify import error_text
from ui.panels.camera_view import CameraView

IMAGE_FILTER = "*.jpg *.jpeg *.png *.bmp"


class PhotoPanel(QWidget):
    """Focusable: with focus, Space captures. `photo` holds the accepted ID-photo JPEG."""

    photo_changed = Signal()

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.photo: bytes | None = None
        self.worker: CameraWorker | None = None
        self.shot: Shot | None = None
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.view = CameraView()
        self.result = QLabel()
        self.result.setAlignment(Qt.AlignmentFlag.AlignCenter)
        h = self.fontMetrics().height()
        # The crop keeps the 358×441 ID-photo proportion, sized in text lines for any DPI.
        self.result.setFixedSize(round(h * 9 * ID_WIDTH / ID_HEIGHT), h * 9)
        self.result.setFrameShape(QLabel.Shape.Box)
        self.result.setText(self.tr("尚无照片"))
        self.message = QLabel(self.tr("点击预览画面后按空格键拍照。"))
        self.message.setWordWrap(True)
        self.capture_button = QPushButton(self.tr("拍照（空格）"))
        self.capture_button.clicked.connect(self.capture)
        self.file_button = QPushButton(self.tr("从文件载入"))
        self.file_button.clicked.connect(self._choose_file)
        self.camera_button = QPushButton(self.tr("开启摄像头"))
        self.camera_button.clicked.connect(self.start_camera)
        for button in (self.capture_button, self.file_button, self.camera_button):
            button.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # Enter-chain skips them
        buttons = QHBoxLayout()
        buttons.addWidget(self.capture_button)
        buttons.addWidget(self.file_button)
        buttons.addWidget(self.camera_button)
        top = QHBoxLayout()
        top.addWidget(self.view, 1)
        top.addWidget(self.result, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.view.clear(self.tr("摄像头未开启"))

    # -- camera ------------------------------------------------------------------------
    def start_camera(self) -> None:
        if self.worker is not None:
            return
        source = self.ctx.camera_factory()
        if source is None:
            self._no_camera()
            return
        self.worker = CameraWorker(source)
        self.worker.frame_ready.connect(self._frame)
        self.worker.open_failed.connect(self._no_camera)
        self.worker.ended.connect(self._camera_ended)
        self.worker.start()
        self.camera_button.setEnabled(False)

    def stop_camera(self) -> None:
        worker, self.worker = self.worker, None
        if worker is not None:
            worker.stop()
            worker.deleteLater()
        self.camera_button.setEnabled(True)

    def _no_camera(self) -> None:
        self.stop_camera()
        text = self.tr("没有可用的摄像头。请检查连接或在“设置”中选择摄像头，"
                       "也可以点击“从文件载入”使用照片文件。")
        self.view.clear(text)
        self.message.setText(text)

    def _camera_ended(self) -> None:
        self.stop_camera()
        self.view.clear(self.tr("摄像头画面中断。请检查连接后点击“开启摄像头”。"))

    def _frame(self, image: QImage, shot: Shot) -> None:
        if self.worker is None:  # a frame queued before stop(): drop it
            return
        self.worker.frame_shown()
        self.shot = shot
        self.view.show_frame(image, shot.check)
        if shot.check is not None:
            self.message.setText(self.tr("可以拍照：按空格键。") if shot.check.ok
                                 else pick(shot.check.message, shot.check.message_en))

    def capture(self) -> None:
        """Check the latest frame again (the live check may be a few frames old) and crop."""
        if self.shot is None:
            self.message.setText(self.tr("还没有摄像头画面，无法拍照。"))
            return
        frame = self.shot.frame
        check = check_frame(frame, default_detector())
        if not check.ok:
            self.message.setText(self.tr("照片不合格：{why}").format(
                why=pick(check.message, check.message_en)))
            return
        self._set_photo(encode_jpeg(crop_id_photo(frame, check)))
        self.message.setText(self.tr("照片已拍好。如需重拍，再按空格键。"))

    # -- file --------------------------------------------------------------------------
    def _choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("选择照片"), "",
                                              self.tr("图片") + f" ({IMAGE_FILTER})")
        if path:
            self.load_file(Path(path))

    def load_file(self, path: Path) -> bool:
        try:
            jpeg = id_photo_from_file(path)
        except Refused as r:
            self.message.setText(error_text(r))
            return False
        self._set_photo(jpeg)
        self.message.setText(self.tr("已从文件载入照片。"))
        return True

    def _set_photo(self, jpeg: bytes | None) -> None:
        self.photo = jpeg
        if jpeg is None:
            self.result.clear()
            self.result.setText(self.tr("尚无照片"))
        else:
            pixmap = QPixmap()
            pixmap.loadFromData(jpeg, "JPEG")
            ratio = self.devicePixelRatioF()  # scale in device pixels: sharp at 2×
            scaled = pixmap.scaled(self.result.size() * ratio,
                                   Qt.AspectRatioMode.KeepAspectRatio,
                                   Qt.TransformationMode.SmoothTransformation)
            scaled.setDevicePixelRatio(ratio)
            self.result.setPixmap(scaled)
        self.photo_changed.emit()

    def reset(self) -> None:
        self._set_photo(None)
        self.shot = None

    def discard(self) -> None:
        """Drop the photo taken (another person's), keep the live preview for the next.
        What was said about that photo goes with it (a stale 已从文件载入照片 beside 尚无照片
        once read as if the photo were still there); the camera's own status stays."""
        said = (self.tr("已从文件载入照片。"), self.tr("照片已拍好。如需重拍，再按空格键。"))
        if self.message.text() in said:
            self.message.clear()
        self._set_photo(None)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt API
        if event.key() == Qt.Key.Key_Space:
            self.capture()
            return
        super().keyPressEvent(event)
