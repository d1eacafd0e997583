"""Chinese headers and cells of every office page: one definition for the CLI's XLSX/JSON
and the window's tables (the window translates the headers)."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

from app.district_office.days import OFFICE_ZONE
from app.district_office.reports import CentreStatus, DeliveryDay, RewardRow
from app.district_office.xlsx import write_sheets

LEVEL_ZH = {"center": "中心", "company": "公司", "building": "楼栋"}
KIND_ZH = {"village": "股份合作公司", "property": "物业公司"}
NO_COMPANY = "（无公司）"  # office_rewards' name for buildings that belong to no company

CENTRE_HEADERS = ("中心编码", "中心名称", f"最近同步（{OFFICE_ZONE}）", "最近批次", "副本",
                  "已替换副本数",
                  "有登录账号", "未被接受的卡", "待下发决定", "逾期报送(30天)", "未修复故障", "未处理冲突")
DELIVERY_HEADERS = ("中心编码", "采集日期", "采集数", "24小时内送达", "逾期送达", "未送达",
                    "纸质表24小时内移交", "纸质表逾期移交", "纸质表未移交")
REWARD_HEADERS = ("统计口径", "中心编码", "编码", "名称", "公司类型", "采集数", "24小时内报送",
                  "逾期报送", "未报送", "计奖人数")


def centre_cells(c: CentreStatus) -> list:
    return [c.center_code, c.name, c.last_sync, c.last_batch_no, (c.epoch or "")[:8],
            c.old_epochs, "是" if c.has_login else "否", c.refused_cards, c.decisions_waiting,
            c.late_records, c.open_faults, c.open_conflicts]


def delivery_cells(d: DeliveryDay) -> list:
    return [d.center_code, d.day.isoformat(), d.collected, d.on_time, d.late, d.never,
            d.paper_on_time, d.paper_late, d.paper_missing]


def reward_cells(r: RewardRow) -> list:
    return [LEVEL_ZH.get(r.level, r.level), r.center_code or "全区", r.code if r.level == "building"
            else (r.center_code or ""), r.name, KIND_ZH.get(r.company_kind or "", r.company_kind or ""),
            r.collected, r.on_time, r.late, r.undelivered, r.basis]


def rewards_xlsx(path: Path, rows: list[RewardRow], month: str) -> Path:
    sheets = {f"按{LEVEL_ZH[level]}": (REWARD_HEADERS, [reward_cells(r) for r in rows
                                                        if r.level == level])
              for level in ("center", "company", "building")}
    return write_sheets(path, sheets, title=f"{month} 信息采集报送统计与奖励")


def to_json(rows: list) -> list[dict]:
    return [asdict(r) for r in rows]
