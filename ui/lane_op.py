"""One way for a widget to do work on the database lane, in the manner of Anki's CollectionOp.

    run_on_lane(self, lambda desk, actor: report_lost(desk, actor, card_text=number),
                success=self._lost, message=self.message, busy=self)

runs `op(desk, actor)` on the lane (ui/lane.py) for the page's desk and signed-in account,
keeps `busy` disabled meanwhile, says "数据库正忙…" in `message` while a write waits for
another program (ui/busy.py), and hands the result to `success` on the GUI thread. Any
failure — a refusal, a busy database that did not free up, an unexpected error — goes to the
clerk one way (ui/notify.report): in `message` when the page has one, else in a message box.

The answer may arrive after the widget is gone (a dialog closed with WA_DeleteOnClose, a
window closed): the op keeps only a weak reference to it and asks shiboken whether it still
exists before calling anything, so nothing is ever called on a deleted widget. The answers
arrive at one receiver per lane (a child of the lane), never at a per-job QObject: a QObject
that is deleted later while holding the last reference to its own parent (a callback that
names the page) would take the parent down inside its own destructor.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterable
from typing import Any, Protocol, TypeVar

import shiboken6
from PySide6.QtCore import QObject, Qt, QTimer, Slot
from PySide6.QtWidgets import QLabel, QWidget

from app.desk.context import Desk
from app.staff.audit import Actor
from ui.busy import busy_relay
from ui.busy import busy_text as db_busy_text
from ui.context import UiContext
from ui.lane import DbLane, Job
from ui.notify import log_unexpected, report
from ui.widgets import set_message

T = TypeVar("T")
Busy = QWidget | Iterable[QWidget] | None

class HasContext(Protocol):
    ctx: UiContext


def _valid(obj: QObject | None) -> bool:
    return obj is not None and shiboken6.isValid(obj)


class LaneOp:
    """One job on a lane for one widget: busy state, the DB-busy notice, the answer.

    A plain object, not a QObject: the answers arrive at the lane's one dispatcher, which
    hands them here. Only a weak reference to the widget is kept (checked with shiboken
    before anything is called), and the callbacks — closures that name the widget — are
    let go as soon as the answer is handled, on the GUI thread.
    """

    def __init__(self, parent: QWidget | None, *,
                 success: Callable[[Any], object] | None = None,
                 failure: Callable[[BaseException], object] | None = None,
                 message: QLabel | None = None, busy: Busy = None,
                 busy_text: str | None = None, quiet: bool = False, desk: Desk | None = None,
                 progressed: Callable[[int, int, str], object] | None = None,
                 cancelled: Callable[[], object] | None = None) -> None:
        self._owner_ref = weakref.ref(parent) if parent is not None else None
        self._success, self._failure = success, failure
        self._progressed, self._cancelled = progressed, cancelled
        self._quiet, self.desk = quiet, desk
        self._message_ref = weakref.ref(message) if message is not None else None
        self._busy = [weakref.ref(w) for w in ([busy] if isinstance(busy, QWidget) else busy or ())]
        self._notice = busy_text  # what `message` says while the job runs
        self._shown: str | None = None  # the text we put in `message`, to take it away again

    # -- starting --------------------------------------------------------------------------
    def run(self, lane: DbLane, work: Callable[[Job], Any]) -> Job:
        """Submit `work(job)`; the job starts once control returns to the event loop."""
        # Only what is enabled now goes off and comes back: a button off for this role
        # (or already off for another job) stays as it was.
        self._busy = [ref for ref in self._busy if _valid(w := ref()) and w.isEnabled()]
        for ref in self._busy:
            ref().setEnabled(False)
        if self._notice:
            self._say(self._notice, ok=True)
        job = lane.submit(work)
        _dispatcher(lane).follow(job, self)
        return job

    @property
    def watching(self) -> bool:
        """Says "数据库正忙…" in its message line while a write waits for another program."""
        return self.desk is not None and self._message_ref is not None

    # -- while it runs -----------------------------------------------------------------------
    def _owner(self) -> QWidget | None:
        owner = self._owner_ref() if self._owner_ref is not None else None
        return owner if _valid(owner) else None

    def _alive(self) -> bool:
        return self._owner_ref is None or self._owner() is not None

    @property
    def _message(self) -> QLabel | None:
        label = self._message_ref() if self._message_ref is not None else None
        return label if _valid(label) else None

    def _say(self, text: str, ok: bool) -> None:
        if (label := self._message) is not None:
            set_message(label, text, ok=ok)
            self._shown = text

    def _unsay(self) -> None:
        label = self._message
        if self._shown is not None and label is not None and label.text() == self._shown:
            label.clear()
        self._shown = None

    def db_waiting(self, waiting: bool) -> None:
        if not self._alive():
            return
        if waiting:
            self._say(db_busy_text(), ok=False)
        elif self._notice:
            self._say(self._notice, ok=True)
        else:
            self._unsay()

    def progress(self, done: int, total: int, stage: str) -> None:
        if self._progressed is not None and self._alive():
            self._progressed(done, total, stage)

    # -- the answer --------------------------------------------------------------------------
    def _end(self) -> None:
        """Busy state off, the notice taken away. The op is handed its answer once (the
        dispatcher lets go of it then), and its callbacks go with it after the slot."""
        self._unsay()
        for ref in self._busy:
            if _valid(widget := ref()):
                widget.setEnabled(True)

    def finished(self, result: Any) -> None:
        self._end()
        if self._success is not None and self._alive():
            self._success(result)

    def failed(self, exc: BaseException) -> None:
        self._end()
        if not self._alive():
            return
        if self._failure is not None:  # first: it may close a progress dialog, clear a field
            self._failure(exc)
        if self._quiet:
            log_unexpected(exc)
        elif self._alive():
            report(self._owner(), exc, self._message)

    def cancelled(self) -> None:
        self._end()
        if self._cancelled is not None and self._alive():
            self._cancelled()


class _Dispatcher(QObject):
    """Where a lane's answers arrive: one per lane, its child, so it lives exactly as long.
    It hands each answer to the job's LaneOp and lets go of the op right there."""

    def __init__(self, lane: DbLane) -> None:
        super().__init__(lane)
        self._ops: dict[int, LaneOp] = {}
        self._relays: list[QObject] = []

    def follow(self, job: Job, op: LaneOp) -> None:
        self._ops[job.key] = op
        queued = Qt.ConnectionType.QueuedConnection
        job.finished.connect(self._finished, queued)
        job.failed.connect(self._failed, queued)
        job.cancelled.connect(self._cancelled, queued)
        job.progressed.connect(self._progressed, queued)
        if op.watching:
            relay = busy_relay(op.desk)
            if not any(r is relay for r in self._relays):
                self._relays.append(relay)
                relay.changed.connect(self._db_waiting)

    def _take(self) -> LaneOp | None:
        job = self.sender()
        op = self._ops.pop(job.key, None) if isinstance(job, Job) else None
        if op is not None:
            _let_go_later(op)
        return op

    @Slot(object)
    def _finished(self, result: Any) -> None:
        if (op := self._take()) is not None:
            op.finished(result)

    @Slot(object)
    def _failed(self, exc: BaseException) -> None:
        if (op := self._take()) is not None:
            op.failed(exc)

    @Slot()
    def _cancelled(self) -> None:
        if (op := self._take()) is not None:
            op.cancelled()

    @Slot(int, int, str)
    def _progressed(self, done: int, total: int, stage: str) -> None:
        job = self.sender()
        op = self._ops.get(job.key) if isinstance(job, Job) else None
        if op is not None:
            op.progress(done, total, stage)

    @Slot(bool)
    def _db_waiting(self, waiting: bool) -> None:
        relay = self.sender()
        for op in list(self._ops.values()):
            if op.watching and busy_relay(op.desk) is relay:
                op.db_waiting(waiting)


_graveyard: list[LaneOp] = []


def _let_go_later(op: LaneOp) -> None:
    """The op's callbacks may hold the last reference to a window that owns this very lane
    (a sign-in dialog closed meanwhile): let go of them after this slot has returned, from
    a timer of Qt's own, never inside the dispatcher's slot."""
    if not _graveyard:
        QTimer.singleShot(0, _graveyard.clear)
    _graveyard.append(op)


def _dispatcher(lane: DbLane) -> _Dispatcher:
    found = lane.findChild(_Dispatcher)
    return found if found is not None else _Dispatcher(lane)


def run_on_lane(parent: HasContext | QWidget | None, op: Callable[[Desk, Actor], T], *,
                success: Callable[[T], object] | None = None,
                failure: Callable[[BaseException], object] | None = None,
                message: QLabel | None = None, busy: Busy = None,
                busy_text: str | None = None, quiet: bool = False,
                ctx: UiContext | None = None) -> Job:
    """Run `op(desk, actor)` on the desk's lane for `parent` (a page or dialog with a `ctx`,
    or any widget with `ctx=` given).

    busy: widgets disabled until the answer is back (a second Enter cannot start a second
    write). busy_text: said in `message` meanwhile. success(result) runs on the GUI thread.
    A failure is shown in `message` (or a message box) after `failure(exc)` has run;
    `quiet=True` is for work the clerk did not ask for (a status count): nothing is shown.
    """
    ctx = ctx if ctx is not None else parent.ctx  # type: ignore[union-attr]
    desk, actor = ctx.desk, ctx.actor
    widget = parent if isinstance(parent, QWidget) else None
    return LaneOp(widget, success=success, failure=failure, message=message, busy=busy,
                  busy_text=busy_text, quiet=quiet, desk=desk).run(
        ctx.lane, lambda _job: op(desk, actor))


def run_call_on_lane(parent: QWidget | None, lane: DbLane, call: Callable[[], T], *,
                     success: Callable[[T], object] | None = None,
                     failure: Callable[[BaseException], object] | None = None,
                     message: QLabel | None = None, busy: Busy = None,
                     busy_text: str | None = None, quiet: bool = False,
                     desk: Desk | None = None) -> Job:
    """The same for a lane with no signed-in account yet (sign-in) or no desk at all (the
    street office's lane): `call()` brings what it needs itself."""
    return LaneOp(parent, success=success, failure=failure, message=message, busy=busy,
                  busy_text=busy_text, quiet=quiet, desk=desk).run(lane, lambda _job: call())
