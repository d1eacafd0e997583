"""issue 11 item 8: same_person screening as a materialised set plus index probes, so the
initial upload costs what it carries. See db/district/migrations/sql_0010.py.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03 03:00:00
"""
from __future__ import annotations

from alembic import op

from db.district.migrations import sql_0010

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    for statement in sql_0010.UPGRADE:
        op.execute(statement)


def downgrade() -> None:
    for statement in sql_0010.DOWNGRADE:
        op.execute(statement)
