"""Whitelist files for installers who run their own vendor software (driver `file`).

The column layout of the common vendor tools: card number in decimal and in hex, valid
from, valid until, doors, room. No names or ID numbers leave the desk: the installer needs
only the card. Each export writes the full list (CSV + XLSX) and a delta (CSV + XLSX) of
what changed since the previous export; the previous list is kept in `door_file_card`
(kind "exported"). The installer's own current list can be imported (kind "installer") and
is what the reconcile compares against, as it would read a board.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from openpyxl import Workbook
from sqlalchemy import delete, insert, select

from app.data.out_paths import check_out, write_out
from app.data.tabular import map_columns, read_table
from app.desk import clock
from app.desk.context import Desk
from app.desk.errors import Refused
from app.doors.desired import desired_cards
from app.doors.drivers import DoorCard, DoorStatus, DoorUnreachable, parse_doors
from app.doors.push import PushResult
from app.staff import audit
from app.staff.accounts import require
from app.staff.audit import Actor
from db.door_tables import DoorController, DoorFileCard, DoorJob
from db.engine import read_session, write_session
from db.models import Card, Unit

HEADER = ("卡号", "卡号(十六进制)", "起始日期", "截止日期", "门号", "房号")
DELTA_HEADER = ("操作", *HEADER)
ALIASES = {
    "dec": ("卡号", "卡号(十进制)", "card", "card number", "cardno", "卡号10"),
    "hex": ("卡号(十六进制)", "hex", "card hex", "卡号16", "uid"),
    "from": ("起始日期", "开始日期", "valid from", "from", "start"),
    "until": ("截止日期", "结束日期", "有效期", "valid until", "until", "end"),
    "doors": ("门号", "门", "doors", "door"),
}
MAX_IMPORT_BYTES = 20 * 1024 * 1024
MAX_IMPORT_ROWS = 200_000


def safe_cell(text: str) -> str:
    """Text a spreadsheet would run as a formula is quoted (rooms are typed by clerks)."""
    text = (text or "").replace("\x00", "")[:64]
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _row(c: DoorCard, room: str) -> list[str]:
    return [f"{c.number:010d}", f"{c.number:08X}",
            c.valid_from.isoformat() if c.valid_from else "",
            c.valid_until.isoformat() if c.valid_until else "",
            ",".join(map(str, c.doors)), safe_cell(room)]


def _write(base: Path, header: tuple[str, ...], rows: list[list[str]], home: Path,
           force: bool) -> list[Path]:
    """CSV + XLSX beside each other, through app/out_paths (attack finding 2): never into the
    data or key folder, even through a symlink; over an existing file only with force."""
    csv_path = check_out(base.with_suffix(".csv"), home, force)
    xlsx_path = check_out(base.with_suffix(".xlsx"), home, force)
    text = io.StringIO(newline="")
    w = csv.writer(text)
    w.writerow(header)
    w.writerows(rows)
    write_out(csv_path, text.getvalue().encode("utf-8-sig"), force)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("白名单")
    ws.append(list(header))
    for r in rows:
        ws.append(r)  # every cell is text: card numbers keep their leading zeros
    buf = io.BytesIO()
    wb.save(buf)
    write_out(xlsx_path, buf.getvalue(), force)
    return [csv_path, xlsx_path]


class FileDriver:
    """Reads the installer's imported list; writing happens as a whole export."""

    def __init__(self, desk: Desk, controller_id: str) -> None:
        self.desk, self.controller_id = desk, controller_id

    def list_cards(self) -> list[DoorCard]:
        with read_session(self.desk.engine) as s:
            rows = s.execute(select(DoorFileCard).where(
                DoorFileCard.controller_id == self.controller_id,
                DoorFileCard.kind == "installer")).scalars()
            return [DoorCard(r.card_number, r.valid_from, r.valid_until,
                             parse_doors(r.doors) if r.doors else ()) for r in rows]

    def put(self, card: DoorCard) -> None:
        raise DoorUnreachable("file controllers take a whitelist export")

    def delete(self, number: int) -> None:
        raise DoorUnreachable("file controllers take a whitelist export")

    def status(self) -> DoorStatus:
        raise DoorUnreachable("file controllers have no status")

    def set_time(self, at) -> None:
        raise DoorUnreachable("file controllers have no clock")


@dataclass(frozen=True)
class ExportResult:
    files: list[str]
    cards: int
    added: int
    changed: int
    removed: int


def export_whitelist(desk: Desk, controller: DoorController, force: bool = False) -> ExportResult:
    """Write the full list and the delta since the last export; jobs up to now are done.

    Refused (not written) when the folder is inside the data or key folder or a file of the
    same name exists (without force)."""
    folder = Path(controller.file_dir or "")
    from app.doors.controllers import check_file_dir

    check_file_dir(desk, folder.resolve())  # the folder itself, before mkdir (a link moved?)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise DoorUnreachable(f"folder: {type(e).__name__}") from None
    with read_session(desk.engine) as s:
        top = s.execute(select(DoorJob.seq).where(DoorJob.controller_id == controller.id,
                                                  DoorJob.done_at.is_(None))
                        .order_by(DoorJob.seq.desc()).limit(1)).scalar()
        want = desired_cards(s, desk, controller)
        rooms = dict(s.execute(select(Card.number, Unit.number).join(Unit, Unit.id == Card.unit_id)
                               .where(Card.building_id == controller.building_id,
                                      Card.status == "active")).all())
        before = {r.card_number: DoorCard(r.card_number, r.valid_from, r.valid_until,
                                          parse_doors(r.doors) if r.doors else ())
                  for r in s.execute(select(DoorFileCard).where(
                      DoorFileCard.controller_id == controller.id,
                      DoorFileCard.kind == "exported")).scalars()}
    room = {int(n): u for n, u in rooms.items() if n.isdigit()}
    full = [_row(c, room.get(n, "")) for n, c in sorted(want.items())]
    delta = ([["新增", *_row(c, room.get(n, ""))] for n, c in sorted(want.items()) if n not in before]
             + [["修改", *_row(c, room.get(n, ""))] for n, c in sorted(want.items())
                if n in before and before[n] != c]
             + [["删除", *_row(b, "")] for n, b in sorted(before.items()) if n not in want])
    safe_name = "".join(ch for ch in controller.name if ch.isalnum()) or "door"
    base = f"{safe_name}_{clock.now(desk).strftime('%Y%m%d-%H%M%S')}"
    # Each export is a new pair of files: two in one second (a push, then an export) get
    # -2, -3 … rather than meeting the never-overwrite rule of app.data.out_paths.
    stem, n = base, 1
    while not force and any(folder.glob(f"whitelist_{stem}.*")) | any(folder.glob(f"delta_{stem}.*")):
        n += 1
        stem = f"{base}-{n}"
    try:
        files = _write(folder / f"whitelist_{stem}", HEADER, full, desk.home, force)
        files += _write(folder / f"delta_{stem}", DELTA_HEADER, delta, desk.home, force)
    except OSError as e:
        raise DoorUnreachable(f"write: {type(e).__name__}") from None
    with write_session(desk.engine) as s:
        s.execute(delete(DoorFileCard).where(DoorFileCard.controller_id == controller.id,
                                             DoorFileCard.kind == "exported"))
        if want:
            s.execute(insert(DoorFileCard), [
                {"controller_id": controller.id, "kind": "exported", "card_number": n,
                 "valid_from": c.valid_from, "valid_until": c.valid_until,
                 "doors": ",".join(map(str, c.doors))} for n, c in want.items()])
        if top is not None:
            s.execute(DoorJob.__table__.update().where(
                DoorJob.controller_id == controller.id, DoorJob.done_at.is_(None),
                DoorJob.seq <= top).values(done_at=clock.now_utc(), result="export"))
        s.execute(DoorController.__table__.update().where(DoorController.id == controller.id)
                  .values(last_export_at=clock.now_utc(), last_error=None))
    kinds = [d[0] for d in delta]
    return ExportResult([str(f) for f in files], len(full), kinds.count("新增"),
                        kinds.count("修改"), kinds.count("删除"))


def export_controller(desk: Desk, actor: Actor, ref: str, force: bool = False) -> ExportResult:
    """Write a file controller's whitelist now (the CLI's `door export`).

    Supervisor or admin only, audited (attack finding 4): the list holds every active card
    number of the building, enough to clone the cards."""
    from app.doors.controllers import controller_by_ref

    require(actor, "manage_buildings")
    with read_session(desk.engine) as s:
        c = controller_by_ref(s, ref)
        if c.driver != "file":
            raise Refused("not_file_controller", "该控制器不是文件型（白名单）控制器。",
                          "That controller does not take a whitelist file.")
        c = DoorController.model_validate(c.model_dump())
    try:
        result = export_whitelist(desk, c, force)
    except DoorUnreachable as e:
        raise Refused("export_failed", f"白名单写入失败：{e}。请检查目录是否存在且可写。",
                      f"Could not write the whitelist: {e}. Check the folder exists and is "
                      "writable.") from None
    with write_session(desk.engine) as s:
        audit.record(s, actor, "door.whitelist_export", "door_controller", c.id,
                     center_code=desk.center_code, cards=result.cards, files=len(result.files))
    return result


def export_pending(desk: Desk, controller: DoorController) -> PushResult:
    result = PushResult()
    try:
        r = export_whitelist(desk, controller)
    except (DoorUnreachable, Refused) as e:
        from app.doors.push import _mark_failed

        _mark_failed(desk, controller.id, str(e), clock.now_utc())
        result.failed[controller.id] = str(e)
        return result
    result.put, result.deleted = r.added + r.changed, r.removed
    return result


def _parse_date(text: str) -> date | None:
    text = (text or "").strip()[:10].replace("/", "-").replace(".", "-")
    try:
        return date.fromisoformat(text) if len(text) == 10 else None
    except ValueError:
        return None


def import_installer_list(desk: Desk, actor: Actor, controller_id: str, path: Path) -> dict:
    """The installer's current list, to reconcile against; replaces the previous import."""
    require(actor, "manage_buildings")
    path = Path(path)
    if not path.is_file() or path.stat().st_size > MAX_IMPORT_BYTES:
        raise Refused("bad_whitelist", "白名单文件不存在、不是普通文件或超过 20 MB。",
                      "The whitelist file is missing, not a regular file, or over 20 MB.")
    header, rows = read_table(path)
    if len(rows) > MAX_IMPORT_ROWS:
        raise Refused("whitelist_too_long", "白名单超过 200,000 行，不像一台控制器的名单。",
                      "The whitelist has over 200,000 rows: not one controller's list.")
    cols = map_columns(header, ALIASES, ())
    if "dec" not in cols and "hex" not in cols:
        raise Refused("missing_columns", "缺少卡号列（卡号 或 卡号(十六进制)）。",
                      "Missing a card number column (decimal or hex).")
    cards: dict[int, dict] = {}
    bad = 0
    for r in rows:
        cell = {k: (r[i][:64] if i < len(r) else "") for k, i in cols.items()}
        try:
            dec, hexa = cell.get("dec", "").strip(), cell.get("hex", "").strip()
            n = int(dec) if dec.isdigit() and len(dec) <= 10 else int(hexa[:8], 16)
            doors = ",".join(map(str, parse_doors(cell["doors"]))) if cell.get("doors") else ""
        except ValueError:
            bad += 1
            continue
        if not 0 < n <= 0xFFFFFFFF:
            bad += 1
            continue
        cards[n] = {"controller_id": controller_id, "kind": "installer", "card_number": n,
                    "valid_from": _parse_date(cell.get("from", "")),
                    "valid_until": _parse_date(cell.get("until", "")), "doors": doors}
    with write_session(desk.engine) as s:
        if s.get(DoorController, controller_id) is None:
            raise Refused("no_controller", "没有该门禁控制器。", "No such door controller.")
        s.execute(delete(DoorFileCard).where(DoorFileCard.controller_id == controller_id,
                                             DoorFileCard.kind == "installer"))
        if cards:
            s.execute(insert(DoorFileCard), list(cards.values()))
        audit.record(s, actor, "door.whitelist_import", "door_controller", controller_id,
                     cards=len(cards), bad_rows=bad)
    return {"cards": len(cards), "bad_rows": bad}
