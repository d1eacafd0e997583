"""Revision 0008's hand-written part: the street office's desk hardened (issue 16 fix).

* Search by full document number is no longer an oracle: each login may miss at most
  SEARCH_MISSES_PER_HOUR exact-number looks an hour (search and audit-by-person), and a
  masked number (6 + 4 digits: one person's candidates) may be missed at most
  MASK_MISSES_PER_DAY times a day by one login and MASK_MISSES_ALL_PER_DAY by all. Beyond
  that the look returns nothing, is logged as refused and says so with a WARNING (RDQ02):
  an exception would roll the log back. Each look records a keyed hash (HMAC-SHA-256; the
  key sits in office_secret, which no role but the owner can read) of the full number, so a
  reviewer sees distinct guesses behind one masked text.
* Reasons are trimmed of all Unicode white space and format characters, need 2 visible
  characters, at most 500, no control characters (office_reason).
* office_center_login takes a SCRAM-SHA-256 verifier, never a password (the server logs a
  failing statement with its arguments), and only for a centre the district knows.
* office_audit.at is the moment of the row (clock_timestamp()), not the transaction's start.
"""

from db.district.migrations.sql_0005 import _LOOKS as _L5
from db.district.migrations.sql_0005 import _WRITES as _W5

SEARCH_MISSES_PER_HOUR = 30
MASK_MISSES_PER_DAY = 5
MASK_MISSES_ALL_PER_DAY = 10
REASON_MAX = 500

# White space and invisible format characters no keyboard shows ([[:space:]] is ASCII-only
# under the C collation): NBSP, Ogham space, U+2000–U+200A, line/paragraph separators,
# narrow NBSP, math space, ideographic space, Mongolian vowel separator, zero-width
# space/non-joiner/joiner, LRM/RLM, word joiner and invisible operators, BOM, soft hyphen.
_BLANK = (r"[:space:]\u00a0\u00ad\u1680\u180e\u2000-\u200f\u2028\u2029\u202f\u205f"
          r"\u2060-\u2064\u3000\ufeff")

_SECRET = [
    """CREATE TABLE office_secret (id int PRIMARY KEY CHECK (id = 1), k_ipad bytea NOT NULL,
         k_opad bytea NOT NULL)""",
    "REVOKE ALL ON office_secret FROM PUBLIC",
    # A 256-bit key from the server's strong random source, kept as HMAC's two pads.
    """DO $$
    DECLARE k bytea := sha256(convert_to(gen_random_uuid()::text || gen_random_uuid()::text
                                         || gen_random_uuid()::text, 'UTF8'))
                       || decode(repeat('00', 32), 'hex');
            i bytea := k; o bytea := k;
    BEGIN
      FOR n IN 0..63 LOOP
        i := set_byte(i, n, get_byte(k, n) # 54);
        o := set_byte(o, n, get_byte(k, n) # 92);
      END LOOP;
      INSERT INTO office_secret VALUES (1, i, o);
    END $$""",
    """CREATE FUNCTION office_hmac(p text) RETURNS text LANGUAGE sql STABLE SECURITY DEFINER
       SET search_path = public, pg_temp AS $$
       SELECT encode(sha256(s.k_opad || sha256(s.k_ipad || convert_to(p, 'UTF8'))), 'hex')
         FROM office_secret s $$""",
]

_REASON = f"""CREATE FUNCTION office_reason(p text) RETURNS text LANGUAGE plpgsql IMMUTABLE
  SET search_path = public, pg_temp AS $$
  DECLARE r text;
  BEGIN
    IF p IS NULL OR length(p) > {REASON_MAX} THEN
      RAISE EXCEPTION 'a reason of 2-{REASON_MAX} characters is required' USING ERRCODE = 'RDR01';
    END IF;
    r := regexp_replace(p, '^[{_BLANK}]+|[{_BLANK}]+$', '', 'g');
    IF r ~ '[[:cntrl:]\\u007f-\\u009f]' THEN
      RAISE EXCEPTION 'control characters in the reason' USING ERRCODE = 'RDR05';
    END IF;
    IF length(regexp_replace(r, '[{_BLANK}]', '', 'g')) < 2 THEN
      RAISE EXCEPTION 'a reason is required' USING ERRCODE = 'RDR01';
    END IF;
    RETURN r;
  END $$"""

# The old functions stay, renamed and callable by no one but these wrappers (their owner).
_WRAPPED = {
    "office_revoke_card": ("p_center text, p_card_number text, p_reason text", "text",
                           "p_center, p_card_number, office_reason(p_reason)"),
    "office_set_cap": ("p_center text, p_building_code text, p_cap int, p_reason text", "text",
                       "p_center, p_building_code, p_cap, office_reason(p_reason)"),
    "office_resolve_conflict": ("p_id text, p_resolution text", "boolean",
                                "p_id, office_reason(p_resolution)"),
    "office_disable_center_login": ("p_code text, p_reason text", "text",
                                    "p_code, office_reason(p_reason)"),
}


def _types(params: str) -> str:
    return ", ".join(p.split()[1] for p in params.split(", "))


_WRAPS = [s for name, (params, ret, call) in _WRAPPED.items() for s in (
    f"ALTER FUNCTION {name}({_types(params)}) RENAME TO {name}_0005",
    f"REVOKE EXECUTE ON FUNCTION {name}_0005({_types(params)}) FROM PUBLIC, district_admin",
    f"""CREATE FUNCTION {name}({params}) RETURNS {ret} LANGUAGE sql SECURITY DEFINER
        SET search_path = public, pg_temp AS $$ SELECT {name}_0005({call}) $$""",
    f"REVOKE EXECUTE ON FUNCTION {name}({_types(params)}) FROM PUBLIC",
    f"GRANT EXECUTE ON FUNCTION {name}({_types(params)}) TO district_admin")]

# May this login look up one more full number? Misses are looks that found nobody.
_BUDGET = f"""CREATE FUNCTION office_doc_budget(p_masked text) RETURNS boolean LANGUAGE sql STABLE
  SECURITY DEFINER SET search_path = public, pg_temp AS $$
  WITH miss AS (SELECT o.who, o.at, o.detail->>'query' AS q FROM office_audit o
                 WHERE o.action IN ('search', 'audit_by_person_key')
                   AND o.at > clock_timestamp() - interval '1 day'
                   AND o.detail->>'by' = 'document' AND (o.detail->>'hits')::int = 0)
  SELECT (SELECT count(*) FROM miss WHERE who = session_user
            AND at > clock_timestamp() - interval '1 hour') < {SEARCH_MISSES_PER_HOUR}
     AND (SELECT count(*) FROM miss WHERE who = session_user AND q = p_masked)
           < {MASK_MISSES_PER_DAY}
     AND (SELECT count(*) FROM miss WHERE q = p_masked) < {MASK_MISSES_ALL_PER_DAY} $$"""

# Two phases, so no answer leaves the server before its audit row is committed: a caller who
# wraps the look in BEGIN … ROLLBACK (or a failing multi-statement string) would otherwise
# read the answer and roll the audit, and so the miss budget, back. Phase 1 logs the look
# with a ticket and the transaction id, answers nothing and says RDQ03 ("ask again"); phase
# 2, in a later transaction, finds that committed row, logs 'look_shown' and answers once.
_SHOWN = """CREATE FUNCTION office_ticket_shown(p_ticket text) RETURNS boolean LANGUAGE plpgsql
  SECURITY DEFINER SET search_path = public, pg_temp AS $$
  DECLARE s bigint;
  BEGIN
    SELECT o.seq INTO s FROM office_audit o
     WHERE o.action IN ('search', 'audit_by_person_key') AND o.who = session_user
       AND o.at > clock_timestamp() - interval '5 minutes'
       AND o.detail->>'ticket' = p_ticket AND (o.detail->>'xid')::bigint <> txid_current()
       AND NOT EXISTS (SELECT 1 FROM office_audit x WHERE x.action = 'look_shown'
                         AND x.at > clock_timestamp() - interval '6 minutes'
                         AND (x.detail->>'of')::bigint = o.seq)
     ORDER BY o.seq DESC LIMIT 1;
    IF s IS NULL THEN RETURN false; END IF;
    PERFORM office_log('look_shown', NULL, NULL, NULL, jsonb_build_object('of', s));
    RETURN true;
  END $$"""

_ASK_AGAIN = """RAISE WARNING 'logged; ask again to see the answer' USING ERRCODE = 'RDQ03';"""

_REFUSE = """PERFORM office_log('search_refused', NULL, NULL, NULL, jsonb_build_object(
          'by', 'document', 'query', office_mask(upper(q)), 'key', office_hmac(upper(q))));
        RAISE WARNING 'too many searches by document number; try later'
          USING ERRCODE = 'RDQ02';"""

_SEARCH = f"""CREATE OR REPLACE FUNCTION office_search(p_query text, p_limit int) RETURNS TABLE (
     center_code text, person_id text, name text, doc_masked text, sex text,
     building_code text, unit_number text, collected_at timestamptz, moved_out_at timestamptz,
     card_id text, card_number text, card_status text, district_state text)
   LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
#variable_conflict use_column
DECLARE q text := btrim(coalesce(p_query, '')); by_doc boolean; ids text[]; ticket text;
BEGIN
  IF length(q) < 2 OR length(q) > 64 THEN
    RAISE EXCEPTION 'bad query' USING ERRCODE = 'RDQ01';
  END IF;
  by_doc := q ~ '^[0-9A-Za-z()]{{5,}}$';
  ticket := office_hmac('search:' || session_user || ':' || upper(q));
  -- One login's looks in turn: concurrent sessions cannot all pass the same budget check.
  PERFORM pg_advisory_xact_lock(hashtext('office_look:' || session_user));
  IF by_doc THEN
    SELECT array_agg(DISTINCT i.person_id) INTO ids FROM id_document i WHERE i.number = upper(q);
  ELSE
    SELECT array_agg(p.id) INTO ids FROM person p WHERE p.name = q;
  END IF;
  ids := coalesce(ids[1:greatest(least(p_limit, 200), 1)], '{{}}');
  IF NOT office_ticket_shown(ticket) THEN
    IF by_doc AND NOT office_doc_budget(office_mask(upper(q))) THEN
        {_REFUSE}
      RETURN;
    END IF;
    PERFORM office_log('search', NULL, NULL, NULL, jsonb_build_object(
      'by', CASE WHEN by_doc THEN 'document' ELSE 'name' END,
      'query', CASE WHEN by_doc THEN office_mask(upper(q)) ELSE q END,
      'key', CASE WHEN by_doc THEN office_hmac(upper(q)) END,
      'hits', cardinality(ids), 'person', to_jsonb(ids),
      'ticket', ticket, 'xid', txid_current()));
    {_ASK_AGAIN}
    RETURN;
  END IF;
  RETURN QUERY
  SELECT p.center_code, p.id, p.name,
         (SELECT office_mask(i.number) FROM id_document i WHERE i.person_id = p.id
           ORDER BY (i.kind <> 'resident'), i.kind LIMIT 1),
         p.sex, b.code, u.number, t.collected_at, t.moved_out_at, k.id, k.number, k.status,
         k.district_state
    FROM person p
    LEFT JOIN LATERAL (SELECT * FROM tenancy t WHERE t.person_id = p.id
                        ORDER BY t.collected_at DESC LIMIT 1) t ON true
    LEFT JOIN unit u ON u.id = t.unit_id LEFT JOIN building b ON b.id = u.building_id
    LEFT JOIN LATERAL (SELECT * FROM card k WHERE k.person_id = p.id
                        ORDER BY (k.status <> 'active'), k.issued_at DESC LIMIT 1) k ON true
   WHERE p.id = ANY (ids) ORDER BY p.center_code, p.name;
END $$"""

_AUDIT_ARGS = "text, text, text, text, timestamptz, timestamptz, int"
# Audit by person answers "is this a number we hold?" too: the same budget, then 0005's body
# (which logs the look as 'audit_by_person'; this one adds the keyed hash and the hit count).
_AUDIT = [
    f"ALTER FUNCTION office_audit_events({_AUDIT_ARGS}) RENAME TO office_audit_events_0005",
    f"REVOKE EXECUTE ON FUNCTION office_audit_events_0005({_AUDIT_ARGS}) FROM PUBLIC, "
    "district_viewer",
    f"""CREATE FUNCTION office_audit_events(p_center text, p_staff text, p_action text,
         p_person text, p_from timestamptz, p_to timestamptz, p_limit int) RETURNS TABLE (
         source text, center_code text, at timestamptz, staff text, action text, entity text,
         entity_id text, detail text)
       LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
    DECLARE q text := upper(btrim(coalesce(p_person, ''))); by_doc boolean; ticket text;
    BEGIN
      IF q <> '' THEN
        by_doc := NOT EXISTS (SELECT 1 FROM person WHERE id = btrim(p_person));
        ticket := office_hmac('audit:' || session_user || ':' || q);
        PERFORM pg_advisory_xact_lock(hashtext('office_look:' || session_user));
        IF NOT office_ticket_shown(ticket) THEN
          IF by_doc AND NOT office_doc_budget(office_mask(q)) THEN
            {_REFUSE}
            RETURN;
          END IF;
          PERFORM office_log('audit_by_person_key', p_center, NULL, NULL, jsonb_build_object(
            'by', CASE WHEN by_doc THEN 'document' ELSE 'person' END,
            'query', office_mask(q), 'key', office_hmac(q),
            'hits', (SELECT count(DISTINCT i.person_id) FROM id_document i WHERE i.number = q),
            'ticket', ticket, 'xid', txid_current()));
          {_ASK_AGAIN}
          RETURN;
        END IF;
      END IF;
      RETURN QUERY SELECT * FROM office_audit_events_0005(p_center, p_staff, p_action,
        p_person, p_from, p_to, greatest(least(p_limit, 10000), 1));
    END $$""",
    f"REVOKE EXECUTE ON FUNCTION office_audit_events({_AUDIT_ARGS}) FROM PUBLIC",
    f"GRANT EXECUTE ON FUNCTION office_audit_events({_AUDIT_ARGS}) TO district_viewer",
]

_VERIFIER = r"^SCRAM-SHA-256\$[0-9]+:[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$"

_LOGIN = [
    "DROP FUNCTION office_center_login(text, text)",
    f"""CREATE FUNCTION office_center_login(p_code text, p_verifier text) RETURNS text
       LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
    DECLARE code text := upper(btrim(coalesce(p_code, ''))); r text;
    BEGIN
      -- Anything but a verifier may be a password: refuse without an ERROR, which would
      -- write the statement (and the password) to the server log; a WARNING does not.
      IF coalesce(p_verifier, '') !~ '{_VERIFIER}' THEN
        RAISE WARNING 'a SCRAM-SHA-256 verifier is required' USING ERRCODE = 'RDR04';
        RETURN NULL;
      END IF;
      IF code !~ '^[0-9A-Z]{{2,16}}$' THEN
        RAISE EXCEPTION 'bad centre code' USING ERRCODE = 'RDR03';
      END IF;
      IF code LIKE 'TRIAL%' THEN  -- demo data lives only in trial centres (issue 12, rev. 0007)
        RAISE EXCEPTION 'centre % is a trial centre', code USING ERRCODE = 'RDT06';
      END IF;
      IF NOT EXISTS (SELECT 1 FROM center_role WHERE center_code = code
                     UNION ALL SELECT 1 FROM center_replica WHERE center_code = code
                     UNION ALL SELECT 1 FROM center WHERE center_code = code) THEN
        RAISE EXCEPTION 'no such centre' USING ERRCODE = 'RDN05';
      END IF;
      r := 'rd_' || lower(code);
      IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) THEN
        EXECUTE format('ALTER ROLE %I LOGIN PASSWORD %L', r, p_verifier);
      ELSE
        EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L', r, p_verifier);
      END IF;
      EXECUTE format('GRANT rentdesk_center TO %I', r);
      INSERT INTO center_role (role_name, center_code) VALUES (r, code)
      ON CONFLICT (role_name) DO UPDATE SET center_code = EXCLUDED.center_code;
      PERFORM office_log('center_login', code, r, NULL, '{{}}');
      RETURN r;
    END $$""",
    "REVOKE EXECUTE ON FUNCTION office_center_login(text, text) FROM PUBLIC",
    "GRANT EXECUTE ON FUNCTION office_center_login(text, text) TO district_admin",
]

_PRIVATE = ("office_hmac(text)", "office_reason(text)", "office_doc_budget(text)",
            "office_ticket_shown(text)")

UPGRADE = [
    "ALTER TABLE office_audit ALTER COLUMN at SET DEFAULT clock_timestamp()",
    """CREATE INDEX ix_office_audit_looks ON office_audit (at)
       WHERE action IN ('search', 'audit_by_person_key', 'look_shown')""",
    *_SECRET, _REASON, _BUDGET, _SHOWN, *_WRAPS, _SEARCH, *_AUDIT, *_LOGIN,
    *[f"REVOKE EXECUTE ON FUNCTION {f} FROM PUBLIC" for f in _PRIVATE],
]

_CHECK_0005 = ("IF code !~ '^[0-9A-Z]{2,16}$' THEN RAISE EXCEPTION 'bad centre code' "
               "USING ERRCODE = 'RDR03'; END IF;")
_RESTORE_0005 = [s.replace("CREATE FUNCTION", "CREATE OR REPLACE FUNCTION", 1)
                 for s in (_L5[0], _W5[3])]
_RESTORE_0005[1] = _RESTORE_0005[1].replace(_CHECK_0005, _CHECK_0005 + """
      IF code LIKE 'TRIAL%' THEN
        RAISE EXCEPTION 'centre % is a trial centre', code USING ERRCODE = 'RDT06';
      END IF;""")  # as revision 0007 left it

DOWNGRADE = [
    "DROP FUNCTION IF EXISTS office_center_login(text, text)",
    _RESTORE_0005[1],
    "REVOKE EXECUTE ON FUNCTION office_center_login(text, text) FROM PUBLIC",
    "GRANT EXECUTE ON FUNCTION office_center_login(text, text) TO district_admin",
    f"DROP FUNCTION IF EXISTS office_audit_events({_AUDIT_ARGS})",
    f"ALTER FUNCTION office_audit_events_0005({_AUDIT_ARGS}) RENAME TO office_audit_events",
    f"GRANT EXECUTE ON FUNCTION office_audit_events({_AUDIT_ARGS}) TO district_viewer",
    _RESTORE_0005[0],
    *[s for name, (params, _r, _c) in _WRAPPED.items() for s in (
        f"DROP FUNCTION IF EXISTS {name}({_types(params)})",
        f"ALTER FUNCTION {name}_0005({_types(params)}) RENAME TO {name}",
        f"GRANT EXECUTE ON FUNCTION {name}({_types(params)}) TO district_admin")],
    *[f"DROP FUNCTION IF EXISTS {f}" for f in _PRIVATE],
    "DROP TABLE IF EXISTS office_secret",
    "DROP INDEX IF EXISTS ix_office_audit_looks",
    "ALTER TABLE office_audit ALTER COLUMN at SET DEFAULT now()",
]
