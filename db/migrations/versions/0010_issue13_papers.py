"""Papers other than the resident ID (issue 13): nationality, and R9's recorded reason.

person.nationality: ISO 3166-1 alpha-3 (a passport holder's, read from the issuing country
unless the clerk says otherwise). tenancy.family_planning_reason: rule R9, why a woman aged
15–49 has no 计生证 number (不适用 / 未办理 / 外地办理).

Revision ID: 0010
Revises: 0009
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("person") as batch:
        batch.add_column(sa.Column("nationality", sa.String(length=3), nullable=True))
    with op.batch_alter_table("tenancy") as batch:
        batch.add_column(sa.Column("family_planning_reason", sa.String(length=8), nullable=True))
        batch.add_column(sa.Column("family_planning_due", sa.Boolean(), nullable=False,
                                   server_default="0"))
    # Stays collected before: R9 applied to a woman aged 15–49 on the (Asia/Shanghai) day of
    # collection. One UPDATE; the district learns the flag with the rows' next change.
    op.execute("""UPDATE tenancy SET family_planning_due = 1 WHERE EXISTS (
        SELECT 1 FROM person p WHERE p.id = tenancy.person_id AND p.sex = 'F'
          AND p.birth_date > date(tenancy.collected_at, '+480 minutes', '-50 years')
          AND p.birth_date <= date(tenancy.collected_at, '+480 minutes', '-15 years'))""")


def downgrade() -> None:
    with op.batch_alter_table("tenancy") as batch:
        batch.drop_column("family_planning_due")
        batch.drop_column("family_planning_reason")
    with op.batch_alter_table("person") as batch:
        batch.drop_column("nationality")
