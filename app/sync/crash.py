"""Crash hook for tests: SIGKILL this process at a named durable step of the sync.

`RENTDESK_SYNC_CRASH_AT=<step>` — no cleanup, no atexit, exactly like a power cut.
"""

from __future__ import annotations

import os
import signal

ENV = "RENTDESK_SYNC_CRASH_AT"
STEPS = ("batch_recorded", "blobs_uploaded", "district_merged", "district_committed",
         "answer_stored", "outbox_trimmed", "decisions_applied")


def crash_point(step: str) -> None:
    if os.environ.get(ENV) == step:
        os.kill(os.getpid(), signal.SIGKILL)
