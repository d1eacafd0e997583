"""the street office's desk: district staff roles, office functions, audit, indexes (issue 16)

Revision ID: 0005
Revises: 0004 (issue 11's trust revision)
"""
from __future__ import annotations

from alembic import op

from db.district.migrations.sql_0005 import DOWNGRADE, UPGRADE

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    for statement in UPGRADE:
        op.execute(statement)


def downgrade() -> None:
    for statement in DOWNGRADE:
        op.execute(statement)
