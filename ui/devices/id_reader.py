"""ID-card readers (身份证阅读器): an interface the intake page reads from, and a
simulated reader for the demo and the tests. No Qt: a real reader's SDK plugs in here."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date
from typing import Protocol


@dataclass(frozen=True)
class IdCardData:
    """What the chip of a resident ID card holds (the photo is the chip's low-res image)."""

    idno: str
    name: str
    ethnicity: str | None = None
    household_address: str | None = None
    photo_jpeg: bytes | None = None


class IdCardReader(Protocol):
    def available(self) -> bool: ...
    def read(self) -> IdCardData | None: ...  # None: no card on the reader


class NoIdCardReader:
    def available(self) -> bool:
        return False

    def read(self) -> IdCardData | None:
        return None


class SimulatedIdCardReader:
    """Hands out queued cards, or made-up valid ones (demo); never a real person's data."""

    def __init__(self, cards: list[IdCardData] | None = None, seed: int = 7) -> None:
        self._queue = list(cards or [])
        self._rng = random.Random(seed)

    def available(self) -> bool:
        return True

    def put(self, card: IdCardData) -> None:
        self._queue.append(card)

    def read(self) -> IdCardData | None:
        if self._queue:
            return self._queue.pop(0)
        from app.identity import make_resident_id

        born = date(self._rng.randint(1970, 2004), self._rng.randint(1, 12),
                    self._rng.randint(1, 28))
        sex = self._rng.choice("MF")
        number = make_resident_id("430102", born, self._rng.randint(1, 99), sex)
        name = self._rng.choice("张王李赵陈刘") + self._rng.choice(("小明", "丽", "建国", "芳"))
        return IdCardData(number, name, "汉族", "湖南省长沙市芙蓉区演示路 1 号")
