"""Type to find a building (pinyin initials, computed at write time) and occupancy flags.

`building.find_key` holds the pinyin initials of name and address; existing rows are
backfilled here with the same function the app uses when it writes a building.
`occupancy_flag` records a resident registered into a full room or building (rule R5).

Revision ID: 0009
Revises: 0008
"""
from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from db.find_key import find_key  # the one definition of the key

    with op.batch_alter_table("building") as batch:
        batch.add_column(sa.Column("find_key", sqlmodel.sql.sqltypes.AutoString(), nullable=True))
        batch.create_index("ix_building_find_key", ["find_key"], unique=False)
    conn = op.get_bind()
    rows = conn.execute(sa.text("SELECT id, name, address FROM building")).all()
    if rows:
        conn.execute(sa.text("UPDATE building SET find_key = :k WHERE id = :i"),
                     [{"k": find_key(name, address), "i": bid} for bid, name, address in rows])
    op.create_table(
        "occupancy_flag",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("tenancy_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("building_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("unit_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("scope", sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
        sa.Column("cap", sa.Integer(), nullable=False),
        sa.Column("people", sa.Integer(), nullable=False),
        sa.Column("cards", sa.Integer(), nullable=False),
        sa.Column("flagged_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("flagged_by", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("handed_to_supervisor", sa.Boolean(), nullable=False),
        sa.Column("resolved_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(["tenancy_id"], ["tenancy.id"]),
        sa.ForeignKeyConstraint(["building_id"], ["building.id"]),
        sa.ForeignKeyConstraint(["unit_id"], ["unit.id"]),
        sa.ForeignKeyConstraint(["flagged_by"], ["staff.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("occupancy_flag") as batch:
        batch.create_index("ix_occupancy_flag_tenancy_id", ["tenancy_id"], unique=False)
        batch.create_index("ix_occupancy_flag_building_id", ["building_id"], unique=False)
        batch.create_index("ix_occupancy_flag_open", ["flagged_at"], unique=False,
                           sqlite_where=sa.text("resolved_at IS NULL"))


def downgrade() -> None:
    op.drop_table("occupancy_flag")
    with op.batch_alter_table("building") as batch:
        batch.drop_index("ix_building_find_key")
        batch.drop_column("find_key")
