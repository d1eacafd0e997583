"""The print log (rule R10): one audit entry per record printed, and the 采集表's own count
(rule R2). Split from app.printing.documents, which gathers and renders."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func
from sqlmodel import Session, select

from app.desk.context import Desk
from app.staff import audit
from app.staff.audit import Actor
from db.engine import write_session
from db.models import AuditEvent, CollectionForm, utcnow

PRINT_ACTIONS = ("form.print", "form.reprint")


@dataclass(frozen=True)
class Printed:
    """One record a rendered PDF shows: what the audit entry names (never the person)."""

    form: str       # collection | receipt | manifest | unit
    entity: str     # tenancy | card | manifest | unit
    entity_id: str  # a row id; for a day's manifest, the ISO date


# -- the log (rule R10) --------------------------------------------------------------------------

def _bump_collection_form(s: Session, actor: Actor, tenancy_id: str) -> int:
    form = s.exec(select(CollectionForm).where(CollectionForm.tenancy_id == tenancy_id,
                                               CollectionForm.kind == "collection")).first()
    if form is None:
        form = CollectionForm(center_code=actor.center_code, tenancy_id=tenancy_id)
    form.printed_at = utcnow()
    form.print_count += 1
    s.add(form)
    s.flush()
    return form.print_count


def _prints_so_far(s: Session, entity: str, entity_id: str) -> int:
    return s.exec(select(func.count()).select_from(AuditEvent).where(
        AuditEvent.entity == entity, AuditEvent.entity_id == entity_id,
        AuditEvent.action.in_(PRINT_ACTIONS))).one()


def record_prints(desk: Desk, actor: Actor, printed: Sequence[Printed],
                  **detail: str | list[str]) -> None:
    """rule R10: one entry per record printed, `form.print` the first time, then
    `form.reprint` with the count; the 采集表 also counts on its CollectionForm row (R2)."""
    with write_session(desk.engine) as s:
        for p in printed:
            if p.form == "collection":
                count = _bump_collection_form(s, actor, p.entity_id)
            else:
                count = _prints_so_far(s, p.entity, p.entity_id) + 1
            audit.record(s, actor, "form.print" if count == 1 else "form.reprint", p.entity,
                         p.entity_id, form=p.form, count=count, **detail)
