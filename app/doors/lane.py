"""The door lane: one background thread that pushes door jobs, so no clerk waits for a door.

It is neither the database lane nor the GUI thread: it opens its own short sessions and
talks to controllers with their own timeouts. `wake()` after a card change makes it push at
once; otherwise it looks every POLL_S seconds (a controller that was down is retried after
its backoff, capped well under a minute). `stop()` ends it between two cards.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from app.desk.context import Desk
from app.doors.daily import run_daily_if_due
from app.doors.push import POLL_HINT, PushResult, push_pending
from app.staff.audit import Actor

POLL_S = POLL_HINT
log = logging.getLogger(__name__)


class DoorLane:
    def __init__(self, desk: Desk, on_result: Callable[[PushResult], None] | None = None,
                 poll_s: float = POLL_S, actor: Actor | None = None) -> None:
        self.desk, self.on_result, self.poll_s = desk, on_result, poll_s
        self.actor = actor  # given: the daily check and reconcile (R7) run here too
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="door-lane", daemon=True)

    def start(self) -> DoorLane:
        self._thread.start()
        return self

    def wake(self) -> None:
        self._wake.set()

    def stop(self, wait_s: float = 5.0) -> None:
        self._stop.set()
        self._wake.set()
        self._thread.join(wait_s)

    @property
    def running(self) -> bool:
        return self._thread.is_alive()

    def _run(self) -> None:
        while not self._stop.is_set():
            self._wake.clear()
            try:
                result = push_pending(self.desk, should_stop=self._stop.is_set)
                if self.on_result and (result.put or result.deleted or result.failed):
                    self.on_result(result)
                if self.actor is not None and not self._stop.is_set():
                    run_daily_if_due(self.desk, self.actor)
            except Exception:  # a lane must survive anything one round throws; logged, no data
                log.exception("door push round failed")
            self._wake.wait(self.poll_s)
