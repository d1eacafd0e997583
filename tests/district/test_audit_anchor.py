"""The audit log's anchor outside the desk (issue 11, rule R10): after a sync, deleting the
newest entries, deleting all of them, or editing one and recomputing the chain is reported
by `audit verify`; a rewrite is noticed by the next sync; a cut-off backup is reported on
restore; the 移交清单 prints the chain head."""

from __future__ import annotations

import io

import pypdf
from sqlalchemy import text
from sqlmodel import select

from app.data.backup import make_backup, restore
from app.desk.clock import today
from app.printing.documents import manifest_pdf
from app.staff import audit
from app.sync.audit_check import verify
from app.sync.run import sync
from db.engine import read_session, write_session
from db.models import AuditEvent
from tests.conftest import register
from tests.sync.conftest import district_rows


def _synced(desk, admin, lh01_url, n: int = 3) -> None:
    for i in range(n):
        register(desk, admin, i + 1)
    report = sync(desk, lh01_url)
    assert report["ok"] and report["audit_anchor"]["state"] == "ok"


def _sql(desk, statement: str, **params) -> None:
    with write_session(desk.engine) as s:
        s.connection().execute(text(statement), params)


def _recompute_from(desk, seq: int) -> None:
    """An insider edits entry `seq` and rewrites every hash after it: locally consistent."""
    with write_session(desk.engine) as s:
        rows = s.exec(select(AuditEvent).order_by(AuditEvent.seq)).all()
        prev = audit.GENESIS
        for ev in rows:
            detail = '{"edited": true}' if ev.seq == seq else ev.detail
            digest = audit._digest(prev, ev.id, ev.center_code, ev.at, ev.staff_id, ev.action,
                                   ev.entity, ev.entity_id, detail)
            s.connection().execute(text("UPDATE audit_event SET detail = :d, prev_hash = :p, "
                                        "hash = :h WHERE seq = :s"),
                                   {"d": detail, "p": prev, "h": digest, "s": ev.seq})
            prev = digest


def test_untouched_chain_verifies_against_the_district(desk, admin, building, lh01_url):
    _synced(desk, admin, lh01_url)
    result = verify(desk, lh01_url)
    assert result["ok"] and result["district_checked"] and result["district_entries"] > 0


def test_newest_entries_deleted_are_reported(desk, admin, building, lh01_url):
    _synced(desk, admin, lh01_url)
    _sql(desk, "DELETE FROM audit_event WHERE seq > (SELECT max(seq) - 2 FROM audit_event)")
    assert verify(desk, lh01_url, with_district=False)["ok"]  # locally it looks fine
    result = verify(desk, lh01_url)
    assert not result["ok"] and "before the district's anchor" in str(result["problems"])


def test_all_entries_deleted_are_reported(desk, admin, building, lh01_url):
    _synced(desk, admin, lh01_url)
    _sql(desk, "DELETE FROM audit_event")
    result = verify(desk, lh01_url)
    assert not result["ok"] and "missing here" in str(result["problems"])


def test_edited_and_recomputed_chain_is_reported_and_noticed_by_the_next_sync(
        desk, admin, building, district, lh01_url):
    _synced(desk, admin, lh01_url)
    _recompute_from(desk, 2)
    assert verify(desk, lh01_url, with_district=False)["ok"]  # hashes recomputed
    result = verify(desk, lh01_url)
    assert not result["ok"] and "differ" in str(result["problems"])
    register(desk, admin, 9)  # new entries now hang off the rewritten chain
    report = sync(desk, lh01_url)
    assert report["audit_anchor"]["state"] in ("differs", "ahead")
    # rule R10: the sync goes on, but never reports success while the district refuses
    assert not report["ok"] and report["audit_problem"]["code"] == "audit_not_accepted"
    assert any(x.startswith("audit_event:") for x in report["not_accepted"])
    # The district kept the original entry 2 and refused what extends the rewrite.
    assert district_rows(district, "SELECT detail FROM audit_event WHERE center_code = 'LH01' "
                         "AND seq = 2")[0][0] != '{"edited": true}'
    assert district_rows(district, "SELECT count(*) FROM audit_reject WHERE center_code = "
                         "'LH01'")[0][0] > 0
    assert register(desk, admin, 10)  # the desk keeps working; other rows keep flowing
    assert district_rows(district, "SELECT count(*) FROM person WHERE center_code = 'LH01'"
                         )[0][0] == 4


def test_restored_backup_behind_the_anchor_is_reported(desk, admin, building, lh01_url):
    _synced(desk, admin, lh01_url, 1)
    backup = make_backup(desk, admin)
    _synced(desk, admin, lh01_url, 0)
    register(desk, admin, 7)
    assert sync(desk, lh01_url)["ok"]
    result = restore(desk, admin, backup)
    assert result["audit_warning"]["code"] == "backup_behind_anchor"
    assert "anchor" in result["audit_warning"]["en"]


def test_manifest_prints_the_chain_head(desk, admin, building):
    register(desk, admin, 1)
    with read_session(desk.engine) as s:
        seq, digest = audit.chain_head(s)  # printing then records its own entry
    pdf = manifest_pdf(desk, admin, today(desk))
    words = "".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf)).pages)
    words = "".join(words.split())
    assert "审计链头" in words and digest[:32] in words
    assert seq > 0
