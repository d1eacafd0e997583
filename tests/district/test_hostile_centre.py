"""Centre LH01 with its own district login and plain SQL, after ordinary syncs of two centres:
every write outside the protocol is refused, every protocol call with centre LH02's ids or
codes is without effect, and LH02's rows and sync answers stay as they were (issue 11)."""

from __future__ import annotations

import hashlib
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest

from app.sync.district import revoke_card_centrally
from app.sync.run import sync
from tests.district.conftest import add_tenant_with_card, centre_conn, snapshot
from tests.sync.conftest import district_rows


def _statements(admin_url: str) -> list[str]:
    """Every INSERT/UPDATE/DELETE/TRUNCATE on every district table, and an INSERT and an
    UPDATE of every column (district-owned ones included), generated from the catalog so a
    new table or column is covered too."""
    cols = district_rows(admin_url, "SELECT table_name, column_name FROM information_schema."
                         "columns WHERE table_schema = 'public' ORDER BY 1, ordinal_position")
    tables: dict[str, list[str]] = {}
    for t, c in cols:
        tables.setdefault(t, []).append(c)
    out = []
    for t, cs in tables.items():
        if t in ("alembic_version",):
            out.append(f"UPDATE {t} SET version_num = '0001'")
            continue
        out += [f"INSERT INTO {t} DEFAULT VALUES",
                f"INSERT INTO {t} SELECT * FROM {t}",
                f"UPDATE {t} SET {cs[0]} = {cs[0]}",
                f"DELETE FROM {t}",
                f"TRUNCATE {t}"]
        # Column by column too: a column-level grant (as a later revision might add for a
        # new column) is a write outside the protocol as well.
        out += [f"UPDATE {t} SET {c} = {c}" for c in cs]
        out += [f"INSERT INTO {t} ({c}) SELECT {c} FROM {t}" for c in cs]
    return out


def _refused_or_nothing(conn: psycopg.Connection, sql: str, *params) -> str:
    try:
        with conn.transaction():
            cur = conn.execute(sql, params)
            return f"ran, {cur.rowcount} rows"
    except psycopg.Error as err:
        return err.sqlstate or "client"


def test_no_write_outside_the_protocol(two):
    # rule R6 / R2 / R10: what the district decides, no centre login can change by SQL.
    before_b = snapshot(two.admin_url, "LH02")
    before_a = snapshot(two.admin_url, "LH01")
    statements = _statements(two.admin_url)
    assert len(statements) > 600  # every table, every verb, every column
    with centre_conn(two.a.url) as conn:
        outcomes = {sql: _refused_or_nothing(conn, sql) for sql in statements}
    # centre_conflict (revision 0009) is a view the centre may only read: PostgreSQL refuses
    # a write to it as not updatable (0A000) or not a table (42809) before the grant check.
    allowed = {sql: got for sql, got in outcomes.items() if got != "42501"
               and not (" centre_conflict" in sql and got in ("0A000", "42809"))}
    assert allowed == {}, allowed
    assert snapshot(two.admin_url, "LH02") == before_b
    assert snapshot(two.admin_url, "LH01") == before_a


def test_staging_tables_cannot_be_altered_or_spoofed(two):
    with centre_conn(two.a.url) as conn:
        conn.execute("SELECT district_stage('person', ARRAY['id', 'name'])")
        for sql in ("ALTER TABLE pg_temp.stg_person ADD COLUMN x int",
                    "CREATE POLICY p ON pg_temp.stg_person USING (true)",
                    "ALTER TABLE pg_temp.stg_person ENABLE ROW LEVEL SECURITY",
                    "DROP TABLE pg_temp.stg_person",
                    "SELECT * FROM pg_temp.stg_person"):
            assert _refused_or_nothing(conn, sql) == "42501", sql
        conn.rollback()
        # A staging table of the centre's own making: it can make no temporary table at all
        # (revision 0011; the merge also ignored tables it did not make).
        conn.execute("SELECT district_begin_batch('spoof', 2, (SELECT epoch FROM center_replica))")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("CREATE TEMP TABLE stg_person AS SELECT id, 'LH02' AS center_code, "
                         "name FROM person WITH NO DATA")
        conn.rollback()
    assert district_rows(two.admin_url, "SELECT id FROM person WHERE id = 'spoofed-row'") == []


@pytest.mark.parametrize("call", [
    "SELECT district_revoke_card(%(b_card)s, 'x')",
    "SELECT district_set_cap(%(b_building)s, 1)",
    "SELECT district_merge_staged('LH02', 'card', 99)",
    "SELECT district_merge_audit('LH02', 99)",
    "SELECT district_finish_batch('x', 99, 'e', 0, 0, '{}')",  # no begin_batch
    "SELECT district_stage('card', ARRAY['id', 'district_state'])",
    "SELECT district_stage('card', ARRAY['id', 'central_revoked_at'])",
    "SELECT district_stage('tenancy', ARRAY['id', 'received_at'])",
    "SELECT district_stage('center_role', ARRAY['role_name'])",
    "SELECT district_put_blobs()",  # nothing staged
])
def test_definer_functions_with_the_other_centres_ids(two, call):
    b_card, b_building = district_rows(
        two.admin_url, "SELECT k.id, k.building_id FROM card k WHERE center_code = 'LH02'")[0]
    before = snapshot(two.admin_url, "LH02")
    sql = call.replace("%(b_card)s", f"'{b_card}'").replace("%(b_building)s", f"'{b_building}'")
    with centre_conn(two.a.url) as conn:
        got = _refused_or_nothing(conn, sql)
    assert got in ("42501", "RDV09"), got
    assert snapshot(two.admin_url, "LH02") == before


def _protocol_batch(url: str, table: str, cols: list[str], rows: list[tuple],
                    deletes: list[tuple[str, str]] = ()) -> dict:
    """One batch sent by hand through the protocol with the centre's own login."""
    with centre_conn(url) as conn:
        no, epoch = conn.execute("SELECT last_batch_no + 1, epoch FROM center_replica").fetchone()
        bid = f"hand-{no}"
        assert conn.execute("SELECT district_begin_batch(%s, %s, %s)",
                            (bid, no, epoch)).fetchone()[0] is None
        cur = conn.cursor()
        if deletes:
            stg = cur.execute("SELECT district_stage('deletes', NULL)").fetchone()[0]
            with cur.copy(f"COPY pg_temp.{stg} FROM STDIN") as cp:
                for d in deletes:
                    cp.write_row(d)
        if rows:
            stg = cur.execute("SELECT district_stage(%s, %s)", (table, cols)).fetchone()[0]
            with cur.copy(f"COPY pg_temp.{stg} ({', '.join(cols)}) FROM STDIN") as cp:
                for r in rows:
                    cp.write_row(r)
        answer = cur.execute("SELECT district_finish_batch(%s, %s, %s, 0, 0, '{}')",
                             (bid, no, epoch)).fetchone()[0]
        conn.commit()
    return answer


def _card_cols(admin_url: str, card_id: str) -> tuple[list[str], tuple]:
    cols = ["id", "center_code", "created_at", "updated_at", "number", "tenancy_id", "person_id",
            "building_id", "unit_id", "status", "issued_at", "ended_at", "replaces_card_id",
            "end_reason"]
    row = district_rows(admin_url, f"SELECT {', '.join(cols)} FROM card WHERE id = %s", card_id)[0]
    return cols, row


def test_rows_with_the_other_centres_ids_are_refused(two):
    b_card = district_rows(two.admin_url, "SELECT id FROM card WHERE center_code = 'LH02'")[0][0]
    before = snapshot(two.admin_url, "LH02")
    cols, row = _card_cols(two.admin_url, b_card)
    forged = list(row)
    forged[cols.index("status")] = "lost"
    answer = _protocol_batch(two.a.url, "card", cols, [tuple(forged)],
                             deletes=[("card", b_card), ("person", row[cols.index("person_id")])])
    assert [(n["id"], n["sqlstate"]) for n in answer["not_accepted"]] == [(b_card, "RDF05")]
    assert snapshot(two.admin_url, "LH02") == before


def test_central_revocation_stays_whatever_the_centre_sends(two):
    a_card = district_rows(two.admin_url, "SELECT id FROM card WHERE center_code = 'LH01'")[0][0]
    assert revoke_card_centrally(two.admin_url, a_card, "伪造证件") == "LH01"
    cols, row = _card_cols(two.admin_url, a_card)
    active = list(row)
    active[cols.index("status")], active[cols.index("ended_at")] = "active", None
    _protocol_batch(two.a.url, "card", cols, [tuple(active)])
    _protocol_batch(two.a.url, "card", cols, [], deletes=[("card", a_card)])
    _protocol_batch(two.a.url, "card", cols, [tuple(active)])
    got = district_rows(two.admin_url, "SELECT status, district_state, central_reason FROM card "
                        "WHERE id = %s", a_card)
    assert got == [("revoked", "accepted", "伪造证件")]


def test_r2_receipt_times_are_the_districts(two):
    # rule R2: delivered_at = when the district first applied the row, whatever is sent.
    tid, delivered = district_rows(two.admin_url, "SELECT id, delivered_at FROM tenancy WHERE "
                                   "center_code = 'LH01'")[0]
    cols = ["id", "person_id", "unit_id", "collected_at", "created_at", "updated_at",
            "delivered_at"]
    row = list(district_rows(two.admin_url, f"SELECT {', '.join(cols)} FROM tenancy WHERE id = %s",
                             tid)[0])
    row[-1] = row[3]  # "delivered" the minute it was collected
    _protocol_batch(two.a.url, "tenancy", cols, [tuple(row)])
    assert district_rows(two.admin_url, "SELECT delivered_at FROM tenancy WHERE id = %s",
                         tid)[0][0] == delivered


def test_documents_pointing_at_the_other_centres_person_change_nothing(two, photo_jpeg):
    # rule R6 across centres: a card is keyed only by its own centre's documents.
    b_person = district_rows(two.admin_url, "SELECT person_id FROM card WHERE center_code = "
                             "'LH02'")[0][0]
    a_doc = district_rows(two.admin_url, "SELECT kind, country, number FROM id_document WHERE "
                          "center_code = 'LH01'")[0]
    cols = ["id", "person_id", "kind", "country", "number", "verified", "created_at",
            "updated_at"]
    _protocol_batch(two.a.url, "id_document", cols, [
        ("forged-doc", b_person, *a_doc, False, "2026-01-01", "2026-01-01")])
    # LH02's next, perfectly valid card is accepted, not refused as a second card.
    add_tenant_with_card(two.b, 3, photo_jpeg)
    report = sync(two.b.desk, two.b.url)
    assert report["ok"] and report["refused_cards"] == [] and report["not_accepted"] == []
    assert district_rows(two.admin_url, "SELECT count(*) FROM card WHERE center_code = 'LH02' "
                         "AND district_state = 'accepted'")[0][0] == 2


def test_forged_blobs_are_refused_and_missing_answers_only_own(two):
    b_sha = district_rows(two.admin_url, "SELECT sha256 FROM blob_owner WHERE center_code = "
                          "'LH02'")[0][0]
    fake = hashlib.sha256(b"the real photo LH02 will send later").hexdigest()
    with centre_conn(two.a.url) as conn:
        # LH01 cannot learn whether LH02 holds a photo: it is "missing" for LH01.
        assert b_sha in conn.execute("SELECT district_missing_blobs(%s)", ([b_sha],)).fetchone()[0]
        stg = conn.execute("SELECT district_stage('blob', NULL)").fetchone()[0]
        with conn.cursor().copy(f"COPY pg_temp.{stg} FROM STDIN") as cp:
            cp.write_row((fake, "photo", 5, b"bogus"))
            cp.write_row((b_sha, "photo", 5, b"bogus"))
        put = conn.execute("SELECT district_put_blobs()").fetchone()[0]
        conn.commit()
    assert sorted(put["refused"]) == sorted([fake, b_sha]) and put["accepted"] == 0
    assert district_rows(two.admin_url, "SELECT count(*) FROM blob WHERE sha256 = %s", fake) \
        == [(0,)]
    with centre_conn(two.b.url) as conn:  # the real owner is still asked for its photo
        assert conn.execute("SELECT district_missing_blobs(%s)",
                            ([fake],)).fetchone()[0] == [fake]


def test_forged_audit_rows_are_refused(two):
    before = snapshot(two.admin_url, "LH01")["audit_event"]
    seq, head = district_rows(two.admin_url, "SELECT seq, hash FROM audit_anchor WHERE "
                              "center_code = 'LH01'")[0]
    cols = ["seq", "id", "center_code", "at", "staff_id", "action", "entity", "entity_id",
            "detail", "prev_hash", "hash"]
    forged = (seq + 1, "forged-audit", "LH01", "2026-01-01 00:00:00", None, "card.revoke",
              "card", "x", None, head, "f" * 64)  # links, but its hash is not its digest
    answer = _protocol_batch(two.a.url, "audit_event", cols, [forged])
    assert [(n["id"], n["sqlstate"]) for n in answer["not_accepted"]] == [("forged-audit",
                                                                           "RDA07")]
    assert snapshot(two.admin_url, "LH01")["audit_event"] == before


def test_trial_centres_never_upload(district):
    from app.data.scram import verifier
    from app.desk.errors import Refused
    from app.sync.district import add_center

    with pytest.raises(Refused) as err:
        add_center(district, "TRIAL01", "trial-password")
    assert err.value.code == "trial_center"
    with psycopg.connect(district) as conn, pytest.raises(psycopg.Error) as office:
        # office_center_login takes a SCRAM verifier, never a password (issue 16 fix)
        conn.execute("SELECT office_center_login('TRIAL03', %s)", (verifier("trial-password"),))
    assert office.value.sqlstate == "RDT06"  # nor through the street office (issue 16)
    # A TRIAL login made by hand on the server is still refused by the batch function.
    with psycopg.connect(district) as conn:
        conn.execute("CREATE ROLE rd_trial02 LOGIN PASSWORD 'trial-password'")
        conn.execute("GRANT rentdesk_center TO rd_trial02")
        conn.execute("INSERT INTO center_role (role_name, center_code) VALUES "
                     "('rd_trial02', 'TRIAL02')")
    parts = urlsplit(district)
    url = urlunsplit(parts._replace(
        netloc="rd_trial02:trial-password@" + parts.netloc.rpartition("@")[2]))
    with centre_conn(url) as conn, pytest.raises(psycopg.Error) as got:
        conn.execute("SELECT district_begin_batch('t', 1, 'e')")
    assert got.value.sqlstate == "RDT06"
