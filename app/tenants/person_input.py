"""A person for intake as JSON or CSV text, never as command-line arguments (issue 12).

Arguments show in `ps` to every user of the PC, so `register` (and the other commands that
take a person) read the person from standard input or a file: a JSON object, or a CSV header
with one row, using the same names as the import (姓名, 证件号码, …) or the field names of
app.tenants.intake.TenantInput. Files it names (photo, scans) are read through app.data.file_limits.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from pathlib import Path
from typing import Any

from app.data.file_limits import read_scan
from app.data.importer import TENANT_COLUMNS, tenant_input_from_row
from app.desk.errors import Refused
from app.tenants.intake import TenantInput

EXTRA = {"photo": ("照片", "photo"), "native_place": ("籍贯", "native_place"),
         "marital_status": ("婚姻状况", "marital_status"), "education": ("文化程度", "education"),
         "id_front": ("身份证正面扫描件", "id_front"), "id_back": ("身份证反面扫描件", "id_back"),
         "family_planning_scan": ("计生证扫描件", "family_planning_scan")}
ALIASES = {**{k: (*v, k) for k, v in TENANT_COLUMNS.items()}, **EXTRA}
REQUIRED = ("idno", "name", "phone", "building", "unit", "photo")
SCANS = {"id_front": "id_front", "id_back": "id_back", "family_planning_scan": "family_planning"}


def _fields(raw: dict[str, Any]) -> dict[str, str]:
    by_alias = {a.strip().lower(): f for f, names in ALIASES.items() for a in names}
    out: dict[str, str] = {}
    for key, value in raw.items():
        field = by_alias.get(str(key).strip().lower())
        if field is None:
            raise Refused("unknown_field", f"不认识的字段：{key}。", f"Unknown field: {key}.")
        if value is not None and not isinstance(value, str | int | float):
            raise Refused("bad_field", f"字段 {key} 应为文字。", f"Field {key} must be text.")
        if value is not None and str(value).strip():
            out[field] = str(value).strip()
    return out


def parse_person(text: str) -> dict[str, str]:
    """JSON object, or CSV with a header and exactly one row, into field → text."""
    stripped = text.lstrip("\ufeff").strip()
    if stripped.startswith("{"):
        try:
            raw = json.loads(stripped)
        except json.JSONDecodeError as e:
            raise Refused("bad_json", f"JSON 格式错误（第 {e.lineno} 行）。",
                          f"Malformed JSON (line {e.lineno}).") from None
        if not isinstance(raw, dict):
            raise Refused("bad_json", "JSON 应为一个对象 {…}。", "The JSON must be one object {…}.")
    else:
        rows = [r for r in csv.reader(io.StringIO(stripped)) if any(c.strip() for c in r)]
        if len(rows) != 2:
            raise Refused("bad_person_csv", "CSV 应为一行表头加一行数据（一个人）。",
                          "The CSV must be a header row and one data row (one person).")
        raw = dict(zip(rows[0], rows[1], strict=False))
    fields = _fields(raw)
    missing = [ALIASES[f][0] for f in REQUIRED if f not in fields]
    if missing:
        raise Refused("missing_fields", f"缺少：{'、'.join(missing)}。",
                      f"Missing: {', '.join(ALIASES[f][-1] for f in REQUIRED if f not in fields)}.")
    return fields


def tenant_input(fields: dict[str, str], base: Path) -> tuple[TenantInput, Path]:
    """The TenantInput and the photo path; relative paths are taken from `base`."""
    def path(key: str) -> Path:
        p = Path(fields[key]).expanduser()
        return p if p.is_absolute() else base / p

    scans = {kind: read_scan(path(key)) for key, kind in SCANS.items() if key in fields}
    columns = [key for key in fields if key in TENANT_COLUMNS]
    data = tenant_input_from_row([fields[k] for k in columns], {k: i for i, k in enumerate(columns)})
    data = replace(data, native_place=fields.get("native_place"),
                   marital_status=fields.get("marital_status"),
                   education=fields.get("education"), scans=scans)
    return data, path("photo")
