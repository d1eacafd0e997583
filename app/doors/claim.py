"""One pusher per controller at a time, across processes (issue 14, attack finding 1).

Two pushers of one board (the GUI's door lane and a headless `rentdesk door push`, or two
headless ones) each read the same jobs and the same card states; the slower one then
wrote a stale "put" for a card the faster one had already deleted after it was reported
lost, and marked its jobs done: the lost card stayed on the door for good, and every card
was put twice. A lock file per controller in the data folder (`filelock`: flock/LockFileEx,
released by the OS when the process dies, so a crash never leaves a board claimed) makes
pushing single-flight: whoever holds it is the only one writing that board. A reconcile
--fix writes the board too, so it takes the same claim.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from filelock import FileLock, Timeout

from app.desk.context import Desk

FOLDER = "door-claims"


class Busy(Exception):
    """Another process (or thread) is pushing to this controller right now."""


def _path(desk: Desk, controller_id: str) -> Path:
    folder = Path(desk.home) / FOLDER
    folder.mkdir(exist_ok=True)
    # controller ids are our own UUIDs; keep only safe characters anyway
    safe = "".join(ch for ch in controller_id if ch.isalnum() or ch == "-")[:40]
    return folder / f"{safe}.lock"


@contextlib.contextmanager
def claim(desk: Desk, controller_id: str, wait_s: float = 0.0) -> Iterator[None]:
    """Hold the controller for the block; Busy if someone else still holds it after wait_s."""
    lock = FileLock(str(_path(desk, controller_id)), timeout=wait_s, thread_local=False,
                    is_singleton=False)
    try:
        lock.acquire(timeout=wait_s)
    except Timeout:
        raise Busy(controller_id) from None
    try:
        yield
    finally:
        lock.release()
