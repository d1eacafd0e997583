"""Which local tables travel to the district: the core desk tables and the R1 services."""

from __future__ import annotations

from db.models import SYNCED_TABLES, Synced
from db.service_tables import SERVICE_TABLES

# Order matters only for readability of batches; the district mirrors have no foreign keys.
UPLOADED_TABLES: tuple[type[Synced], ...] = SYNCED_TABLES + SERVICE_TABLES
