"""Papers other than the resident ID (issue 13): nationality, and R9's recorded reason.

person.nationality: ISO 3166-1 alpha-3 (a passport holder's, read from the issuing country
unless the clerk says otherwise). tenancy.family_planning_reason: rule R9, why a woman aged
15–49 has no 计生证 number (不适用 / 未办理 / 外地办理).

Revision ID: 0007
Revises: 0004
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("person") as batch:
        batch.add_column(sa.Column("nationality", sa.String(length=3), nullable=True))
    with op.batch_alter_table("tenancy") as batch:
        batch.add_column(sa.Column("family_planning_reason", sa.String(length=8), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("tenancy") as batch:
        batch.drop_column("family_planning_reason")
    with op.batch_alter_table("person") as batch:
        batch.drop_column("nationality")
