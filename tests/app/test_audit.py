"""The audit log: attributed and chained so edits show (R10)."""

from __future__ import annotations

from sqlalchemy import text

from app.staff.audit import verify_chain
from db.engine import read_session, write_session
from tests.conftest import register


def test_chain_verifies_then_detects_edit_delete_and_reorder(desk, admin, building):
    # rule R10
    for n in range(3):
        register(desk, admin, n)
    with read_session(desk.engine) as s:
        assert verify_chain(s) == []
        seqs = [r[0] for r in s.connection().execute(text("SELECT seq FROM audit_event ORDER BY seq"))]
    with write_session(desk.engine) as s:
        s.connection().execute(text("UPDATE audit_event SET action='x' WHERE seq=:q"), {"q": seqs[2]})
    with read_session(desk.engine) as s:
        assert [b.seq for b in verify_chain(s)] == [seqs[2]]
    with write_session(desk.engine) as s:
        s.connection().execute(text("DELETE FROM audit_event WHERE seq=:q"), {"q": seqs[4]})
    with read_session(desk.engine) as s:
        problems = [(b.seq, b.problem) for b in verify_chain(s)]
    assert (seqs[2], "entry content changed") in problems
    assert any(seq == seqs[5] and "missing" in p for seq, p in problems)


def test_audit_details_hold_no_personal_data(desk, admin, building):
    # rule R10 with privacy: details name records by id only
    register(desk, admin, 1, name="赵敏")
    with read_session(desk.engine) as s:
        blob = " ".join(str(r) for r in s.connection().execute(text("SELECT * FROM audit_event")))
    assert "赵敏" not in blob and "1390000" not in blob
