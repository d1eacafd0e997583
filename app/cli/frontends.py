"""What the command line hands over to a front end it may not import itself.

app/ never imports ui/ (the layers). The composition root (`rentdesk/__main__.py`, the one
module that may import every layer) fills these in; without it — `app.cli.main` called from
a test, say — the Qt commands say the window is not available instead of reaching up.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class FrontEnds:
    gui: Callable[[Path | None], int] | None = None  # start the desk window
    selftest_gui: Callable[[], str] | None = None  # the GUI's own resources load
    district_console: Callable[[str | None, str | None], int] | None = None  # (url, user)
    # `rentdesk bench` (package devkit): a developer tool the product build leaves out
    bench: Callable[[Any], int] | None = None


NONE = FrontEnds()
