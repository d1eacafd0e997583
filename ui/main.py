"""`rentdesk gui`: start the desk window (first-run setup or sign-in, then the main window)."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from app.desk.context import Desk, open_desk
from app.photos import FrameSource
from app.staff.audit import Actor
from ui.context import Changes, UiContext
from ui.devices.id_reader import IdCardReader, NoIdCardReader, SimulatedIdCardReader
from ui.fonts import apply_app_font, register_fonts
from ui.i18n import install_language
from ui.idle import IDLE_MS
from ui.lane import DbLane
from ui.settings import (
    APP,
    NO_CAMERA,
    ORG,
    SIMULATED_CAMERA,
    camera_index,
    id_reader_kind,
    language,
)


def camera_from_settings() -> FrameSource | None:
    """The source the settings name; None when the desk has no camera."""
    index = camera_index()
    if index == NO_CAMERA:
        return None
    if index == SIMULATED_CAMERA:
        return simulated_camera()
    if sys.platform.startswith("linux") and not Path(f"/dev/video{index}").exists():
        return None  # no device node: say "no camera" at once instead of a V4L2 error
    from app.photos import OpenCvCamera

    return OpenCvCamera(index)


def simulated_camera() -> FrameSource:
    """The bundled public-domain portrait replayed as a webcam (demo, screenshots)."""
    from app.photos import SyntheticCamera, load_image
    from app.photos.sources import compose_frame
    from resources import resource_path

    return SyntheticCamera(compose_frame(load_image(resource_path("samples", "portrait.png"))))


def id_reader_from_settings() -> IdCardReader:
    if id_reader_kind() == "simulated":
        return SimulatedIdCardReader()
    return NoIdCardReader()


def init_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication with its organisation, language and bundled fonts (idempotent)."""
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv)
    app.setOrganizationName(ORG)
    app.setApplicationName(APP)
    if not app.property("rentdesk_ready"):
        install_language(app, language())
        apply_app_font(app, register_fonts())
        app.setProperty("rentdesk_ready", True)
    return app


def build_window(desk: Desk, actor: Actor, idle_ms: int = IDLE_MS, camera_factory=None,
                 id_reader: IdCardReader | None = None):
    from ui.main_window import MainWindow

    lane = DbLane()
    ctx = UiContext(desk, actor, lane, camera_factory or camera_from_settings,
                    id_reader or id_reader_from_settings(), Changes())
    window = MainWindow(ctx, idle_ms=idle_ms)
    lane.setParent(window)
    ctx.changes.setParent(window)
    return window


def start_of_day(desk: Desk) -> None:
    """The day's backup (rotated) and the retention run; each does nothing if done today."""
    from app.data.backup import maybe_daily_backup
    from app.data.retention import maybe_run_retention

    maybe_daily_backup(desk)
    maybe_run_retention(desk)


def _log_start_of_day_failure(exc: BaseException) -> None:
    # Only the kind of failure: messages can quote paths with names in them.
    logging.getLogger("rentdesk.backup").error("start-of-day backup/retention failed: %s",
                                               type(exc).__name__)


def show_recovery_key(desk: Desk, actor: Actor) -> None:
    """Shown once at set-up: the key that restores this centre's backups on another PC."""
    from PySide6.QtWidgets import QMessageBox

    from app.data.keys import recovery_key

    key = recovery_key(desk, actor)
    box = QMessageBox(QMessageBox.Icon.Information,
                      QApplication.translate("Setup", "恢复密钥"),
                      QApplication.translate(
                          "Setup", "请抄写并妥善保管此恢复密钥（不要存放在本机）。换电脑或恢复备份时需要它：\n\n{key}"
                      ).format(key=key))
    box.exec()


def run(home: Path | None = None) -> int:
    app = init_application()
    from app.desk.errors import Refused
    from ui.district.signin import sign_in_or_office
    from ui.lane_op import run_on_lane
    from ui.notify import report

    try:
        # One desk per data folder: a second start says who has it open, and stops.
        desk = open_desk(home, program="rentdesk 图形界面 / GUI",
                         exclusive=True)
    except Refused as refused:
        report(None, refused)
        return 1
    try:
        first_run = desk.center_code is None
        # The centre's sign-in (or set-up), or 「街道办（区数据库）」: the office's window instead.
        actor, console = sign_in_or_office(desk, first_run)
        if console is not None:
            console.show()
            return app.exec()
        if actor is None:
            return 0
        if first_run:
            show_recovery_key(desk, actor)
        window = build_window(desk, actor)
        # Daily backup and retention run on the database lane, after the window is up.
        run_on_lane(window, lambda desk, _actor: start_of_day(desk), quiet=True,
                    failure=_log_start_of_day_failure)
        window.show()
        return app.exec()
    finally:
        desk.close()
