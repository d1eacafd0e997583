"""`rentdesk bench`, loaded by the composition root only when asked (never in the product)."""

from __future__ import annotations

import sys
from pathlib import Path

from app.cli.common import emit


def run_bench(args) -> int:
    """`rentdesk bench`: the figures of the README's speed table (see README)."""
    from devkit.bench import format_table
    from devkit.bench import run_bench as bench

    if args.city:
        from devkit.city_layout import Scale
        from devkit.city_sim import simulate

        emit({"city": simulate(Scale(args.city_districts, args.city_centres, args.city_tenants),
                               args.city_workdir)})
        return 0
    if args.office_only:
        from devkit.office_bench import bench_office

        emit({"district_office": bench_office(max(args.office, 1), args.office_tenants)})
        return 0
    if args.doors:
        return _bench_doors(args)
    from app.cli.cmd_data import _progress

    result = bench(args.tenants, keep=args.keep, progress=_progress, district=args.district,
                   centres=args.centres, centre_tenants=args.centre_tenants)
    if args.district and args.office:
        from devkit.office_bench import bench_office

        result["district_office"] = bench_office(args.office, args.office_tenants)
    if args.gui:
        from devkit.gui_bench import bench_gui

        result.update(bench_gui(Path(result["home"])))
    print(file=sys.stderr)
    if args.json:
        emit(result)
    else:
        print(format_table(result))
    return 0


def _bench_doors(args) -> int:
    """Against the loopback UHPPOTE board (devkit.door_emulator), through the real client."""
    from devkit.door_emulator import Emulator as emulator
    from devkit.doors_bench import bench_doors

    result = bench_doors(emulator, cards=args.door_cards, on_board=args.board_cards,
                         home=args.keep)
    if args.json:
        emit(result)
    else:
        for key, value in result.items():
            print(f"{key:<36} {value}")
    return 0
