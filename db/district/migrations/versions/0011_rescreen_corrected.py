"""H4: a card whose holder's document changed is keyed again and screened like a new card
(rule R6). See db/district/migrations/sql_0011.py.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03 07:00:00
"""
from __future__ import annotations

from alembic import op

from db.district.migrations import sql_0011

revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    for statement in sql_0011.UPGRADE:
        op.execute(statement)


def downgrade() -> None:
    for statement in sql_0011.DOWNGRADE:
        op.execute(statement)
