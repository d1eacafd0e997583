"""Revision 0009 (fix 11): the trust boundary after a hostile centre's attack.

1. The merge never touches another centre's rows: staged rows whose id the district holds
   under another centre are set aside (RDF05) BEFORE `INSERT … ON CONFLICT`, which would
   lock the conflicting row even when its `DO UPDATE … WHERE` is false. `lock_timeout`
   (60 s) is set at the start of `district_finish_batch`, so every wait ends with 55P03.
2. same_person screening runs only for a document of a person with an active tenancy in
   the sender's rows of this batch or earlier; a centre reads conflicts only through
   `centre_conflict`, which masks the document and never shows another centre's code,
   person or card ids; a same_person conflict whose document a centre deleted is withdrawn.
3. Rule R2: `tenancy.collected_at` is kept as first received (a later batch cannot move it).
4. `district_resolve_conflict` only records the centre's own note (≤ 500 characters, no
   control characters); closing a conflict is the district's (`office_resolve_conflict`).
"""

from db.district.migrations.sql_0001 import UPGRADE as _U1
from db.district.migrations.sql_0004 import _STAGED, DISTRICT_ONLY
from db.district.migrations.sql_0004_batch import UPGRADE as _U4B

_RESOLVE_0001 = next(s for s in _U1 if "FUNCTION district_resolve_conflict" in s).replace(
    "CREATE FUNCTION", "CREATE OR REPLACE FUNCTION")
_ONLY = "ARRAY" + repr(list(DISTRICT_ONLY)) + "::text[]"
NOTE_MAX = 500

MERGE = f"""CREATE OR REPLACE FUNCTION district_merge_staged(c text, t text, p_batch_no bigint)
       RETURNS jsonb LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
    DECLARE cols text[]; ins text; sets text; alien jsonb; extra_c text := ''; extra_v text := '';
    BEGIN
      SELECT array_agg(attname::text ORDER BY attnum) INTO cols FROM pg_attribute
       WHERE attrelid = {_STAGED.replace('%L', "'stg_' || t")} AND attnum > 0
         AND NOT attisdropped AND attname <> 'center_code' AND attname <> ALL ({_ONLY})
         AND NOT (t = 'tenancy' AND attname = 'delivered_at')
         AND NOT (t = 'building' AND attname = 'district_cap');
      IF cols IS NULL THEN
        RAISE EXCEPTION 'staging table for % missing', t USING ERRCODE = 'RDV09';
      END IF;
      -- Rows carrying another centre's id are refused and taken out of the staging table
      -- before the merge: ON CONFLICT would lock that centre's row even when its WHERE is
      -- false, and a centre that never commits would stall the other one (fix 11, finding 1).
      EXECUTE format('SELECT coalesce(jsonb_agg(jsonb_build_object(''table'', %L, ''id'', s.id, '
                     '''sqlstate'', ''RDF05'', ''reason'', ''id belongs to another centre''))'
                     ', ''[]'') FROM pg_temp.%I s WHERE EXISTS (SELECT 1 FROM public.%I d '
                     'WHERE d.id = s.id AND d.center_code <> %L)', t, 'stg_' || t, t, c)
        INTO alien;
      IF alien <> '[]'::jsonb THEN
        EXECUTE format('DELETE FROM pg_temp.%I s WHERE EXISTS (SELECT 1 FROM public.%I d '
                       'WHERE d.id = s.id AND d.center_code <> %L)', 'stg_' || t, t, c);
      END IF;
      IF t = 'tenancy' THEN  -- rule R2: delivered = when the district first applied the row
        extra_c := ', delivered_at'; extra_v := ', now()';
      END IF;
      SELECT string_agg(quote_ident(x), ', ') INTO ins FROM unnest(cols) x;
      SELECT string_agg(CASE WHEN t = 'card' AND x IN ('status', 'ended_at', 'end_reason')
                  -- a central revocation wins over whatever the centre sends
                  THEN format('%1$I = CASE WHEN d.central_revoked_at IS NULL THEN EXCLUDED.%1$I '
                              'ELSE d.%1$I END', x)
                  -- rule R2: the start of the 24 h is the collected_at first received; a
                  -- later batch cannot move it to make a late delivery look on time
                  WHEN t = 'tenancy' AND x = 'collected_at'
                  THEN 'collected_at = coalesce(d.collected_at, EXCLUDED.collected_at)'
                  ELSE format('%1$I = EXCLUDED.%1$I', x) END, ', ')
        INTO sets FROM unnest(cols) x WHERE x <> 'id';
      -- The WHERE stays as a second guard (an id inserted by another centre meanwhile).
      EXECUTE format('INSERT INTO public.%I AS d (center_code, %s, src_batch_no%s) '
                     'SELECT %L, %s, %s%s FROM pg_temp.%I ON CONFLICT (id) DO UPDATE SET %s '
                     'src_batch_no = EXCLUDED.src_batch_no, received_at = now() '
                     'WHERE d.center_code = %L AND d.src_batch_no <= EXCLUDED.src_batch_no',
                     t, ins, extra_c, c, ins, p_batch_no, extra_v, 'stg_' || t,
                     coalesce(sets || ',', ''), c);
      RETURN alien;
    END $$"""

_FINISH = next(s for s in _U4B if "FUNCTION district_finish_batch" in s)
_OLD_SCREEN_WHERE = "         WHERE m.center_code = c AND m.src_batch_no = p_batch_no),"
_NEW_SCREEN_WHERE = """         WHERE m.center_code = c AND m.src_batch_no <= p_batch_no
           -- only a document of a person with an active tenancy at the sender (batch or
           -- earlier) screens: bare documents with guessed numbers reveal nothing (fix 11).
           -- The people this batch touches come first, as a set, so a batch costs what it
           -- carries, not the whole centre again (a per-document EXISTS made the initial
           -- upload quadratic).
           AND m.person_id IN (
                 SELECT t.person_id FROM tenancy t
                  WHERE t.center_code = c AND t.moved_out_at IS NULL
                    AND t.src_batch_no = p_batch_no
                 UNION
                 SELECT d.person_id FROM id_document d JOIN tenancy t
                     ON t.person_id = d.person_id AND t.center_code = c
                    AND t.moved_out_at IS NULL AND t.src_batch_no <= p_batch_no
                  WHERE d.center_code = c AND d.src_batch_no = p_batch_no)),"""
_OLD_LOCK = """      PERFORM set_config('lock_timeout', '60s', true);
      PERFORM pg_advisory_xact_lock(74010001);"""
_WITHDRAW = """      -- A same_person conflict whose document one of its centres has deleted is withdrawn.
      WITH gone AS (
        UPDATE conflict x SET status = 'withdrawn', resolved_by = 'district',
               resolution = 'document deleted by a centre', resolved_at = now()
         WHERE x.status = 'open' AND x.kind = 'same_person' AND c = ANY (x.centers)
           AND NOT EXISTS (SELECT 1 FROM id_document i WHERE i.center_code = c
                 AND i.kind || ':' || i.country || ':' || i.number = x.doc_key)
        RETURNING x.id, x.centers)
      INSERT INTO decision (center_code, kind, row_id)
      SELECT cc, 'conflict', gone.id FROM gone, unnest(gone.centers) cc;
"""
_BEGIN_MARK = "    BEGIN\n      IF c IS NULL THEN"
assert _OLD_SCREEN_WHERE in _FINISH and _OLD_LOCK in _FINISH and _BEGIN_MARK in _FINISH
FINISH = (_FINISH.replace(_OLD_SCREEN_WHERE, _NEW_SCREEN_WHERE)
          # every wait of this transaction (row, index key, advisory lock) ends after 60 s
          .replace(_BEGIN_MARK, "    BEGIN\n      PERFORM set_config('lock_timeout', '60s', true);"
                   "\n      IF c IS NULL THEN", 1)
          .replace(_OLD_LOCK, "      PERFORM pg_advisory_xact_lock(74010001);\n" + _WITHDRAW))

RESOLVE = f"""CREATE OR REPLACE FUNCTION district_resolve_conflict(p_id text, p_resolution text)
       RETURNS boolean LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
    DECLARE c text := district_center(); note text := btrim(p_resolution);
    BEGIN
      IF c IS NULL THEN
        RAISE EXCEPTION 'login % is not a centre', session_user USING ERRCODE = 'RDC04';
      END IF;
      IF note IS NULL OR note = '' OR char_length(note) > {NOTE_MAX} OR note ~ '[[:cntrl:]]' THEN
        RAISE EXCEPTION 'a centre''s note is 1-{NOTE_MAX} characters without control characters'
          USING ERRCODE = 'RDV09';
      END IF;
      -- A centre adds its own note; closing is the district's (office_resolve_conflict).
      UPDATE conflict SET center_notes = center_notes || jsonb_build_object(c, note)
       WHERE id = p_id AND status = 'open' AND c = ANY (centers);
      RETURN FOUND;
    END $$"""

_ME = "(SELECT district_center())"
VIEW = f"""CREATE VIEW centre_conflict WITH (security_barrier) AS
    SELECT x.id, x.kind, x.status,
           ARRAY(SELECT CASE WHEN cc = {_ME} THEN cc ELSE 'another centre' END
                   FROM unnest(x.centers) cc) AS centers,
           jsonb_strip_nulls(jsonb_build_object(
             'person', (SELECT coalesce(jsonb_agg(p), '[]') FROM jsonb_array_elements_text(
                          coalesce(x.rows -> 'person', '[]')) p WHERE EXISTS (SELECT 1 FROM person q
                          WHERE q.id = p AND q.center_code = {_ME})),
             'card', (SELECT coalesce(jsonb_agg(k), '[]') FROM jsonb_array_elements_text(
                          coalesce(x.rows -> 'card', '[]')) k WHERE EXISTS (SELECT 1 FROM card q
                          WHERE q.id = k AND q.center_code = {_ME})),
             'winner_card', (SELECT q.id FROM card q WHERE q.id = x.rows ->> 'winner_card'
                               AND q.center_code = {_ME}),
             'refused_card', (SELECT q.id FROM card q WHERE q.id = x.rows ->> 'refused_card'
                                AND q.center_code = {_ME}))) AS rows,
           split_part(x.doc_key, ':', 1) || ':' || split_part(x.doc_key, ':', 2) || ':'
             || '****' || right(split_part(x.doc_key, ':', 3), 2) AS doc_masked,
           x.detected_at, x.resolution,
           CASE WHEN x.resolved_by = {_ME} OR x.resolved_by LIKE 'district%'
                THEN x.resolved_by ELSE 'another centre' END AS resolved_by,
           x.resolved_at, x.center_notes ->> {_ME} AS my_note
      FROM conflict x WHERE {_ME} = ANY (x.centers)"""

UPGRADE = [
    "ALTER TABLE conflict ADD COLUMN center_notes jsonb NOT NULL DEFAULT '{}'",
    MERGE, FINISH, RESOLVE, VIEW,
    "REVOKE SELECT ON conflict FROM rentdesk_center",
    "GRANT SELECT ON centre_conflict TO rentdesk_center",
]

DOWNGRADE = [
    "DROP VIEW IF EXISTS centre_conflict",
    "GRANT SELECT ON conflict TO rentdesk_center",
    _U4B[1].replace("CREATE FUNCTION", "CREATE OR REPLACE FUNCTION"),
    _FINISH,
    _RESOLVE_0001,
    "ALTER TABLE conflict DROP COLUMN center_notes",
]
