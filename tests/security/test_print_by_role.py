"""Nothing prints more than the role may see (issue 12): a day's batch is masked like the
screen unless an account that may reveal gives a reason, and that is logged with the count."""

from __future__ import annotations

import io
import json
import re

import pypdf
import pytest
from sqlmodel import select

from app.clock import today
from app.errors import Refused
from app.printing import batch_collection_pdf, collection_form_pdf, unit_form_pdf
from app.staff import create_staff
from db.engine import read_session
from db.models import AuditEvent
from tests.conftest import idno, register

STRONG = "Lantern-Quarry-57-Mosaic"


def _text(pdf: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return re.sub(r"\s+", "", "".join(p.extract_text() for p in reader.pages))


@pytest.fixture
def clerk(desk, admin):
    return create_staff(desk, admin, "clerk1", STRONG, "clerk")


def test_clerk_batch_prints_masked_like_the_screen(desk, admin, building, clerk):
    # rule R10: a clerk's batch shows no full ID number or phone
    register(desk, admin, 1, name="张三")
    register(desk, admin, 2, name="李四")
    text = _text(batch_collection_pdf(desk, clerk, today(desk)))
    assert "张三" in text and "李四" in text
    for n in (1, 2):
        assert idno(n) not in text and f"1390000{n:04d}" not in text
        assert idno(n)[-4:] in text  # the masked form keeps the visible tail


def test_clerk_full_number_batch_is_refused(desk, admin, building, clerk):
    register(desk, admin, 1)
    with pytest.raises(Refused, match="may not reveal full ID numbers"):
        batch_collection_pdf(desk, clerk, today(desk), reveal_reason="想看")


def test_full_number_batch_needs_a_reason_and_is_logged_with_the_count(desk, admin, building):
    register(desk, admin, 1)
    register(desk, admin, 2)
    with pytest.raises(Refused, match="reason"):
        batch_collection_pdf(desk, admin, today(desk), reveal_reason="  ")
    text = _text(batch_collection_pdf(desk, admin, today(desk), reveal_reason="街道核查"))
    assert idno(1) in text and idno(2) in text
    with read_session(desk.engine) as s:
        details = [json.loads(e.detail) for e in s.exec(
            select(AuditEvent).where(AuditEvent.action == "form.print"))]
    assert details and all(d["numbers"] == "full" and d["reason"] == "街道核查"
                           and d["batch_size"] == "2" for d in details)


def test_single_collection_form_at_intake_keeps_the_full_number(desk, admin, building, clerk):
    # rule R6: the 采集表 the tenant signs carries the number in full
    register(desk, admin, 1)
    assert idno(1) in _text(collection_form_pdf(desk, clerk, idno(1)))


def test_unit_form_masks_resident_phones(desk, admin, building, clerk):
    register(desk, admin, 1, unit="102")
    text = _text(unit_form_pdf(desk, clerk, "B1", "102"))
    assert "13900000001" not in text and idno(1) not in text
