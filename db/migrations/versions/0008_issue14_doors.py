"""door controllers, door jobs and whitelist files (issue 14, R4/R6/R7)

The triggers on card and the lease tables write a door job in the same transaction as the
change (see db/door_tables.py).

Revision ID: 0008
Revises: 0004
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from db.door_tables import TRIGGERS

revision = "0008"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "door_controller",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("center_code", sa.String(16), nullable=False),
        sa.Column("building_id", sa.String(), sa.ForeignKey("building.id"), nullable=False),
        sa.Column("name", sa.String(64), nullable=False),
        sa.Column("driver", sa.String(12), nullable=False),
        sa.Column("serial", sa.Integer(), nullable=True),
        sa.Column("address", sa.String(64), nullable=True),
        sa.Column("protocol", sa.String(4), nullable=False),
        sa.Column("doors", sa.String(16), nullable=False),
        sa.Column("file_dir", sa.String(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_error", sa.String(200), nullable=True),
        sa.Column("last_reconcile_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_reconcile", sa.String(), nullable=True),
        sa.Column("cards_on_door", sa.Integer(), nullable=True),
        sa.Column("last_check_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("clock_drift_s", sa.Float(), nullable=True),
        sa.Column("last_event_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_export_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_index("ix_door_controller_building_id", "door_controller", ["building_id"])
    op.create_table(
        "door_job",
        sa.Column("seq", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("controller_id", sa.String(36), sa.ForeignKey("door_controller.id"),
                  nullable=False),
        sa.Column("card_number", sa.String(32), nullable=False),
        sa.Column("card_id", sa.String(36), nullable=True),
        sa.Column("reason", sa.String(16), nullable=False),
        sa.Column("created_at", sa.String(32), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_try_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("done_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("result", sa.String(12), nullable=True),
        sa.Column("last_error", sa.String(200), nullable=True),
    )
    op.create_index("ix_door_job_pending", "door_job", ["controller_id", "seq"],
                    sqlite_where=sa.text("done_at IS NULL"))
    op.create_index("ix_door_job_card", "door_job", ["card_id"])
    op.create_table(
        "door_file_card",
        sa.Column("controller_id", sa.String(36), sa.ForeignKey("door_controller.id"),
                  primary_key=True),
        sa.Column("kind", sa.String(10), primary_key=True),
        sa.Column("card_number", sa.Integer(), primary_key=True),
        sa.Column("valid_from", sa.Date(), nullable=True),
        sa.Column("valid_until", sa.Date(), nullable=True),
        sa.Column("doors", sa.String(16), nullable=False),
    )
    # The door side of every card change rides in the card's own transaction.
    for _name, ddl in TRIGGERS:
        op.execute(ddl)


def downgrade() -> None:
    for name, _ddl in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_table("door_file_card")
    op.drop_table("door_job")
    op.drop_table("door_controller")
