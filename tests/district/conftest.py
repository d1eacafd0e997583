"""Two centres on one real district (pgserver PostgreSQL, the session server of
tests/conftest.py), each synced once: LH01 plays the hostile centre with its own login."""

from __future__ import annotations

from dataclasses import dataclass

import psycopg
import pytest

from app.desk.context import Desk
from app.staff.audit import Actor
from app.sync.run import sync
from app.tenants.cards import issue_card
from tests.conftest import idno, register
from tests.sync.conftest import district_rows, make_center


@dataclass
class Centre:
    desk: Desk
    actor: Actor
    url: str


@dataclass
class TwoCentres:
    admin_url: str
    a: Centre  # the attacker
    b: Centre  # the victim


def add_tenant_with_card(c: Centre, n: int, photo: bytes | None = None) -> str:
    register(c.desk, c.actor, n, photo=photo)
    return issue_card(c.desk, c.actor, idno(n), f"{n:08d}").id


@pytest.fixture
def two(tmp_path, district, lh01_url, lh02_url, photo_jpeg) -> TwoCentres:
    a_desk, a_actor = make_center(tmp_path / "a", "LH01")
    b_desk, b_actor = make_center(tmp_path / "b", "LH02")
    t = TwoCentres(district, Centre(a_desk, a_actor, lh01_url), Centre(b_desk, b_actor, lh02_url))
    add_tenant_with_card(t.a, 1, photo_jpeg)
    add_tenant_with_card(t.b, 2, photo_jpeg + b"LH02")  # a photo only LH02 holds
    assert sync(t.a.desk, t.a.url)["ok"] and sync(t.b.desk, t.b.url)["ok"]
    yield t
    a_desk.close()
    b_desk.close()


def centre_conn(url: str) -> psycopg.Connection:
    """The centre's own login, as plain psql would use it."""
    return psycopg.connect(url, options="-c TimeZone=UTC")


def snapshot(admin_url: str, center: str) -> dict[str, list[tuple]]:
    """Every district row of one centre, district columns included (received_at aside)."""
    tables = [t for (t,) in district_rows(
        admin_url, "SELECT table_name FROM information_schema.columns WHERE table_schema = "
        "'public' AND column_name = 'src_batch_no' ORDER BY 1")]
    out = {}
    for t in tables:
        out[t] = [tuple(r) for r in district_rows(
            admin_url, f"SELECT to_jsonb(x) - 'received_at' FROM {t} x WHERE center_code = %s "
            "ORDER BY id", center)]
    out["blob_owner"] = district_rows(admin_url, "SELECT sha256 FROM blob_owner WHERE "
                                      "center_code = %s ORDER BY 1", center)
    out["audit_anchor"] = district_rows(admin_url, "SELECT seq, hash FROM audit_anchor WHERE "
                                        "center_code = %s", center)
    return out
