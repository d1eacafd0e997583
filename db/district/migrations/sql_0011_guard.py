"""Revision 0011, part two: the district objects that keep a centre's login from stalling
others or the server, and the counters no rollback undoes (see sql_0011 for why each exists).

The screening lock (`screening_lock`, its function and the check that it is held), the
tombstones of deleted buildings and tenancies, the canonical-document check, the per-centre
probe counters, the office's look lock, and the server limits of a centre's login (no
advisory locks, four connections, five-second waits on shared rows).
"""

from db.district.migrations.sql_0008 import _AUDIT as _AUDIT_0008
from db.district.migrations.sql_0008 import _LOGIN as _LOGIN_0008_ALL
from db.district.migrations.sql_0008 import _SEARCH as _SEARCH_0008

_TOMBSTONE = [
    """CREATE TABLE IF NOT EXISTS district_tombstone (
         table_name text NOT NULL, id text NOT NULL, center_code text NOT NULL,
         deleted_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (table_name, id))""",
    "REVOKE ALL ON district_tombstone FROM PUBLIC",
]

# -- the office's looks, serialised per login on a row no centre can lock -----------------
# An advisory lock named after the office login was takeable by any centre: its office's
# search then waited for ever. A row of a table without a grant to anyone cannot be locked
# by a centre (FOR UPDATE needs UPDATE on the table; LOCK needs a grant too).
_OLD_LOOK = "PERFORM pg_advisory_xact_lock(hashtext('office_look:' || session_user));"
_NEW_LOOK = "PERFORM office_serialise_look();"
_LOOK_LOCK = """CREATE OR REPLACE FUNCTION office_serialise_look() RETURNS void
       LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
    BEGIN
      INSERT INTO office_look_lock (login) VALUES (session_user) ON CONFLICT DO NOTHING;
      PERFORM 1 FROM office_look_lock WHERE login = session_user FOR UPDATE;
    END $$"""
_AUDIT_FN = next(x for x in _AUDIT_0008 if "CREATE FUNCTION office_audit_events(" in x)
assert _OLD_LOOK in _SEARCH_0008 and _OLD_LOOK in _AUDIT_FN
_OFFICE_UP = [
    "CREATE TABLE IF NOT EXISTS office_look_lock (login text PRIMARY KEY)",
    "REVOKE ALL ON office_look_lock FROM PUBLIC",
    _LOOK_LOCK,
    "REVOKE EXECUTE ON FUNCTION office_serialise_look() FROM PUBLIC",
    _SEARCH_0008.replace(_OLD_LOOK, _NEW_LOOK),
    _AUDIT_FN.replace("CREATE FUNCTION", "CREATE OR REPLACE FUNCTION").replace(_OLD_LOOK, _NEW_LOOK),
]
_OFFICE_DOWN = [
    _SEARCH_0008,
    _AUDIT_FN.replace("CREATE FUNCTION", "CREATE OR REPLACE FUNCTION"),
    "DROP FUNCTION IF EXISTS office_serialise_look()",
    "DROP TABLE IF EXISTS office_look_lock",
]

# The screening lock: a table no centre has a grant on, so only these functions lock it.
_LOCK_TABLE = [
    """CREATE TABLE IF NOT EXISTS screening_lock (
         id int PRIMARY KEY CHECK (id = 1),
         wait interval NOT NULL DEFAULT '10 s',        -- how long a batch waits for it
         idle_limit interval NOT NULL DEFAULT '60 s',  -- a holder idle in its transaction
         hold_limit interval NOT NULL DEFAULT '5 min',  -- any holder's transaction
         probe_budget int NOT NULL DEFAULT 100)  -- answers shown, rolled back (RDP14)""",
    "INSERT INTO screening_lock (id) VALUES (1) ON CONFLICT DO NOTHING",
    "REVOKE ALL ON screening_lock FROM PUBLIC",
]
LOCK = """CREATE OR REPLACE FUNCTION district_screening_lock() RETURNS boolean
       LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
    DECLARE cfg screening_lock; holder int;
    BEGIN
      SELECT * INTO cfg FROM screening_lock WHERE id = 1;
      -- A holder that sits on the lock (a centre that finished a batch and never commits)
      -- is ended, so no centre can keep the others' cards waiting for ever.
      FOR holder IN SELECT l.pid FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
           WHERE l.locktype = 'relation' AND l.relation = 'public.screening_lock'::regclass
             AND l.granted AND l.pid <> pg_backend_pid()
             AND ((a.state LIKE 'idle in transaction%'
                   AND a.state_change < clock_timestamp() - cfg.idle_limit)
                  OR a.xact_start < clock_timestamp() - cfg.hold_limit) LOOP
        BEGIN
          PERFORM pg_terminate_backend(holder, 5000);
          RAISE LOG 'rentdesk: ended session % that held the screening lock', holder;
        EXCEPTION WHEN insufficient_privilege THEN
          RAISE LOG 'rentdesk: cannot end session % (grant pg_signal_backend)', holder;
        END;
      END LOOP;
      BEGIN
        PERFORM set_config('lock_timeout', (extract(epoch FROM cfg.wait) * 1000)::int::text,
                           true);
        LOCK TABLE screening_lock IN EXCLUSIVE MODE;
        PERFORM set_config('lock_timeout', '60s', true);
        RETURN true;
      EXCEPTION WHEN lock_not_available THEN
        PERFORM set_config('lock_timeout', '60s', true);
        RETURN false;
      END;
    END $$"""
HELD = """CREATE OR REPLACE FUNCTION district_screening_held() RETURNS boolean
       LANGUAGE sql STABLE SET search_path = public, pg_temp AS $$
    SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'relation'
                     AND relation = 'public.screening_lock'::regclass
                     AND pid = pg_backend_pid() AND mode = 'ExclusiveLock' AND granted) $$"""

CANONICAL = """CREATE OR REPLACE FUNCTION district_canonical_document(p_kind text, p_country text,
         p_number text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
    SELECT coalesce(p_kind IN ('resident', 'hmt_permit', 'foreign_pr', 'passport', 'other')
       AND p_number ~ '^[0-9A-Z]{1,32}$' AND p_country ~ '^[A-Z]{3}$'
       -- a Chinese resident ID number written down as a passport or other papers
       AND NOT (p_kind IN ('passport', 'other') AND p_country = 'CHN'
                AND p_number ~ '^[0-9]{17}[0-9X]$'), false) $$"""

# -- what a centre's login may not do to the server itself --------------------------------
# Session advisory locks fill the shared lock table (every new connection then fails with
# "out of shared memory"); the district's own functions run as their owner and need none
# of these grants. A few connections per centre leave slots for the others and the office.
CENTRE_CONNECTIONS = 4
_SHARED_ROW_FUNCTIONS = ("district_resolve_conflict(text, text)",
                         "office_resolve_conflict(text, text)", "district_put_blobs()")


def _public(verb: str) -> list[str]:
    """REVOKE (upgrade) or GRANT (downgrade) of what every login had: the advisory-lock
    functions and temporary tables."""
    to = "FROM" if verb == "REVOKE" else "TO"
    return [f"""DO $$ DECLARE f regprocedure; BEGIN
         FOR f IN SELECT p.oid::regprocedure FROM pg_proc p
                   WHERE p.pronamespace = 'pg_catalog'::regnamespace
                     AND p.proname LIKE 'pg\\_%advisory\\_%' LOOP
           EXECUTE format('{verb} EXECUTE ON FUNCTION %s {to} PUBLIC', f);
         END LOOP;
       END $$""",
            # Temporary tables take a lock each: thousands in one open transaction filled
            # the lock table. The district's functions make the staging tables as owner.
            f"""DO $$ BEGIN
         EXECUTE format('{verb} TEMP ON DATABASE %I {to} PUBLIC', current_database());
       END $$"""]


_SERVER_UP = [
    *_public("REVOKE"),
    f"""DO $$ DECLARE r text; BEGIN
         FOR r IN SELECT m.rolname FROM pg_roles m JOIN pg_auth_members a ON a.member = m.oid
                   JOIN pg_roles g ON g.oid = a.roleid WHERE g.rolname = 'rentdesk_center' LOOP
           EXECUTE format('ALTER ROLE %I CONNECTION LIMIT {CENTRE_CONNECTIONS}', r);
         END LOOP;
       END $$""",
    # Functions that touch rows two centres share wait seconds for a lock, not minutes.
    *(f"ALTER FUNCTION {f} SET lock_timeout = '5s'" for f in _SHARED_ROW_FUNCTIONS),
]
_SERVER_DOWN = [*_public("GRANT"),
                *(f"ALTER FUNCTION {f} RESET lock_timeout" for f in _SHARED_ROW_FUNCTIONS)]
_LOGIN_0008 = next(x for x in _LOGIN_0008_ALL if "CREATE FUNCTION office_center_login" in x)
_ROLE_VERBS = ("'ALTER ROLE %I LOGIN PASSWORD %L'", "'CREATE ROLE %I LOGIN PASSWORD %L'")
assert all(v in _LOGIN_0008 for v in _ROLE_VERBS)
LOGIN = _LOGIN_0008.replace("CREATE FUNCTION", "CREATE OR REPLACE FUNCTION")
for _verb in _ROLE_VERBS:
    LOGIN = LOGIN.replace(_verb, _verb.replace("LOGIN", f"LOGIN CONNECTION LIMIT {CENTRE_CONNECTIONS}"))

# -- screening answers read and rolled back (attack of 2026-12-03, finding 4) ------------
# A centre could finish a batch of made-up documents with cards, read which were refused
# (someone holds that number) and roll back: no row, no budget, no trace. What each batch
# was shown (new conflicts, refused cards) is counted twice: in a sequence, which a
# rollback does not undo, and in `probe_count`, which it does. Past `probe_budget` shown
# but never committed, the centre's batches are refused (RDP14) until the district looks
# (`district_reset_probe_budget`). An honest centre commits what it is shown.
_PROBE = [
    """CREATE TABLE IF NOT EXISTS probe_count (center_code text PRIMARY KEY,
         shown bigint NOT NULL DEFAULT 0)""",
    "REVOKE ALL ON probe_count FROM PUBLIC",
    """CREATE OR REPLACE FUNCTION district_probe_sequence(p_code text) RETURNS void
       LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
    BEGIN
      EXECUTE format('CREATE SEQUENCE IF NOT EXISTS %I MINVALUE 0 START 0',
                     'probe_seen_' || lower(p_code));
      EXECUTE format('REVOKE ALL ON %I FROM PUBLIC', 'probe_seen_' || lower(p_code));
      INSERT INTO probe_count (center_code) VALUES (upper(p_code)) ON CONFLICT DO NOTHING;
    END $$""",
    "REVOKE EXECUTE ON FUNCTION district_probe_sequence(text) FROM PUBLIC",
    """DO $$ DECLARE r text; BEGIN
         FOR r IN SELECT DISTINCT center_code FROM center_role LOOP
           PERFORM district_probe_sequence(r);
         END LOOP;
       END $$""",
    """CREATE OR REPLACE FUNCTION district_probe_unseen(c text) RETURNS bigint
       LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
    DECLARE seen bigint;
    BEGIN
      IF to_regclass('probe_seen_' || lower(c)) IS NULL THEN
        RETURN NULL;
      END IF;
      EXECUTE format('SELECT last_value FROM %I', 'probe_seen_' || lower(c)) INTO seen;
      RETURN seen - coalesce((SELECT shown FROM probe_count WHERE center_code = c), 0);
    END $$""",
    "REVOKE EXECUTE ON FUNCTION district_probe_unseen(text) FROM PUBLIC",
    """CREATE OR REPLACE FUNCTION district_reset_probe_budget(p_code text) RETURNS bigint
       LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
    DECLARE gap bigint := district_probe_unseen(upper(p_code));
    BEGIN
      UPDATE probe_count SET shown = shown + coalesce(gap, 0) WHERE center_code = upper(p_code);
      RAISE LOG 'rentdesk: probe budget of % reset by % (% unseen)', p_code, session_user, gap;
      RETURN gap;
    END $$""",
    "REVOKE EXECUTE ON FUNCTION district_reset_probe_budget(text) FROM PUBLIC",
    "GRANT EXECUTE ON FUNCTION district_reset_probe_budget(text) TO district_admin",
]

_PROBE_LOGIN = "      PERFORM office_log('center_login', code, r, NULL, '{}');\n"
assert LOGIN.count(_PROBE_LOGIN) == 1
LOGIN = LOGIN.replace(_PROBE_LOGIN, _PROBE_LOGIN + "      PERFORM district_probe_sequence(code);\n")

UP = [*_LOCK_TABLE, *_TOMBSTONE, *_PROBE, LOCK, HELD, CANONICAL, *_SERVER_UP, LOGIN,
      "REVOKE EXECUTE ON FUNCTION district_screening_lock() FROM PUBLIC"]
OFFICE_UP, OFFICE_DOWN = _OFFICE_UP, _OFFICE_DOWN
DOWN = [*_SERVER_DOWN, _LOGIN_0008.replace("CREATE FUNCTION", "CREATE OR REPLACE FUNCTION"),
        "DROP FUNCTION IF EXISTS district_canonical_document(text, text, text)",
        "DROP TABLE IF EXISTS district_tombstone",
        "DROP FUNCTION IF EXISTS district_reset_probe_budget(text)",
        "DROP FUNCTION IF EXISTS district_probe_unseen(text)",
        "DROP FUNCTION IF EXISTS district_probe_sequence(text)",
        "DROP TABLE IF EXISTS probe_count",
        "DROP FUNCTION IF EXISTS district_screening_lock()",
        "DROP FUNCTION IF EXISTS district_screening_held()",
        "DROP TABLE IF EXISTS screening_lock"]
