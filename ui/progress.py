"""A progress dialog with Cancel around one job on the database lane."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QProgressDialog, QWidget

from ui.lane import DbLane, Job, Progress, queued
from ui.notify import show_error


def run_with_progress(parent: QWidget, lane: DbLane, title: str,
                      work: Callable[[Progress], Any], on_done: Callable[[Any], None],
                      cancellable: bool = True) -> tuple[Job, QProgressDialog]:
    """Run `work(progress)` on the lane behind a modal progress dialog.

    `work` gets app/'s Qt-free callback; pressing Cancel makes it return False, and the
    app function stops (and rolls back) at its next report.
    """
    dialog = QProgressDialog(title, QCoreApplication.translate("progress", "取消") if cancellable else "", 0, 0, parent)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(0)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    if not cancellable:
        dialog.setCancelButton(None)
    job = lane.submit(lambda j: work(j.progress_callback()))

    def progressed(done: int, total: int, stage: str) -> None:
        dialog.setMaximum(max(total, 1))
        dialog.setValue(min(done, max(total, 1)))
        dialog.setLabelText(f"{title}\n{stage} {done}/{total}")

    def finished(result: Any) -> None:
        dialog.close()
        on_done(result)

    def failed(exc: BaseException) -> None:
        dialog.close()
        show_error(parent, exc)

    queued(job.progressed, progressed)
    queued(job.finished, finished)
    queued(job.failed, failed)
    queued(job.cancelled, dialog.close)
    dialog.canceled.connect(job.cancel)
    dialog.show()
    return job, dialog
