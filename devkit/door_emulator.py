"""A UHPPOTE controller on loopback: decodes the 64-byte UDP requests, keeps a card table.

Used by tests/doors and by `rentdesk bench --doors` (loaded only there; the product never
imports it). It answers like a board: a request for another serial number is ignored; a
put of a known card updates it in place; a delete leaves a hole (0xFFFFFFFF) in the index.
`mode` makes it misbehave for the hostile-reply tests.
"""

from __future__ import annotations

import contextlib
import socket
import struct
import threading
import time
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

SOM = 0x17
DELETED = 0xFFFFFFFF
MODES = ("ok", "silent", "short", "wrong_code", "huge_count", "other_serial", "garbage")


def _bcd(text: str) -> bytes:
    return bytes.fromhex(text)


def _date(raw: bytes) -> date | None:
    try:
        return datetime.strptime(raw.hex(), "%Y%m%d").date()
    except ValueError:
        return None


class Emulator:
    def __init__(self, serial: int = 405419896, clock_offset: timedelta = timedelta(0),
                 zone: str = "Asia/Shanghai") -> None:
        self.serial = serial
        self.zone = ZoneInfo(zone)  # boards keep the local wall-clock time of the centre
        self.mode = "ok"
        self.delay = 0.0  # seconds per request: a slow board, for the kill-mid-push test
        self.clock_offset = clock_offset
        self.cards: dict[int, tuple[date | None, date | None, tuple[int, int, int, int]]] = {}
        self.index: list[int] = []  # slot → card number (DELETED for a hole)
        self.requests: dict[int, int] = {}  # function code → count
        self.puts: list[int] = []  # every card number put, in order (to see doubles)
        self.last_event = datetime(2026, 1, 1, 8, 0, 0)
        self.lock = threading.Lock()
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.settimeout(0.1)
        self.address = f"127.0.0.1:{self.sock.getsockname()[1]}"
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, name="uhppote-emulator", daemon=True)

    # -- lifecycle -------------------------------------------------------------------------
    def start(self) -> Emulator:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(2)
        self.sock.close()

    def __enter__(self) -> Emulator:
        return self.start()

    def __exit__(self, *_exc) -> None:
        self.stop()

    # -- card table ------------------------------------------------------------------------
    def load(self, cards: dict[int, tuple[date, date, tuple[int, int, int, int]]]) -> None:
        with self.lock:
            for n, rec in cards.items():
                if n not in self.cards:
                    self.index.append(n)
                self.cards[n] = rec

    def now(self) -> datetime:
        return self._wall() + self.clock_offset  # the board's own naive local clock

    def _wall(self) -> datetime:
        return datetime.now(self.zone).replace(tzinfo=None)

    # -- protocol --------------------------------------------------------------------------
    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                packet, peer = self.sock.recvfrom(1024)
            except (TimeoutError, OSError):
                continue
            if self.delay:
                time.sleep(self.delay)
            reply = self.handle(packet)
            if reply is not None:
                with contextlib.suppress(OSError):
                    self.sock.sendto(reply, peer)

    def handle(self, packet: bytes) -> bytes | None:
        if len(packet) != 64 or packet[0] != SOM or self.mode == "silent":
            return None
        code = packet[1]
        serial = struct.unpack_from("<I", packet, 4)[0]
        if serial != self.serial:
            return None  # a board answers only its own serial
        with self.lock:
            self.requests[code] = self.requests.get(code, 0) + 1
            out = bytearray(64)
            out[0], out[1] = SOM, code
            struct.pack_into("<I", out, 4, self.serial)
            self._answer(code, packet, out)
        if self.mode == "short":
            return bytes(out[:20])
        if self.mode == "wrong_code":
            out[1] = (code + 2) & 0xFF
        if self.mode == "other_serial":
            struct.pack_into("<I", out, 4, self.serial + 1)
        if self.mode == "garbage":
            return bytes(64 * [0xFF])
        return bytes(out)

    def _answer(self, code: int, p: bytes, out: bytearray) -> None:
        arg = struct.unpack_from("<I", p, 8)[0]
        if code == 0x50:  # put card
            rec = (_date(p[12:16]), _date(p[16:20]), tuple(p[20:24]))
            if arg not in self.cards:
                self.index.append(arg)
            self.cards[arg] = rec
            self.puts.append(arg)
            out[8] = 1
        elif code == 0x52:  # delete card
            if arg in self.cards:
                del self.cards[arg]
                self.index[self.index.index(arg)] = DELETED
                out[8] = 1
        elif code == 0x58:  # get cards (count)
            count = 0x7FFFFFFF if self.mode == "huge_count" else len(self.cards)
            struct.pack_into("<I", out, 8, count)
        elif code == 0x5A:  # get card
            self._card(out, arg if arg in self.cards else 0)
        elif code == 0x5C:  # get card by index (1-based)
            n = self.index[arg - 1] if 0 < arg <= len(self.index) else 0
            self._card(out, n)
        elif code in (0x32, 0x30):  # get / set time
            if code == 0x30:
                try:
                    wanted = datetime.strptime(p[8:15].hex(), "%Y%m%d%H%M%S")
                    self.clock_offset = wanted - self._wall()
                except ValueError:
                    pass
            out[8:15] = _bcd(f"{self.now():%Y%m%d%H%M%S}")
        elif code == 0x20:  # status
            now = self.now()
            struct.pack_into("<I", out, 8, 1)  # event index
            out[20:27] = _bcd(f"{self.last_event:%Y%m%d%H%M%S}")
            out[37:40] = _bcd(f"{now:%H%M%S}")
            out[51:54] = _bcd(f"{now:%y%m%d}")

    def _card(self, out: bytearray, n: int) -> None:
        struct.pack_into("<I", out, 8, n)
        if n in (0, DELETED):
            return
        start, end, doors = self.cards[n]
        out[12:16] = _bcd(f"{start:%Y%m%d}") if start else bytes(4)
        out[16:20] = _bcd(f"{end:%Y%m%d}") if end else bytes(4)
        out[20:24] = bytes(doors)
