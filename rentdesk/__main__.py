"""`rentdesk` / `python -m rentdesk`: the command line, with the Qt front end plugged in.

The only module allowed to import ui/ and app/ together (named in the import-linter
contract). The Qt imports sit inside the functions so a CLI command never loads Qt.
"""

from __future__ import annotations

import sys
from pathlib import Path

from app.cli import main as cli_main
from app.cli.frontends import FrontEnds


def _gui(home: Path | None) -> int:
    from ui.main import run

    return run(home)


def _bench_gui(home: Path) -> dict:
    from ui.bench import bench_gui

    return bench_gui(home)


def _selftest_gui() -> str:
    from ui.selftest import run_checks

    return run_checks()


def _district_console(url: str | None, user: str | None) -> int:
    from ui.district.window import run

    return run(url, user)


def _door_emulator() -> type:
    from tests.doors.emulator import Emulator  # source tree only: bench --doors

    return Emulator


FRONT_ENDS = FrontEnds(gui=_gui, bench_gui=_bench_gui, selftest_gui=_selftest_gui,
                       district_console=_district_console, door_emulator=_door_emulator)


def main(argv: list[str] | None = None) -> int:
    return cli_main(argv, FRONT_ENDS)


if __name__ == "__main__":
    sys.exit(main())
