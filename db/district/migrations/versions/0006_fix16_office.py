"""the street office's desk hardened (issue 16 fix): no search oracle, keyed-hash audit of
looks, Unicode-proof reasons, centre logins by SCRAM verifier, audit time per row

Revision ID: 0006
Revises: 0005 (the lead re-chains)
"""
from __future__ import annotations

from alembic import op

from db.district.migrations.sql_0006 import DOWNGRADE, UPGRADE

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    for statement in UPGRADE:
        op.execute(statement)


def downgrade() -> None:
    for statement in DOWNGRADE:
        op.execute(statement)
