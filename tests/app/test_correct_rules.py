"""`rentdesk correct` applies the intake's own rules (second attack, 2026-12-03: a looser
copy let a lone zero-width space become a name and 1234567 a phone), and only to the field
the district named."""

from __future__ import annotations

import pytest

from app.desk.errors import Refused
from app.sync.correct import correct
from db.engine import read_session, write_session
from db.models import Person
from db.sync_tables import SyncNotAccepted
from tests.conftest import register


def _listed(desk, admin, field: str | None) -> str:
    person_id = register(desk, admin, 1).person_id
    with write_session(desk.engine) as s:  # as the district's refusal would list it
        s.add(SyncNotAccepted(table_name="person", row_id=person_id, sqlstate="22021",
                              field=field, reason_zh="测试", reason_en="test"))
    return person_id


@pytest.mark.parametrize("field,value", [("name", "\u200b"), ("name", "张\u2028三"),
                                         ("name", "王五5"), ("phone", "1234567"),
                                         ("phone", "+8613912345678"),
                                         ("phone", "013912345678")])
def test_a_correction_passes_the_intake_rules(desk, admin, building, field, value):  # rule R6
    person_id = _listed(desk, admin, None)
    with pytest.raises(Refused):
        correct(desk, admin, "person", person_id, field, value)


def test_a_correction_is_stored_in_the_intake_form(desk, admin, building):
    person_id = _listed(desk, admin, "phone")
    correct(desk, admin, "person", person_id, "phone", "0755-8765 4321")
    with read_session(desk.engine) as s:
        assert s.get(Person, person_id).phone == "075587654321"


def test_only_the_field_the_district_named(desk, admin, building):
    person_id = _listed(desk, admin, "phone")
    with pytest.raises(Refused) as refused:
        correct(desk, admin, "person", person_id, "name", "李四")
    assert refused.value.code == "not_correctable"
