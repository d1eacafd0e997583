"""Revision 0004's hand-written part (issue 11): the district trusts no centre.

A centre's login loses every INSERT/UPDATE/DELETE/TRUNCATE it had. It may only:
  * read its own rows (RLS, as before),
  * fill staging tables the district creates for it (`district_stage`: owned by the
    district, so the centre can COPY into them but not alter them, add triggers, policies
    or views that would run code with the district's rights),
  * call the SECURITY DEFINER functions below, which take the centre from the login
    (`district_center()` = session_user's mapping) and never from an argument, and which
    set every district-owned fact themselves: center_code, src_batch_no, received_at,
    tenancy.delivered_at (rule R2: when the district first applied the row), card
    screening (doc_key, district_state), central revocations and building caps.
"""

GENESIS = "0" * 64
BLOB_MAX_BYTES = 16 * 1024 * 1024

# Columns no centre may stage: the district writes them.
DISTRICT_ONLY = ("src_batch_no", "received_at", "doc_key", "district_state",
                 "central_revoked_at", "central_reason")

# The owner check every definer function makes before it reads a staging table.
_STAGED = """(SELECT c.oid FROM pg_class c WHERE c.relname = %L
               AND c.relnamespace = pg_my_temp_schema() AND c.relkind = 'r'
               AND c.relowner = (SELECT oid FROM pg_roles WHERE rolname = current_user))"""

UPGRADE = [
    # --- 1. no direct writes: the protocol's functions are the only way in ---
    "REVOKE INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON ALL TABLES IN SCHEMA public "
    "FROM rentdesk_center, PUBLIC",
    "REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM rentdesk_center, PUBLIC",
    "REVOKE CREATE ON SCHEMA public FROM PUBLIC",
    # --- 2. blobs: who holds which, checked on arrival ---
    """CREATE TABLE blob_owner (sha256 text NOT NULL, center_code text NOT NULL,
         received_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (center_code, sha256))""",
    # Blobs stored before this revision were never checked: drop the ones whose bytes do
    # not hash to their key (a forged blob), keep the first uploader as owner of the rest.
    "DELETE FROM blob WHERE encode(sha256(data), 'hex') <> sha256 OR octet_length(data) <> size",
    "INSERT INTO blob_owner (sha256, center_code) SELECT sha256, center_code FROM blob",
    "ALTER TABLE blob_owner ENABLE ROW LEVEL SECURITY",
    "CREATE POLICY own_rows ON blob_owner USING (center_code = (SELECT district_center()))",
    "GRANT SELECT ON blob_owner TO rentdesk_center",
    "DROP POLICY own_rows ON blob",
    """CREATE POLICY held ON blob USING (EXISTS (SELECT 1 FROM blob_owner o
         WHERE o.sha256 = blob.sha256 AND o.center_code = (SELECT district_center())))""",
    # --- 3. the audit anchor: each centre's last accepted entry, and what it last reported ---
    """CREATE TABLE audit_anchor (center_code text PRIMARY KEY, seq bigint NOT NULL,
         hash text NOT NULL, at timestamptz NOT NULL DEFAULT now(), reported_seq bigint,
         reported_hash text, reported_at timestamptz)""",
    """INSERT INTO audit_anchor (center_code, seq, hash)
       SELECT DISTINCT ON (center_code) center_code, seq, hash FROM audit_event
        ORDER BY center_code, seq DESC""",
    # Not unique: a district that ran before this revision may hold a reused seq.
    "CREATE INDEX ix_audit_event_seq ON audit_event (center_code, seq)",
    """CREATE TABLE audit_reject (id bigserial PRIMARY KEY, center_code text NOT NULL,
         seq bigint, entry_id text, hash text, reason text NOT NULL,
         at timestamptz NOT NULL DEFAULT now())""",
    "ALTER TABLE audit_anchor ENABLE ROW LEVEL SECURITY",
    "CREATE POLICY own_rows ON audit_anchor USING (center_code = (SELECT district_center()))",
    "GRANT SELECT ON audit_anchor TO rentdesk_center",
    "ALTER TABLE audit_reject ENABLE ROW LEVEL SECURITY",
    "CREATE POLICY own_rows ON audit_reject USING (center_code = (SELECT district_center()))",
    "GRANT SELECT ON audit_reject TO rentdesk_center",
    # app/staff/audit.py's _digest, byte for byte: json.dumps([...], ensure_ascii=False,
    # separators=(",", ":")) of the fields, `at` as Python's isoformat of a UTC datetime.
    """CREATE FUNCTION district_audit_digest(p_prev text, p_id text, p_center text,
         p_at timestamptz, p_staff text, p_action text, p_entity text, p_entity_id text,
         p_detail text) RETURNS text LANGUAGE sql STABLE SET search_path = pg_catalog AS $$
       SELECT encode(sha256(convert_to('[' || concat_ws(',',
         coalesce(to_json(p_prev)::text, 'null'), coalesce(to_json(p_id)::text, 'null'),
         coalesce(to_json(p_center)::text, 'null'),
         to_json(to_char(p_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS')
                 || CASE WHEN extract(microseconds FROM p_at)::bigint % 1000000 <> 0
                         THEN to_char(p_at AT TIME ZONE 'UTC', '.US') ELSE '' END
                 || '+00:00')::text,
         coalesce(to_json(p_staff)::text, 'null'), coalesce(to_json(p_action)::text, 'null'),
         coalesce(to_json(p_entity)::text, 'null'), coalesce(to_json(p_entity_id)::text, 'null'),
         coalesce(to_json(p_detail)::text, 'null')) || ']', 'UTF8')), 'hex') $$""",
    # --- 4. staging: a district-owned temp table the centre may only COPY into ---
    f"""CREATE FUNCTION district_stage(p_table text, p_cols text[]) RETURNS text
       LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
    DECLARE c text := district_center(); stg text := 'stg_' || p_table; bad text; cols text;
    BEGIN
      IF c IS NULL THEN
        RAISE EXCEPTION 'login % is not a centre', session_user USING ERRCODE = 'RDC04';
      END IF;
      IF p_table = 'blob' THEN
        cols := 'sha256 text, kind text, size bigint, data bytea';
      ELSIF p_table = 'deletes' THEN
        cols := 'table_name text, id text';
      ELSIF EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = 'public'
                     AND table_name = p_table AND column_name = 'src_batch_no') THEN
        SELECT string_agg(x, ', ') INTO bad FROM unnest(p_cols) x
         WHERE x = ANY (ARRAY{list(DISTRICT_ONLY)!r}::text[]) OR NOT EXISTS (
               SELECT 1 FROM information_schema.columns WHERE table_schema = 'public'
                  AND table_name = p_table AND column_name = x);
        IF bad IS NOT NULL OR NOT ('id' = ANY (p_cols)) THEN
          RAISE EXCEPTION 'columns % may not be sent for %', coalesce(bad, '(no id)'), p_table
            USING ERRCODE = 'RDV09';
        END IF;
      ELSE
        RAISE EXCEPTION 'no table % to send', p_table USING ERRCODE = 'RDV09';
      END IF;
      EXECUTE format('DROP TABLE IF EXISTS pg_temp.%I', stg);
      IF cols IS NOT NULL THEN
        EXECUTE format('CREATE TEMP TABLE %I (%s) ON COMMIT DROP', stg, cols);
      ELSE
        EXECUTE format('CREATE TEMP TABLE %I ON COMMIT DROP AS SELECT %s FROM public.%I '
                       'WITH NO DATA', stg,
                       (SELECT string_agg(quote_ident(x), ', ') FROM unnest(p_cols) x), p_table);
      END IF;
      EXECUTE format('GRANT INSERT ON pg_temp.%I TO %I', stg, session_user);
      RETURN stg;
    END $$""",
    # --- 5. blobs: the hash of the bytes must be the key; answers only about one's own ---
    """CREATE OR REPLACE FUNCTION district_missing_blobs(p_sha text[]) RETURNS text[]
       LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
       SELECT coalesce(array_agg(x), '{}') FROM unnest(p_sha) x
        WHERE NOT EXISTS (SELECT 1 FROM blob_owner o WHERE o.sha256 = x
                             AND o.center_code = district_center()) $$""",
    f"""CREATE FUNCTION district_put_blobs() RETURNS jsonb LANGUAGE plpgsql SECURITY DEFINER
       SET search_path = public, pg_temp AS $$
    DECLARE c text := district_center(); bad jsonb; n int;
    BEGIN
      IF c IS NULL THEN
        RAISE EXCEPTION 'login % is not a centre', session_user USING ERRCODE = 'RDC04';
      END IF;
      IF {_STAGED.replace('%L', "'stg_blob'")} IS NULL THEN
        RAISE EXCEPTION 'stage the blobs with district_stage(''blob'', …) first'
          USING ERRCODE = 'RDV09';
      END IF;
      CREATE TEMP TABLE blob_checked ON COMMIT DROP AS
        SELECT sha256, kind, size, data, sha256 ~ '^[0-9a-f]{{64}}$'
               AND octet_length(data) <= {BLOB_MAX_BYTES} AND size = octet_length(data)
               AND encode(sha256(data), 'hex') = sha256 AS ok
          FROM pg_temp.stg_blob;
      INSERT INTO blob (sha256, kind, size, data, center_code)
      SELECT DISTINCT ON (sha256) sha256, kind, size, data, c FROM blob_checked WHERE ok
      ON CONFLICT (sha256) DO NOTHING;
      INSERT INTO blob_owner (sha256, center_code)
      SELECT DISTINCT sha256, c FROM blob_checked WHERE ok ON CONFLICT DO NOTHING;
      GET DIAGNOSTICS n = ROW_COUNT;
      SELECT coalesce(jsonb_agg(DISTINCT sha256), '[]') INTO bad FROM blob_checked WHERE NOT ok;
      DROP TABLE blob_checked;
      RETURN jsonb_build_object('accepted', n, 'refused', bad);
    END $$""",
]

DOWNGRADE = [
    "DROP FUNCTION IF EXISTS district_put_blobs()",
    "DROP FUNCTION IF EXISTS district_stage(text, text[])",
    "DROP FUNCTION IF EXISTS district_audit_head(bigint, text)",
    "DROP FUNCTION IF EXISTS district_audit_digest(text, text, text, timestamptz, text, text, "
    "text, text, text)",
    "DROP FUNCTION IF EXISTS district_merge_staged(text, bigint)",
    "DROP TABLE IF EXISTS audit_reject",
    "DROP TABLE IF EXISTS audit_anchor",
    "DROP INDEX IF EXISTS ix_audit_event_seq",
    "DROP POLICY IF EXISTS held ON blob",
    "CREATE POLICY own_rows ON blob USING (center_code = (SELECT district_center()))"
    " WITH CHECK (center_code = (SELECT district_center()))",
    "DROP TABLE IF EXISTS blob_owner",
]
