"""The read side of the sync for the screens: past runs (sync_run), the saved district
address and when the district last answered. Read-only."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlmodel import select

from app import settings
from app.context import Desk
from db.engine import read_session
from db.sync_tables import SyncRun


@dataclass(frozen=True)
class SyncRunInfo:
    id: str
    started_at: datetime
    finished_at: datetime | None
    ok: bool
    error_code: str | None
    report: dict


def recent_runs(desk: Desk, limit: int = 20) -> list[SyncRunInfo]:
    """Newest first (run ids are UUIDv7, so they sort by time)."""
    with read_session(desk.engine) as s:
        runs = s.exec(select(SyncRun).order_by(SyncRun.id.desc()).limit(limit)).all()
        out = []
        for r in runs:
            try:
                report = json.loads(r.report or "{}")
            except ValueError:
                report = {}
            out.append(SyncRunInfo(r.id, r.started_at, r.finished_at, r.ok, r.error_code,
                                   report if isinstance(report, dict) else {}))
        return out


def saved_district_url(desk: Desk) -> str | None:
    """The address the last successful sync used (its password removed)."""
    with read_session(desk.engine) as s:
        return settings.get(s, settings.DISTRICT_URL)


def last_sync_at(desk: Desk) -> datetime | None:
    """When the last sync stored the district's answer (LocalMeta, written by app.sync)."""
    with read_session(desk.engine) as s:
        when = settings.get(s, settings.LAST_SYNC_AT)  # unreadable text: None, shown "unknown"
    if when is None:
        return None
    return when if when.tzinfo else when.replace(tzinfo=UTC)
