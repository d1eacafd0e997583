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


def _bench(args) -> int:
    from devkit.cli import run_bench  # source tree only: the frozen build excludes devkit

    return run_bench(args)


def _selftest_gui() -> str:
    from ui.selftest import run_checks

    return run_checks()


def _district_console(url: str | None, user: str | None) -> int:
    from ui.district.window import run

    return run(url, user)


FRONT_ENDS = FrontEnds(gui=_gui, bench=_bench, selftest_gui=_selftest_gui,
                       district_console=_district_console)


def main(argv: list[str] | None = None) -> int:
    return cli_main(argv, FRONT_ENDS)


if __name__ == "__main__":
    sys.exit(main())
