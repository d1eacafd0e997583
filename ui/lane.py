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

    def __init__(self) -> None:
        super().__init__()
        self._cancel = threading.Event()

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
    def __init__(self, job: Job, call: Callable[[], Any]) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._job, self._call = job, call

    def run(self) -> None:  # on the lane's thread
        try:
            result = self._call()
        except Exception as e:  # noqa: BLE001 - every failure goes back to the GUI
            if self._job.cancel_requested:
                self._job.cancelled.emit()
            else:
                self._job.failed.emit(e)
        else:
            self._job.finished.emit(result)
        finally:
            self._job.ended.emit()


class DbLane(QObject):
    """A QThreadPool of exactly one thread, owned by the main window."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._jobs: set[Job] = set()  # touched on the GUI thread only
        self._closed = False

    def submit(self, call: Callable[[Job], Any]) -> Job:
        """Run `call(job)` on the lane. The job starts once control returns to the event
        loop, so the caller connects to its signals first and misses none."""
        job = Job()
        self._jobs.add(job)  # keeps the Python object alive until its signals are delivered
        # Queued, so the job is released on the GUI thread after its other signals (same
        # sender thread, same receiver thread: delivered in the order emitted).
        job.ended.connect(self._release, Qt.ConnectionType.QueuedConnection)
        runner = _Runner(job, lambda: call(job))
        QTimer.singleShot(0, self, lambda: self._start(job, runner))
        return job

    def _start(self, job: Job, runner: _Runner) -> None:
        if self._closed:  # the window closed before the job began: never touch the DB
            self._jobs.discard(job)
            return
        self._pool.start(runner)

    def shutdown(self) -> None:
        """No new work; jobs not started yet are dropped; waits for the running one.
        After this the desk (engine, files) may be closed safely."""
        self._closed = True
        self._pool.clear()
        self._pool.waitForDone()

    def run(self, call: Callable[[], Any], on_done: Callable[[Any], None],
            on_failed: Callable[[BaseException], None]) -> Job:
        """The everyday form: run `call()` on the lane, hand its result or its exception
        to the GUI thread. Pages keep their widgets disabled until one of the two arrives."""
        job = self.submit(lambda _job: call())
        queued(job.finished, on_done)
        queued(job.failed, on_failed)
        return job

    @property
    def busy(self) -> bool:
        """A job is queued or running, or its results are not delivered yet."""
        return bool(self._jobs)

    @Slot()
    def _release(self) -> None:
        job = self.sender()
        if isinstance(job, Job):
            self._jobs.discard(job)

    def wait(self, msecs: int = -1) -> bool:
        return self._pool.waitForDone(msecs)


def queued(signal, slot) -> None:
    """Connect across threads explicitly: PySide cannot always tell a plain callable's thread."""
    signal.connect(slot, Qt.ConnectionType.QueuedConnection)
