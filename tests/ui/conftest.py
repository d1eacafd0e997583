"""GUI test fixtures: offscreen Qt, settings in a temp folder, a window per test."""

from __future__ import annotations

import os
import time

# Before any Qt import: no display needed.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from app.desk.context import Desk  # noqa: E402
from app.photos import SyntheticCamera  # noqa: E402
from app.staff.audit import Actor  # noqa: E402
from ui.context import Changes, UiContext  # noqa: E402
from ui.devices.id_reader import SimulatedIdCardReader  # noqa: E402
from ui.lane import DbLane  # noqa: E402

DATA = Path(__file__).resolve().parents[1] / "data"
ASTRONAUT = DATA / "astronaut.png"


@pytest.fixture(scope="session", autouse=True)
def qt_app(qapp, tmp_path_factory):
    from PySide6.QtCore import QSettings

    from ui.main import init_application

    # QSettings (window geometry, language, camera) go to a temp folder, never the user's.
    folder = str(tmp_path_factory.mktemp("qsettings"))
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, folder)
    return init_application()


class ModalGuard:
    """Fails a test within seconds, naming the dialog, when a modal window opens that the
    test did not expect — instead of hanging on a window nobody closes until the timeout.

    A modal left open for `PATIENCE` seconds is taken to be blocking (a test driving a
    window-modal dialog itself closes it long before). A test that means to meet a
    blocking modal calls `expect(handler)`; the handler gets the widget and answers it."""

    PATIENCE = 3.0

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.unexpected: list[str] = []
        self.handlers: list = []
        self.seen: tuple[int, float] | None = None  # (widget, since) of the open modal
        self.timer = QTimer()
        self.timer.setInterval(20)  # keeps firing inside a modal's own event loop
        self.timer.timeout.connect(self.check)
        self.timer.start()

    def expect(self, handler) -> None:
        self.handlers.append(handler)

    @staticmethod
    def describe(widget) -> str:
        text = getattr(widget, "text", None)
        body = text() if callable(text) else ""
        return f"{type(widget).__name__} «{widget.windowTitle()}» {body}".strip()

    def check(self) -> None:
        from PySide6.QtWidgets import QApplication, QDialog

        widget = QApplication.activeModalWidget()
        if widget is None:
            self.seen = None
            return
        if self.handlers:
            self.handlers.pop(0)(widget)
            return
        if self.seen is None or self.seen[0] != id(widget):
            self.seen = (id(widget), time.monotonic())
        if time.monotonic() - self.seen[1] < self.PATIENCE:
            return
        self.seen = None
        self.unexpected.append(self.describe(widget))
        if isinstance(widget, QDialog):
            widget.reject()
        else:
            widget.close()

    def stop(self) -> None:
        self.timer.stop()


@pytest.fixture(autouse=True)
def modal_guard(qapp):
    guard = ModalGuard()
    yield guard
    guard.stop()
    if guard.unexpected:
        pytest.fail("unexpected modal window: " + "; ".join(guard.unexpected), pytrace=False)


def synthetic_camera() -> SyntheticCamera:
    # fps=0: frames as fast as the worker asks, so tests never wait on a frame clock.
    return SyntheticCamera(ASTRONAUT, fps=0)


@pytest.fixture
def make_ctx(desk: Desk):
    lanes: list[DbLane] = []

    def build(actor: Actor, camera=synthetic_camera, reader=None) -> UiContext:
        lane = DbLane()
        lanes.append(lane)
        return UiContext(desk, actor, lane, camera, reader or SimulatedIdCardReader(), Changes())

    yield build
    for lane in lanes:
        lane.shutdown()  # before the desk fixture closes the database


@pytest.fixture
def window(qtbot, desk: Desk, admin: Actor, building: str):
    """The main window, signed in as the admin, camera = the replayed test portrait."""
    from ui.main import build_window

    win = build_window(desk, admin, camera_factory=synthetic_camera,
                       id_reader=SimulatedIdCardReader())
    qtbot.addWidget(win)
    win.show()
    yield win
    win.close()  # stops the cameras and shuts the lane down before the desk closes


def type_text(qtbot, widget, text: str) -> None:
    """Type like a clerk: ASCII as key presses; Chinese as the input method commits it
    (QTest cannot press non-ASCII keys)."""
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication

    if text.isascii():
        qtbot.keyClicks(widget, text)
        return
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def settle(qtbot, lane) -> None:
    """Wait until the database lane has run its jobs and delivered their answers."""
    qtbot.waitUntil(lambda: not lane.busy)
