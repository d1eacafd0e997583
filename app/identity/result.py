"""The answer `parse_id` gives: plain, frozen, JSON-ready data."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

RESIDENT = "resident"  # 居民身份证 (GB 11643-1999), incl. 15-digit legacy numbers
HMT_PERMIT = "hmt_permit"  # 港澳台居民居住证
FOREIGN_PR = "foreign_pr"  # 外国人永久居留身份证
PASSPORT = "passport"  # 护照
OTHER = "other"  # other papers: number and country only

KINDS: tuple[str, ...] = (RESIDENT, HMT_PERMIT, FOREIGN_PR, PASSPORT, OTHER)


@dataclass(frozen=True)
class IdResult:
    input: str
    valid: bool
    kind: str | None
    number: str | None  # normalised; an 18-digit number for 15-digit legacy input
    birth_date: date | None = None
    sex: str | None = None  # 'M' / 'F'
    region: str | None = None
    region_code: str | None = None
    country: str | None = None  # ISO 3166-1 alpha-3
    legacy_input: bool = False
    error: str | None = None  # Chinese, tells the clerk what to fix
    error_en: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "input": self.input,
            "valid": self.valid,
            "kind": self.kind,
            "number": self.number,
            "birth_date": self.birth_date.isoformat() if self.birth_date else None,
            "sex": self.sex,
            "region": self.region,
            "region_code": self.region_code,
            "country": self.country,
            "legacy_input": self.legacy_input,
            "error": self.error,
            "error_en": self.error_en,
        }


class InvalidNumber(Exception):
    """Raised inside the parsers, turned into an invalid `IdResult` by `parse_id`."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(en)
        self.zh = zh
        self.en = en


def doc_key(parsed: IdResult) -> tuple[str, str, str]:
    """rule R6: what makes a document one document — kind, issuing country and number (two
    countries may issue the same passport number; Chinese papers are issued by CHN)."""
    assert parsed.kind and parsed.number
    return parsed.kind, parsed.country or "CHN", parsed.number
