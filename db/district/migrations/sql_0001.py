"""Revision 0001's hand-written part: centre logins, row-level security, the batch functions.

Frozen with revision 0001 (a later revision adds its own file, never edits this one).

Security model: every centre logs in with its own role, member of `rentdesk_center`.
`district_center()` maps the login (session_user) to its centre code; each mirrored table's
policy lets a centre see and write only rows whose center_code is its own, and column
grants keep district-owned columns (card screening, central revocation, district_cap)
out of its reach. Work that must look across centres — spotting one person registered by
two centres, one person holding two active cards — runs in SECURITY DEFINER functions
that reveal to a centre only the conflicts it is part of.
"""

MIRRORED_TABLES = ("center", "company", "building", "landlord", "unit", "person", "id_document",
                   "tenancy", "card", "card_event", "staff", "training", "collection_form",
                   "fault_ticket")

DISTRICT_OWNED = ("doc_key", "district_state", "central_revoked_at", "central_reason")

_TABLES = "ARRAY[" + ", ".join(f"'{t}'" for t in MIRRORED_TABLES) + "]"
_OWNED = ", ".join(f"'{c}'" for c in DISTRICT_OWNED)

UPGRADE = [
    """DO $$ BEGIN CREATE ROLE rentdesk_center NOLOGIN;
       EXCEPTION WHEN duplicate_object THEN NULL; END $$""",
    """CREATE FUNCTION district_center() RETURNS text LANGUAGE sql STABLE SECURITY DEFINER
       SET search_path = public, pg_temp AS
       $$ SELECT center_code FROM center_role WHERE role_name = session_user $$""",
    f"""DO $$ DECLARE t text; ins text; upd text; BEGIN
      FOREACH t IN ARRAY {_TABLES} LOOP
        SELECT string_agg(quote_ident(column_name), ', ') INTO ins
          FROM information_schema.columns WHERE table_schema = 'public' AND table_name = t
           AND column_name NOT IN ('received_at', {_OWNED});
        SELECT string_agg(quote_ident(column_name), ', ') INTO upd
          FROM information_schema.columns WHERE table_schema = 'public' AND table_name = t
           AND column_name NOT IN ('id', 'center_code', 'district_cap', {_OWNED});
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        -- (SELECT …) makes the centre lookup an InitPlan: once per statement, not per row.
        EXECUTE format('CREATE POLICY own_rows ON %I USING (center_code = (SELECT district_center()))'
                       ' WITH CHECK (center_code = (SELECT district_center()))', t);
        EXECUTE format('GRANT SELECT, DELETE ON %I TO rentdesk_center', t);
        EXECUTE format('GRANT INSERT (%s) ON %I TO rentdesk_center', ins, t);
        EXECUTE format('GRANT UPDATE (%s) ON %I TO rentdesk_center', upd, t);
      END LOOP; END $$""",
    "ALTER TABLE blob ENABLE ROW LEVEL SECURITY",
    "CREATE POLICY own_rows ON blob USING (center_code = (SELECT district_center()))"
    " WITH CHECK (center_code = (SELECT district_center()))",
    "GRANT SELECT, INSERT ON blob TO rentdesk_center",
    "ALTER TABLE decision ENABLE ROW LEVEL SECURITY",
    "CREATE POLICY own_rows ON decision USING (center_code = (SELECT district_center()))",
    "GRANT SELECT ON decision TO rentdesk_center",
    "ALTER TABLE conflict ENABLE ROW LEVEL SECURITY",
    "CREATE POLICY involved ON conflict USING ((SELECT district_center()) = ANY (centers))",
    "GRANT SELECT ON conflict TO rentdesk_center",
    "ALTER TABLE applied_batch ENABLE ROW LEVEL SECURITY",
    "CREATE POLICY own_rows ON applied_batch USING (center_code = (SELECT district_center()))",
    "GRANT SELECT ON applied_batch TO rentdesk_center",
    "ALTER TABLE center_replica ENABLE ROW LEVEL SECURITY",
    "CREATE POLICY own_rows ON center_replica USING (center_code = (SELECT district_center()))",
    "GRANT SELECT ON center_replica TO rentdesk_center",
    "GRANT SELECT ON alembic_version TO rentdesk_center",
    # --- one batch: begin (ordering and replica checks), then finish (screen, record) ---
    """CREATE FUNCTION district_begin_batch(p_batch_id text, p_batch_no bigint, p_epoch text)
       RETURNS jsonb LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
    DECLARE c text := district_center(); r center_replica; a jsonb;
    BEGIN
      IF c IS NULL THEN
        RAISE EXCEPTION 'login % is not a centre', session_user USING ERRCODE = 'RDC04';
      END IF;
      -- Row lock: two syncs of one centre run one after the other.
      INSERT INTO center_replica (center_code) VALUES (c) ON CONFLICT DO NOTHING;
      SELECT * INTO r FROM center_replica WHERE center_code = c FOR UPDATE;
      SELECT answer INTO a FROM applied_batch WHERE batch_id = p_batch_id AND center_code = c;
      IF FOUND THEN
        RETURN a || '{"duplicate": true}'::jsonb;  -- a resend: change nothing, answer again
      END IF;
      IF r.epoch IS NULL THEN
        UPDATE center_replica SET epoch = p_epoch WHERE center_code = c;
      ELSIF r.epoch <> p_epoch THEN
        RAISE EXCEPTION 'replica epoch superseded' USING ERRCODE = 'RDE01',
          DETAIL = CASE WHEN p_epoch = ANY (r.old_epochs) THEN 'old' ELSE 'other' END;
      END IF;
      IF p_batch_no <= r.last_batch_no THEN
        RAISE EXCEPTION 'batch % is behind the district (last %)', p_batch_no, r.last_batch_no
          USING ERRCODE = 'RDS02';
      END IF;
      IF p_batch_no > r.last_batch_no + 1 THEN
        RAISE EXCEPTION 'batch % out of order (expected %)', p_batch_no, r.last_batch_no + 1
          USING ERRCODE = 'RDG03';
      END IF;
      RETURN NULL;
    END $$""",
    """CREATE FUNCTION district_finish_batch(p_batch_id text, p_batch_no bigint, p_epoch text,
         p_seq_lo bigint, p_seq_hi bigint, p_counts jsonb)
       RETURNS jsonb LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
    DECLARE c text := district_center(); refused jsonb; n_conflicts int; a jsonb;
    BEGIN
      -- Screening is serialised district-wide (held to commit; merges still run in
      -- parallel): each statement below then sees every card and document another centre
      -- committed before us, so two centres syncing at once cannot both win one person.
      PERFORM pg_advisory_xact_lock(74010001);
      -- Every lookup below is a correlated subquery or LATERAL … OFFSET 0 / LIMIT 1: one
      -- parameterised index probe per row, never a join order guessed from the statistics
      -- of tables that were empty a moment ago (a hash/loop guess cost 14 s per batch).
      --
      -- The district knows a person by document: key this centre's new cards by the
      -- holder's (resident ID first) document. No center_code filter on id_document: it
      -- tempts the planner into scanning the centre's documents once per card.
      UPDATE card k SET doc_key = (
        SELECT i.kind || ':' || i.country || ':' || i.number FROM id_document i
         WHERE i.person_id = k.person_id
         ORDER BY (i.kind <> 'resident'), i.kind, i.country, i.number LIMIT 1)
       WHERE k.center_code = c AND k.district_state = 'pending';
      -- One person registered by two centres: kept on both sides, flagged for review.
      WITH found AS (
        SELECT DISTINCT ON (m.kind, m.country, m.number, o.center_code)
               m.kind || ':' || m.country || ':' || m.number AS doc, o.center_code AS other,
               o.person_id AS other_person, m.person_id AS my_person
          FROM id_document m CROSS JOIN LATERAL (
               SELECT o.center_code, o.person_id FROM id_document o
                WHERE o.kind = m.kind AND o.country = m.country AND o.number = m.number
                  AND o.center_code <> m.center_code OFFSET 0) o
         WHERE m.center_code = c AND m.src_batch_no = p_batch_no),
      made AS (
        INSERT INTO conflict (id, kind, dedup_key, doc_key, centers, rows)
        SELECT gen_random_uuid()::text, 'same_person',
               'same_person:' || doc || ':' || least(c, other) || ':' || greatest(c, other),
               doc, ARRAY[other, c],
               jsonb_build_object('person', jsonb_build_array(other_person, my_person))
          FROM found ON CONFLICT (dedup_key) DO NOTHING RETURNING id, centers)
      INSERT INTO decision (center_code, kind, row_id)
      SELECT cc, 'conflict', made.id FROM made, unnest(made.centers) cc;
      -- rule R6 district-wide: a second active card for one person is refused (it stays
      -- stored, marked refused); the card the district accepted first wins.
      WITH clash AS (
        SELECT p.id AS refused_id, p.person_id AS refused_person, w.id AS winner_id,
               w.person_id AS winner_person, w.center_code AS winner_center, p.doc_key
          FROM card p CROSS JOIN LATERAL (
               SELECT w.id, w.person_id, w.center_code FROM card w
                WHERE w.doc_key = p.doc_key AND w.status = 'active'
                  AND w.district_state = 'accepted' LIMIT 1) w
         WHERE p.center_code = c AND p.district_state = 'pending' AND p.status = 'active'
           AND p.doc_key IS NOT NULL),
      marked AS (
        UPDATE card SET district_state = 'refused' FROM clash
         WHERE card.id = clash.refused_id RETURNING card.id),
      made AS (
        INSERT INTO conflict (id, kind, dedup_key, doc_key, centers, rows)
        SELECT gen_random_uuid()::text, 'card_refused', 'card_refused:' || refused_id, doc_key,
               CASE WHEN winner_center = c THEN ARRAY[c] ELSE ARRAY[winner_center, c] END,
               jsonb_build_object('card', jsonb_build_array(winner_id, refused_id),
                                  'person', jsonb_build_array(winner_person, refused_person),
                                  'winner_card', winner_id, 'refused_card', refused_id)
          FROM clash ON CONFLICT (dedup_key) DO NOTHING RETURNING id, centers, rows)
      INSERT INTO decision (center_code, kind, row_id, payload)
      SELECT cc, 'conflict', made.id, made.rows FROM made, unnest(made.centers) cc;
      UPDATE card SET district_state = 'accepted'
       WHERE center_code = c AND district_state = 'pending';
      SELECT coalesce(jsonb_agg(id), '[]'::jsonb) INTO refused FROM card
       WHERE center_code = c AND district_state = 'refused' AND src_batch_no = p_batch_no;
      SELECT count(*) INTO n_conflicts FROM conflict
       WHERE detected_at = now() AND c = ANY (centers);
      UPDATE center_replica SET last_batch_no = p_batch_no, last_seq = p_seq_hi,
             last_batch_at = now() WHERE center_code = c;
      a := jsonb_build_object('batch_id', p_batch_id, 'batch_no', p_batch_no,
                              'applied_at', now(), 'rows', p_counts,
                              'refused_cards', refused, 'conflicts', n_conflicts);
      INSERT INTO applied_batch (batch_id, center_code, batch_no, epoch, seq_lo, seq_hi, answer)
      VALUES (p_batch_id, c, p_batch_no, p_epoch, p_seq_lo, p_seq_hi, a);
      RETURN a;
    END $$""",
    """CREATE FUNCTION district_rebase(p_new_epoch text) RETURNS jsonb LANGUAGE plpgsql
       SECURITY DEFINER SET search_path = public, pg_temp AS $$
    DECLARE c text := district_center(); r center_replica;
    BEGIN
      INSERT INTO center_replica (center_code) VALUES (c) ON CONFLICT DO NOTHING;
      SELECT * INTO r FROM center_replica WHERE center_code = c FOR UPDATE;
      UPDATE center_replica
         SET old_epochs = CASE WHEN r.epoch IS NULL OR r.epoch = p_new_epoch THEN old_epochs
                               ELSE old_epochs || r.epoch END,
             epoch = p_new_epoch
       WHERE center_code = c;
      RETURN jsonb_build_object('last_batch_no', r.last_batch_no, 'last_seq', r.last_seq);
    END $$""",
    """CREATE FUNCTION district_missing_blobs(p_sha text[]) RETURNS text[] LANGUAGE sql STABLE
       SECURITY DEFINER SET search_path = public, pg_temp AS $$
       SELECT coalesce(array_agg(x), '{}') FROM unnest(p_sha) x
        WHERE NOT EXISTS (SELECT 1 FROM blob b WHERE b.sha256 = x) $$""",
    """CREATE FUNCTION district_resolve_conflict(p_id text, p_resolution text) RETURNS boolean
       LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
    DECLARE c text := district_center(); cs text[];
    BEGIN
      UPDATE conflict SET status = 'resolved', resolution = p_resolution, resolved_by = c,
             resolved_at = now()
       WHERE id = p_id AND status = 'open' AND c = ANY (centers) RETURNING centers INTO cs;
      IF cs IS NULL THEN RETURN false; END IF;
      INSERT INTO decision (center_code, kind, row_id) SELECT cc, 'conflict', p_id FROM unnest(cs) cc;
      RETURN true;
    END $$""",
    # --- the district's own decisions (district staff, not centre logins) ---
    """CREATE FUNCTION district_revoke_card(p_card text, p_reason text) RETURNS text
       LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
    DECLARE cc text;
    BEGIN
      UPDATE card SET status = 'revoked', ended_at = now(), end_reason = p_reason,
             central_revoked_at = now(), central_reason = p_reason
       WHERE id = p_card RETURNING center_code INTO cc;
      IF cc IS NOT NULL THEN
        INSERT INTO decision (center_code, kind, row_id, payload)
        VALUES (cc, 'card_revoked', p_card, jsonb_build_object('reason', p_reason, 'at', now()));
      END IF;
      RETURN cc;
    END $$""",
    """CREATE FUNCTION district_set_cap(p_building text, p_cap integer) RETURNS text
       LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
    DECLARE cc text;
    BEGIN
      UPDATE building SET district_cap = p_cap WHERE id = p_building RETURNING center_code INTO cc;
      IF cc IS NOT NULL THEN
        INSERT INTO decision (center_code, kind, row_id, payload)
        VALUES (cc, 'building_cap', p_building, jsonb_build_object('cap', p_cap));
      END IF;
      RETURN cc;
    END $$""",
    "REVOKE EXECUTE ON FUNCTION district_revoke_card(text, text) FROM PUBLIC",
    "REVOKE EXECUTE ON FUNCTION district_set_cap(text, integer) FROM PUBLIC",
]

DOWNGRADE = [
    "DROP FUNCTION IF EXISTS district_set_cap(text, integer)",
    "DROP FUNCTION IF EXISTS district_revoke_card(text, text)",
    "DROP FUNCTION IF EXISTS district_resolve_conflict(text, text)",
    "DROP FUNCTION IF EXISTS district_missing_blobs(text[])",
    "DROP FUNCTION IF EXISTS district_rebase(text)",
    "DROP FUNCTION IF EXISTS district_finish_batch(text, bigint, text, bigint, bigint, jsonb)",
    "DROP FUNCTION IF EXISTS district_begin_batch(text, bigint, text)",
    f"DO $$ DECLARE t text; BEGIN FOREACH t IN ARRAY {_TABLES} || ARRAY['blob', 'decision', "
    "'conflict', 'applied_batch', 'center_replica'] LOOP "
    "EXECUTE format('DROP POLICY IF EXISTS own_rows ON %I', t); END LOOP; END $$",
    "DROP POLICY IF EXISTS involved ON conflict",
    "DROP FUNCTION IF EXISTS district_center()",
]
