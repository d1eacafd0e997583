"""papers (issue 13): person.nationality and tenancy.family_planning_reason at the district

The centres send them like every other synced column, so the centres' role may insert and
update them (column grants, as revision 0001 gave the others).

Revision ID: 0006
Revises: 0005
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None

NEW = (("person", "nationality"), ("tenancy", "family_planning_reason"))


def upgrade() -> None:
    for table, column in NEW:
        op.add_column(table, sa.Column(column, sa.Text(), nullable=True))
    op.add_column("tenancy", sa.Column("family_planning_due", sa.Boolean(), nullable=False,
                                       server_default=sa.false()))
    for table, column in (*NEW, ("tenancy", "family_planning_due")):
        op.execute(f"GRANT INSERT ({column}), UPDATE ({column}) ON {table} TO rentdesk_center")


def downgrade() -> None:
    op.drop_column("tenancy", "family_planning_due")
    for table, column in NEW:
        op.drop_column(table, column)
