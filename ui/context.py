"""What every page is given: the open desk, the signed-in account, the database lane and
the devices (camera, ID-card reader). Passed in, never global, so tests build their own."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from app.desk.context import Desk
from app.photos import FrameSource
from app.staff.audit import Actor
from ui.devices.id_reader import IdCardReader
from ui.lane import DbLane

CameraFactory = Callable[[], FrameSource | None]


class Changes(QObject):
    """Announced after a write, so pages showing the same records refresh."""

    tenants_changed = Signal()


@dataclass
class UiContext:
    desk: Desk
    actor: Actor
    lane: DbLane
    camera_factory: CameraFactory
    id_reader: IdCardReader
    changes: Changes
