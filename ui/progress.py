"""A progress dialog with Cancel around one job on the database lane."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QProgressDialog, QWidget

from ui.lane import DbLane, Job, Progress
from ui.lane_op import LaneOp


def run_with_progress(parent: QWidget, lane: DbLane, title: str,
                      work: Callable[[Progress], Any], on_done: Callable[[Any], None],
                      cancellable: bool = True) -> tuple[Job, QProgressDialog]:
    """Run `work(progress)` on the lane behind a modal progress dialog.

    `work` gets app/'s Qt-free callback; pressing Cancel makes it return False, and the
    app function stops (and rolls back) at its next report. A failure closes the dialog and
    is shown like any other (ui/notify).
    """
    dialog = QProgressDialog(title, QCoreApplication.translate("progress", "取消") if cancellable else "", 0, 0, parent)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(0)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    if not cancellable:
        dialog.setCancelButton(None)

    def progressed(done: int, total: int, stage: str) -> None:
        dialog.setMaximum(max(total, 1))
        dialog.setValue(min(done, max(total, 1)))
        dialog.setLabelText(f"{title}\n{stage} {done}/{total}")

    def finished(result: Any) -> None:
        dialog.close()
        on_done(result)

    op = LaneOp(parent, success=finished, failure=lambda _exc: dialog.close(),
                progressed=progressed, cancelled=dialog.close)
    job = op.run(lane, lambda j: work(j.progress_callback()))
    dialog.canceled.connect(job.cancel)
    dialog.show()
    return job, dialog
