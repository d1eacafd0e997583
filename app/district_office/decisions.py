"""冲突, 撤卡与核定人数: the district admin's decisions, each audited at the district and
each reaching the centre's download feed (`decision`) for its next sync."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from app.desk.errors import Refused
from app.district_office.session import Office

MAX_REASON = 500


def _reason(text: str) -> str:
    text = (text or "").strip()
    if "\x00" in text or len(text) > MAX_REASON:
        raise Refused("bad_reason", f"理由不能含控制字符，最长 {MAX_REASON} 字。",
                      f"The reason may not hold control characters; at most {MAX_REASON}.")
    return text


@dataclass(frozen=True)
class OfficeConflict:
    id: str
    kind: str  # same_person | card_refused
    doc_masked: str | None
    centers: list[str]
    status: str
    detected_at: datetime
    resolution: str | None
    resolved_by: str | None
    resolved_at: datetime | None


def conflicts(office: Office, open_only: bool = True, limit: int = 500) -> list[OfficeConflict]:
    with office.cursor() as cur:
        rows = cur.execute("SELECT * FROM office_conflicts(%s, %s)", (open_only, limit)).fetchall()
    return [OfficeConflict(*r) for r in rows]


def resolve(office: Office, conflict_id: str, resolution: str) -> bool:
    with office.cursor() as cur:
        return bool(cur.execute("SELECT office_resolve_conflict(%s, %s)",
                                (conflict_id, _reason(resolution))).fetchone()[0])


def revoke_card(office: Office, center_code: str, card_number: str, reason: str) -> str:
    """Revoke a card district-wide (R6): the centre's desk applies it at its next sync."""
    from app.tenants.cards import normalise_card_number

    number = normalise_card_number(card_number)
    with office.cursor() as cur:
        return cur.execute("SELECT office_revoke_card(%s, %s, %s)",
                           (center_code.strip().upper(), number, _reason(reason))).fetchone()[0]


def set_cap(office: Office, center_code: str, building_code: str, cap: int | None,
            reason: str) -> str:
    """Override a building's occupancy cap (R5); None gives back the computed cap."""
    with office.cursor() as cur:
        return cur.execute("SELECT office_set_cap(%s, %s, %s, %s)",
                           (center_code.strip().upper(), building_code.strip(), cap,
                            _reason(reason))).fetchone()[0]
