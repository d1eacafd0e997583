"""Form commands: print a record's form to a PDF file (rules R2, R5, R6, R10).

`rentdesk form tenant|receipt|manifest|unit|batch … --out FILE.pdf --as USER`, and
`rentdesk form blank collection|unit --out FILE.pdf` (no personal data, no account needed).
The PDF goes to a temporary file beside FILE and is renamed over it only once complete,
so a refusal or a crash never leaves a half-written or stale-looking form at FILE.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from app.cli.common import acting_desk, add_as, desk_from, emit
from app.data.out_paths import check_out, write_out
from app.desk.context import default_home


def register(sub) -> None:
    f = sub.add_parser("form", help="打印表格 / print forms to PDF").add_subparsers(
        dest="action", required=True)
    p = f.add_parser("tenant", help="租住人员信息采集表 / a tenant's collection form")
    p.add_argument("--idno", required=True, help="证件号码 / document number")
    _common(p, run_tenant)
    p = f.add_parser("receipt", help="门禁卡发卡回执 / card receipt")
    p.add_argument("--card", required=True, help="卡号 / card number")
    _common(p, run_receipt)
    p = f.add_parser("manifest", help="移交清单 / the day's handover manifest")
    p.add_argument("--date", type=date.fromisoformat, required=True, help="YYYY-MM-DD")
    _common(p, run_manifest)
    p = f.add_parser("unit", help="出租屋综合信息登记表 / a unit's register")
    p.add_argument("--building", required=True, help="楼栋编号 / building code")
    p.add_argument("--unit", required=True, help="房号 / unit number")
    _common(p, run_unit)
    p = f.add_parser("batch", help="当天全部采集表 / all of a day's collection forms")
    p.add_argument("--date", type=date.fromisoformat, required=True, help="YYYY-MM-DD")
    p.add_argument("--reveal-reason", help="完整证件号码须填原因（需查看权限）/ print full numbers: "
                   "reason, for accounts that may reveal; otherwise masked")
    _common(p, run_batch)
    p = f.add_parser("blank", help="空白表 / a blank form for handwriting")
    p.add_argument("kind", choices=["collection", "unit"])
    p.add_argument("--out", type=Path, required=True, help="输出 PDF 文件 / output PDF file")
    p.set_defaults(handler=run_blank)


def _common(p, handler: Callable) -> None:
    add_as(p)
    p.add_argument("--out", type=Path, required=True, help="输出 PDF 文件 / output PDF file")
    p.set_defaults(handler=handler)


def _check_out(out: Path, args) -> Path:
    """Refuse an unusable --out before rendering, so no print is logged for a lost file:
    never into the data or key folder, over an existing file only with --force (issue 12)."""
    home = Path(args.home) if getattr(args, "home", None) else default_home()
    return check_out(out, home, getattr(args, "force", False))


def write_atomically(out: Path, data: bytes, args=None) -> None:
    """Temporary file in the same folder, fsync, rename: FILE is either old or complete."""
    write_out(out, data, bool(getattr(args, "force", False)))


def _print(args, form: str, make: Callable) -> int:
    out = _check_out(args.out, args)
    desk, actor = acting_desk(args)
    try:
        pdf = make(desk, actor)
    finally:
        desk.close()
    write_atomically(out, pdf, args)
    emit({"form": form, "out": str(out), "bytes": len(pdf)})
    return 0


def run_tenant(args) -> int:
    from app.printing.documents import collection_form_pdf

    return _print(args, "collection", lambda d, a: collection_form_pdf(d, a, args.idno))


def run_receipt(args) -> int:
    from app.printing.documents import card_receipt_pdf

    return _print(args, "receipt", lambda d, a: card_receipt_pdf(d, a, args.card))


def run_manifest(args) -> int:
    from app.printing.documents import manifest_pdf

    return _print(args, "manifest", lambda d, a: manifest_pdf(d, a, args.date))


def run_unit(args) -> int:
    from app.printing.documents import unit_form_pdf

    return _print(args, "unit", lambda d, a: unit_form_pdf(d, a, args.building, args.unit))


def run_batch(args) -> int:
    from app.printing.documents import batch_collection_pdf

    return _print(args, "batch", lambda d, a: batch_collection_pdf(d, a, args.date,
                                                                     args.reveal_reason))


def run_blank(args) -> int:
    from app.printing.documents import blank_pdf

    out = _check_out(args.out, args)
    desk = desk_from(args)
    try:
        pdf = blank_pdf(args.kind, desk)
    finally:
        desk.close()
    write_atomically(out, pdf, args)
    emit({"form": f"blank_{args.kind}", "out": str(out), "bytes": len(pdf)})
    return 0
