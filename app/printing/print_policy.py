"""What a printed batch may show: the screen's masks unless the account reveals, with a reason.

The 采集表 of one tenant printed at intake carries the full number (the tenant signs it and
the workstation files it, rule R6). A day's batch is another matter: it would let anyone who
may print carry off every number of the day, so it prints masked like the search list, and
the full-number batch needs the reveal permission and a reason, logged with the count (R10).
"""

from __future__ import annotations

from dataclasses import replace

from app.desk.errors import Refused
from app.forms import TenantFormData
from app.identity import mask_id
from app.staff.accounts import require
from app.staff.audit import Actor
from app.tenants.privacy import mask_phone


def check_reveal(actor: Actor, reason: str | None) -> str | None:
    """None for a masked print; the stripped reason when the account may print in full."""
    if reason is None:
        return None
    require(actor, "reveal_id")
    if not reason.strip():
        raise Refused("reason_required", "打印完整证件号码须填写原因。",
                      "Give a reason to print the full ID numbers.")
    return reason.strip()


def masked_form(form: TenantFormData, tenancy_id: str) -> TenantFormData:
    """The form as the screen shows it: number and phones masked, the QR names the record."""
    return replace(form, record_no=tenancy_id, id_number=mask_id(form.id_number),
                   phone=mask_phone(form.phone), landlord_phone=mask_phone(form.landlord_phone))
