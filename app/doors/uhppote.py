"""UHPPOTE / 微耕 (WG) boards through the `uhppoted` client: 64-byte UDP (or TCP) requests.

Each reply is checked here, not trusted: it must come from the serial we addressed, answer
the request we sent and carry plausible values. A board with another serial, a short or
garbled packet, or a card count no board can hold all read as "unreachable, try later" —
never as "the card is off the door".
"""

from __future__ import annotations

from datetime import date, datetime

from uhppoted import uhppote

from app.doors.drivers import MAX_CARDS, DoorCard, DoorStatus, DoorUnreachable

DELETED = 0xFFFFFFFF


class UhppoteDriver:
    def __init__(self, serial: int, address: str | None, protocol: str = "udp",
                 timeout: float = 1.0) -> None:
        if not serial or serial <= 0 or serial > 0xFFFFFFFF:
            raise DoorUnreachable("no serial number")
        self.serial = serial
        self.target = (serial, address, protocol) if address else serial
        self.timeout = timeout
        # bind to an ephemeral port; listen address unused (we never open the event listener)
        self._u = uhppote.Uhppote(bind="0.0.0.0", broadcast="255.255.255.255:60000",
                                  listen="0.0.0.0:0")

    def _call(self, name: str, *args):
        try:
            reply = getattr(self._u, name)(self.target, *args, timeout=self.timeout)
        except (OSError, ValueError, TypeError, IndexError) as e:  # timeouts are OSError
            raise DoorUnreachable(f"{name}: {type(e).__name__}") from None
        except Exception as e:  # the client's own InvalidResponse and friends
            raise DoorUnreachable(f"{name}: {type(e).__name__}") from None
        if reply is None:
            raise DoorUnreachable(f"{name}: no reply")
        if getattr(reply, "controller", self.serial) != self.serial:
            raise DoorUnreachable(f"{name}: reply from serial {reply.controller}")
        return reply

    def put(self, card: DoorCard) -> None:
        doors = [1 if d in card.doors else 0 for d in (1, 2, 3, 4)]
        r = self._call("put_card", card.number, card.valid_from or date(2000, 1, 1),
                       card.valid_until or date(2099, 12, 31), *doors, 0)
        if r.stored is not True:
            raise DoorUnreachable("put_card: not stored")

    def delete(self, number: int) -> None:
        r = self._call("delete_card", number)
        if r.deleted is not True:
            # A board answers "not deleted" for a card it does not hold: check before failing.
            got = self._call("get_card", number)
            if got.card_number not in (0, DELETED):
                raise DoorUnreachable("delete_card: refused")

    def get(self, number: int) -> DoorCard | None:
        r = self._call("get_card", number)
        if r.card_number in (0, DELETED):
            return None
        if r.card_number != number:
            raise DoorUnreachable("get_card: another card in reply")
        return _card(r)

    def list_cards(self) -> list[DoorCard]:
        count = self._call("get_cards").cards
        if not isinstance(count, int) or count < 0 or count > MAX_CARDS:
            raise DoorUnreachable(f"get_cards: implausible count {count}")
        cards: list[DoorCard] = []
        index = 1
        # Deleted records leave holes in the index; stop at the first empty slot.
        while len(cards) < count and index <= MAX_CARDS:
            r = self._call("get_card_by_index", index)
            index += 1
            if r.card_number == 0:
                break
            if r.card_number != DELETED:
                cards.append(_card(r))
        return cards

    def status(self) -> DoorStatus:
        t = self._call("get_time")
        s = self._call("get_status")
        if t.datetime is None:
            raise DoorUnreachable("get_time: no valid time")
        return DoorStatus(t.datetime, s.event_timestamp, s.event_index)

    def set_time(self, at: datetime) -> None:
        self._call("set_time", at.replace(tzinfo=None, microsecond=0))


def _card(r) -> DoorCard:
    doors = tuple(d for d, v in ((1, r.door_1), (2, r.door_2), (3, r.door_3), (4, r.door_4)) if v)
    return DoorCard(r.card_number, r.start_date, r.end_date, doors)
