"""Refusals the desk explains to the clerk, in Chinese and English.

Services raise `Refused` before writing anything (or inside the write transaction, which
then rolls back), so a refused operation never leaves a trace.
"""

from __future__ import annotations

from typing import Any


class Refused(Exception):
    """An operation the rules do not allow, with what is wrong and what to do."""

    def __init__(self, code: str, zh: str, en: str, **data: Any) -> None:
        super().__init__(en)
        self.code = code
        self.zh = zh
        self.en = en
        self.data = data

    def message(self, lang: str = "zh") -> str:
        return self.zh if lang.startswith("zh") else self.en

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "error": self.zh, "error_en": self.en, **self.data}


class NotFound(Refused):
    """The record asked for does not exist."""
