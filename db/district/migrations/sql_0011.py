"""Revision 0011 (H4): a card follows its holder's corrected document.

A card is keyed by its holder's document when it is merged, and screened (rule R6, one
active accepted card per document district-wide) only while it is `pending`. A document
whose number changed later — a correction of a row the district had not taken, or any
centre's batch that rewrites a number — left the card keyed by the old number (or by none:
a card whose holder's document was held back is accepted unkeyed), so one document could end
up with two active accepted cards. Now, under the screening lock, every card of this centre
(not centrally revoked, not merged in this batch) whose holder has a document in this batch
and whose key no longer matches that holder's documents is keyed again and set `pending`,
with this batch's number: the screening that follows decides it like a new card, and a refusal
is in this batch's answer.
"""

from db.district.migrations.sql_0010 import FINISH as _FINISH_0010

_ANCHOR = "      UPDATE card k SET doc_key = (\n"
_REKEY = """      -- rule R6: a card whose holder's document changed in this batch is screened again
      -- (H4): keyed by the document as it now is, pending like a new card.
      WITH changed AS MATERIALIZED (
        SELECT DISTINCT d.person_id FROM id_document d
         WHERE d.center_code = c AND d.src_batch_no = p_batch_no),
      rekey AS (
        SELECT k.id, (SELECT i.kind || ':' || i.country || ':' || i.number
                        FROM (SELECT * FROM id_document i WHERE i.person_id = k.person_id
                              OFFSET 0) i
                       WHERE i.center_code = c AND i.src_batch_no <= p_batch_no
                       ORDER BY (i.kind <> 'resident'), i.kind, i.country, i.number
                       LIMIT 1) AS doc_key
          FROM changed x
          CROSS JOIN LATERAL (SELECT * FROM card k WHERE k.person_id = x.person_id
                              OFFSET 0) k
         WHERE k.center_code = c AND k.src_batch_no < p_batch_no
           AND k.central_revoked_at IS NULL)
      UPDATE card k SET doc_key = r.doc_key, district_state = 'pending',
             src_batch_no = p_batch_no
        FROM rekey r
       WHERE k.id = r.id AND r.doc_key IS NOT NULL AND r.doc_key IS DISTINCT FROM k.doc_key;
"""
assert _FINISH_0010.count(_ANCHOR) == 1
FINISH = _FINISH_0010.replace(_ANCHOR, _REKEY + _ANCHOR)

UPGRADE = [FINISH]
DOWNGRADE = [_FINISH_0010]
