"""What the desk asks of a door controller, whatever speaks to it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol

MAX_CARDS = 200_000  # no board holds more; a larger count in a reply is hostile or garbage


class DoorUnreachable(Exception):
    """The controller did not answer (or answered nonsense): try again later."""


@dataclass(frozen=True)
class DoorCard:
    number: int  # the 32-bit card UID
    valid_from: date | None
    valid_until: date | None
    doors: tuple[int, ...]  # door numbers 1..4 this card opens


@dataclass(frozen=True)
class DoorStatus:
    controller_time: datetime | None  # naive, in the controller's own (local) clock
    last_event_at: datetime | None
    last_event_index: int | None


class DoorDriver(Protocol):
    def put(self, card: DoorCard) -> None: ...

    def delete(self, number: int) -> None: ...

    def list_cards(self) -> list[DoorCard]: ...

    def status(self) -> DoorStatus: ...

    def set_time(self, at: datetime) -> None: ...


def parse_doors(text: str) -> tuple[int, ...]:
    """"1,2" → (1, 2). Every item one ASCII digit 1–4 (attack finding 5): an empty item
    ("1,,2", "1,") or a full-width "１" (which int() would take) is a typing slip to point
    out, not to guess at."""
    items = [d.strip() for d in (text or "").replace("，", ",").split(",")]
    if not items or any(d not in ("1", "2", "3", "4") for d in items):
        raise ValueError(text)
    return tuple(sorted({int(d) for d in items}))
