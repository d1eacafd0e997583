"""A second rentdesk process for tests: holds the desk lock or a write transaction."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
HOLDER = """
import sys
from pathlib import Path
from app.desk.context import open_desk
desk = open_desk(Path(sys.argv[1]), program=sys.argv[2], exclusive=sys.argv[3] == "1")
if sys.argv[4] == "write":
    conn = desk.engine.connect().execution_options(sqlite_immediate=True)
    conn.begin()  # BEGIN IMMEDIATE: the write lock, held until we are told to stop
print("ready", flush=True)
sys.stdin.readline()
"""


class Holder:
    def __init__(self, home: Path, program: str, exclusive: bool, write: bool) -> None:
        env = dict(os.environ, PYTHONPATH=str(ROOT))
        self.proc = subprocess.Popen(
            [sys.executable, "-c", HOLDER, str(home), program, "1" if exclusive else "0",
             "write" if write else "read"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            text=True, cwd=ROOT, env=env)
        line = self.proc.stdout.readline()
        assert line.strip() == "ready", self.proc.stderr.read()

    def stop(self) -> None:
        self.proc.stdin.write("\n")
        self.proc.stdin.flush()
        self.proc.wait(timeout=60)


def holder_fixture(desk):
    started: list[Holder] = []

    def start(program: str, exclusive: bool = False, write: bool = False) -> Holder:
        h = Holder(desk.home, program, exclusive, write)
        started.append(h)
        return h

    return start, started


@pytest.fixture
def holder(desk, admin):
    start, started = holder_fixture(desk)
    yield start
    for h in started:
        if h.proc.poll() is None:
            h.stop()


