"""The reconcile report as XLSX: one sheet, dangerous rows first and in red.

Written through app/data/out_paths.py (attack finding 2): never into the data or key folder, even
through a symlink, and over an existing file only with force.
"""

from __future__ import annotations

import io
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font, PatternFill

from app.data.out_paths import check_out, write_out
from app.doors.reconcile import KIND_ZH, ControllerReport
from app.doors.whitelist import safe_cell

HEADER = ("楼栋编号", "楼栋", "控制器", "差异", "卡号", "卡号(十六进制)", "门上", "应为")
RED = PatternFill("solid", fgColor="FFC7CE")


def write_reconcile_xlsx(path: Path, reports: list[ControllerReport], home: Path,
                         force: bool = False) -> Path:
    """The report at `path`; `home` is the desk's data folder, which it may never be in."""
    path = check_out(Path(path), Path(home), force)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("门禁核对")
    ws.freeze_panes = "A2"
    ws.append(list(HEADER))
    for r in reports:
        if not r.reachable:
            ws.append([safe_cell(r.building_code), safe_cell(r.building_name),
                       safe_cell(r.controller), "控制器无应答", "", "", "", r.error or ""])
            continue
        for d in r.differences:
            row = [safe_cell(r.building_code), safe_cell(r.building_name), safe_cell(r.controller),
                   KIND_ZH[d.kind], d.number, f"{int(d.number):08X}", d.on_door, d.desk]
            if d.dangerous:
                cells = []
                for v in row:
                    cell = WriteOnlyCell(ws, value=v)
                    cell.fill, cell.font = RED, Font(color="9C0006", bold=True)
                    cells.append(cell)
                ws.append(cells)
            else:
                ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    write_out(path, buf.getvalue(), force)
    return path
