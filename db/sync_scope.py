"""Which local tables travel to the district: the desk tables, the R1 services, the audit log."""

from __future__ import annotations

from db.models import SYNCED_TABLES, AuditEvent
from db.service_tables import SERVICE_TABLES

# Order matters only for readability of batches; the district mirrors have no foreign keys.
UPLOADED_TABLES: tuple[type, ...] = SYNCED_TABLES + SERVICE_TABLES + (AuditEvent,)
