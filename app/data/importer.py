"""Importing buildings and tenants: every row checked, good rows written in one transaction.

Rows go through the same checks as the desk (`validate_input`, `area_cap`), then bulk
inserts with their outbox entries; the report lists each bad row with its reason.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlalchemy import insert, select

from app.data.file_limits import TABLE_MAX_BYTES, read_bounded
from app.data.tabular import map_columns, read_table
from app.data.text_input import check_fields, refuse
from app.desk import clock
from app.desk.context import Desk
from app.desk.errors import Refused
from app.identity import doc_key, parse_id
from app.property.buildings import company_id
from app.staff import audit
from app.staff.accounts import require, require_trained
from app.staff.audit import Actor
from app.tenants.intake import (
    TenantInput,
    clean_cert,
    ethnicity_for,
    family_planning_applies,
    family_planning_reason,
    papers_of,
    validate_input,
)
from app.tenants.lookups import unit_and_building
from app.tenants.occupancy import RoomCheck, RoomTally, area_cap
from app.tenants.overcrowding import flag_over_cap
from db.engine import write_session
from db.find_key import find_key
from db.ids import new_id
from db.models import Building, IdDocument, Person, Tenancy, Unit, utcnow
from db.outbox import record_changes

BUILDING_COLUMNS = {
    "code": ("楼栋编号", "code"), "name": ("楼栋名称", "name"), "address": ("地址", "address"),
    "floor_area": ("建筑面积", "floor_area"), "public_area": ("公共面积", "public_area"),
    "company": ("所属公司", "company"), "units": ("房号", "units"),
}
TENANT_COLUMNS = {
    "name": ("姓名", "name"), "idno": ("证件号码", "身份证号码", "身份证号", "idno"),
    "phone": ("联系电话", "电话", "phone"), "building": ("楼栋编号", "building"),
    "unit": ("房号", "unit"), "ethnicity": ("民族", "ethnicity"),
    "household_address": ("户籍地址", "household_address"), "employer": ("工作单位", "employer"),
    "occupation": ("职业", "occupation"), "arrival_date": ("来本地日期", "arrival_date"),
    "stay_reason": ("暂住事由", "stay_reason"), "family_planning_cert": ("计生证号", "婚育证明"),
    # Papers other than the resident ID (issue 13) and R9's recorded reason.
    "id_kind": ("证件类型", "id_kind"), "country": ("签发国家", "签发国家或地区", "country"),
    "sex": ("性别", "sex"), "birth_date": ("出生日期", "birth_date"),
    "nationality": ("国籍", "nationality"),
    "family_planning_reason": ("计生证未登记原因", "family_planning_reason"),
}
ID_KINDS = {"护照": "passport", "passport": "passport", "其他证件": "other", "other": "other",
            "": None, "自动识别": None, "身份证": None, "居民身份证": None}
SEXES = {"男": "M", "女": "F", "M": "M", "F": "F", "m": "M", "f": "F", "": None}


@dataclass
class ImportReport:
    what: str
    rows: list[dict] = field(default_factory=list)
    good: int = 0
    bad: int = 0
    over_caps: int = 0  # imported into a full room or building (rule R5)

    def ok(self, line: int, key: str) -> None:
        self.good += 1
        self.rows.append({"row": line, "ok": True, "key": key})

    def over_cap(self, line: int, zh: str, en: str) -> None:
        """rule R5: the row was imported into a full place: no card, flagged (M4)."""
        self.over_caps += 1
        self.rows[-1].update(over_cap=True, note=zh, note_en=en)

    def fail(self, line: int, key: str, zh: str, en: str) -> None:
        self.bad += 1
        self.rows.append({"row": line, "ok": False, "key": key, "error": zh, "error_en": en})

    def summary(self) -> dict:
        return {"what": self.what, "imported": self.good, "refused": self.bad,
                "over_cap": self.over_caps}


def _cell(row: list[str], cols: dict[str, int], name: str) -> str:
    i = cols.get(name)
    return row[i].strip() if i is not None and i < len(row) else ""


def _number(text: str) -> float | None:
    try:
        return float(text) if text else None
    except ValueError:
        raise Refused("bad_number", f"“{text}”不是数字", f"'{text}' is not a number") from None


def import_file(desk: Desk, actor: Actor, what: str, path: Path) -> ImportReport:
    require(actor, "import")
    header, rows = read_table(path)
    # bounded like the read above (app.data.file_limits): the digest names the file in the log
    digest = hashlib.sha256(read_bounded(path, TABLE_MAX_BYTES)).hexdigest()[:16]
    if what == "buildings":
        return _import_buildings(desk, actor, header, rows, digest)
    return _import_tenants(desk, actor, header, rows, digest)


def _import_buildings(desk, actor, header, rows, digest) -> ImportReport:
    cols = map_columns(header, BUILDING_COLUMNS, ("code", "name", "address", "floor_area"))
    report = ImportReport("buildings")
    with write_session(desk.engine) as s:
        conn = s.connection()
        tx = new_id()
        existing = set(conn.execute(select(Building.code).where(
            Building.center_code == actor.center_code)).scalars())
        buildings, units = [], []
        now = utcnow()
        for line, row in enumerate(rows, start=2):
            code = _cell(row, cols, "code")
            try:
                floor, public = _number(_cell(row, cols, "floor_area")), _number(_cell(row, cols, "public_area"))
                if not code or not _cell(row, cols, "name"):
                    raise Refused("fields", "楼栋编号和名称必填", "code and name are required")
                if code in existing:
                    raise Refused("dup", f"楼栋编号 {code} 已存在或在文件中重复",
                                  f"building {code} exists or repeats in the file")
                area_cap(floor, public)  # rule R5: impossible areas are refused at the door
                # The text boundary (issue 11): this bulk path bypasses the ORM flush check.
                refuse(check_fields("building", {
                    "code": code, "name": _cell(row, cols, "name"),
                    "address": _cell(row, cols, "address"), "units": _cell(row, cols, "units"),
                    "company": _cell(row, cols, "company")}))
            except Refused as r:
                report.fail(line, code, r.zh, r.en)
                continue
            existing.add(code)
            bid = new_id()
            stamp = {"center_code": actor.center_code, "created_at": now, "updated_at": now}
            name, address = _cell(row, cols, "name"), _cell(row, cols, "address")
            buildings.append({**stamp, "id": bid, "code": code, "name": name,
                              "address": address, "find_key": find_key(name, address),
                              "floor_area_m2": floor,
                              "public_area_m2": public, "district_cap": None,
                              "card_system_status": "unknown",
                              "company_id": company_id(s, actor.center_code, _cell(row, cols, "company"))})
            for number in filter(None, re.split(r"[,，、;；\s]+", _cell(row, cols, "units"))):
                units.append({**stamp, "id": new_id(), "building_id": bid, "number": number})
            report.ok(line, code)
        for model, batch in ((Building, buildings), (Unit, units)):
            if batch:
                conn.execute(insert(model), batch)
                record_changes(conn, tx, model.__tablename__, (r["id"] for r in batch))
        audit.record(s, actor, "import.buildings", file=digest, imported=report.good, refused=report.bad)
    return report


def _date(text: str, zh: str, en: str) -> date | None:
    try:
        return date.fromisoformat(text.replace("/", "-")[:10]) if text else None
    except ValueError:
        raise Refused("bad_date", f"{zh}“{text[:20]}”格式不对（应为 YYYY-MM-DD）",
                      f"{en} '{text[:20]}' is not YYYY-MM-DD") from None


def _choice(text: str, table: dict[str, str | None], zh: str, en: str) -> str | None:
    if text not in table:
        raise Refused("bad_choice", f"{zh}“{text[:20]}”无法识别（可填：{'、'.join(k for k in table if k)}）",
                      f"{en} '{text[:20]}' not recognised") from None
    return table[text]


def tenant_input_from_row(row: list[str], cols: dict[str, int]) -> TenantInput:
    """One row's text into a TenantInput: the conversions the import and `register --person`
    share (kinds, sex, dates, upper-case country codes)."""
    arrival_date = _date(_cell(row, cols, "arrival_date"), "来本地日期", "arrival date")
    return TenantInput(
        id_kind=_choice(_cell(row, cols, "id_kind"), ID_KINDS, "证件类型", "document kind"),
        country=_cell(row, cols, "country").upper() or None,
        sex=_choice(_cell(row, cols, "sex"), SEXES, "性别", "sex"),
        birth_date=_date(_cell(row, cols, "birth_date"), "出生日期", "birth date"),
        nationality=_cell(row, cols, "nationality").upper() or None,
        family_planning_reason=_cell(row, cols, "family_planning_reason") or None,
        idno=_cell(row, cols, "idno"), name=_cell(row, cols, "name"), phone=_cell(row, cols, "phone"),
        building_code=_cell(row, cols, "building"), unit_number=_cell(row, cols, "unit"),
        ethnicity=_cell(row, cols, "ethnicity") or None,
        household_address=_cell(row, cols, "household_address") or None,
        employer=_cell(row, cols, "employer") or None, occupation=_cell(row, cols, "occupation") or None,
        arrival_date=arrival_date, stay_reason=_cell(row, cols, "stay_reason") or None,
        family_planning_cert=_cell(row, cols, "family_planning_cert") or None)


def _import_tenants(desk, actor, header, rows, digest) -> ImportReport:
    cols = map_columns(header, TENANT_COLUMNS, ("name", "idno", "phone", "building", "unit"))
    report = ImportReport("tenants")
    with write_session(desk.engine) as s:
        today = clock.today(desk)
        require_trained(s, actor, "register", today)
        conn = s.connection()
        units = {(b, u): uid for b, u, uid in conn.execute(
            select(Building.code, Unit.number, Unit.id).join(Unit, Unit.building_id == Building.id)
            .where(Building.center_code == actor.center_code))}
        parsed_rows = []
        for line, row in enumerate(rows, start=2):
            try:
                data = tenant_input_from_row(row, cols)
            except Refused as r:
                report.fail(line, "", r.zh, r.en)
                continue
            problems = validate_input(data, today)
            parsed = parse_id(data.idno, data.id_kind, data.country, today=today)
            if not problems and (data.building_code, data.unit_number) not in units:
                problems.append(("unit", f"没有楼栋 {data.building_code} 房号 {data.unit_number}",
                                 f"no unit {data.unit_number} in building {data.building_code}"))
            if problems:
                report.fail(line, parsed.number or "", "；".join(p[1] for p in problems),
                            "; ".join(p[2] for p in problems))
                continue
            parsed_rows.append((line, data, parsed))
        known = _known_people(conn, [p.number for _, _, p in parsed_rows])
        seen: set[tuple[str, str, str]] = set()
        now = utcnow()
        stamp = {"center_code": actor.center_code, "created_at": now, "updated_at": now}
        people, docs, tenancies = [], [], []
        rooms = RoomTally(s)  # rule R5: the intake's room check, row after row (M4)
        full: list[tuple[str, Unit, RoomCheck]] = []
        for line, data, parsed in parsed_rows:
            number = parsed.number
            key = doc_key(parsed)  # rule R6: a passport is its country + number
            if key in seen:
                report.fail(line, number, "文件内重复的证件号码", "ID number repeats in the file")
                continue
            person_id, living = known.get(key, (None, False))
            if living:
                report.fail(line, number, "该证件已登记在住，请先办理迁出", "already registered as living")
                continue
            seen.add(key)
            if person_id is None:
                person_id = new_id()
                papers = papers_of(parsed, data)
                people.append({**stamp, "id": person_id, "name": data.name, "sex": papers.sex,
                               "birth_date": papers.birth_date, "phone": data.phone,
                               "nationality": papers.nationality,
                               "ethnicity": ethnicity_for(papers, data.ethnicity),
                               "household_address": data.household_address,
                               "employer": data.employer, "occupation": data.occupation})
                docs.append({**stamp, "id": new_id(), "person_id": person_id, "kind": parsed.kind,
                             "country": parsed.country or "CHN", "number": number,
                             "region_code": parsed.region_code, "verified": False})
            unit, building = unit_and_building(s, units[(data.building_code, data.unit_number)])
            room = rooms.check(building, unit)
            rooms.add(building, unit)
            tenancy_id = new_id()
            tenancies.append({**stamp, "id": tenancy_id, "person_id": person_id,
                              "unit_id": unit.id,
                              "arrival_date": data.arrival_date, "stay_reason": data.stay_reason,
                              "family_planning_cert": clean_cert(data.family_planning_cert),
                              "family_planning_reason": family_planning_reason(
                                  papers_of(parsed, data), data, today),
                              "family_planning_due": family_planning_applies(
                                  *_sex_birth(parsed, data), today),  # rule R9
                              "collected_at": now,
                              "registered_by": actor.staff_id})
            report.ok(line, number)
            if room.full:
                full.append((tenancy_id, unit, room))
                report.over_cap(line, room.zh, room.en)
        tx = new_id()
        for model, batch in ((Person, people), (IdDocument, docs), (Tenancy, tenancies)):
            for start in range(0, len(batch), 20000):
                chunk = batch[start:start + 20000]
                conn.execute(insert(model), chunk)
                record_changes(conn, tx, model.__tablename__, (r["id"] for r in chunk))
        for tenancy_id, unit, room in full:  # the supervisor's list, as at the desk (rule R5)
            flag_over_cap(s, actor, tenancy_id, unit_and_building(s, unit.id)[1], unit, room)
        audit.record(s, actor, "import.tenants", file=digest, imported=report.good,
                     refused=report.bad, over_cap=report.over_caps)
    report.rows.sort(key=lambda r: r["row"])
    return report


def _sex_birth(parsed, data: TenantInput):
    papers = papers_of(parsed, data)
    return papers.sex, papers.birth_date


def _known_people(conn, numbers: list[str]) -> dict[tuple[str, str, str], tuple[str, bool]]:
    """Person id and whether they live here now, by document key, for numbers on file."""
    found: dict[tuple[str, str, str], tuple[str, bool]] = {}
    for start in range(0, len(numbers), 500):
        chunk = numbers[start:start + 500]
        rows = conn.execute(
            select(IdDocument.kind, IdDocument.country, IdDocument.number, IdDocument.person_id,
                   select(Tenancy.id).where(Tenancy.person_id == IdDocument.person_id,
                                            Tenancy.moved_out_at.is_(None)).exists())
            .where(IdDocument.number.in_(chunk)))
        for kind, country, number, pid, living in rows:
            found[(kind, country, number)] = (pid, bool(living))
    return found
