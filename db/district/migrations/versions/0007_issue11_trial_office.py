"""issue 11 after issues 16 and 13: the street office cannot give a trial centre (code
TRIAL…) a district login either, and the column writes revision 0006 granted to centres are
taken back (centres write only through the protocol: the merge takes new columns from the
staging tables by itself)

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 19:35:00
"""
from __future__ import annotations

from alembic import op

from db.district.migrations.sql_0005 import UPGRADE as U5

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None

_LOGIN = next(s for s in U5 if "CREATE FUNCTION office_center_login" in s)
_CHECK = "IF code !~ '^[0-9A-Z]{2,16}$' THEN RAISE EXCEPTION 'bad centre code' USING ERRCODE = 'RDR03'; END IF;"
assert _CHECK in _LOGIN


def upgrade() -> None:
    from db.district.migrations.sql_0004 import UPGRADE as u4

    for statement in u4[:3]:  # the REVOKEs of revision 0004, again for every table and column
        op.execute(statement)
    op.execute(_LOGIN.replace("CREATE FUNCTION", "CREATE OR REPLACE FUNCTION").replace(
        _CHECK, _CHECK + """
      IF code LIKE 'TRIAL%' THEN  -- demo data lives only in trial centres (issue 12)
        RAISE EXCEPTION 'centre % is a trial centre', code USING ERRCODE = 'RDT06';
      END IF;"""))


def downgrade() -> None:
    op.execute(_LOGIN.replace("CREATE FUNCTION", "CREATE OR REPLACE FUNCTION"))
