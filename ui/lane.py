"""The database lane: one worker thread that runs app/ functions, one at a time.

Every write the pages make (register, cards, move-out, the logged tenant view, prints)
and the long work (demo data, imports) goes through here: SQLite has one writer, so a
second concurrent writer would only wait on the lock, and the GUI thread must never wait.
Reads that page through indexes (search, building lists) stay on the GUI thread: with
WAL they never wait for a writer.
Results come back on the GUI thread through queued signals, never by touching widgets
from the worker. Cancelling goes through the Qt-free progress callback app/ defines:
(done, total, stage) -> keep going?
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal, Slot

Progress = Callable[[int, int, str], bool]


class Job(QObject):
    """One submitted call: its signals arrive on the GUI thread."""

    progressed = Signal(int, int, str)
    finished = Signal(object)  # the function's return value
    failed = Signal(object)  # the exception it raised
    cancelled = Signal()
    ended = Signal()  # last of all, whatever the outcome: the lane lets go of the job

    def __init__(self, call: Callable[[Job], Any] | None = None) -> None:
        super().__init__()
        self._cancel = threading.Event()
        self.call = call  # run on the lane; dropped on the GUI thread when the job is let go
        self.key = 0  # the lane's number for it

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancel_requested(self) -> bool:
        return self._cancel.is_set()

    def progress_callback(self) -> Progress:
        """The adapter handed to app/: reports progress, answers whether to continue."""
        def report(done: int, total: int, stage: str) -> bool:
            self.progressed.emit(done, total, stage)
            return not self._cancel.is_set()
        return report


class _Runner(QRunnable):
    def __init__(self, lane: DbLane, job: Job) -> None:
        super().__init__()
        self.setAutoDelete(True)  # deleted on the lane's thread once run() returns
        self._lane: DbLane | None = lane
        self._job: Job | None = job

    def run(self) -> None:  # on the lane's thread
        job, lane = self._job, self._lane
        self._job = self._lane = None
        if job is None or lane is None:
            return
        key = job.key
        _deliver(job)
        # The GUI thread holds the job — and with it the call and whatever the call keeps
        # alive, a page's widgets among them — until `done` arrives there: so the last
        # reference to any of it is let go on the GUI thread, never on this one.
        del job
        lane.done.emit(key)


def _deliver(job: Job) -> None:
    try:
        result = job.call(job) if job.call is not None else None
    except Exception as e:  # noqa: BLE001 - every failure goes back to the GUI
        if job.cancel_requested:
            job.cancelled.emit()
        else:
            job.failed.emit(e)
    else:
        job.finished.emit(result)
    finally:
        job.ended.emit()


class DbLane(QObject):
    """A QThreadPool of exactly one thread, owned by the main window."""

    done = Signal(int)  # from the lane's thread: it has let go of the job with this key

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._jobs: dict[int, Job] = {}  # by key; touched on the GUI thread only
        self._keys = itertools.count(1)
        self._closed = False
        self.done.connect(self._release, Qt.ConnectionType.QueuedConnection)

    def submit(self, call: Callable[[Job], Any]) -> Job:
        """Run `call(job)` on the lane. The job starts once control returns to the event
        loop, so the caller connects to its signals first and misses none."""
        job = Job(call)
        job.key = key = next(self._keys)
        # Kept alive until its signals are delivered: `done` comes after them (emitted later
        # from the same thread, queued to the same thread: delivered in that order).
        self._jobs[key] = job
        QTimer.singleShot(0, self, lambda: self._start(key))
        return job

    def _start(self, key: int) -> None:
        job = self._jobs.get(key)
        if job is None:
            return
        if self._closed:  # the window closed before the job began: never touch the DB
            self._release(key)
            return
        self._pool.start(_Runner(self, job))

    def shutdown(self) -> None:
        """No new work; jobs not started yet are dropped; waits for the running one.
        After this the desk (engine, files) may be closed safely."""
        self._closed = True
        self._pool.clear()
        self._pool.waitForDone()

    @property
    def busy(self) -> bool:
        """A job is queued or running, or its results are not delivered yet."""
        return bool(self._jobs)

    @Slot(int)
    def _release(self, key: int) -> None:
        job = self._jobs.pop(key, None)
        if job is not None:
            job.call = None  # the closure (and the widgets it names) goes here, on the GUI thread

    def wait(self, msecs: int = -1) -> bool:
        return self._pool.waitForDone(msecs)


def queued(signal, slot) -> None:
    """Connect across threads explicitly: PySide cannot always tell a plain callable's thread."""
    signal.connect(slot, Qt.ConnectionType.QueuedConnection)
