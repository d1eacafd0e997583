"""Revision 0011: card screening (rule R6) that no centre can stall or steer.

Attack of 2026-12-03, with nothing but a centre's own login:
- `SELECT pg_advisory_lock(74010001)` in an idle session made every other centre's sync
  wait a minute and fail (55P03), for as long as the session stayed open: any login can take
  any advisory lock. The screening is now serialised by a lock on `screening_lock`, a table
  no centre has a grant on (LOCK and FOR UPDATE need one), taken only inside
  `district_finish_batch`. It waits at most `screening_lock.wait` (10 s): past that, the
  batch is applied and its new active cards stay `pending`, screened at the centre's next
  batch — a sync never fails for it. A centre can still hold the lock by leaving its own
  batch uncommitted; the next centre that wants it ends that session once it has sat idle
  in its transaction past `idle_limit` (60 s) or held it past `hold_limit` (5 min).
  (One advisory lock per document key, tried first, filled PostgreSQL's shared lock table
  at a 30,000-tenant upload — `out of shared memory` — so: one lock per batch.)
- A card sent before its holder's document was accepted unkeyed and never screened again;
  a document rewritten after its card, a second document that sorts first (a different
  key), a card ended and then sent again as active, or a new row carrying a number the
  district revoked: each gave one person two accepted active cards. Now a card is screened
  against every document of its holder (any shared document number is a clash), a card
  without a document waits for one, the active cards of a person whose documents change are
  screened again, a card woken up is screened again, and a centrally revoked number is never
  accepted on a new row.
- An office login's looks were serialised by an advisory lock named after the login: a
  centre taking it stalled that office's search for ever. Now a row lock on a table no one
  but the district's functions may touch.
- A `card_refused` decision carried both centres' card and person ids to each of them: the
  feed now names the conflict only (centres read it through `centre_conflict`).

The second attack (the same day) and what answers it: a document deleted under its card
(cards screened again), a card resent while active (screened again), a revoked card's
number or holder rewritten (frozen), documents not in the desk's canonical form (RDV12), a
building or tenancy deleted and resent to shed the district's facts (RDF13, tombstones),
screening answers read and rolled back (counted where a rollback cannot undo them, RDP14),
and a centre's login filling the lock table or the connection slots (no advisory locks,
four connections). The district objects for these live in sql_0011_guard.

The fast path of 0010 stays for the common case (one document, first card of its key in the
batch, nothing accepted for that document anywhere): accepted as it is inserted. Everything
else goes through one loop in `district_finish_batch`, card by card in id order.
"""

from db.district.migrations import sql_0011_guard as guard
from db.district.migrations.sql_0010 import FINISH as _FINISH_0010
from db.district.migrations.sql_0010 import MERGE as _MERGE_0010

# -- the merge: one document key plus its parts and how many keys the holder has ------------
_NEW_SOURCE = """(SELECT k.*, row_number() OVER (PARTITION BY k.doc_key, k.status = ''active''
                                            ORDER BY k.id) AS nth
         FROM (SELECT s.*, d.doc_key, d.doc_kind, d.doc_country, d.doc_number, d.n_keys
                 FROM pg_temp.stg_card s LEFT JOIN LATERAL (
                      SELECT i.kind || '':'' || i.country || '':'' || i.number AS doc_key,
                             i.kind AS doc_kind, i.country AS doc_country,
                             i.number AS doc_number, count(*) OVER () AS n_keys
                        FROM (SELECT * FROM public.id_document i
                               WHERE i.person_id = s.person_id OFFSET 0) i
                       WHERE i.center_code = %L AND i.src_batch_no <= %s
                       ORDER BY (i.kind <> ''resident''), i.kind, i.country, i.number
                       LIMIT 1) d ON true) k) s"""

# Accepted as inserted only when nothing can clash, and only under the screening lock (a
# concurrent centre's card of the same document is then committed or not yet begun).
_NEW_STATE = """CASE WHEN s.status IS DISTINCT FROM ''active'' THEN ''accepted''
         WHEN s.nth <> 1 OR s.n_keys IS DISTINCT FROM 1 THEN ''pending''
         WHEN EXISTS (SELECT 1 FROM public.card r WHERE r.number = s.number
                       AND r.central_revoked_at IS NOT NULL) THEN ''pending''
         WHEN EXISTS (SELECT 1 FROM (SELECT o.person_id, o.center_code FROM public.id_document o
                       WHERE o.kind = s.doc_kind AND o.country = s.doc_country
                         AND o.number = s.doc_number OFFSET 0) o
                      CROSS JOIN LATERAL (SELECT 1 FROM (SELECT * FROM public.card w
                       WHERE w.person_id = o.person_id OFFSET 0) w
                       WHERE w.center_code = o.center_code AND w.status = ''active''
                         AND w.district_state = ''accepted'' AND w.id <> s.id LIMIT 1) w)
         THEN ''pending''
         WHEN EXISTS (SELECT 1 FROM public.card w WHERE w.doc_key = s.doc_key
                       AND w.status = ''active'' AND w.district_state = ''accepted''
                       AND w.id <> s.id) THEN ''pending''
         ELSE ''accepted'' END"""

_OLD_STATE_START = "extra_v := ', s.doc_key, "
# A card sent again as active is screened again: woken up after it ended, handed to
# another holder, moved to another number, or its holder's document rewritten in the same
# batch — any of them could hide a second card. (Few cards are resent while active.)
_OLD_SETS = "coalesce(sets || ',', ''), c);"
_NEW_SETS = """coalesce(sets || ',', '') || CASE WHEN t = 'card' THEN
                       ' district_state = CASE WHEN EXCLUDED.status = ''active'' '
                       'AND d.central_revoked_at IS NULL '
                       'THEN ''pending'' ELSE d.district_state END,' ELSE '' END, c);"""


# A centrally revoked card is the district's record: every column stays as revoked (its
# number and holder too, not only its status).
_OLD_REVOKED_COLS = "WHEN t = 'card' AND x IN ('status', 'ended_at', 'end_reason')"
_NEW_REVOKED_COLS = "WHEN t = 'card'"
# Documents as the desk writes them (upper-case ASCII letters and digits, a three-letter
# country, a resident ID number only as a resident ID): the district compares documents
# by their text, so "11…x", " 11…X" or full-width digits would be a second person.
_CANON = """
      IF t = 'id_document' THEN
        SELECT coalesce(jsonb_agg(jsonb_build_object('table', 'id_document', 'id', s.id,
                 'sqlstate', 'RDV12', 'reason', 'document not in canonical form')), '[]')
          INTO bad FROM pg_temp.stg_id_document s WHERE NOT district_canonical_document(s.kind, s.country, s.number);
        IF bad <> '[]'::jsonb THEN
          DELETE FROM pg_temp.stg_id_document s
           WHERE NOT district_canonical_document(s.kind, s.country, s.number);
          alien := alien || bad;
        END IF;
      END IF;"""
_OLD_ALIEN_END = """                       'WHERE d.id = s.id AND d.center_code <> %L)', 'stg_' || t, t, c);
      END IF;"""


def _merge() -> str:
    start = _MERGE_0010.index("(SELECT k.*, row_number()")
    end = _MERGE_0010.index("pg_temp.stg_card s) k) s") + len("pg_temp.stg_card s) k) s")
    merge = _MERGE_0010[:start] + _NEW_SOURCE + _MERGE_0010[end:]
    s0 = merge.index(_OLD_STATE_START) + len(_OLD_STATE_START)
    s1 = merge.index("END';", s0) + len("END';")
    # without the screening lock (another centre held it past the wait) nothing is accepted
    # here: the cards stay pending for the centre's next batch
    merge = (merge[:s0] + "' || CASE WHEN district_screening_held() THEN '" + _NEW_STATE
             + "' ELSE '''pending''' END;" + merge[s1:])
    assert merge.count(_OLD_SETS) == 1 and merge.count(_OLD_REVOKED_COLS) == 1
    assert merge.count(_OLD_ALIEN_END) == 1
    merge = merge.replace("DECLARE cols text[];", "DECLARE bad jsonb; cols text[];")
    merge = merge.replace(_OLD_ALIEN_END, _OLD_ALIEN_END + _CANON + _GONE)
    return merge.replace(_OLD_SETS, _NEW_SETS).replace(_OLD_REVOKED_COLS, _NEW_REVOKED_COLS)


# -- finish: no global lock; re-screen what changed; one loop screens the pending cards ---
_LOCK_IN_LOOP = """        IF t = 'card' THEN  -- new cards' states are decided under the screening lock
          PERFORM pg_advisory_xact_lock(74010001);
        END IF;
"""
_LOCK_AFTER = """      -- A centre that holds the screening lock open (begin, finish, never commit) must not
      -- hang every other centre: they give up after a minute and sync again (55P03).
      PERFORM pg_advisory_xact_lock(74010001);
"""
_OLD_SCREEN = _FINISH_0010[_FINISH_0010.index("      UPDATE card k SET doc_key = ("):
                           _FINISH_0010.index("      -- One person registered by two centres")]
_OLD_CLASH = _FINISH_0010[_FINISH_0010.index("      -- rule R6 district-wide: a second active"):
                          _FINISH_0010.index("      SELECT count(*) INTO n_conflicts")]
_NEW_CLASH = """      IF screening THEN
        -- A person whose documents changed in this batch has its active cards screened
        -- again: a document rewritten after its card must not hide a second card, and a
        -- card refused for a mistyped number is accepted once the number is corrected.
        -- A probe by person (OFFSET 0) and the ids by array: a join the planner ordered from
        -- the statistics of tables filled a moment ago read the whole card table per person
        -- (28 s of a 33 s upload at 30,000 tenants).
        UPDATE card k SET district_state = 'pending'
         WHERE k.id = ANY (ARRAY(
               SELECT w.id FROM (SELECT person_id FROM pg_temp.district_touched
                                 UNION SELECT person_id FROM pg_temp.district_docs_changed
                                 -- a person without an open tenancy too (third attack)
                                 UNION SELECT d.person_id FROM id_document d
                                  WHERE d.center_code = c AND d.src_batch_no = p_batch_no) x
               CROSS JOIN LATERAL (SELECT w.id, w.center_code, w.status, w.district_state,
                                          w.src_batch_no
                                     FROM card w WHERE w.person_id = x.person_id OFFSET 0) w
                WHERE w.center_code = c AND w.status = 'active'
                  AND w.district_state IN ('accepted', 'refused')
                  AND w.src_batch_no < p_batch_no));
        -- rule R6 district-wide: a second active card for one person is refused (it stays
        -- stored, marked refused); the card the district accepted first wins. The answer
        -- lists this screening's refusals (a card screened again may be an older one).
        refused := district_screen_cards(c, p_batch_no);
      ELSE  -- the lock stayed busy past the wait: what cannot clash is accepted, the rest
            -- waits for the centre's next batch (the sync itself goes on)
        UPDATE card SET district_state = 'accepted'
         WHERE center_code = c AND district_state = 'pending' AND status IS DISTINCT FROM 'active';
        refused := '[]';
      END IF;
"""
_OLD_DELETES = """        FOR t IN SELECT DISTINCT s.table_name FROM pg_temp.stg_deletes s"""
_NEW_DELETES = """        -- whose documents go: their cards are screened again below (a card must not stay
        -- keyed by a document nobody holds any more)
        INSERT INTO pg_temp.district_docs_changed SELECT d.person_id FROM id_document d
          JOIN pg_temp.stg_deletes s ON s.table_name = 'id_document' AND s.id = d.id
         WHERE d.center_code = c;
""" + _OLD_DELETES
_OLD_DECLARE = "na jsonb := '[]'::jsonb; open_no bigint;"
assert _LOCK_IN_LOOP in _FINISH_0010 and _LOCK_AFTER in _FINISH_0010 and _OLD_CLASH
assert _OLD_DECLARE in _FINISH_0010
_NEW_LOCK_IN_LOOP = """        IF t = 'card' THEN  -- new cards' states are decided under the screening lock
          screening := district_screening_lock();
        END IF;
"""
_NEW_LOCK_AFTER = """      IF screening IS NULL THEN  -- a batch without cards may still screen pending ones
        screening := district_screening_lock();
      END IF;
"""
# A row carrying district facts (a building's cap, a tenancy's first collected_at and its
# delivered_at, rule R2) deleted and sent again would come back without them: its id is
# remembered, and a deleted building or tenancy never comes back under the same id.
_OLD_DELETE_SQL = """          EXECUTE format('DELETE FROM public.%I d USING pg_temp.stg_deletes s '
                         'WHERE s.table_name = %L AND d.id = s.id AND d.center_code = %L %s',
                         t, t, c, CASE WHEN t = 'card' THEN 'AND d.central_revoked_at IS NULL'
                                       ELSE '' END);"""
_NEW_DELETE_SQL = """          EXECUTE format('WITH gone AS (DELETE FROM public.%I d USING pg_temp.stg_deletes s '
                         'WHERE s.table_name = %L AND d.id = s.id AND d.center_code = %L %s '
                         'RETURNING d.id) INSERT INTO district_tombstone (table_name, id, '
                         'center_code) SELECT %L, id, %L FROM gone WHERE %L IN '
                         '(''building'', ''tenancy'') ON CONFLICT DO NOTHING',
                         t, t, c, CASE WHEN t = 'card' THEN 'AND d.central_revoked_at IS NULL'
                                       ELSE '' END, t, c, t);"""
_GONE = """
      IF t IN ('building', 'tenancy') THEN  -- a deleted id never comes back (its facts would not)
        EXECUTE format('SELECT coalesce(jsonb_agg(jsonb_build_object(''table'', %L, ''id'', s.id, '
                       '''sqlstate'', ''RDF13'', ''reason'', ''id deleted earlier'')), ''[]'') '
                       'FROM pg_temp.%I s WHERE EXISTS (SELECT 1 FROM district_tombstone g '
                       'WHERE g.table_name = %L AND g.id = s.id)', t, 'stg_' || t, t) INTO bad;
        IF bad <> '[]'::jsonb THEN
          EXECUTE format('DELETE FROM pg_temp.%I s WHERE EXISTS (SELECT 1 FROM '
                         'district_tombstone g WHERE g.table_name = %L AND g.id = s.id)',
                         'stg_' || t, t);
          alien := alien || bad;
        END IF;
      END IF;"""
_OLD_BEGIN = """      SELECT batch_no INTO open_no FROM pg_temp.district_batch_open;
"""
_NEW_BEGIN = _OLD_BEGIN + """      DROP TABLE IF EXISTS pg_temp.district_docs_changed;
      CREATE TEMP TABLE district_docs_changed (person_id text) ON COMMIT DROP;
"""
assert _FINISH_0010.count(_OLD_DELETES) == 1 and _FINISH_0010.count(_OLD_BEGIN) == 1
assert _FINISH_0010.count(_OLD_DELETE_SQL) == 1
FINISH = (_FINISH_0010.replace(_OLD_DELETES, _NEW_DELETES).replace(_OLD_BEGIN, _NEW_BEGIN)
          .replace(_OLD_DELETE_SQL, _NEW_DELETE_SQL)
          .replace(_LOCK_IN_LOOP, _NEW_LOCK_IN_LOOP)
          .replace(_LOCK_AFTER, _NEW_LOCK_AFTER)
          .replace(_OLD_DECLARE,
                   _OLD_DECLARE + " unseen bigint; n_shown bigint; screening boolean;")
          .replace(_OLD_SCREEN, "").replace(_OLD_CLASH, _NEW_CLASH))

# One card at a time, in id order, so a card accepted here is seen by the next one. Called
# only under the screening lock.
SCREEN = """CREATE OR REPLACE FUNCTION district_screen_cards(c text, p_batch_no bigint)
       RETURNS jsonb LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
    DECLARE r record; keys text[]; win record; refused jsonb := '[]';
    BEGIN
      FOR r IN SELECT p.id, p.person_id, p.number, p.status FROM card p
                WHERE p.center_code = c AND p.district_state = 'pending' ORDER BY p.id LOOP
        IF r.status IS DISTINCT FROM 'active' THEN
          UPDATE card SET district_state = 'accepted' WHERE id = r.id;
          CONTINUE;
        END IF;
        -- Every document the sender holds for this person (its own, this batch or earlier),
        -- the card's key first.
        SELECT array_agg(x.key ORDER BY x.ord) INTO keys FROM (
          SELECT DISTINCT ON (i.kind, i.country, i.number)
                 i.kind || ':' || i.country || ':' || i.number AS key,
                 ((i.kind <> 'resident')::int::text || i.kind || ':' || i.country || ':'
                  || i.number) AS ord
            FROM (SELECT * FROM id_document i WHERE i.person_id = r.person_id OFFSET 0) i
           WHERE i.center_code = c AND i.src_batch_no <= p_batch_no) x;
        IF keys IS NULL THEN
          CONTINUE;  -- no document yet: screened when one arrives
        END IF;
        UPDATE card SET doc_key = keys[1] WHERE id = r.id;
        IF EXISTS (SELECT 1 FROM card x WHERE x.number = r.number
                    AND x.central_revoked_at IS NOT NULL) THEN
          UPDATE card SET district_state = 'refused' WHERE id = r.id;  -- revoked by the district
          refused := refused || to_jsonb(r.id);
          CONTINUE;
        END IF;
        SELECT w.id, w.person_id, w.center_code, m.key INTO win
          FROM (SELECT m.kind, m.country, m.number, m.center_code, m.src_batch_no,
                       m.kind || ':' || m.country || ':' || m.number AS key
                  FROM id_document m WHERE m.person_id = r.person_id OFFSET 0) m
          CROSS JOIN LATERAL (SELECT o.person_id, o.center_code FROM id_document o
                WHERE o.kind = m.kind AND o.country = m.country AND o.number = m.number
                OFFSET 0) o
          CROSS JOIN LATERAL (SELECT w.id, w.person_id, w.center_code
                FROM (SELECT * FROM card w WHERE w.person_id = o.person_id OFFSET 0) w
                WHERE w.center_code = o.center_code AND w.status = 'active'
                  AND w.district_state = 'accepted' AND w.id <> r.id LIMIT 1) w
         WHERE m.center_code = c AND m.src_batch_no <= p_batch_no
         UNION ALL  -- a card still keyed by this document (the unique index's view)
        SELECT w.id, w.person_id, w.center_code, w.doc_key FROM card w
         WHERE w.doc_key = keys[1] AND w.status = 'active' AND w.district_state = 'accepted'
           AND w.id <> r.id
         ORDER BY 1 LIMIT 1;
        IF NOT FOUND THEN
          UPDATE card SET district_state = 'accepted' WHERE id = r.id;
          -- refused before, accepted now (its holder's document corrected): the conflict
          -- it raised is withdrawn, and both centres are told
          WITH gone AS (
            UPDATE conflict x SET status = 'withdrawn', resolved_by = 'district',
                   resolution = 'card screened again and accepted', resolved_at = now()
             WHERE x.id IN (SELECT y.id FROM conflict y WHERE y.dedup_key = 'card_refused:'
                             || r.id AND y.status = 'open' FOR UPDATE SKIP LOCKED)
            RETURNING x.id, x.centers)
          INSERT INTO decision (center_code, kind, row_id)
          SELECT cc, 'conflict', gone.id FROM gone, unnest(gone.centers) cc;
          CONTINUE;
        END IF;
        UPDATE card SET district_state = 'refused' WHERE id = r.id;
        refused := refused || to_jsonb(r.id);
        WITH made AS (
          INSERT INTO conflict (id, kind, dedup_key, doc_key, centers, rows)
          VALUES (gen_random_uuid()::text, 'card_refused', 'card_refused:' || r.id, win.key,
                  CASE WHEN win.center_code = c THEN ARRAY[c] ELSE ARRAY[win.center_code, c] END,
                  jsonb_build_object('card', jsonb_build_array(win.id, r.id),
                                     'person', jsonb_build_array(win.person_id, r.person_id),
                                     'winner_card', win.id, 'refused_card', r.id))
          ON CONFLICT (dedup_key) DO NOTHING RETURNING id, centers)
        -- The feed names the conflict only: each centre reads it through centre_conflict,
        -- which shows its own ids and never the other centre's.
        INSERT INTO decision (center_code, kind, row_id)
        SELECT cc, 'conflict', made.id FROM made, unnest(made.centers) cc;
      END LOOP;
      RETURN refused;
    END $$"""

_OLD_TRIAL = """        RAISE EXCEPTION 'centre % is a trial centre', c USING ERRCODE = 'RDT06';
      END IF;
"""
_NEW_TRIAL = _OLD_TRIAL + """      unseen := district_probe_unseen(c);
      IF unseen IS NULL OR unseen > (SELECT probe_budget FROM screening_lock WHERE id = 1) THEN
        RAISE EXCEPTION 'centre % read screening answers and rolled them back % times; the '
                        'district must review (district_reset_probe_budget)', c, unseen
              USING ERRCODE = 'RDP14';
      END IF;
"""
_OLD_COUNTED = """      SELECT count(*) INTO n_conflicts FROM conflict
       WHERE detected_at = now() AND c = ANY (centers);
"""
_NEW_COUNTED = _OLD_COUNTED + """      -- what this batch was shown, once each: its same_person conflicts and refused cards
      -- (a refused card's own conflict is the same news)
      n_shown := jsonb_array_length(refused) + (SELECT count(*) FROM conflict
                  WHERE detected_at = now() AND c = ANY (centers) AND kind = 'same_person');
      IF n_shown > 0 THEN
        EXECUTE format('SELECT setval(%L, last_value + %s) FROM %I', 'probe_seen_' || lower(c),
                       n_shown, 'probe_seen_' || lower(c));
        UPDATE probe_count SET shown = shown + n_shown WHERE center_code = c;
      END IF;
"""

# A conflict row another centre holds (its note, in a transaction it never ends) is never
# waited for: a conflict that exists is not inserted again, and the withdrawal skips a row
# that is locked (withdrawn at a later batch). Waiting stalled the victim's every sync.
_OLD_MADE = "          FROM found ON CONFLICT (dedup_key) DO NOTHING RETURNING id, centers)"
_NEW_MADE = """          FROM found WHERE NOT EXISTS (SELECT 1 FROM conflict x WHERE x.dedup_key =
               'same_person:' || doc || ':' || least(c, other) || ':' || greatest(c, other))
          ON CONFLICT (dedup_key) DO NOTHING RETURNING id, centers)"""
_OLD_GONE = """         WHERE x.status = 'open' AND x.kind = 'same_person' AND c = ANY (x.centers)
           AND NOT EXISTS (SELECT 1 FROM id_document i WHERE i.center_code = c
                 AND i.kind || ':' || i.country || ':' || i.number = x.doc_key)"""
_NEW_GONE = """         WHERE x.id IN (SELECT y.id FROM conflict y WHERE y.status = 'open'
                 AND y.kind = 'same_person' AND c = ANY (y.centers)
                 AND NOT EXISTS (SELECT 1 FROM id_document i WHERE i.center_code = c
                       AND i.kind || ':' || i.country || ':' || i.number = y.doc_key)
                 FOR UPDATE SKIP LOCKED)"""
assert FINISH.count(_OLD_MADE) == 1 and FINISH.count(_OLD_GONE) == 1
FINISH = FINISH.replace(_OLD_MADE, _NEW_MADE).replace(_OLD_GONE, _NEW_GONE)
assert _FINISH_0010.count(_OLD_TRIAL) == 1 and FINISH.count(_OLD_COUNTED) == 1
FINISH = FINISH.replace(_OLD_TRIAL, _NEW_TRIAL).replace(_OLD_COUNTED, _NEW_COUNTED)
MERGE = _merge()

UPGRADE = [
    *guard.UP,
    "CREATE INDEX IF NOT EXISTS ix_card_revoked_number ON card (number) "
    "WHERE central_revoked_at IS NOT NULL",
    SCREEN,
    "REVOKE EXECUTE ON FUNCTION district_screen_cards(text, bigint) FROM PUBLIC",
    MERGE, FINISH,
    # Conflict decisions carried both centres' card and person ids (attack of 2026-12-03).
    "UPDATE decision SET payload = '{}' WHERE kind = 'conflict' AND payload <> '{}'",
    *guard.OFFICE_UP,
]
DOWNGRADE = [*guard.OFFICE_DOWN, _MERGE_0010, _FINISH_0010,
             "DROP FUNCTION IF EXISTS district_screen_cards(text, bigint)",
             "DROP INDEX IF EXISTS ix_card_revoked_number", *guard.DOWN]
