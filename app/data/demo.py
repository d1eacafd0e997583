"""Synthetic district-scale data, written through the same tables and outbox as real work.

Bulk Core inserts in one transaction (a half-made demo leaves nothing behind); every
synced row gets its outbox entry so the demo can be synced and benchmarked like a day's work.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import insert

from app.data.blobs import store_blob
from app.data.demo_names import (
    COMMON_GIVEN,
    COMPANY_VILLAGES,
    EMPLOYERS,
    ESTATE_PREFIX,
    GIVEN_CHARS,
    OCCUPATIONS,
    STAY_REASONS,
    STREETS,
    SURNAMES,
)
from app.data.demo_photo import demo_photo_jpeg
from app.desk import clock
from app.desk.context import Desk
from app.desk.errors import Refused
from app.identity import current_county_codes, make_resident_id
from app.staff import audit
from app.staff.audit import Actor
from app.tenants.occupancy import area_cap, unit_cap
from app.tenants.papers import family_planning_applies
from db.engine import write_session
from db.find_key import find_key
from db.ids import new_id
from db.models import (
    Building,
    Card,
    CardEvent,
    CardStatus,
    Company,
    IdDocument,
    Landlord,
    Person,
    Tenancy,
    Unit,
    utcnow,
)
from db.outbox import record_changes

FP_DEMO_REASONS = ("不适用", "未办理", "外地办理")

Progress = Callable[[int, int, str], bool]  # (done, total, stage) -> keep going?
TENANTS_PER_UNIT = 3
MIGRANT_PROVINCES = ("43", "45", "36", "51", "41", "42", "44", "35", "50", "52", "61", "34")


@dataclass(frozen=True)
class DemoReport:
    buildings: int
    units: int
    tenants: int
    cards: int
    moved_out: int
    seconds: float


class Cancelled(Exception):
    pass


def _name(rng: random.Random) -> str:
    surname = rng.choice(SURNAMES)
    if rng.random() < 0.4:
        return surname + rng.choice(COMMON_GIVEN)
    return surname + "".join(rng.choice(GIVEN_CHARS) for _ in range(rng.choice((1, 2, 2))))


def _regions(rng: random.Random) -> list[str]:
    codes = current_county_codes()
    weighted = [c for c in codes if c[:2] in MIGRANT_PROVINCES]
    return weighted * 3 + codes


class _Writer:
    """Collects rows per table and flushes them with their outbox entries."""

    def __init__(self, conn, tx_id: str) -> None:
        self.conn, self.tx_id = conn, tx_id
        self.rows: dict[type, list[dict]] = {}

    def add(self, model: type, row: dict) -> None:
        self.rows.setdefault(model, []).append(row)

    def flush(self, *models: type) -> None:
        for model in models:
            rows = self.rows.pop(model, [])
            if rows:
                self.conn.execute(insert(model), rows)
                record_changes(self.conn, self.tx_id, model.__tablename__, (r["id"] for r in rows))


def generate_demo(desk: Desk, tenants: int, seed: int = 1, progress: Progress | None = None,
                  today: date | None = None, actor: Actor | None = None) -> DemoReport:
    """The generator itself. Front ends call app.desk.trial.demo_in_trial, which allows it only in
    a trial centre (issue 12); the benchmark calls this directly in its own throwaway home."""
    if desk.center_code is None:
        raise Refused("no_center", "尚未建立中心，请先运行 rentdesk init。", "Run `rentdesk init` first.")
    started = time.monotonic()
    rng = random.Random(seed)
    center = desk.center_code
    now = utcnow()
    today = today or clock.today(desk)
    regions = _regions(rng)
    n_units = max(1, -(-tenants // TENANTS_PER_UNIT))
    stamp = {"center_code": center, "created_at": now, "updated_at": now}
    used_ids: set[str] = set()
    used_phones: set[str] = set()
    card_base = rng.randrange(10**8, 10**9)
    counts = {"cards": 0, "moved_out": 0, "buildings": 0}

    def tick(done: int, stage: str) -> None:
        if progress is not None and not progress(done, tenants, stage):
            raise Cancelled()

    with write_session(desk.engine) as s:
        conn = s.connection()
        w = _Writer(conn, new_id())
        photo = store_blob(desk, s, demo_photo_jpeg(), "photo")
        companies = []
        for name in COMPANY_VILLAGES:
            companies.append(new_id())
            w.add(Company, {**stamp, "id": companies[-1], "name": f"{name}股份合作公司", "kind": "village"})
        for name in ESTATE_PREFIX:
            companies.append(new_id())
            w.add(Company, {**stamp, "id": companies[-1], "name": f"{name}物业管理有限公司",
                            "kind": "property"})
        w.flush(Company)
        unit_slots: list[tuple[str, str, int]] = []  # unit id, building id, unit cap
        building_free: dict[str, int] = {}
        made_units = 0
        while made_units < n_units:
            k = min(rng.randint(6, 30), n_units - made_units)
            bid, lid = new_id(), new_id()
            counts["buildings"] += 1
            areas = [rng.choice((12.0, 15.0, 18.0, 20.0, 25.0, 30.0, 40.0, 55.0)) for _ in range(k)]
            floor_area = round(sum(areas) * rng.uniform(1.15, 1.35), 1)
            public = round(floor_area * rng.uniform(0.12, 0.2), 1)
            street = rng.choice(STREETS)
            w.add(Landlord, {**stamp, "id": lid, "name": _name(rng),
                             "phone": f"13{rng.randrange(10**8, 10**9)}",
                             "address": f"深圳市罗湖区{street}{rng.randint(1, 300)}号"})
            name = f"{street}{rng.randint(1, 999)}号楼"
            address = f"深圳市罗湖区{street}{rng.randint(1, 999)}号"
            w.add(Building, {**stamp, "id": bid, "code": f"B{counts['buildings']:06d}",
                             "name": name, "address": address,
                             "find_key": find_key(name, address),
                             "company_id": rng.choice(companies), "floor_area_m2": floor_area,
                             "public_area_m2": public, "district_cap": None,
                             "card_system_status": rng.choice(("ok", "ok", "ok", "unknown"))})
            building_free[bid] = area_cap(floor_area, public)
            floors = max(1, k // 4)
            for i, area in enumerate(areas):
                uid = new_id()
                floor = i // 4 + 1 if floors else 1
                w.add(Unit, {**stamp, "id": uid, "building_id": bid, "number": f"{floor}{i % 4 + 1:02d}",
                             "floor": floor, "area_m2": area, "landlord_id": lid})
                unit_slots.append((uid, bid, unit_cap(area) or 0))
            made_units += k
        w.flush(Landlord, Building, Unit)
        tick(0, "units")

        for n in range(tenants):
            uid, bid, ucap = unit_slots[n % len(unit_slots)]
            pid, tid = new_id(), new_id()
            sex = "M" if rng.random() < 0.55 else "F"
            birth = date(rng.randint(1960, 2006), rng.randint(1, 12), rng.randint(1, 28))
            while True:
                number = make_resident_id(rng.choice(regions), birth, rng.randint(1, 99), sex)
                if number not in used_ids:
                    break
                birth += timedelta(days=1)
            used_ids.add(number)
            while True:
                phone = f"1{rng.choice('3456789')}{rng.randrange(10**8, 10**9)}"
                if phone not in used_phones:
                    break
            used_phones.add(phone)
            collected = now - timedelta(minutes=rng.randint(10, 3 * 365 * 24 * 60))
            if n % 500 == 0:  # a few collected today, still due at the workstation (R2)
                collected = now - timedelta(minutes=rng.randint(10, 23 * 60))
            w.add(Person, {**stamp, "id": pid, "name": _name(rng), "sex": sex, "ethnicity": "汉族",
                           "birth_date": birth, "phone": phone,
                           "household_address": f"户籍地 {number[:6]}", "employer": rng.choice(EMPLOYERS),
                           "occupation": rng.choice(OCCUPATIONS), "photo_sha256": photo})
            w.add(IdDocument, {**stamp, "id": new_id(), "person_id": pid, "kind": "resident",
                               "country": "CHN", "number": number, "region_code": number[:6],
                               "verified": True})
            moved_out = rng.random() < 0.05
            delivered = collected < now - timedelta(hours=rng.randint(2, 23))
            # rule R9: most women of child-bearing age bring the certificate, some a reason,
            # a few neither (older records): derived from n, so the random stream is unchanged.
            due = family_planning_applies(sex, birth, clock.local_date(desk, collected))
            cert = f"粤深计字{2015 + n % 10}第{n % 100000:05d}号" if due and n % 10 < 7 else None
            reason = FP_DEMO_REASONS[n % 3] if due and n % 10 in (7, 8) else None
            w.add(Tenancy, {**stamp, "id": tid, "person_id": pid, "unit_id": uid,
                            "family_planning_due": due, "family_planning_cert": cert,
                            "family_planning_reason": reason,
                            "arrival_date": collected.date() - timedelta(days=rng.randint(0, 30)),
                            "stay_reason": rng.choice(STAY_REASONS), "photo_sha256": photo,
                            "collected_at": collected,
                            "delivered_at": collected + timedelta(hours=rng.randint(1, 22)) if delivered else None,
                            "moved_out_at": now - timedelta(days=rng.randint(1, 300)) if moved_out else None})
            in_unit = n // len(unit_slots)  # tenants placed in this unit before this one
            if in_unit < ucap and building_free[bid] > 0:
                cid = new_id()
                status = CardStatus.RETURNED if moved_out else CardStatus.ACTIVE
                if not moved_out:
                    building_free[bid] -= 1
                w.add(Card, {**stamp, "id": cid, "number": f"{card_base + n:010d}", "tenancy_id": tid,
                             "person_id": pid, "building_id": bid, "unit_id": uid, "status": status,
                             "issued_at": collected, "ended_at": now if moved_out else None})
                w.add(CardEvent, {**stamp, "id": new_id(), "card_id": cid, "kind": "issue",
                                  "at": collected, "staff_id": None})
                counts["cards"] += 1
            counts["moved_out"] += moved_out
            if (n + 1) % 20000 == 0 or n + 1 == tenants:
                w.flush(Person, IdDocument, Tenancy, Card, CardEvent)
                tick(n + 1, "tenants")
        audit.record(s, actor, "demo.generate", center_code=center, tenants=tenants, seed=seed,
                     cards=counts["cards"])
    seconds = time.monotonic() - started
    return DemoReport(counts["buildings"], n_units, tenants, counts["cards"], counts["moved_out"],
                      round(seconds, 1))
