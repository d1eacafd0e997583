"""What the command line hands over to a front end it may not import itself.

app/ never imports ui/ (the layers). The composition root (`rentdesk/__main__.py`, the one
module that may import every layer) fills these in; without it — `app.cli.main` called from
a test, say — the Qt commands say the window is not available instead of reaching up.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class FrontEnds:
    gui: Callable[[Path | None], int] | None = None  # start the desk window
    bench_gui: Callable[[Path], dict] | None = None  # window start and search-as-you-type
    selftest_gui: Callable[[], str] | None = None  # the GUI's own resources load
    district_console: Callable[[str | None, str | None], int] | None = None  # (url, user)
    # `bench --doors`: the class of the loopback UHPPOTE board (tests/doors/emulator.py,
    # in the source tree only; the product never talks to it)
    door_emulator: Callable[[], type] | None = None


NONE = FrontEnds()
