"""The audit view (R10): filters, paging, permission, the view itself recorded."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.audit_query import AuditFilter, allowed, query_audit, verify
from app.errors import Refused
from app.staff import create_staff
from db.models import utcnow
from tests.conftest import PASSWORD, register


def test_filter_by_action_staff_entity_and_time(desk, admin, building):
    done = [register(desk, admin, n) for n in (1, 2, 3)]
    page = query_audit(desk, admin, AuditFilter(action="tenant.register"))
    assert page.total == 3 and all(r.action == "tenant.register" for r in page.rows)
    assert page.rows[0].staff_username == "admin"
    by_person = query_audit(desk, admin, AuditFilter(entity_id=done[1].person_id))
    assert {r.entity_id for r in by_person.rows} == {done[1].tenancy_id}
    assert query_audit(desk, admin, AuditFilter(staff="nobody")).total == 0
    later = query_audit(desk, admin, AuditFilter(since=utcnow() + timedelta(hours=1)))
    assert later.total == 0


def test_paging_and_the_view_is_audited(desk, admin, building):
    for n in range(5):
        register(desk, admin, n)
    first = query_audit(desk, admin, AuditFilter(action="tenant."), limit=2)
    second = query_audit(desk, admin, AuditFilter(action="tenant."), offset=2, limit=2)
    assert first.total == 5 and len(first.rows) == 2
    assert first.rows[-1].seq > second.rows[0].seq
    views = query_audit(desk, admin, AuditFilter(action="audit.view"))
    assert views.total >= 2


def test_clerk_may_not_and_chain_verifies(desk, admin, building):
    clerk = create_staff(desk, admin, "c1", PASSWORD, "clerk")
    assert not allowed(clerk, "audit") and allowed(admin, "audit")
    with pytest.raises(Refused):
        query_audit(desk, clerk, AuditFilter())
    result = verify(desk, admin)
    assert result.ok and result.entries > 0
