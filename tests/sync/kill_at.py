"""Run `rentdesk` killed (SIGKILL, no clean-up) at the sync step named in the environment.

usage: python -m tests.sync.kill_at ARGS…   with RENTDESK_SYNC_CRASH_AT=<step>
"""

from __future__ import annotations

import os
import signal
import sys

from app.sync.steps import on_step

ENV = "RENTDESK_SYNC_CRASH_AT"


def _kill_at(step: str) -> None:
    if os.environ.get(ENV) == step:
        os.kill(os.getpid(), signal.SIGKILL)


if __name__ == "__main__":
    from rentdesk.__main__ import main

    on_step(_kill_at)
    sys.exit(main(sys.argv[1:]))
