"""fix 11: the trust boundary after a hostile centre's attack — the merge never locks another
centre's rows and every wait ends (lock_timeout), screening only for registered tenants and
conflicts masked for centres (centre_conflict), the first collected_at kept (R2), a centre
only notes a conflict (the district closes it). See db/district/migrations/sql_0009.py.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02 21:00:00
"""
from __future__ import annotations

from alembic import op

from db.district.migrations import sql_0009

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    for statement in sql_0009.UPGRADE:
        op.execute(statement)


def downgrade() -> None:
    for statement in sql_0009.DOWNGRADE:
        op.execute(statement)
