"""District staff roles: a viewer writes nothing at all; an admin only through functions."""

from __future__ import annotations

import psycopg
import pytest

from app.desk.errors import Refused
from app.district_office import decisions, lookups, reports
from app.district_office.session import sign_in
from app.district_office.staff import add_staff
from tests.district_office.conftest import STAFF_PASSWORD


def _snapshot(admin_url: str) -> dict[str, str]:
    """Every table's content as one hash (and every role's login flag)."""
    with psycopg.connect(admin_url) as conn:
        tables = [r[0] for r in conn.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")]
        snap = {t: conn.execute(f'SELECT md5(coalesce(string_agg(x::text, \'|\' ORDER BY x::text), \'\')) '
                                f'FROM "{t}" x').fetchone()[0] for t in tables}
        snap["pg_roles"] = str(conn.execute(
            "SELECT array_agg(rolname || rolcanlogin::text ORDER BY rolname) FROM pg_roles").fetchone())
    return snap


def _functions(admin_url: str) -> list[tuple[str, list[str]]]:
    with psycopg.connect(admin_url) as conn:
        return [(name, [t for t in (args or "").split(", ") if t]) for name, args in conn.execute(
            "SELECT p.proname, pg_get_function_identity_arguments(p.oid) FROM pg_proc p "
            "JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public' "
            "AND p.prokind = 'f' AND p.prorettype <> 'trigger'::regtype")]


_DUMMY = {"text": "LH01", "integer": 3, "bigint": 1, "boolean": False, "jsonb": "{}",
          "timestamp with time zone": "2020-01-01T00:00:00Z", "text[]": ["x"]}


def test_viewer_cannot_write_any_table_or_through_any_function(district, centres, viewer):
    # rule R10 (and the trust model): a viewer reads reports and can change nothing at all.
    before = _snapshot(district)
    viewer_url = district.replace("postgres:@", f"wang_viewer:{STAFF_PASSWORD}@")
    with psycopg.connect(viewer_url, autocommit=True) as conn:
        tables = [r[0] for r in conn.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")]
        assert "office_audit" in tables and "card" in tables
        for t in tables:
            for stmt in (f'INSERT INTO "{t}" DEFAULT VALUES', f'DELETE FROM "{t}"',
                         f'UPDATE "{t}" SET {_first_column(conn, t)} = NULL', f'TRUNCATE "{t}"'):
                with pytest.raises(psycopg.errors.InsufficientPrivilege):
                    conn.execute(stmt)
        called = 0
        for name, args in _functions(district):
            values = [_DUMMY.get(a.split()[-1] if a.split()[-1] in _DUMMY else a, "x")
                      for a in (" ".join(x.split()[1:]) for x in args)]
            sql = f"SELECT {name}({', '.join(['%s'] * len(values))})"
            try:
                conn.execute(sql, values)
                called += 1
            except psycopg.Error:
                pass  # refused (no privilege) or failed: either way nothing may change
        # The office's read functions are the viewer's; it did call some of them.
        assert called >= 3
        for role in ("district_admin", "postgres"):
            with pytest.raises(psycopg.Error):
                conn.execute(f"SET ROLE {role}")
    after = _snapshot(district)
    changed = {t for t in before if before[t] != after[t]}
    # Only the office's own audit of the viewer's looks (search/audit-by-person) may grow,
    # and the row its looks are serialised on (one per login, revision 0011).
    assert changed <= {"office_audit", "office_look_lock"}


def _first_column(conn, table: str) -> str:
    # pg_attribute, not information_schema: the latter hides columns the viewer may not use.
    return conn.execute("SELECT attname FROM pg_attribute WHERE attrelid = %s::regclass "
                        "AND attnum > 0 ORDER BY attnum LIMIT 1", (f'"{table}"',)).fetchone()[0]


def test_viewer_refused_each_decision_through_the_app(district, centres, viewer):
    card, code = _an_active_card(district)
    for call in (lambda: decisions.revoke_card(viewer, code, card, "冒用证件"),
                 lambda: decisions.set_cap(viewer, code, "D0001", 1, "核查"),
                 lambda: decisions.resolve(viewer, "x", "核查")):
        with pytest.raises(Refused) as err:
            call()
        assert err.value.code == "not_allowed"
    assert reports.centres(viewer)  # but reads every centre


def test_admin_has_no_direct_table_writes(district, centres, officer):
    url = district.replace("postgres:@", f"li_admin:{STAFF_PASSWORD}@")
    with psycopg.connect(url) as conn:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("UPDATE card SET status = 'revoked'")
        conn.rollback()
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("DELETE FROM office_audit")


def test_sign_in_refuses_centres_and_wrong_passwords(district, centres):
    with pytest.raises(Refused) as err:
        sign_in(district, "rd_lh01", "centre-password")
    assert err.value.code == "centre_login"  # its own message: a sync login, not staff
    add_staff(district, "zhao", "viewer", STAFF_PASSWORD)
    with pytest.raises(Refused) as err:
        sign_in(district, "zhao", "wrong-password!")
    assert err.value.code == "district_sign_in"
    with pytest.raises(Refused):
        add_staff(district, "rd_lh09", "admin", STAFF_PASSWORD)  # a centre-like name
    with pytest.raises(Refused):
        add_staff(district, "postgres", "admin", STAFF_PASSWORD)
    # Re-adding as admin moves the login from one group to the other, never both.
    add_staff(district, "zhao", "admin", STAFF_PASSWORD)
    assert sign_in(district, "zhao", STAFF_PASSWORD).role == "admin"
    add_staff(district, "zhao", "viewer", STAFF_PASSWORD)
    assert sign_in(district, "zhao", STAFF_PASSWORD).role == "viewer"


def test_office_audit_is_append_only_even_for_the_owner(district, centres, viewer):
    lookups.search(viewer, "张伟")
    with psycopg.connect(district) as conn:
        assert conn.execute("SELECT who, action FROM office_audit WHERE action = 'search'"
                            ).fetchall() == [("wang_viewer", "search")]
        with pytest.raises(psycopg.Error):
            conn.execute("DELETE FROM office_audit")


def _an_active_card(admin_url: str) -> tuple[str, str]:
    with psycopg.connect(admin_url) as conn:
        return conn.execute("SELECT number, center_code FROM card WHERE status = 'active' "
                            "ORDER BY id LIMIT 1").fetchone()
