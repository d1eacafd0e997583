"""Indexes for the 待移交 list and period statistics.

Under SQLCipher every full table scan decrypts every page: the due list (R2) and the
monthly statistics (R8) range-scan these partial indexes instead.

Revision ID: 0004
Revises: 0003
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

INDEXES = (
    ("ix_tenancy_undelivered", "tenancy", ["collected_at"], "delivered_at IS NULL"),
    ("ix_tenancy_moved_out", "tenancy", ["moved_out_at"], "moved_out_at IS NOT NULL"),
    ("ix_tenancy_handed_over", "tenancy", ["handed_over_at"], "handed_over_at IS NOT NULL"),
    ("ix_card_issued", "card", ["issued_at"], None),
    ("ix_card_ended", "card", ["ended_at"], "status IN ('lost', 'revoked')"),
)


def upgrade() -> None:
    for name, table, columns, where in INDEXES:
        kwargs = {"sqlite_where": sa.text(where)} if where else {}
        op.create_index(name, table, columns, unique=False, **kwargs)


def downgrade() -> None:
    for name, table, _columns, _where in INDEXES:
        op.drop_index(name, table_name=table)
