"""Attack findings on the office's search (issue 16, finding 4): an exact-number search
answered hit/miss without limit, so a viewer recovered a full ID number from its mask by
guessing the eight birth-date digits (707 calls); the audit logged every guess under the
same masked text. Now: a per-login budget of misses, a keyed hash of each full number in
the audit, and the key in a table no office role can read."""

from __future__ import annotations

from datetime import date, timedelta

import psycopg
import pytest

from app.desk.errors import Refused
from app.district_office import lookups
from tests.district_office.conftest import STAFF_PASSWORD, demo_centre

W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
CHECK = "10X98765432"


def _guesses(masked: str, real: str):
    """Every number with this mask and a valid check digit, the real one last."""
    pre, suf = masked[:6], masked[-4:]
    d = date(1950, 1, 1)
    while d < date(2006, 1, 1):
        guess = pre + d.strftime("%Y%m%d") + suf[:3]
        if CHECK[sum(int(a) * w for a, w in zip(guess, W, strict=True)) % 11] == suf[3] and \
                guess + suf[3] != real:
            yield guess + suf[3]
        d += timedelta(days=1)
    yield real


def _real_number(district_url: str) -> tuple[str, str]:
    with psycopg.connect(district_url) as conn:
        return conn.execute("SELECT p.name, i.number FROM person p JOIN id_document i "
                            "ON i.person_id = p.id WHERE length(i.number) = 18 "
                            "AND NOT EXISTS (SELECT 1 FROM person q WHERE q.name = p.name "
                            "AND q.id <> p.id) ORDER BY p.id LIMIT 1").fetchone()


@pytest.fixture
def lh01(district, tmp_path):
    c = demo_centre(tmp_path / "LH01", district, "LH01", 20, 11)
    yield c
    c.desk.close()


def test_found_4_a_viewer_cannot_recover_a_number_from_its_mask(district, lh01, viewer):
    # rule R10: every look is audited; the budget makes guessing useless
    name, real = _real_number(district)
    (hit,) = [h for h in lookups.search(viewer, name) if h.doc_masked[-4:] == real[-4:]]
    found, refused, tries = None, None, 0
    for guess in _guesses(hit.doc_masked, real):
        tries += 1
        try:
            if lookups.search(viewer, guess):
                found = guess
                break
        except Refused as err:
            refused = err
            break
    assert found is None and refused is not None and refused.code == "search_budget"
    assert tries <= 6  # five misses on one masked number a day, then refused
    assert "search" in refused.zh or "未命中" in refused.zh
    # Refused stays refused, even for the right number (no oracle through the refusal).
    with pytest.raises(Refused):
        lookups.search(viewer, real)
    with pytest.raises(Refused):  # audit by person is the same question: the same budget
        lookups.audit_entries(viewer, person=real)
    # Names still work: the budget is for exact numbers only.
    assert lookups.search(viewer, name)
    with psycopg.connect(district) as conn:
        rows = conn.execute("SELECT action, detail FROM office_audit WHERE who = 'wang_viewer' "
                            "AND detail->>'by' = 'document' ORDER BY seq").fetchall()
    keys = [d["key"] for a, d in rows if a == "search"]
    assert len(keys) == len(set(keys)) == 5  # the reviewer sees five distinct guesses
    assert all(len(k) == 64 and real not in str(d) for k, (_, d) in zip(keys, rows, strict=False))
    assert {d["query"] for _, d in rows} == {hit.doc_masked}
    assert [a for a, _ in rows].count("search_refused") == 3


def test_found_4_the_budget_is_per_login_per_hour(district, lh01, viewer):
    # 30 misses an hour over different masked numbers, then refused
    for n in range(30):
        assert lookups.search(viewer, f"44030319900101{n:04d}") == []
    with pytest.raises(Refused) as err:
        lookups.search(viewer, "440303199001019999")
    assert err.value.code == "search_budget"


def test_found_4_the_hash_key_is_readable_by_no_office_role(district, lh01, viewer, officer):
    for user in ("wang_viewer", "li_admin"):
        url = district.replace("postgres:@", f"{user}:{STAFF_PASSWORD}@")
        with psycopg.connect(url, autocommit=True) as conn:
            for sql in ("SELECT * FROM office_secret", "SELECT office_hmac('1')",
                        "SELECT office_doc_budget('x')",
                        "SELECT office_set_cap_0005('LH01', 'B1', 1, ' ')",  # 0005's, unchecked
                        "SELECT * FROM office_audit_events_0005(NULL, NULL, NULL, 'x', NULL, "
                        "NULL, 1)"):
                with pytest.raises(psycopg.errors.InsufficientPrivilege):
                    conn.execute(sql)


def test_found_4_no_answer_before_its_audit_row_is_committed(district, lh01, viewer):
    # rule R10: a viewer who wraps the look in BEGIN … ROLLBACK gets no answer, so the look
    # (and the miss budget) cannot be rolled back out of the audit.
    name, real = _real_number(district)
    url = district.replace("postgres:@", f"wang_viewer:{STAFF_PASSWORD}@")
    sql = "SELECT count(*) FROM office_search(%s, 5)"
    with psycopg.connect(url) as conn:  # not autocommit: one transaction until rollback
        for q in (real, name, real):
            assert conn.execute(sql, (q,)).fetchone()[0] == 0
        conn.rollback()
        assert conn.execute(sql, (real,)).fetchone()[0] == 0
        conn.rollback()
    with psycopg.connect(district) as conn:
        assert conn.execute("SELECT count(*) FROM office_audit WHERE who = 'wang_viewer'"
                            ).fetchone()[0] == 0
    with psycopg.connect(url, autocommit=True) as conn:  # committed first: then answered once
        assert conn.execute(sql, (real,)).fetchone()[0] == 0
        assert conn.execute(sql, (real,)).fetchone()[0] == 1
        assert conn.execute(sql, (real,)).fetchone()[0] == 0  # a new look, logged again
    with psycopg.connect(district) as conn:
        actions = [r[0] for r in conn.execute(
            "SELECT action FROM office_audit WHERE who = 'wang_viewer' ORDER BY seq")]
    assert actions == ["search", "look_shown", "search"]
    assert [h.name for h in lookups.search(viewer, real)] == [name]  # the app asks twice


def test_a_centre_holding_the_office_look_lock_stops_no_look(district, lh01, viewer):
    # rule R10: looks are serialised per office login on a row no centre can lock; an
    # advisory lock of the same name taken by a centre's own login changes nothing
    name, _ = _real_number(district)
    with psycopg.connect(lh01.url, autocommit=True) as centre:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):  # none at all (rev. 0011)
            centre.execute("SELECT pg_advisory_lock(hashtext('office_look:wang_viewer'))")
        assert [h.name for h in lookups.search(viewer, name)] == [name]
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            centre.execute("SELECT 1 FROM office_look_lock FOR UPDATE")
