"""Training dates (rule R3, issue 17): a training is recorded after it took place, never
dated in the future (9999-12-31 broke `training`, the dashboard and registering with an
OverflowError; 2099-01-01 let an untrained clerk work until 2100), nor before 2000."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlmodel import select

from app import clock
from app.errors import Refused
from app.intake import TenantInput, register_tenant
from app.staff import create_staff, record_training, training_status
from db.engine import read_session, write_session
from db.models import Staff, Training
from tests.conftest import PASSWORD, idno


@pytest.mark.parametrize("taken", [date(9999, 12, 31), date(2099, 1, 1), date(1999, 12, 31),
                                   date(1, 1, 1)], ids=["9999", "2099", "1999", "0001"])
def test_found_3_training_dated_outside_the_past_is_refused(desk, admin, taken):
    # rule R3: a passed training is one that took place
    create_staff(desk, admin, "clerk2", PASSWORD, "clerk")
    with pytest.raises(Refused) as err:
        record_training(desk, admin, "clerk2", "induction", taken)
    assert err.value.code == "bad_training_date" and "培训日期" in err.value.zh
    with read_session(desk.engine) as s:
        sid = s.exec(select(Staff.id).where(Staff.username == "clerk2")).one()
        assert not training_status(s, sid, clock.today(desk)).ok


def test_found_3_today_is_accepted(desk, admin):
    create_staff(desk, admin, "clerk2", PASSWORD, "clerk")
    record_training(desk, admin, "clerk2", "induction", clock.today(desk))
    with read_session(desk.engine) as s:
        sid = s.exec(select(Staff.id).where(Staff.username == "clerk2")).one()
        assert training_status(s, sid, clock.today(desk)).ok


def test_found_3_a_stored_future_training_neither_overflows_nor_opens_the_gate(
        desk, admin, building, photo_jpeg):
    # rule R3: rows an older desk accepted (9999-12-31, 2099-01-01) count for nothing
    clerk = create_staff(desk, admin, "clerk3", PASSWORD, "clerk")
    with write_session(desk.engine) as s:
        for taken in (date(9999, 12, 31), date(2099, 1, 1)):
            s.add(Training(center_code=clerk.center_code, staff_id=clerk.staff_id,
                           kind="induction", taken_on=taken, passed=True))
    today = clock.today(desk)
    with read_session(desk.engine) as s:
        status = training_status(s, clerk.staff_id, today)
        assert not status.ok and status.last_passed is None
        assert training_status(s, clerk.staff_id, date.max).ok is True  # no OverflowError
    with pytest.raises(Refused) as err:
        register_tenant(desk, clerk, TenantInput(idno(33), "王五", "13900000003", "B1", "102"),
                        photo_jpeg=photo_jpeg, today=today)
    assert err.value.code == "untrained"
    record_training(desk, admin, "clerk3", "induction", today - timedelta(days=3))
    with read_session(desk.engine) as s:
        assert training_status(s, clerk.staff_id, today).lapses_on == today + timedelta(days=362)
