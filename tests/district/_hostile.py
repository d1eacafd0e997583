"""A hostile centre's own protocol client: plain psycopg on its rd_<code> login (fix 11)."""
from __future__ import annotations

import uuid

import psycopg


def hostile_batch(url: str, stages: dict, commit: bool = True):
    """Begin a batch, COPY `stages` {table: (cols, rows)} into district_stage tables, finish.
    Returns (connection, answer); with commit=False the transaction is left open."""
    a = psycopg.connect(url, options="-c TimeZone=UTC")
    no, ep = a.execute("SELECT last_batch_no, epoch FROM center_replica").fetchone()
    a.execute("SELECT district_begin_batch(%s, %s, %s)", (str(uuid.uuid4()), no + 1, ep))
    for t, (cols, rows) in stages.items():
        stg = a.execute("SELECT district_stage(%s, %s)", (t, cols)).fetchone()[0]
        with a.cursor().copy(f"COPY pg_temp.{stg} ({', '.join(cols)}) FROM STDIN") as cp:
            for r in rows:
                cp.write_row(r)
    ans = a.execute("SELECT district_finish_batch(%s, %s, %s, 0, 0, '{}')",
                    (str(uuid.uuid4()), no + 1, ep)).fetchone()[0]
    if commit:
        a.commit()
    return a, ans


DOC_COLS = ["id", "person_id", "kind", "country", "number", "created_at", "updated_at", "verified"]


def doc_row(person_id: str, number: str) -> list:
    return [str(uuid.uuid4()), person_id, "resident", "CHN", number, "2026-01-01", "2026-01-01", True]


PERSON_COLS = ["id", "name", "created_at", "updated_at"]
TENANCY_COLS = ["id", "person_id", "unit_id", "collected_at", "created_at", "updated_at",
                "family_planning_due"]


def registered_tenant(number: str) -> tuple[dict, str, str]:
    """Stages for one person with an active tenancy and a document: (stages, person, doc id)."""
    person = str(uuid.uuid4())
    doc = doc_row(person, number)
    return ({"person": (PERSON_COLS, [[person, "x", "2026-01-01", "2026-01-01"]]),
             "tenancy": (TENANCY_COLS, [[str(uuid.uuid4()), person, "u", "2026-01-01",
                                         "2026-01-01", "2026-01-01", False]]),
             "id_document": (DOC_COLS, [doc])}, person, doc[0])
