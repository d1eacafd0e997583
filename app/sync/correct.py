"""Correcting a record the district did not take (`rentdesk correct`, issue 11; H4).

Only a record on the local not-accepted list may be corrected here: everything else is
changed by the desk's own pages, which carry their own rules. The new value passes the same
checks as at intake — the text boundary (app.data.text_input), the name and phone rules, and
for a document number the ID check (app.identity) and rule R6's one-document-one-person —
and the audit entry names what was corrected, a document number only masked. The change is
queued like any other, so the next sync sends the record again and the district screens it
(and its holder's card) as it would a new one.
"""

from __future__ import annotations

from sqlalchemy import select

from app.data import text_input
from app.desk import clock
from app.desk.context import Desk
from app.desk.errors import NotFound, Refused
from app.identity import doc_key, mask_id, parse_id
from app.staff import audit
from app.staff.accounts import require
from app.staff.audit import Actor
from app.tenants.intake import name_problems
from app.tenants.phone import normalise_phone, phone_problem
from db.engine import write_session
from db.models import IdDocument, Person
from db.sync_scope import UPLOADED_TABLES
from db.sync_tables import SyncNotAccepted

# Fields that hold a document number: never given on the command line (issue 12), masked
# in the audit entry.
NUMBER_FIELDS = frozenset({"number", "idno", "id_number", "permit_number",
                           "family_planning_cert"})


def is_personal(table: str, field: str) -> bool:
    """A value that is someone's personal data: read from stdin or a prompt, never argv."""
    return table in ("person", "id_document") or field in NUMBER_FIELDS


def _not_listed(table: str, row_id: str) -> Refused:
    return Refused("not_listed",
                   f"{table} {row_id} 不在未接收列表中：只能修正区数据库未接收的记录"
                   "（rentdesk not-accepted）。已被接收的记录请在相应页面修改。",
                   f"{table} {row_id} is not on the not-accepted list: only records the "
                   "district did not take can be corrected here (rentdesk not-accepted). "
                   "Change accepted records on their own page.", table=table)


def _check_value(table: str, field: str, value: str) -> str:
    """The value as intake would store it, or Refused."""
    text_input.refuse(text_input.check_fields(table, {field: value}))
    value = text_input.strip_invisible(value).strip()
    _cap, zh, en = text_input.field_spec(table, field)
    # the intake's own rules, not a copy of them (the attack found a looser copy here)
    if table == "person" and field == "name":
        text_input.refuse(name_problems(value))
    if field == "phone":
        text_input.refuse([p] if (p := phone_problem(value)) else [])
        value = normalise_phone(value)
    if not value:
        raise Refused("invalid_input", f"{zh}不能为空。", f"{en} cannot be empty.",
                      fields=[field])
    return value


def _correct_document(s, doc: IdDocument, value: str, desk: Desk) -> tuple[str, str]:
    """Rule R6: a valid number of the document's own kind, held by nobody else here; the
    person's sex and birth date follow a resident ID. Returns (before, after), masked."""
    parsed = parse_id(value, doc.kind, doc.country, today=clock.today(desk))
    if not parsed.valid:
        raise Refused("invalid_input", f"证件号码：{parsed.error}",
                      f"ID number: {parsed.error_en}", fields=["number"])
    kind, country, number = doc_key(parsed)
    if (kind, country) != (doc.kind, doc.country):
        raise Refused("invalid_input", "新号码与原证件类别不同：请按原证件更正。",
                      "The new number is of another kind of document than the record.",
                      fields=["number"])
    other = s.execute(select(IdDocument.id).where(
        IdDocument.kind == kind, IdDocument.country == country, IdDocument.number == number,
        IdDocument.id != doc.id)).first()
    if other is not None:
        raise Refused("already_registered", "本中心已有人持此证件号码：一人一证，不能改成该号码。",
                      "Another person here holds this document number (rule R6): the record "
                      "cannot take it.", fields=["number"])
    before = mask_id(doc.number) if text_input.problem("id_document", "number",
                                                      doc.number) is None else "—"
    doc.number, doc.region_code = number, parsed.region_code
    if parsed.birth_date is not None and parsed.sex is not None:
        person = s.get(Person, doc.person_id)
        if person is not None:
            person.sex, person.birth_date = parsed.sex, parsed.birth_date
            s.add(person)
    s.add(doc)
    return before, mask_id(number)


def correct(desk: Desk, actor: Actor, table: str, row_id: str, field: str,
            value: str | None) -> None:
    """Correct one field of a not-accepted record (a supervisor's fix, audited)."""
    require(actor, "resolve_conflict")
    model = next((m for m in UPLOADED_TABLES if m.__tablename__ == table), None)
    column = model.__table__.columns.get(field) if model is not None else None
    # Only typed text: never an id, a hash, a status or a time (collected_at is rule R2's clock).
    if (model is None or table == "audit_event" or column is None
            or not text_input.is_input_field(table, field)):
        raise Refused("not_correctable", f"{table}.{field} 不能在此修改。",
                      f"{table}.{field} cannot be corrected here.")
    if value is None:
        raise Refused("invalid_input", "请输入新的内容。", "Give the new value.", fields=[field])
    value = _check_value(table, field, value)
    with write_session(desk.engine) as s:
        listed = s.get(SyncNotAccepted, (table, row_id))
        if listed is None:
            raise _not_listed(table, row_id)
        if listed.field and listed.field != field:  # the field the district named, only
            raise Refused("not_correctable",
                          f"{table} {row_id} 未被接收的是“{listed.field}”，只能修正该字段。",
                          f"{table} {row_id} was not taken for its {listed.field!r}: only that "
                          "field can be corrected.", fields=[listed.field])
        obj = s.get(model, row_id)
        if obj is None:
            raise NotFound("no_record", f"没有记录 {table} {row_id}。", f"No record {table} {row_id}.")
        detail: dict = {"field": field, "listed_for": listed.sqlstate}
        if table == "id_document" and field == "number":
            detail["before"], detail["after"] = _correct_document(s, obj, value, desk)
        else:
            setattr(obj, field, value)
            s.add(obj)
        audit.record(s, actor, "sync.correct", table, row_id, **detail)
