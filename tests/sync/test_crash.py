"""The sync process SIGKILLed at each durable step, then run again: every change exactly once."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from sqlmodel import select

from app.data.demo import generate_demo
from app.sync import batches
from app.sync.run import sync, without_password
from app.sync.steps import STEPS
from db.engine import read_session
from db.models import Tenancy
from tests.conftest import PASSWORD
from tests.sync.conftest import CENTER_PASSWORD, assert_mirrored, district_rows
from tests.sync.kill_at import ENV

ROOT = Path(__file__).resolve().parents[2]


def _sync_process(home: Path, url: str, crash_at: str | None) -> subprocess.CompletedProcess:
    # The CLI takes no password in the address (issue 11): staff login and district
    # password come from the environment, as for the scheduled daily run.
    env = {**os.environ, "PYTHONPATH": str(ROOT), "RENTDESK_PASSWORD": PASSWORD,
           "RENTDESK_DISTRICT_PASSWORD": CENTER_PASSWORD}
    env.pop(ENV, None)
    if crash_at:
        env[ENV] = crash_at
    return subprocess.run([sys.executable, "-m", "tests.sync.kill_at", "--home", str(home), "sync",
                           "--district", without_password(url), "--batch", "400",
                           "--as", "admin"],
                          env=env, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("step", STEPS)
def test_killed_at_each_step_then_resumed(desk, admin, district, lh01_url, step):
    generate_demo(desk, 150, seed=11)
    desk.engine.dispose()  # the subprocess owns the file now
    killed = _sync_process(desk.home, lh01_url, step)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    resumed = _sync_process(desk.home, lh01_url, None)
    assert resumed.returncode == 0, resumed.stderr
    final = sync(desk, lh01_url)
    assert final["ok"] and final["outbox_left"] == 0 and final["batches"] == 0
    assert_mirrored(desk, district)
    # Each batch number applied once; nothing left half-done locally.
    numbers = district_rows(district, "SELECT batch_no FROM applied_batch ORDER BY batch_no")
    assert [n for (n,) in numbers] == list(range(1, len(numbers) + 1))
    assert batches.outbox_size(desk) == 0
    with read_session(desk.engine) as s:
        assert all(t.delivered_at is not None for t in s.exec(select(Tenancy)))
