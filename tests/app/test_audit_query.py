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


def test_every_entry_of_a_clerks_day_reads_in_words(desk, admin, building, photo_jpeg):
    # rule R10, issue 13: 对象 and 详情 in words — no `training`, 「类别：induction」 or
    # 「角色：admin」 on the Chinese screen, for actions, objects and the values of details
    import re

    from app.audit_words import action_words, detail_text, entity_words
    from app.search import search_tenants
    from app.staff import record_training
    from tests.conftest import idno

    clerk = create_staff(desk, admin, "c2", PASSWORD, "clerk")
    record_training(desk, admin, "c2", "induction", utcnow().date(), "区培训中心")
    for n in (1, 2):
        register(desk, admin, n, unit="101", photo=photo_jpeg)
    register(desk, admin, 3, unit="101", photo=photo_jpeg, accept_full=True)  # tenant.over_cap
    search_tenants(desk, admin, idno(1))
    search_tenants(desk, admin, "测试")
    assert clerk is not None
    rows = query_audit(desk, admin, AuditFilter(), limit=200).rows
    assert {"training.record", "staff.create", "tenant.over_cap", "personal.read"} <= {
        r.action for r in rows}
    raw = []
    for r in rows:
        for shown in (action_words(r.action), entity_words(r.entity), detail_text(r.detail)):
            # what is left after the fingerprints (hex) and numbers is words or a code
            words = re.sub(r"[0-9a-f][0-9a-f-]{15,}", "", shown)  # ids and fingerprints
            raw += [(r.action, w) for w in re.findall(r"[A-Za-z_.]{4,}", words)]
    assert raw == []
    training = [r for r in rows if r.action == "training.record"]
    assert all(entity_words(r.entity) == "培训记录" for r in training)
    assert any("类别：岗前培训" in detail_text(r.detail) for r in training)
    assert any("角色：登记员" in detail_text(r.detail) for r in rows if r.action == "staff.create")
