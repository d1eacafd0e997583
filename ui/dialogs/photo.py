"""Taking or replacing the photo of a registered tenant (app.tenants.intake.attach_photo).

A card needs a photo on record (R6); a tenant registered without one gets it here, from
the card step right after intake or from the tenant page.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from app.tenants.intake import attach_photo
from ui.context import UiContext
from ui.lane_op import run_on_lane
from ui.panels.photo import PhotoPanel
from ui.widgets import set_message


class PhotoDialog(QDialog):
    def __init__(self, ctx: UiContext, idno: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.idno = ctx, idno
        self.setWindowTitle(self.tr("补拍照片"))
        self.panel = PhotoPanel(ctx)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.panel, 1)
        layout.addWidget(self.buttons)
        h = self.fontMetrics().height()
        self.resize(h * 40, h * 30)
        self.finished.connect(lambda _result: self.panel.stop_camera())

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        self.panel.start_camera()
        self.panel.setFocus()  # Space captures at once

    def save(self) -> None:
        jpeg = self.panel.photo
        if jpeg is None:
            set_message(self.panel.message, self.tr("还没有合格的照片。"), ok=False)
            return
        idno = self.idno
        run_on_lane(self, lambda desk, actor: attach_photo(desk, actor, idno, jpeg),
                    success=lambda _none: self.accept(), message=self.panel.message,
                    busy=self.buttons)
