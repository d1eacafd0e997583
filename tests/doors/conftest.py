"""Door fixtures: a UHPPOTE emulator on loopback (real UDP) and a building with a controller."""

from __future__ import annotations

import pytest

from app.doors.controllers import add_controller
from app.doors.push import push_pending
from app.tenants.cards import issue_card
from devkit.door_emulator import Emulator
from tests.conftest import idno, register

FAST = 0.3  # seconds the client waits for a reply from a silent board


@pytest.fixture
def board():
    with Emulator(serial=423187757) as e:
        yield e


@pytest.fixture
def door(desk, admin, building, board):
    """Controller 大门 of building B1, doors 1 and 2, talking to the emulator."""
    return add_controller(desk, admin, "B1", "大门", "uhppote", serial=board.serial,
                          address=board.address, doors="1,2")


def tenant_with_card(desk, admin, n: int, photo: bytes, card: str | None = None):
    register(desk, admin, n, photo=photo)
    return issue_card(desk, admin, idno(n), card or f"{1000 + n:010d}")


def push(desk):
    return push_pending(desk, timeout=FAST)
