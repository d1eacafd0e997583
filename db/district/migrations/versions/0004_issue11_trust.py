"""issue 11: centres write only through the protocol (staging + SECURITY DEFINER merge),
blobs checked on arrival and owned per centre, the audit anchor

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02 19:20:00
"""
from __future__ import annotations

from alembic import op

from db.district.migrations import sql_0004, sql_0004_batch

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    for statement in sql_0004.UPGRADE + sql_0004_batch.UPGRADE:
        op.execute(statement)


def downgrade() -> None:
    # Back to revision 0003's functions and grants (the centre merges with its own login).
    from db.district.migrations.sql_0001 import UPGRADE as u1
    from db.district.migrations.sql_0002 import UPGRADE as u2
    from db.district.migrations.sql_0003 import UPGRADE as u3

    for statement in sql_0004_batch.DOWNGRADE + sql_0004.DOWNGRADE:
        op.execute(statement)
    for s in u1:
        if "district_begin_batch" in s or "FUNCTION district_finish_batch" in s \
                or "FUNCTION district_missing_blobs" in s:
            op.execute(s.replace("CREATE FUNCTION", "CREATE OR REPLACE FUNCTION"))
    grants = [s for s in u1 + u2 if "GRANT INSERT" in s or "FOREACH" in s]
    for s in grants:  # the 0001/0002 grant loops also (re)create policies: grant lines only
        op.execute(_grants_only(s))
    op.execute(u3[-1])


def _grants_only(loop: str) -> str:
    return "\n".join(line for line in loop.splitlines()
                     if "ROW LEVEL SECURITY" not in line and "CREATE POLICY" not in line
                     and "' WITH CHECK" not in line)
