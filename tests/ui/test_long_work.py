"""Long work on the one-thread database lane behind a progress dialog, with Cancel."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QWidget

from app.data.demo import generate_demo
from app.property.buildings import list_buildings
from ui.lane import DbLane
from ui.progress import run_with_progress


def test_lane_runs_one_job_at_a_time(qtbot):
    lane = DbLane()
    assert lane._pool.maxThreadCount() == 1
    job = lane.submit(lambda _job: 21 * 2)
    with qtbot.waitSignal(job.finished) as blocker:
        pass  # the job starts only when the event loop runs: no signal can be missed
    assert blocker.args == [42]
    lane.wait()


def test_demo_data_with_progress(qtbot, desk, admin):
    parent = QWidget()
    qtbot.addWidget(parent)
    lane = DbLane(parent)
    results = []
    job, dialog = run_with_progress(parent, lane, "demo",
                                    lambda p: generate_demo(desk, 120, progress=p),
                                    results.append)
    qtbot.waitUntil(lambda: bool(results))
    assert results[0].tenants == 120 and not dialog.isVisible()
    lane.wait()


def test_cancel_rolls_back(qtbot, desk, admin):
    parent = QWidget()
    qtbot.addWidget(parent)
    lane = DbLane(parent)
    results = []

    def work(progress):
        def stop_at_first(done, total, stage):
            progress(done, total, stage)
            return False  # as if Cancel was pressed at the first report
        return generate_demo(desk, 120, progress=stop_at_first)

    job, dialog = run_with_progress(parent, lane, "demo", work, results.append)
    job.cancel()
    with qtbot.waitSignal(job.cancelled):
        pass
    lane.wait()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert results == [] and list_buildings(desk) == []  # nothing half-made


def test_finished_jobs_are_released(qtbot):
    lane = DbLane()
    job = lane.submit(lambda _job: None)
    with qtbot.waitSignal(job.ended):
        pass
    qtbot.waitUntil(lambda: not lane._jobs)
    lane.wait()


def test_shutdown_drops_jobs_not_yet_started(qtbot):
    lane = DbLane()
    ran: list[int] = []
    lane.submit(lambda _job: ran.append(1))
    lane.shutdown()  # e.g. the window closed before the event loop started the job
    QApplication.processEvents()
    lane.wait()
    assert ran == [] and not lane.busy
