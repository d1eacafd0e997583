"""Statistics to XLSX and CSV for the street office (R8), the export itself audited (R10).

XLSX: one sheet per grouping, Chinese headers, frozen header row, set column widths;
write-only mode so 300,000 building-month rows stream instead of building a DOM.
CSV: UTF-8 with a BOM, or Excel on Chinese Windows reads it as GBK and garbles it.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import astuple, dataclass
from datetime import date
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from app.data.out_paths import check_out, publish
from app.data.safe_cells import csv_cell, xlsx_row
from app.desk.context import Desk
from app.desk.errors import Refused
from app.staff import audit
from app.staff.accounts import require
from app.staff.audit import Actor
from app.supervision.stats import StatRow, statistics
from db.engine import write_session

SHEETS = {"company": "按公司", "building": "按楼栋", "center": "按中心"}
PERIOD_ZH = {"day": "日", "month": "月", "year": "年"}
# (header, width in characters), in StatRow's field order
COLUMNS: tuple[tuple[str, int], ...] = (
    ("统计口径", 8), ("编号", 40), ("编码", 14), ("名称", 28), ("统计期", 11),
    ("登记人数", 9), ("迁出人数", 9), ("发卡数", 8), ("挂失数", 8), ("补卡数", 8), ("注销数", 8),
    ("24小时内报送", 12), ("逾期报送", 9), ("未报送", 8),
    ("门禁故障数", 10), ("逾期通知安装单位", 16), ("已修复", 8),
    ("平均通知时长(小时)", 18), ("平均修复时长(小时)", 18), ("现有人数", 9), ("核定人数", 9),
    ("育龄妇女缺计生证号(无原因)", 24), ("育龄妇女缺计生证号(已录原因)", 26),
)
BY_ZH = {"company": "公司", "building": "楼栋", "center": "中心"}


def _values(row: StatRow) -> list:
    values = list(astuple(row))
    values[0] = BY_ZH[row.by]
    return values


def write_xlsx(path: Path, groups: dict[str, Sequence[StatRow]], title: str = "") -> None:
    wb = Workbook(write_only=True)
    bold = Font(bold=True)
    for by, rows in groups.items():
        ws = wb.create_sheet(SHEETS[by])
        ws.freeze_panes = "A2"  # set before the first row in write-only mode
        for i, (_, width) in enumerate(COLUMNS, start=1):
            ws.column_dimensions[get_column_letter(i)].width = width
        header = []
        for name, _ in COLUMNS:
            cell = WriteOnlyCell(ws, value=name)
            cell.font, cell.alignment = bold, Alignment(horizontal="center", wrap_text=True)
            header.append(cell)
        ws.append(header)
        for row in rows:
            ws.append(xlsx_row(ws, _values(row)))  # rule: no formula from a name (issue 12)
    if title:
        wb.properties.title = title
    wb.save(path)


def write_csv(path: Path, groups: dict[str, Sequence[StatRow]]) -> None:
    with open(path, "w", newline="", encoding="utf-8-sig") as fh:
        w = csv.writer(fh)
        w.writerow([name for name, _ in COLUMNS])
        for rows in groups.values():
            w.writerows([csv_cell(v) for v in _values(row)] for row in rows)


@dataclass(frozen=True)
class ExportResult:
    path: Path
    rows: dict[str, int]  # per grouping


def export_statistics(desk: Desk, actor: Actor, out: Path, by: Sequence[str], period: str,
                      date_from: date | None = None, date_to: date | None = None,
                      today: date | None = None, force: bool = False) -> ExportResult:
    """rule R8: compute and write; the audit entry says who exported what (rule R10)."""
    require(actor, "report")
    out = check_out(Path(out), desk.home, force)  # not into the data/key folder (issue 12)
    kind = out.suffix.lower()
    if kind not in (".xlsx", ".csv"):
        raise Refused("bad_export_format", "导出文件应为 .xlsx 或 .csv。",
                      "The export file must end in .xlsx or .csv.")
    groups = {b: statistics(desk, b, period, date_from, date_to, today=today)
              for b in dict.fromkeys(by)}
    title = f"出租屋管理统计（{PERIOD_ZH.get(period, period)}）"
    tmp = out.with_name(f".{out.name}.part")  # a failed write leaves no half file behind
    try:
        (write_xlsx(tmp, groups, title) if kind == ".xlsx" else write_csv(tmp, groups))
        publish(tmp, out, force)
    finally:
        tmp.unlink(missing_ok=True)
    counts = {b: len(rows) for b, rows in groups.items()}
    with write_session(desk.engine) as s:
        audit.record(s, actor, "report.export", "report", None, by=list(groups), period=period,
                     date_from=date_from, date_to=date_to, format=kind[1:], rows=counts,
                     file=out.name)
    return ExportResult(out, counts)
