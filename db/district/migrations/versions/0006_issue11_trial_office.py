"""issue 11 after issue 16: the street office cannot give a trial centre (code TRIAL…) a
district login either (`district add-center` refuses it; batches from one are refused)

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02 19:35:00
"""
from __future__ import annotations

from alembic import op

from db.district.migrations.sql_0005 import UPGRADE as U5

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None

_LOGIN = next(s for s in U5 if "CREATE FUNCTION office_center_login" in s)
_CHECK = "IF code !~ '^[0-9A-Z]{2,16}$' THEN RAISE EXCEPTION 'bad centre code' USING ERRCODE = 'RDR03'; END IF;"
assert _CHECK in _LOGIN


def upgrade() -> None:
    op.execute(_LOGIN.replace("CREATE FUNCTION", "CREATE OR REPLACE FUNCTION").replace(
        _CHECK, _CHECK + """
      IF code LIKE 'TRIAL%' THEN  -- demo data lives only in trial centres (issue 12)
        RAISE EXCEPTION 'centre % is a trial centre', code USING ERRCODE = 'RDT06';
      END IF;"""))


def downgrade() -> None:
    op.execute(_LOGIN.replace("CREATE FUNCTION", "CREATE OR REPLACE FUNCTION"))
