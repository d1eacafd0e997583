"""Revision 0005's hand-written part: the street office's desk (issue 16).

Two NOLOGIN group roles; each staff member is a LOGIN role granted one of them:
* `district_viewer` reads through the `office_*` read functions and views below (owned by
  the migrating admin, so they see every centre; RLS still binds the centres' logins).
  It has no privilege on any table and may execute no writing function.
* `district_admin` (also a viewer) writes only through the SECURITY DEFINER `office_*`
  functions: revoke a card, override a cap, resolve a conflict, manage a centre's login.
  Each of them, and every look at personal data (search, audit by person), writes a row
  to `office_audit` (who = session_user), which nobody may update or delete.
The centre-facing sync functions, and the centres' grants, are not touched here.
"""

OFFICE_ZONE = "Asia/Shanghai"

_ADMIN = "district_admin"
_VIEWER = "district_viewer"

# SQL mirror of app.identity.mask_id (6+4 kept for 15+ chars, 2+2 for 8+, 1+1 for 5+).
_MASK = """CREATE FUNCTION office_mask(p text) RETURNS text LANGUAGE sql IMMUTABLE
  SET search_path = public, pg_temp AS $$
  SELECT CASE WHEN p IS NULL THEN NULL
    WHEN length(p) >= 15 THEN left(p, 6) || repeat('*', length(p) - 10) || right(p, 4)
    WHEN length(p) >= 8 THEN left(p, 2) || repeat('*', length(p) - 4) || right(p, 2)
    WHEN length(p) >= 5 THEN left(p, 1) || repeat('*', length(p) - 2) || right(p, 1)
    ELSE repeat('*', length(p)) END $$"""

_AUDIT = [
    """CREATE TABLE office_audit (
         seq bigserial PRIMARY KEY,
         at timestamptz NOT NULL DEFAULT now(),
         who text NOT NULL DEFAULT session_user,
         action text NOT NULL,
         center_code text,
         target text,
         reason text,
         detail jsonb NOT NULL DEFAULT '{}')""",
    "CREATE INDEX ix_office_audit_at ON office_audit (at)",
    # Append-only even for code running as the owner (R10): a trigger, not just grants.
    """CREATE FUNCTION office_audit_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN RAISE EXCEPTION 'office_audit is append-only' USING ERRCODE = 'RDA01'; END $$""",
    """CREATE TRIGGER office_audit_no_change BEFORE UPDATE OR DELETE ON office_audit
       FOR EACH ROW EXECUTE FUNCTION office_audit_frozen()""",
    """CREATE TRIGGER office_audit_no_truncate BEFORE TRUNCATE ON office_audit
       FOR EACH STATEMENT EXECUTE FUNCTION office_audit_frozen()""",
    """CREATE FUNCTION office_log(p_action text, p_center text, p_target text, p_reason text,
         p_detail jsonb) RETURNS void LANGUAGE sql SECURITY DEFINER
       SET search_path = public, pg_temp AS $$
       INSERT INTO office_audit (action, center_code, target, reason, detail)
       VALUES (p_action, p_center, p_target, p_reason, coalesce(p_detail, '{}')) $$""",
]

# The pages' queries are shaped for these (each a range or point lookup, never a scan).
_INDEXES = [
    "CREATE INDEX ix_tenancy_collected ON tenancy (collected_at)",
    "CREATE INDEX ix_id_document_number ON id_document (number)",
    "CREATE INDEX ix_person_name ON person (name)",
    "CREATE INDEX ix_tenancy_person ON tenancy (person_id)",
    "CREATE INDEX ix_card_number ON card (number)",
    "CREATE INDEX ix_audit_event_at ON audit_event (at)",
    "CREATE INDEX ix_audit_event_entity ON audit_event (entity_id)",
    "CREATE INDEX ix_decision_at ON decision (at)",
    "CREATE INDEX ix_conflict_open ON conflict (detected_at) WHERE status = 'open'",
]

_READS = [
    # 各中心: one row per centre known to the district.
    """CREATE FUNCTION office_centres(p_since timestamptz) RETURNS TABLE (
         center_code text, name text, last_sync timestamptz, last_batch_no bigint,
         epoch text, old_epochs int, has_login boolean, refused_cards bigint,
         decisions_waiting bigint, late_records bigint, open_faults bigint,
         open_conflicts bigint)
       LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
       WITH codes AS (SELECT center_code FROM center_role UNION SELECT center_code FROM center_replica
                      UNION SELECT center_code FROM center),
       late AS (SELECT t.center_code, count(*) AS n FROM tenancy t
                 WHERE t.collected_at >= p_since AND t.collected_at < now() - interval '24 hours'
                   AND (t.delivered_at IS NULL OR t.delivered_at > t.collected_at + interval '24 hours')
                 GROUP BY t.center_code),
       faults AS (SELECT f.center_code, count(*) AS n FROM fault_ticket f
                   WHERE f.fixed_at IS NULL GROUP BY f.center_code),
       conflicts AS (SELECT cc AS center_code, count(*) AS n FROM conflict x, unnest(x.centers) cc
                      WHERE x.status = 'open' GROUP BY cc)
       SELECT c.center_code,
              (SELECT n.name FROM center n WHERE n.center_code = c.center_code LIMIT 1),
              r.last_batch_at, coalesce(r.last_batch_no, 0), r.epoch,
              coalesce(cardinality(r.old_epochs), 0),
              EXISTS (SELECT 1 FROM center_role cr JOIN pg_roles pr ON pr.rolname = cr.role_name
                       WHERE cr.center_code = c.center_code AND pr.rolcanlogin),
              (SELECT count(*) FROM card k WHERE k.center_code = c.center_code
                  AND k.district_state = 'refused'),
              (SELECT count(*) FROM decision d WHERE d.center_code = c.center_code
                  AND d.at > coalesce(r.last_batch_at, '-infinity')),
              coalesce(late.n, 0), coalesce(faults.n, 0), coalesce(conflicts.n, 0)
         FROM codes c LEFT JOIN center_replica r USING (center_code)
         LEFT JOIN late USING (center_code) LEFT JOIN faults USING (center_code)
         LEFT JOIN conflicts USING (center_code)
        ORDER BY c.center_code $$""",
    # 送达 (R2): per centre and local day of collection.
    """CREATE FUNCTION office_delivery(p_from timestamptz, p_to timestamptz, p_zone text)
       RETURNS TABLE (center_code text, day date, collected bigint, on_time bigint, late bigint,
         never bigint, paper_on_time bigint, paper_late bigint, paper_missing bigint)
       LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
       SELECT t.center_code, (t.collected_at AT TIME ZONE p_zone)::date, count(*),
              count(*) FILTER (WHERE t.delivered_at <= t.collected_at + interval '24 hours'),
              count(*) FILTER (WHERE t.delivered_at > t.collected_at + interval '24 hours'),
              count(*) FILTER (WHERE t.delivered_at IS NULL),
              count(*) FILTER (WHERE t.handed_over_at <= t.collected_at + interval '24 hours'),
              count(*) FILTER (WHERE t.handed_over_at > t.collected_at + interval '24 hours'),
              count(*) FILTER (WHERE t.handed_over_at IS NULL
                                 AND t.collected_at + interval '24 hours' < now())
         FROM tenancy t WHERE t.collected_at >= p_from AND t.collected_at < p_to
        GROUP BY 1, 2 ORDER BY 1, 2 $$""",
    # 统计与奖励 (R8): centre, company (by name and kind, district-wide) and building.
    """CREATE FUNCTION office_rewards(p_from timestamptz, p_to timestamptz)
       RETURNS TABLE (level text, center_code text, group_key text, group_code text,
         group_name text, company_kind text, collected bigint, on_time bigint, late bigint,
         undelivered bigint, verified_on_time bigint)
       LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
       WITH t AS MATERIALIZED (
         SELECT t.center_code, u.building_id, b.code AS building_code, b.name AS building_name,
                coalesce(co.name, '（无公司）') AS company_name, coalesce(co.kind, '') AS company_kind,
                t.delivered_at <= t.collected_at + interval '24 hours' AS on_time,
                t.delivered_at > t.collected_at + interval '24 hours' AS late,
                t.delivered_at IS NULL AS undelivered,
                EXISTS (SELECT 1 FROM id_document i WHERE i.person_id = t.person_id
                          AND i.verified) AS verified
           FROM tenancy t LEFT JOIN unit u ON u.id = t.unit_id
           LEFT JOIN building b ON b.id = u.building_id
           LEFT JOIN company co ON co.id = b.company_id
          WHERE t.collected_at >= p_from AND t.collected_at < p_to)
       SELECT CASE WHEN grouping(t.building_id) = 0 THEN 'building'
                   WHEN grouping(t.company_name) = 0 THEN 'company' ELSE 'center' END,
              t.center_code,
              CASE WHEN grouping(t.building_id) = 0 THEN t.building_id
                   WHEN grouping(t.company_name) = 0 THEN t.company_name || '/' || t.company_kind
                   ELSE t.center_code END,
              CASE WHEN grouping(t.building_id) = 0 THEN min(t.building_code)
                   WHEN grouping(t.company_name) = 0 THEN t.company_kind ELSE t.center_code END,
              CASE WHEN grouping(t.building_id) = 0 THEN min(t.building_name)
                   WHEN grouping(t.company_name) = 0 THEN t.company_name ELSE t.center_code END,
              t.company_kind,
              count(*), count(*) FILTER (WHERE t.on_time), count(*) FILTER (WHERE t.late),
              count(*) FILTER (WHERE t.undelivered),
              count(*) FILTER (WHERE t.on_time AND t.verified)
         FROM t GROUP BY GROUPING SETS ((t.center_code), (t.company_name, t.company_kind),
                                       (t.center_code, t.building_id))
        ORDER BY 1, 2, 3 $$""",
    # 冲突: every centre's conflicts, the document masked.
    """CREATE FUNCTION office_conflicts(p_open_only boolean, p_limit int) RETURNS TABLE (
         id text, kind text, doc_masked text, centers text[], status text, detected_at timestamptz,
         resolution text, resolved_by text, resolved_at timestamptz)
       LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
       SELECT x.id, x.kind, office_mask(split_part(x.doc_key, ':', 3)), x.centers, x.status,
              x.detected_at, x.resolution, x.resolved_by, x.resolved_at
         FROM conflict x WHERE NOT p_open_only OR x.status = 'open'
        ORDER BY x.detected_at DESC, x.id LIMIT p_limit $$""",
]

_LOOKS = [
    # 查询: a full document number or a full name; masked; every look audited.
    """CREATE FUNCTION office_search(p_query text, p_limit int) RETURNS TABLE (
         center_code text, person_id text, name text, doc_masked text, sex text,
         building_code text, unit_number text, collected_at timestamptz, moved_out_at timestamptz,
         card_id text, card_number text, card_status text, district_state text)
       LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
    #variable_conflict use_column
    DECLARE q text := btrim(coalesce(p_query, '')); by_doc boolean; ids text[];
    BEGIN
      IF length(q) < 2 OR length(q) > 64 THEN
        RAISE EXCEPTION 'bad query' USING ERRCODE = 'RDQ01';
      END IF;
      by_doc := q ~ '^[0-9A-Za-z()]{5,}$';
      IF by_doc THEN
        SELECT array_agg(DISTINCT i.person_id) INTO ids FROM id_document i WHERE i.number = upper(q);
      ELSE
        SELECT array_agg(p.id) INTO ids FROM person p WHERE p.name = q;
      END IF;
      ids := coalesce(ids[1:p_limit], '{}');
      PERFORM office_log('search', NULL, NULL, NULL, jsonb_build_object(
        'by', CASE WHEN by_doc THEN 'document' ELSE 'name' END,
        'query', CASE WHEN by_doc THEN office_mask(upper(q)) ELSE q END,
        'hits', cardinality(ids), 'person', to_jsonb(ids)));
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
    END $$""",
    # 审计: every centre's audit entries and the office's own, filtered; by person = a look.
    """CREATE FUNCTION office_audit_events(p_center text, p_staff text, p_action text,
         p_person text, p_from timestamptz, p_to timestamptz, p_limit int) RETURNS TABLE (
         source text, center_code text, at timestamptz, staff text, action text, entity text,
         entity_id text, detail text)
       LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
    #variable_conflict use_column
    DECLARE ents text[];
    BEGIN
      IF p_person IS NOT NULL AND btrim(p_person) <> '' THEN
        SELECT array_agg(DISTINCT x) INTO ents FROM (
          SELECT p.id AS pid FROM person p WHERE p.id = p_person
          UNION SELECT i.person_id FROM id_document i WHERE i.number = upper(btrim(p_person))) pp,
          LATERAL (SELECT pp.pid UNION ALL SELECT t.id FROM tenancy t WHERE t.person_id = pp.pid
                   UNION ALL SELECT k.id FROM card k WHERE k.person_id = pp.pid) e(x);
        ents := coalesce(ents, '{}');
        PERFORM office_log('audit_by_person', p_center, NULL, NULL, jsonb_build_object(
          'query', office_mask(upper(btrim(p_person))), 'entities', cardinality(ents)));
      END IF;
      RETURN QUERY
      SELECT * FROM (
        (SELECT 'centre'::text, a.center_code, a.at,
                coalesce((SELECT s.username FROM staff s WHERE s.id = a.staff_id), a.staff_id),
                a.action, a.entity, a.entity_id, a.detail
           FROM audit_event a
          WHERE (p_center IS NULL OR a.center_code = p_center)
            AND (p_action IS NULL OR a.action LIKE p_action || '%')
            AND (ents IS NULL OR a.entity_id = ANY (ents))
            AND (p_from IS NULL OR a.at >= p_from) AND (p_to IS NULL OR a.at < p_to)
            AND (p_staff IS NULL OR a.staff_id IN (SELECT s.id FROM staff s
                                                    WHERE s.username = p_staff OR s.id = p_staff))
          ORDER BY a.at DESC LIMIT p_limit)
        UNION ALL
        (SELECT 'district'::text, o.center_code, o.at, o.who, o.action, 'office'::text,
                o.target, concat_ws(' | ', o.reason, o.detail::text)
           FROM office_audit o
          WHERE (p_center IS NULL OR o.center_code = p_center)
            AND (p_action IS NULL OR o.action LIKE p_action || '%')
            AND (p_staff IS NULL OR o.who = p_staff)
            AND (ents IS NULL OR o.target = ANY (ents) OR o.detail->'person' ?| ents)
            AND (p_from IS NULL OR o.at >= p_from) AND (p_to IS NULL OR o.at < p_to)
          ORDER BY o.at DESC LIMIT p_limit)) u
      ORDER BY 3 DESC LIMIT p_limit;
    END $$""",
]

_WRITES = [
    # 撤卡: through the district's own revocation (which reaches the centre's download feed).
    """CREATE FUNCTION office_revoke_card(p_center text, p_card_number text, p_reason text)
       RETURNS text LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
    DECLARE k card;
    BEGIN
      IF length(btrim(coalesce(p_reason, ''))) < 2 THEN
        RAISE EXCEPTION 'a reason is required' USING ERRCODE = 'RDR01';
      END IF;
      SELECT * INTO k FROM card WHERE number = p_card_number AND center_code = upper(p_center)
       ORDER BY (status <> 'active'), issued_at DESC LIMIT 1;
      IF NOT FOUND THEN RAISE EXCEPTION 'no such card' USING ERRCODE = 'RDN01'; END IF;
      IF k.status <> 'active' THEN RAISE EXCEPTION 'card not active' USING ERRCODE = 'RDN02'; END IF;
      PERFORM district_revoke_card(k.id, btrim(p_reason));
      PERFORM office_log('revoke_card', k.center_code, k.id, btrim(p_reason),
                         jsonb_build_object('card_number', k.number, 'person', jsonb_build_array(k.person_id)));
      RETURN k.id;
    END $$""",
    # 核定人数: a building's cap overridden (NULL gives the computed cap back).
    """CREATE FUNCTION office_set_cap(p_center text, p_building_code text, p_cap int, p_reason text)
       RETURNS text LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
    DECLARE b building;
    BEGIN
      IF length(btrim(coalesce(p_reason, ''))) < 2 THEN
        RAISE EXCEPTION 'a reason is required' USING ERRCODE = 'RDR01';
      END IF;
      IF p_cap IS NOT NULL AND (p_cap < 0 OR p_cap > 100000) THEN
        RAISE EXCEPTION 'cap out of range' USING ERRCODE = 'RDR02';
      END IF;
      SELECT * INTO b FROM building WHERE code = p_building_code AND center_code = upper(p_center)
       LIMIT 1;
      IF NOT FOUND THEN RAISE EXCEPTION 'no such building' USING ERRCODE = 'RDN03'; END IF;
      PERFORM district_set_cap(b.id, p_cap);
      PERFORM office_log('set_cap', b.center_code, b.id, btrim(p_reason),
                         jsonb_build_object('building', b.code, 'old', b.district_cap, 'cap', p_cap));
      RETURN b.id;
    END $$""",
    # 冲突: resolved by district staff; both centres hear it at their next sync.
    """CREATE FUNCTION office_resolve_conflict(p_id text, p_resolution text) RETURNS boolean
       LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
    DECLARE cs text[];
    BEGIN
      IF length(btrim(coalesce(p_resolution, ''))) < 2 THEN
        RAISE EXCEPTION 'a resolution is required' USING ERRCODE = 'RDR01';
      END IF;
      UPDATE conflict SET status = 'resolved', resolution = btrim(p_resolution),
             resolved_by = 'district:' || session_user, resolved_at = now()
       WHERE id = p_id AND status = 'open' RETURNING centers INTO cs;
      IF cs IS NULL THEN RETURN false; END IF;
      INSERT INTO decision (center_code, kind, row_id) SELECT cc, 'conflict', p_id FROM unnest(cs) cc;
      PERFORM office_log('resolve_conflict', NULL, p_id, btrim(p_resolution),
                         jsonb_build_object('centers', to_jsonb(cs)));
      RETURN true;
    END $$""",
    # Centres' logins: (re)set a password, or stop a login; never a password in the log.
    """CREATE FUNCTION office_center_login(p_code text, p_password text) RETURNS text
       LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
    DECLARE code text := upper(btrim(p_code)); r text;
    BEGIN
      IF code !~ '^[0-9A-Z]{2,16}$' THEN RAISE EXCEPTION 'bad centre code' USING ERRCODE = 'RDR03'; END IF;
      IF length(coalesce(p_password, '')) < 8 THEN
        RAISE EXCEPTION 'weak password' USING ERRCODE = 'RDR04';
      END IF;
      r := 'rd_' || lower(code);
      IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) THEN
        EXECUTE format('ALTER ROLE %I LOGIN PASSWORD %L', r, p_password);
      ELSE
        EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L', r, p_password);
      END IF;
      EXECUTE format('GRANT rentdesk_center TO %I', r);
      INSERT INTO center_role (role_name, center_code) VALUES (r, code)
      ON CONFLICT (role_name) DO UPDATE SET center_code = EXCLUDED.center_code;
      PERFORM office_log('center_login', code, r, NULL, '{}');
      RETURN r;
    END $$""",
    """CREATE FUNCTION office_disable_center_login(p_code text, p_reason text) RETURNS text
       LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
    DECLARE r text;
    BEGIN
      IF length(btrim(coalesce(p_reason, ''))) < 2 THEN
        RAISE EXCEPTION 'a reason is required' USING ERRCODE = 'RDR01';
      END IF;
      SELECT role_name INTO r FROM center_role WHERE center_code = upper(btrim(p_code));
      IF r IS NULL THEN RAISE EXCEPTION 'no such centre login' USING ERRCODE = 'RDN04'; END IF;
      EXECUTE format('ALTER ROLE %I NOLOGIN', r);
      PERFORM office_log('center_login_disabled', upper(btrim(p_code)), r, btrim(p_reason), '{}');
      RETURN r;
    END $$""",
]

READ_FUNCTIONS = ("office_centres(timestamptz)", "office_delivery(timestamptz, timestamptz, text)",
                  "office_rewards(timestamptz, timestamptz)", "office_conflicts(boolean, int)",
                  "office_search(text, int)",
                  "office_audit_events(text, text, text, text, timestamptz, timestamptz, int)")
WRITE_FUNCTIONS = ("office_revoke_card(text, text, text)", "office_set_cap(text, text, int, text)",
                   "office_resolve_conflict(text, text)", "office_center_login(text, text)",
                   "office_disable_center_login(text, text)")
PRIVATE_FUNCTIONS = ("office_log(text, text, text, text, jsonb)",)

UPGRADE = [
    f"DO $$ BEGIN CREATE ROLE {_VIEWER} NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$",
    f"DO $$ BEGIN CREATE ROLE {_ADMIN} NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$",
    f"GRANT {_VIEWER} TO {_ADMIN}",
    f"GRANT SELECT ON alembic_version TO {_VIEWER}",
    _MASK, *_AUDIT, *_INDEXES, *_READS, *_LOOKS, *_WRITES,
    *[f"REVOKE EXECUTE ON FUNCTION {f} FROM PUBLIC"
      for f in READ_FUNCTIONS + WRITE_FUNCTIONS + PRIVATE_FUNCTIONS],
    *[f"GRANT EXECUTE ON FUNCTION {f} TO {_VIEWER}" for f in READ_FUNCTIONS],
    *[f"GRANT EXECUTE ON FUNCTION {f} TO {_ADMIN}" for f in WRITE_FUNCTIONS],
]

DOWNGRADE = [
    *[f"DROP FUNCTION IF EXISTS {f}" for f in READ_FUNCTIONS + WRITE_FUNCTIONS + PRIVATE_FUNCTIONS],
    "DROP FUNCTION IF EXISTS office_mask(text)",
    "DROP TABLE IF EXISTS office_audit",
    "DROP FUNCTION IF EXISTS office_audit_frozen()",
    *[f"DROP INDEX IF EXISTS {s.split()[2]}" for s in _INDEXES],
    f"REVOKE SELECT ON alembic_version FROM {_VIEWER}",
]
