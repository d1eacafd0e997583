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
    doors = sorted({int(d) for d in text.replace("，", ",").split(",") if d.strip()})
    if not doors or any(d < 1 or d > 4 for d in doors):
        raise ValueError(text)
    return tuple(doors)
