"""The live preview: the frame scaled to fit, with the ID-photo guide drawn over it."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from app.photos import PhotoCheck

GOOD = QColor("#2e7d32")
FIX = QColor("#ef6c00")


class CameraView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.image: QImage | None = None
        self.check: PhotoCheck | None = None
        self.placeholder = ""
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        h = self.fontMetrics().height()
        return QSize(h * 24, h * 18)

    def show_frame(self, image: QImage, check: PhotoCheck | None) -> None:
        self.image, self.check = image, check
        self.update()

    def clear(self, text: str = "") -> None:
        self.image, self.check, self.placeholder = None, None, text
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#202020"))
        if self.image is None:
            painter.setPen(QColor("#e0e0e0"))
            painter.drawText(self.rect().adjusted(8, 8, -8, -8),
                             Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                             self.placeholder)
            return
        iw, ih = self.image.width(), self.image.height()
        scale = min(self.width() / iw, self.height() / ih)
        target = QRectF((self.width() - iw * scale) / 2, (self.height() - ih * scale) / 2,
                        iw * scale, ih * scale)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.drawImage(target, self.image)
        if self.check is None:
            return
        # The guide: where the ID photo will be cut, green when it would pass.
        pen = QPen(GOOD if self.check.ok else FIX)
        pen.setWidthF(max(2.0, self.devicePixelRatioF() * 1.5))
        painter.setPen(pen)

        def mapped(x: float, y: float, w: float, h: float) -> QRectF:
            return QRectF(target.x() + x * scale, target.y() + y * scale, w * scale, h * scale)

        if self.check.crop is not None:
            painter.drawRect(mapped(*self.check.crop))
        pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        for face in self.check.faces:
            painter.drawEllipse(mapped(face.x, face.y, face.w, face.h))
