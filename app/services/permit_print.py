"""The printed 居住证申领登记表 of an application, with the ID photo (rule R1)."""

from __future__ import annotations

from app.data.blobs import read_blob
from app.desk.context import Desk
from app.forms.permit_form import PermitFormData, render_permit_form
from app.services.common import center_info, document_number
from app.services.permits import BASES, STATUS_LABELS, evaluate, load_application
from app.staff import audit
from app.staff.accounts import require
from app.staff.audit import Actor
from app.tenants.lookups import unit_and_building
from db.engine import write_session
from db.models import Person, Staff, Tenancy

SEX = {"M": "男", "F": "女"}


def permit_form_pdf(desk: Desk, actor: Actor, application_id: str | None = None,
                    idno: str | None = None) -> bytes:
    """The form as it goes to the police station; the print is logged (R10)."""
    require(actor, "print")
    with write_session(desk.engine) as s:
        app = load_application(s, application_id, idno)
        person = s.get(Person, app.person_id)
        tenancy = s.get(Tenancy, app.tenancy_id)
        assert person is not None and tenancy is not None
        unit, building = unit_and_building(s, tenancy.unit_id)
        photo_sha = tenancy.photo_sha256 or person.photo_sha256
        clerk = s.get(Staff, app.created_by) if app.created_by else None
        if tenancy.moved_out_at is None:  # the checklist as of the day it was submitted
            check = evaluate(desk, s, person, app.submitted_on, app.basis,
                             housing_proof=bool(app.housing_proof_sha256),
                             basis_proof=bool(app.basis_proof_sha256))
            checklist = [(i.zh, i.ok) for i in check.items if i.code != "residence_6m"]
        else:
            checklist = []
        proof = (f"房屋租赁合同登记 {app.lease_id}" if app.lease_id
                 else "住所证明（扫描件）" if app.housing_proof_sha256 else "")
        data = PermitFormData(
            record_no=app.id, name=person.name, id_number=document_number(s, person.id),
            sex=SEX.get(person.sex or "", ""), ethnicity=person.ethnicity or "",
            birth_date=person.birth_date, phone=person.phone or "",
            household_address=person.household_address or "",
            residence_address=f"{building.address} {building.name} {unit.number}",
            residence_from=app.residence_from, basis_label=BASES[app.basis][0],
            employer=person.employer or "", housing_proof=proof, submitted_on=app.submitted_on,
            status_label=STATUS_LABELS[app.status][0],
            clerk_name=clerk.display_name if clerk else "",
            photo_jpeg=read_blob(desk, photo_sha) if photo_sha else None, checklist=checklist)
        center = center_info(s, actor.center_code)
        audit.record(s, actor, "permit.print", "permit_application", app.id)
    return render_permit_form(center, data)
