"""Revision 0010 (issue 11 item 8, issue 16): the initial upload fast again.

Measured at 30,000 tenants: `same_person` screening took 9.6 s of a 14 s upload. Its
"people this batch touches" set was an `IN (… UNION …)` that the planner joined by guessing
from the statistics of tables that were empty moments before, the trap revision 0001
already warned of. Now the set is materialised first (one pass over this batch's rows) and
every further step is a parameterised index probe per person (`LATERAL … OFFSET 0`), so a
batch costs what it carries whatever the statistics say. Semantics unchanged: only the
sender's documents of this batch or earlier, of a person with an active tenancy there.

Also: a new card gets its `doc_key` in the merge itself (documents are merged before
cards), so the batch writes each card row once less.
"""

from db.district.migrations.sql_0009 import FINISH as _FINISH_0009
from db.district.migrations.sql_0009 import MERGE as _MERGE_0009

_OLD_FOUND = _FINISH_0009[_FINISH_0009.index("      WITH found AS ("):
                          _FINISH_0009.index("      made AS (", _FINISH_0009.index("WITH found AS"))]

_NEW_FOUND = """      -- The people this batch touches (a tenancy of the batch, or a document of the batch of
      -- someone with an active tenancy at the sender), as a set first: the planner never
      -- guesses a join order from statistics of tables that were empty a moment ago.
      WITH touched AS MATERIALIZED (
        SELECT t.person_id FROM tenancy t
         WHERE t.center_code = c AND t.src_batch_no = p_batch_no AND t.moved_out_at IS NULL
        UNION
        SELECT d.person_id FROM id_document d
         WHERE d.center_code = c AND d.src_batch_no = p_batch_no AND EXISTS (
               SELECT 1 FROM tenancy t WHERE t.person_id = d.person_id AND t.center_code = c
                  AND t.moved_out_at IS NULL AND t.src_batch_no <= p_batch_no)),
      found AS (
        SELECT DISTINCT ON (m.kind, m.country, m.number, o.center_code)
               m.kind || ':' || m.country || ':' || m.number AS doc, o.center_code AS other,
               o.person_id AS other_person, m.person_id AS my_person
          FROM touched x
          -- A probe by person only; the centre and batch filters stay outside the OFFSET 0
          -- fence, else the planner ANDs in the (center_code, src_batch_no) index and reads
          -- the whole centre's documents once per person (5.6 s per batch at 30,000).
          CROSS JOIN LATERAL (
               SELECT m.kind, m.country, m.number, m.person_id, m.center_code, m.src_batch_no
                 FROM id_document m WHERE m.person_id = x.person_id OFFSET 0) m
          CROSS JOIN LATERAL (
               SELECT o.center_code, o.person_id FROM id_document o
                WHERE o.kind = m.kind AND o.country = m.country AND o.number = m.number
                  AND o.center_code <> m.center_code OFFSET 0) o
         -- only the sender's own documents of this batch or earlier (fix 11)
         WHERE m.center_code = c AND m.src_batch_no <= p_batch_no),
"""

# A new card is keyed by its holder's document as it is inserted (the documents are merged
# first), instead of by a second UPDATE that wrote every card of the batch again: a card
# row is written twice, not three times (1.8 s of a 15 s upload at 100,000 tenants).
_DOC_KEY = """(SELECT i.kind || '':'' || i.country || '':'' || i.number
         FROM (SELECT * FROM public.id_document i WHERE i.person_id = s.person_id OFFSET 0) i
        WHERE i.center_code = %L AND i.src_batch_no <= %s
        ORDER BY (i.kind <> ''resident''), i.kind, i.country, i.number LIMIT 1)"""
_OLD_EXTRA = """      IF t = 'tenancy' THEN  -- rule R2: delivered = when the district first applied the row
        extra_c := ', delivered_at'; extra_v := ', now()';
      END IF;"""
_NEW_EXTRA = _OLD_EXTRA + f"""
      IF t = 'card' THEN  -- keyed only by the sender's own documents, batch or earlier (fix 11)
        extra_c := ', doc_key';
        extra_v := format(', {_DOC_KEY}', c, p_batch_no);
      END IF;"""
_OLD_FROM = "'SELECT %L, %s, %s%s FROM pg_temp.%I ON CONFLICT"
_NEW_FROM = "'SELECT %L, %s, %s%s FROM pg_temp.%I s ON CONFLICT"
assert _OLD_EXTRA in _MERGE_0009 and _OLD_FROM in _MERGE_0009
MERGE = _MERGE_0009.replace(_OLD_EXTRA, _NEW_EXTRA).replace(_OLD_FROM, _NEW_FROM)

_OLD_ORDER = "AND relname NOT IN ('stg_deletes', 'stg_blob') ORDER BY relname LOOP"
_NEW_ORDER = ("AND relname NOT IN ('stg_deletes', 'stg_blob')\n"
              "                 ORDER BY relname = 'stg_card', relname LOOP  -- documents before cards")
# Cards the merge could not key (no document of the sender's yet) are keyed here, as before.
_OLD_KEY_WHERE = "       WHERE k.center_code = c AND k.district_state = 'pending';"
_NEW_KEY_WHERE = ("       WHERE k.center_code = c AND k.district_state = 'pending' "
                  "AND k.doc_key IS NULL;")
assert _OLD_FOUND in _FINISH_0009 and _OLD_ORDER in _FINISH_0009
assert _FINISH_0009.count(_OLD_KEY_WHERE) == 1
FINISH = (_FINISH_0009.replace(_OLD_FOUND, _NEW_FOUND).replace(_OLD_ORDER, _NEW_ORDER)
          .replace(_OLD_KEY_WHERE, _NEW_KEY_WHERE))

UPGRADE = [MERGE, FINISH]
DOWNGRADE = [_MERGE_0009, _FINISH_0009]
