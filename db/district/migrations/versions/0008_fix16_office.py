"""the street office's desk hardened (issue 16 fix): no search oracle, keyed-hash audit of
looks, Unicode-proof reasons, centre logins by SCRAM verifier, audit time per row

Revision ID: 0008
Revises: 0007 (the lead re-chains)
"""
from __future__ import annotations

from alembic import op

from db.district.migrations.sql_0008 import DOWNGRADE, UPGRADE

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    for statement in UPGRADE:
        op.execute(statement)


def downgrade() -> None:
    for statement in DOWNGRADE:
        op.execute(statement)
