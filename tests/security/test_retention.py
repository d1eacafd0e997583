"""Retention: moved-out tenants anonymised after the period, through the ORM (outbox)."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import text

from app.data.blobs import blob_path
from app.data.retention import ANONYMOUS_NAME, run_retention, set_retention_years
from app.tenants.intake import move_out
from app.tenants.search import search_tenants
from db.engine import read_session, write_session
from db.models import IdDocument, Person, utcnow
from tests.conftest import idno, register


def _moved_out_years_ago(desk, admin, n: int, years: float) -> None:
    move_out(desk, admin, idno(n))
    with write_session(desk.engine) as s:
        s.connection().execute(
            text("UPDATE tenancy SET moved_out_at = :t WHERE person_id = "
                 "(SELECT person_id FROM id_document WHERE number = :n)"),
            {"t": (utcnow() - timedelta(days=365.25 * years)).strftime("%Y-%m-%d %H:%M:%S.%f"),
             "n": idno(n)})


def _person(desk, person_id):
    with read_session(desk.engine) as s:
        p = s.get(Person, person_id)
        doc = s.exec(IdDocument.__table__.select().where(IdDocument.person_id == person_id)).first()
        return p, doc


def test_anonymises_only_people_past_the_period(desk, admin, building, photo_jpeg):
    old = register(desk, admin, 1, photo=photo_jpeg)
    recent = register(desk, admin, 2)
    living = register(desk, admin, 3, photo=photo_jpeg)  # shares the photo blob with `old`
    gone_photo = photo_jpeg[:-2] + b"\x01\xff\xd9"
    old2 = register(desk, admin, 4, photo=gone_photo)
    _moved_out_years_ago(desk, admin, 1, 3.5)
    _moved_out_years_ago(desk, admin, 4, 3.5)
    _moved_out_years_ago(desk, admin, 2, 1)

    dry = run_retention(desk, admin, dry_run=True)
    assert dry.people == 2 and _person(desk, old.person_id)[0].name == "测试一"

    with read_session(desk.engine) as s:
        outbox_before = s.connection().execute(text("SELECT max(seq) FROM outbox")).scalar()
        photo_sha = s.get(Person, old2.person_id).photo_sha256
        shared_sha = s.get(Person, old.person_id).photo_sha256
    report = run_retention(desk, admin)
    assert (report.people, report.blobs_deleted) == (2, 1)

    person, doc = _person(desk, old.person_id)
    assert person.name == ANONYMOUS_NAME and person.anonymised_at is not None
    assert person.phone is None and person.photo_sha256 is None and person.birth_date is None
    assert doc.number.startswith("ANON-") and idno(1) not in doc.number
    assert not blob_path(desk, photo_sha).exists()
    assert blob_path(desk, shared_sha).exists()  # still used by a living tenant
    assert _person(desk, recent.person_id)[0].name == "测试二"
    assert _person(desk, living.person_id)[0].name == "测试三"

    with read_session(desk.engine) as s:
        conn = s.connection()
        tables = {r[0] for r in conn.execute(
            text("SELECT table_name FROM outbox WHERE seq > :s"), {"s": outbox_before})}
        audit = conn.execute(text("SELECT detail FROM audit_event WHERE action = "
                                  "'retention.anonymise'")).scalar()
    assert {"person", "id_document", "tenancy"} <= tables  # travels to the district
    assert '"people": 2' in audit and "测试" not in audit and idno(1) not in audit
    assert search_tenants(desk, admin, idno(1)) == []
    assert run_retention(desk, admin).people == 0  # idempotent


def test_returning_tenant_registers_afresh(desk, admin, building):
    register(desk, admin, 5)
    _moved_out_years_ago(desk, admin, 5, 4)
    run_retention(desk, admin)
    again = register(desk, admin, 5)
    assert again.name == "测试五"


def test_period_is_a_setting(desk, admin, building):
    register(desk, admin, 6)
    _moved_out_years_ago(desk, admin, 6, 2)
    assert run_retention(desk, admin, dry_run=True).people == 0
    set_retention_years(desk, admin, 1)
    assert run_retention(desk, admin).people == 1


def test_restoring_an_old_backup_does_not_bring_people_back(desk, admin, building):
    from app.data.backup import make_backup, restore

    reg = register(desk, admin, 7)
    _moved_out_years_ago(desk, admin, 7, 4)
    backup = make_backup(desk, admin)  # taken before the retention run
    assert run_retention(desk, admin).people == 1
    result = restore(desk, admin, backup)
    assert result["re_anonymised"] == 1
    assert _person(desk, reg.person_id)[0].name == ANONYMOUS_NAME
