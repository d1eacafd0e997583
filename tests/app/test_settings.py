"""One typed registry for every desk setting (issue 15): type, default, bounds in one place."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from app import settings
from app.errors import Refused
from db.engine import read_session, write_session
from db.models import LocalMeta

ROOT = Path(__file__).resolve().parents[2]


def test_nothing_reads_or_writes_local_meta_by_its_own_key():
    direct = re.compile(r"get\(LocalMeta|LocalMeta\(key")
    offenders = [f"{p.relative_to(ROOT)}:{n}" for p in sorted((ROOT / "app").rglob("*.py"))
                 if p.name != "settings.py"
                 for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
                 if direct.search(line)]
    assert offenders == []


def test_defaults_types_and_round_trips(desk):
    with write_session(desk.engine) as s:
        assert settings.get(s, settings.RETENTION_YEARS) == 3
        assert settings.get(s, settings.RETENTION_LAST_RUN) is None
        settings.put(s, settings.RETENTION_YEARS, 7)
        settings.put(s, settings.RETENTION_LAST_RUN, date(2026, 12, 2))
        settings.put(s, settings.TRIAL_CENTRE, True)
    with read_session(desk.engine) as s:
        assert settings.get(s, settings.RETENTION_YEARS) == 7
        assert settings.get(s, settings.RETENTION_LAST_RUN) == date(2026, 12, 2)
        assert settings.get(s, settings.TRIAL_CENTRE) is True


def test_a_number_out_of_range_is_refused_naming_the_range(desk):
    with write_session(desk.engine) as s, pytest.raises(Refused) as refused:
        settings.put(s, settings.RETENTION_YEARS, 1_000_000)
    assert "1–30" in refused.value.zh and refused.value.code == "out_of_range"
    with pytest.raises(Refused):
        settings.check_int("demo_tenants", 0)
    with pytest.raises(Refused):
        settings.check_int("search_limit", True)  # a bool is not a number


def test_damaged_or_old_values_fall_back_or_clamp(desk):
    with write_session(desk.engine) as s:
        s.add(LocalMeta(key="retention_years", value="1000000"))  # an older version's value
        s.add(LocalMeta(key="retention_last_run", value="yesterday"))
    with read_session(desk.engine) as s:
        assert settings.get(s, settings.RETENTION_YEARS) == 30  # clamped, never a crash
        assert settings.get(s, settings.RETENTION_LAST_RUN) is None
