"""The sync's durable steps, announced as each is reached.

The product listens to none of them. Tests register a listener (tests/sync/kill_at.py) that
kills the process at a named step — exactly like a power cut — to prove every change arrives
once; the fault injection lives with the tests, not in the product.
"""

from __future__ import annotations

from collections.abc import Callable

STEPS = ("batch_recorded", "blobs_uploaded", "district_merged", "district_committed",
         "answer_stored", "outbox_trimmed", "decisions_applied")

_listeners: list[Callable[[str], None]] = []


def on_step(listener: Callable[[str], None]) -> None:
    _listeners.append(listener)


def reached(step: str) -> None:
    for listener in _listeners:
        listener(step)
