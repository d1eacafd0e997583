"""District tables as SQLAlchemy Core metadata (the source for its Alembic autogenerate).

Each synced local table is mirrored column for column, keyed by the same client-made
UUIDs, plus two columns the district owns: `src_batch_no` (the centre's batch that last
wrote the row, so a late duplicate can never overwrite a newer version) and `received_at`.
No foreign keys: rows of many centres arrive batch by batch, and the district must keep
what a centre sent rather than reject it (conflicts are data, see `conflict`).
Secondary unique constraints of the centre (usernames, card numbers, documents) are local
rules and are not mirrored; the one district-wide rule (R6) is `ux_card_active_doc`.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    Table,
    Text,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB

from db.sync_scope import UPLOADED_TABLES

metadata = MetaData()

# Local-only security state never leaves the desk PC (password hashes, lockouts).
LOCAL_ONLY: dict[str, frozenset[str]] = {
    "staff": frozenset({"password_hash", "failed_logins", "locked_until"}),
    "building": frozenset({"find_key"}),  # the desk's own search key (issue 13)
}


# The big tables get no (center_code, src_batch_no) index: nothing in the sync reads them
# that way, and each index is one more B-tree insert per row of a 600,000-tenant upload.
_UNINDEXED_BY_CENTER = frozenset({"person", "tenancy", "card", "card_event"})


def _pg_type(col):
    name = type(col.type).__name__
    if "DateTime" in name:
        return DateTime(timezone=True)
    if name == "Date":
        return Date()
    if name == "Boolean":
        return Boolean()
    if name in ("Integer", "BigInteger"):
        return BigInteger() if col.name == "seq" else Integer()
    if name == "Float":
        return Float()
    return Text()


def synced_columns(table_name: str) -> list[str]:
    """The columns a centre sends for `table_name`, in model order."""
    model = next(m for m in UPLOADED_TABLES if m.__tablename__ == table_name)
    skip = LOCAL_ONLY.get(table_name, frozenset())
    return [c.name for c in model.__table__.columns if c.name not in skip]


def _mirror(model) -> Table:
    skip = LOCAL_ONLY.get(model.__tablename__, frozenset())
    # Keyed by the client-made UUID everywhere: the local audit log's `seq` is only a
    # per-centre order, so at the district it is a plain column.
    cols = [Column(c.name, _pg_type(c), primary_key=c.name == "id", nullable=c.nullable)
            for c in model.__table__.columns if c.name not in skip]
    cols += [Column("src_batch_no", BigInteger, nullable=False),
             Column("received_at", DateTime(timezone=True), nullable=False,
                    server_default=text("now()"))]
    if model.__tablename__ == "card":
        cols += [
            # The holder's document as kind:country:NUMBER: people are known to the district
            # by document, since two centres give one person two different person ids.
            Column("doc_key", Text),
            Column("district_state", Text, nullable=False, server_default="pending"),
            Column("central_revoked_at", DateTime(timezone=True)),
            Column("central_reason", Text),
        ]
    table = Table(model.__tablename__, metadata, *cols)
    if table.name not in _UNINDEXED_BY_CENTER:
        Index(f"ix_{table.name}_center", table.c.center_code, table.c.src_batch_no)
    return table


MIRRORED: dict[str, Table] = {m.__tablename__: _mirror(m) for m in UPLOADED_TABLES}

Index("ix_id_document_doc", MIRRORED["id_document"].c.kind, MIRRORED["id_document"].c.country,
      MIRRORED["id_document"].c.number)
Index("ix_id_document_person", MIRRORED["id_document"].c.person_id)
Index("ix_card_person", MIRRORED["card"].c.person_id)
Index("ix_card_pending", MIRRORED["card"].c.center_code,
      postgresql_where=text("district_state = 'pending'"))
Index("ix_card_refused", MIRRORED["card"].c.center_code,
      postgresql_where=text("district_state = 'refused'"))
# A number the district revoked is never accepted on a new row (revision 0011).
Index("ix_card_revoked_number", MIRRORED["card"].c.number,
      postgresql_where=text("central_revoked_at IS NOT NULL"))
# rule R6, district-wide: one active accepted card per document (= per person).
Index("ux_card_active_doc", MIRRORED["card"].c.doc_key, unique=True,
      postgresql_where=text("status = 'active' AND district_state = 'accepted'"))

center_role = Table(
    "center_role", metadata,
    Column("role_name", Text, primary_key=True),
    Column("center_code", Text, nullable=False, unique=True),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=text("now()")),
)

# Which copy of each centre's database may write, and how far it has got.
center_replica = Table(
    "center_replica", metadata,
    Column("center_code", Text, primary_key=True),
    Column("epoch", Text),
    Column("last_batch_no", BigInteger, nullable=False, server_default="0"),
    Column("last_seq", BigInteger, nullable=False, server_default="0"),
    Column("last_batch_at", DateTime(timezone=True)),
    Column("old_epochs", ARRAY(Text), nullable=False, server_default="{}"),
)

applied_batch = Table(
    "applied_batch", metadata,
    Column("batch_id", Text, primary_key=True),
    Column("center_code", Text, nullable=False),
    Column("batch_no", BigInteger, nullable=False),
    Column("epoch", Text, nullable=False),
    Column("seq_lo", BigInteger, nullable=False),
    Column("seq_hi", BigInteger, nullable=False),
    Column("applied_at", DateTime(timezone=True), nullable=False, server_default=text("now()")),
    Column("answer", JSONB, nullable=False),
    Index("ix_applied_batch_center", "center_code", "batch_no"),
)

conflict = Table(
    "conflict", metadata,
    Column("id", Text, primary_key=True),
    Column("kind", Text, nullable=False),  # same_person | card_refused
    Column("dedup_key", Text, nullable=False, unique=True),
    Column("doc_key", Text),
    Column("centers", ARRAY(Text), nullable=False),
    Column("rows", JSONB, nullable=False),  # {"person": [...], "card": [...]} ids involved
    Column("status", Text, nullable=False, server_default="open"),  # open | resolved
    Column("detected_at", DateTime(timezone=True), nullable=False, server_default=text("now()"),
           index=True),
    Column("resolution", Text),
    Column("resolved_by", Text),  # centre code (or 'district')
    Column("resolved_at", DateTime(timezone=True)),
)

# What the district decided, per centre, in order: the download feed.
decision = Table(
    "decision", metadata,
    Column("seq", BigInteger, primary_key=True, autoincrement=True),
    Column("center_code", Text, nullable=False),
    Column("kind", Text, nullable=False),  # card_revoked | building_cap | card_refused | conflict
    Column("row_id", Text, nullable=False),
    Column("payload", JSONB, nullable=False, server_default="{}"),
    Column("at", DateTime(timezone=True), nullable=False, server_default=text("now()")),
    Index("ix_decision_center", "center_code", "seq"),
)

blob = Table(
    "blob", metadata,
    Column("sha256", Text, primary_key=True),
    Column("kind", Text, nullable=False),
    Column("size", BigInteger, nullable=False),
    Column("data", LargeBinary, nullable=False),
    Column("center_code", Text, nullable=False),  # first uploader
    Column("received_at", DateTime(timezone=True), nullable=False, server_default=text("now()")),
)


# --- revision 0004 (issue 11): who holds which blob, the audit anchor, refused audit rows ---
blob_owner = Table(
    "blob_owner", metadata,
    Column("sha256", Text, primary_key=True),
    Column("center_code", Text, primary_key=True),
    Column("received_at", DateTime(timezone=True), nullable=False, server_default=text("now()")),
)

audit_anchor = Table(
    "audit_anchor", metadata,
    Column("center_code", Text, primary_key=True),
    Column("seq", BigInteger, nullable=False),  # the last entry the district accepted
    Column("hash", Text, nullable=False),
    Column("at", DateTime(timezone=True), nullable=False, server_default=text("now()")),
    Column("reported_seq", BigInteger),  # the head the centre reported at its last sync
    Column("reported_hash", Text),
    Column("reported_at", DateTime(timezone=True)),
)

audit_reject = Table(
    "audit_reject", metadata,
    Column("id", BigInteger, primary_key=True, autoincrement=True),
    Column("center_code", Text, nullable=False),
    Column("seq", BigInteger),
    Column("entry_id", Text),
    Column("hash", Text),
    Column("reason", Text, nullable=False),
    Column("at", DateTime(timezone=True), nullable=False, server_default=text("now()")),
)

Index("ix_audit_event_seq", MIRRORED["audit_event"].c.center_code, MIRRORED["audit_event"].c.seq)
