"""The text input boundary (issue 11, also used by issue 12): every text field a person or a
file can fill is checked here before it is stored, so nothing the district (PostgreSQL)
cannot take — a NUL byte, other control characters, an endless cell — ever reaches the
outbox.

One place for GUI, CLI and import: `install()` hooks every ORM flush of the desk's
session (all services write through it), and the bulk CSV importer calls `check_fields`
per row through `app.tenants.intake.validate_input`. A refusal is an `app.desk.errors.Refused` naming
the field in Chinese and English.

Control characters: none are allowed in one-line fields. Multi-line free text (notes,
descriptions, reasons) may hold line feeds and tabs: the GUI's multi-line editors produce
them, PostgreSQL stores them, and the CSV export quotes them. Carriage returns are refused
(normalise to \\n), as are NUL, the other C0/C1 controls, DEL, lone surrogates (not UTF-8)
and the bidirectional overrides that make a name display differently from what it is.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

from app.desk.errors import Refused

DEFAULT_CAP = 200  # any text field not listed below

# (table, column) -> (max characters, Chinese label, English label). Column-only keys
# ("", column) apply to every table.
_FIELDS: dict[tuple[str, str], tuple[int, str, str]] = {
    ("", "name"): (60, "姓名/名称", "name"),
    ("building", "name"): (100, "楼栋名称", "building name"),
    ("company", "name"): (100, "公司名称", "company name"),
    ("center", "name"): (100, "中心名称", "centre name"),
    ("", "idno"): (64, "证件号码", "ID number"),
    ("", "building_code"): (32, "楼栋编号", "building code"),
    ("", "unit_number"): (32, "房号", "unit number"),
    ("building", "units"): (4000, "房号列表", "unit numbers"),
    ("building", "company"): (100, "所属公司", "company"),
    ("", "phone"): (32, "联系电话", "phone"),
    ("", "contact_phone"): (32, "联系电话", "contact phone"),
    ("", "contact"): (60, "联系人", "contact"),
    ("", "contact_name"): (60, "联系人", "contact name"),
    ("", "address"): (200, "地址", "address"),
    ("", "household_address"): (200, "户籍地址", "household address"),
    ("", "native_place"): (100, "籍贯", "native place"),
    ("", "ethnicity"): (20, "民族", "ethnicity"),
    ("", "marital_status"): (20, "婚姻状况", "marital status"),
    ("", "education"): (20, "文化程度", "education"),
    ("", "employer"): (100, "工作单位", "employer"),
    ("", "occupation"): (50, "职业", "occupation"),
    ("", "stay_reason"): (100, "暂住事由", "reason for stay"),
    ("", "family_planning_cert"): (64, "计生证号", "family-planning certificate"),
    ("", "number"): (64, "编号/号码", "number"),
    ("", "code"): (32, "编号", "code"),
    ("", "username"): (32, "用户名", "user name"),
    ("", "display_name"): (60, "显示名称", "display name"),
    ("", "permit_number"): (64, "居住证号", "permit number"),
    ("", "id_number"): (64, "证件号码", "ID number"),
    ("", "provider"): (100, "培训机构", "training provider"),
    ("", "street_office"): (100, "街道办", "street office"),
    ("", "workstation"): (100, "工作站", "workstation"),
    ("", "card_system_installer"): (100, "门禁安装单位", "card-system installer"),
    ("", "card_system_contact"): (60, "门禁联系人", "card-system contact"),
    ("", "card_system_controller"): (100, "门禁控制器", "card-system controller"),
    ("", "description"): (2000, "说明", "description"),
    ("", "note"): (2000, "备注", "note"),
    ("", "reason"): (500, "原因", "reason"),
    ("", "end_reason"): (500, "结束原因", "end reason"),
    ("", "withdraw_reason"): (500, "撤下原因", "withdrawal reason"),
    ("", "return_reason"): (500, "退回原因", "return reason"),
    ("", "resolution"): (500, "处理意见", "resolution"),
}

# Multi-line free text: \n and \t allowed (see the module docstring).
# Addresses are one line: every form prints them in a one-line cell.
FREE_TEXT = frozenset({"description", "note", "reason", "end_reason", "withdraw_reason",
                       "return_reason", "resolution"})

# Written by the software, never typed: hashes, ids, JSON details, enum values.
NOT_INPUT = frozenset({"id", "hash", "prev_hash", "detail", "center_code", "kind", "status",
                        "role", "sex", "country", "region_code", "timezone", "basis", "action",
                        "entity", "entity_id", "op", "payload", "rows", "centers", "answer"})
_SKIP_TABLES = frozenset({"audit_event", "outbox", "local_meta", "sync_batch", "sync_run",
                          "sync_conflict", "sync_decision", "sync_not_accepted", "blob"})

_BIDI = "\u202a-\u202e\u2066-\u2069"
_BAD_LINE = re.compile(f"[\x00-\x1f\x7f-\x9f\u2028\u2029{_BIDI}\ud800-\udfff]")
_BAD_FREE = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI}\ud800-\udfff]")


_BIDI_CONTROL = re.compile(f"[{_BIDI}]")
# Letters that draw nothing (Hangul fillers): a name of them is as blank as an empty one.
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0")


def strip_invisible(value: str) -> str:
    """Without the invisible format characters (Unicode category Cf: U+200B–U+200D, U+2060,
    U+FEFF, the soft hyphen U+00AD …) that copy-paste brings along: they show as nothing,
    so a name holding them would be stored as something other than what the clerk sees.
    The bidirectional overrides stay, for `problem` to refuse by name: they change how the
    rest of the text reads, so the clerk should see that something was wrong."""
    return "".join(c for c in value
                   if unicodedata.category(c) != "Cf" or _BIDI_CONTROL.match(c))


# In a name: variation selectors, the combining grapheme joiner, blank letters, the braille
# blank — a name holding them looks like another one and is not found by it.
_NOT_IN_NAME = re.compile("[\u034f\u115f\u1160\u2800\u3164\uffa0\ufe00-\ufe0f"
                          "\U000e0100-\U000e01ef]")


def odd_name_character(value: str) -> str | None:
    """The first character no name holds (see _NOT_IN_NAME; private-use, unassigned and
    line or paragraph separators too), else None."""
    for c in value:
        if _NOT_IN_NAME.match(c) or unicodedata.category(c) in ("Co", "Cn", "Cs", "Zl", "Zp"):
            return c
    return None


def has_visible_letter(value: str) -> bool:
    """At least one letter that draws something (any script: 汉字, Latin, Uyghur …)."""
    return any(unicodedata.category(c).startswith("L") and c not in _BLANK_LETTERS
               for c in value)


def is_input_field(table: str, column: str) -> bool:
    """A text field people type (listed above): the only kind `rentdesk correct` may set."""
    return (table, column) in _FIELDS or ("", column) in _FIELDS


def field_spec(table: str, column: str) -> tuple[int, str, str]:
    spec = _FIELDS.get((table, column)) or _FIELDS.get(("", column))
    return spec or (DEFAULT_CAP, column, column)


def problem(table: str, column: str, value: object) -> tuple[str, str, str] | None:
    """(column, zh, en) when `value` may not be stored in `table.column`, else None."""
    if not isinstance(value, str) or table in _SKIP_TABLES:
        return None
    if column in NOT_INPUT or column.endswith(("_id", "_sha256")):
        # Still never a NUL: PostgreSQL cannot store one in any text column.
        if "\x00" in value:
            return (column, f"{column}：含有空字符（NUL），不能保存。",
                    f"{column}: contains a NUL character and cannot be stored.")
        return None
    cap, zh, en = field_spec(table, column)
    # Length first: a 2-million-character cell is refused without being scanned.
    if len(value) > cap:
        return (column, f"{zh}：过长（{len(value)} 字，最多 {cap} 字）。",
                f"{en}: too long ({len(value)} characters, at most {cap}).")
    bad = (_BAD_FREE if column in FREE_TEXT else _BAD_LINE).search(value)
    if bad:
        code = f"U+{ord(bad.group()):04X}"
        return (column, f"{zh}：含有不可见的控制字符（{code}），请删除后重新输入。",
                f"{en}: contains an invisible control character ({code}); delete it and "
                "type the text again.")
    return None


def check_fields(table: str, values: Mapping[str, object]) -> list[tuple[str, str, str]]:
    """Every field problem of one record, as (field, zh, en)."""
    return [p for col, v in values.items() if (p := problem(table, col, v)) is not None]


def refuse(problems: Iterable[tuple[str, str, str]]) -> None:
    problems = list(problems)
    if problems:
        raise Refused("bad_text", "；".join(p[1] for p in problems),
                      "; ".join(p[2] for p in problems), fields=[p[0] for p in problems])


def _changed_text(obj) -> dict[str, object]:
    state = inspect(obj)
    out: dict[str, object] = {}
    for attr in state.mapper.column_attrs:
        hist = state.attrs[attr.key].history
        if hist.added:
            out[attr.columns[0].name] = hist.added[0]
    return out


def _district_tables() -> frozenset[str]:
    # Only what travels to the district is checked here: local operational tables (door
    # jobs, sync bookkeeping) hold machine text such as error messages, never typed input.
    from db.sync_scope import UPLOADED_TABLES

    return frozenset(m.__tablename__ for m in UPLOADED_TABLES) - _SKIP_TABLES


def _check_flush(session: Session, _ctx, _instances) -> None:
    checked = _district_tables()
    for obj in list(session.new) + list(session.dirty):
        table = getattr(obj, "__tablename__", None)
        if table not in checked:
            continue
        refuse(check_fields(table, _changed_text(obj)))


def install() -> None:
    """Check every ORM flush (idempotent): the one boundary every service writes through."""
    if not event.contains(Session, "before_flush", _check_flush):
        event.listen(Session, "before_flush", _check_flush)


install()
