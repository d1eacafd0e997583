"""Revision 0004's batch functions (issue 11): the merge moves inside the district.

`district_begin_batch` and `district_finish_batch` keep their signatures (a client of
revision 0003 gets a clear permission error rather than a silent half-sync). The merge
that the centre's login used to run itself is now `district_merge_staged`, called only by
`district_finish_batch` (EXECUTE revoked from PUBLIC): it takes the centre's rows from the
staging tables and writes them with the district's own values for every district column.
"""

from db.district.migrations.sql_0001 import UPGRADE as _U1
from db.district.migrations.sql_0004 import _STAGED, DISTRICT_ONLY, GENESIS

_OWN = "(SELECT oid FROM pg_roles WHERE rolname = current_user)"
_ONLY = "ARRAY" + repr(list(DISTRICT_ONLY)) + "::text[]"

_NOT_A_CENTRE = """
      IF c IS NULL THEN
        RAISE EXCEPTION 'login % is not a centre', session_user USING ERRCODE = 'RDC04';
      END IF;
      IF c LIKE 'TRIAL%' THEN  -- trial centres (demo data) never reach the district
        RAISE EXCEPTION 'centre % is a trial centre', c USING ERRCODE = 'RDT06';
      END IF;"""

# 0001's begin_batch, plus the trial refusal and a district-owned marker of the open batch
# (finish_batch merges only after a begin_batch of the same number in this transaction).
_BEGIN = next(s for s in _U1 if "district_begin_batch" in s)
_BEGIN = _BEGIN.replace("CREATE FUNCTION", "CREATE OR REPLACE FUNCTION").replace(
    """
      IF c IS NULL THEN
        RAISE EXCEPTION 'login % is not a centre', session_user USING ERRCODE = 'RDC04';
      END IF;""", _NOT_A_CENTRE).replace(
    "      RETURN NULL;\n    END $$",
    """      DROP TABLE IF EXISTS pg_temp.district_batch_open;
      CREATE TEMP TABLE district_batch_open ON COMMIT DROP AS SELECT p_batch_no AS batch_no;
      RETURN NULL;
    END $$""")
assert "district_batch_open" in _BEGIN and "RDT06" in _BEGIN

_FINISH_0001 = next(s for s in _U1 if "FUNCTION district_finish_batch" in s)
# rule R6 screening, unchanged except: the document key comes only from the sending
# centre's own rows of this batch or earlier (another centre's documents never key a card).
_SCREEN = _FINISH_0001[_FINISH_0001.index("      -- One person registered by two centres"):
                       _FINISH_0001.index("      SELECT coalesce(jsonb_agg(id)")]

UPGRADE = [
    _BEGIN,
    f"""CREATE FUNCTION district_merge_staged(c text, t text, p_batch_no bigint) RETURNS jsonb
       LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
    DECLARE cols text[]; ins text; sets text; n_done bigint; n_stg bigint; foreign jsonb;
            extra_c text := ''; extra_v text := '';
    BEGIN
      SELECT array_agg(attname::text ORDER BY attnum) INTO cols FROM pg_attribute
       WHERE attrelid = {_STAGED.replace('%L', "'stg_' || t")} AND attnum > 0
         AND NOT attisdropped AND attname <> 'center_code' AND attname <> ALL ({_ONLY})
         AND NOT (t = 'tenancy' AND attname = 'delivered_at')
         AND NOT (t = 'building' AND attname = 'district_cap');
      IF cols IS NULL THEN
        RAISE EXCEPTION 'staging table for % missing', t USING ERRCODE = 'RDV09';
      END IF;
      IF t = 'tenancy' THEN  -- rule R2: delivered = when the district first applied the row
        extra_c := ', delivered_at'; extra_v := ', now()';
      END IF;
      SELECT string_agg(quote_ident(x), ', ') INTO ins FROM unnest(cols) x;
      SELECT string_agg(CASE WHEN t = 'card' AND x IN ('status', 'ended_at', 'end_reason')
                  -- a central revocation wins over whatever the centre sends
                  THEN format('%1$I = CASE WHEN d.central_revoked_at IS NULL THEN EXCLUDED.%1$I '
                              'ELSE d.%1$I END', x)
                  ELSE format('%1$I = EXCLUDED.%1$I', x) END, ', ')
        INTO sets FROM unnest(cols) x WHERE x <> 'id';
      EXECUTE format('INSERT INTO public.%I AS d (center_code, %s, src_batch_no%s) '
                     'SELECT %L, %s, %s%s FROM pg_temp.%I ON CONFLICT (id) DO UPDATE SET %s '
                     'src_batch_no = EXCLUDED.src_batch_no, received_at = now() '
                     'WHERE d.center_code = %L AND d.src_batch_no <= EXCLUDED.src_batch_no',
                     t, ins, extra_c, c, ins, p_batch_no, extra_v, 'stg_' || t,
                     coalesce(sets || ',', ''), c);
      GET DIAGNOSTICS n_done = ROW_COUNT;
      EXECUTE format('SELECT count(*) FROM pg_temp.%I', 'stg_' || t) INTO n_stg;
      IF n_done >= n_stg THEN
        RETURN '[]'::jsonb;
      END IF;
      -- Rows left unwritten carry another centre's id: refused, never merged over it.
      EXECUTE format('SELECT coalesce(jsonb_agg(jsonb_build_object(''table'', %L, ''id'', s.id, '
                     '''sqlstate'', ''RDF05'', ''reason'', ''id belongs to another centre''))'
                     ', ''[]'') FROM pg_temp.%I s JOIN public.%I d ON d.id = s.id '
                     'WHERE d.center_code <> %L', t, 'stg_' || t, t, c) INTO foreign;
      RETURN foreign;
    END $$""",
    f"""CREATE FUNCTION district_merge_audit(c text, p_batch_no bigint) RETURNS jsonb
       LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
    DECLARE a_seq bigint; a_hash text; first_bad bigint; refused jsonb; top record;
    BEGIN
      SELECT seq, hash INTO a_seq, a_hash FROM audit_anchor WHERE center_code = c FOR UPDATE;
      IF NOT FOUND THEN
        a_seq := 0; a_hash := '{GENESIS}';
        INSERT INTO audit_anchor (center_code, seq, hash) VALUES (c, 0, a_hash);
      END IF;
      IF {_STAGED.replace('%L', "'stg_audit_event'")} IS NULL THEN
        RAISE EXCEPTION 'staging table for audit_event missing' USING ERRCODE = 'RDV09';
      END IF;
      -- New entries must extend the anchor: contiguous seq, each linked to the one before,
      -- each hash the digest of its own fields. Entries at or below the anchor are resends
      -- (identical: nothing to do) or rewrites (refused: the district keeps its original).
      DROP TABLE IF EXISTS pg_temp.audit_checked;
      CREATE TEMP TABLE audit_checked ON COMMIT DROP AS
        SELECT s.*, CASE WHEN s.hash = district_audit_digest(s.prev_hash, s.id, c, s.at,
                      s.staff_id, s.action, s.entity, s.entity_id, s.detail)
                     AND s.prev_hash = coalesce(lag(s.hash) OVER w, a_hash)
                     AND s.seq = coalesce(lag(s.seq) OVER w, a_seq) + 1
                    THEN 'ok' ELSE 'bad' END AS verdict
          FROM pg_temp.stg_audit_event s WHERE s.seq > a_seq WINDOW w AS (ORDER BY s.seq)
        UNION ALL
        SELECT s.*, CASE WHEN EXISTS (SELECT 1 FROM audit_event e WHERE e.center_code = c
                      AND e.seq = s.seq AND e.id = s.id AND e.hash = s.hash)
                    THEN 'same' ELSE 'rewritten' END
          FROM pg_temp.stg_audit_event s WHERE s.seq <= a_seq;
      SELECT min(seq) INTO first_bad FROM audit_checked WHERE verdict = 'bad';
      UPDATE audit_checked SET verdict = 'bad' WHERE verdict = 'ok' AND seq > first_bad;
      INSERT INTO audit_event (seq, id, center_code, at, staff_id, action, entity, entity_id,
                               detail, prev_hash, hash, src_batch_no)
      SELECT seq, id, c, at, staff_id, action, entity, entity_id, detail, prev_hash, hash,
             p_batch_no FROM audit_checked WHERE verdict = 'ok' ORDER BY seq
      ON CONFLICT (id) DO NOTHING;
      SELECT seq, hash INTO top FROM audit_checked WHERE verdict = 'ok' ORDER BY seq DESC LIMIT 1;
      IF FOUND THEN
        UPDATE audit_anchor SET seq = top.seq, hash = top.hash, at = now() WHERE center_code = c;
      END IF;
      INSERT INTO audit_reject (center_code, seq, entry_id, hash, reason)
      SELECT c, seq, id, hash, verdict FROM audit_checked WHERE verdict IN ('bad', 'rewritten');
      SELECT coalesce(jsonb_agg(jsonb_build_object('table', 'audit_event', 'id', id,
               'sqlstate', CASE verdict WHEN 'bad' THEN 'RDA07' ELSE 'RDA08' END,
               'reason', CASE verdict WHEN 'bad'
                 THEN 'entry does not extend the district''s audit anchor'
                 ELSE 'entry differs from the copy the district already holds' END)
             ORDER BY seq), '[]') INTO refused
        FROM audit_checked WHERE verdict IN ('bad', 'rewritten');
      RETURN refused;
    END $$""",
    f"""CREATE OR REPLACE FUNCTION district_finish_batch(p_batch_id text, p_batch_no bigint,
         p_epoch text, p_seq_lo bigint, p_seq_hi bigint, p_counts jsonb)
       RETURNS jsonb LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
    DECLARE c text := district_center(); refused jsonb; n_conflicts int; a jsonb; t text;
            na jsonb := '[]'::jsonb; open_no bigint;
    BEGIN{_NOT_A_CENTRE}
      IF {_STAGED.replace('%L', "'district_batch_open'")} IS NULL THEN
        RAISE EXCEPTION 'call district_begin_batch first' USING ERRCODE = 'RDV09';
      END IF;
      SELECT batch_no INTO open_no FROM pg_temp.district_batch_open;
      IF open_no IS DISTINCT FROM p_batch_no THEN
        RAISE EXCEPTION 'batch % was not begun', p_batch_no USING ERRCODE = 'RDV09';
      END IF;
      IF {_STAGED.replace('%L', "'stg_deletes'")} IS NOT NULL THEN
        FOR t IN SELECT DISTINCT s.table_name FROM pg_temp.stg_deletes s
                  WHERE s.table_name <> 'audit_event' AND EXISTS (
                        SELECT 1 FROM information_schema.columns i WHERE i.table_schema = 'public'
                           AND i.table_name = s.table_name AND i.column_name = 'src_batch_no') LOOP
          -- Only one's own rows; a centrally revoked card is the district's record.
          EXECUTE format('DELETE FROM public.%I d USING pg_temp.stg_deletes s '
                         'WHERE s.table_name = %L AND d.id = s.id AND d.center_code = %L %s',
                         t, t, c, CASE WHEN t = 'card' THEN 'AND d.central_revoked_at IS NULL'
                                       ELSE '' END);
        END LOOP;
      END IF;
      FOR t IN SELECT substr(relname, 5) FROM pg_class WHERE relnamespace = pg_my_temp_schema()
                 AND relkind = 'r' AND relname LIKE 'stg\\_%' AND relowner = {_OWN}
                 AND relname NOT IN ('stg_deletes', 'stg_blob') ORDER BY relname LOOP
        IF t = 'audit_event' THEN
          na := na || district_merge_audit(c, p_batch_no);
        ELSE
          na := na || district_merge_staged(c, t, p_batch_no);
        END IF;
      END LOOP;
      -- A centre that holds the screening lock open (begin, finish, never commit) must not
      -- hang every other centre: they give up after a minute and sync again (55P03).
      PERFORM set_config('lock_timeout', '60s', true);
      PERFORM pg_advisory_xact_lock(74010001);
      UPDATE card k SET doc_key = (
        SELECT i.kind || ':' || i.country || ':' || i.number
          FROM (SELECT * FROM id_document i WHERE i.person_id = k.person_id OFFSET 0) i
         WHERE i.center_code = c AND i.src_batch_no <= p_batch_no
         ORDER BY (i.kind <> 'resident'), i.kind, i.country, i.number LIMIT 1)
       WHERE k.center_code = c AND k.district_state = 'pending';
{_SCREEN}      SELECT coalesce(jsonb_agg(id), '[]'::jsonb) INTO refused FROM card
       WHERE center_code = c AND district_state = 'refused' AND src_batch_no = p_batch_no;
      SELECT count(*) INTO n_conflicts FROM conflict
       WHERE detected_at = now() AND c = ANY (centers);
      UPDATE center_replica SET last_batch_no = p_batch_no, last_seq = p_seq_hi,
             last_batch_at = now() WHERE center_code = c;
      a := jsonb_build_object('batch_id', p_batch_id, 'batch_no', p_batch_no,
                              'applied_at', now(), 'rows', p_counts,
                              'refused_cards', refused, 'conflicts', n_conflicts,
                              'not_accepted', na);
      INSERT INTO applied_batch (batch_id, center_code, batch_no, epoch, seq_lo, seq_hi, answer)
      VALUES (p_batch_id, c, p_batch_no, p_epoch, p_seq_lo, p_seq_hi, a);
      DROP TABLE pg_temp.district_batch_open;
      RETURN a;
    END $$""",
    f"""CREATE FUNCTION district_audit_head(p_seq bigint, p_hash text) RETURNS jsonb
       LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
    DECLARE c text := district_center(); a audit_anchor; state text;
    BEGIN
      IF c IS NULL THEN
        RAISE EXCEPTION 'login % is not a centre', session_user USING ERRCODE = 'RDC04';
      END IF;
      INSERT INTO audit_anchor (center_code, seq, hash) VALUES (c, 0, '{GENESIS}')
      ON CONFLICT DO NOTHING;
      SELECT * INTO a FROM audit_anchor WHERE center_code = c FOR UPDATE;
      state := CASE WHEN p_seq < a.seq THEN 'behind_anchor'
                    WHEN p_seq = a.seq AND p_hash IS DISTINCT FROM a.hash THEN 'differs'
                    WHEN p_seq = a.seq THEN 'ok' ELSE 'ahead' END;
      IF state IN ('behind_anchor', 'differs') THEN
        INSERT INTO audit_reject (center_code, seq, hash, reason)
        VALUES (c, p_seq, p_hash, 'reported head ' || state);
      END IF;
      UPDATE audit_anchor SET reported_seq = p_seq, reported_hash = p_hash, reported_at = now()
       WHERE center_code = c;
      RETURN jsonb_build_object('anchor_seq', a.seq, 'anchor_hash', a.hash, 'state', state);
    END $$""",
    "REVOKE EXECUTE ON FUNCTION district_merge_staged(text, text, bigint) FROM PUBLIC",
    "REVOKE EXECUTE ON FUNCTION district_merge_audit(text, bigint) FROM PUBLIC",
]

DOWNGRADE = [
    "DROP FUNCTION IF EXISTS district_audit_head(bigint, text)",
    "DROP FUNCTION IF EXISTS district_merge_audit(text, bigint)",
    "DROP FUNCTION IF EXISTS district_merge_staged(text, text, bigint)",
]
