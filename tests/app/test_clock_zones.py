"""The centre's zone (issue 17): the desk carries its own zone database (the `tzdata` wheel),
so a Windows PC without one still knows the centre's day; and a centre's zone is a place,
never the machine's `localtime`, `posixrules`, `Factory`, `posix/…` or `right/…`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.desk import clock
from app.desk.center import set_center_timezone
from app.desk.errors import Refused

ROOT = Path(__file__).resolve().parents[2]


def _cli(home: Path, *args: str, env: dict) -> subprocess.CompletedProcess:
    e = {**os.environ, "RENTDESK_PASSWORD": "unused", **env}
    return subprocess.run([sys.executable, "-m", "rentdesk", "--home", str(home), *args],
                          capture_output=True, text=True, cwd=ROOT, env=e, timeout=120)


def test_found_1_the_centres_day_without_a_system_zone_database(tmp_path):
    # An empty PYTHONTZPATH is how CPython behaves on Windows: no zone files at all.
    empty = tmp_path / "no-zoneinfo"
    empty.mkdir()
    r = _cli(tmp_path / "home", "timezone", env={"PYTHONTZPATH": str(empty)})
    assert "Traceback" not in r.stderr, r.stderr[-600:]
    assert r.returncode == 0, r.stderr[-600:]
    assert json.loads(r.stdout.strip().splitlines()[-1])["timezone"] == "Asia/Shanghai"
    code = ("from app.desk import clock, center; print(clock.USING_TZDATA, clock.zone(None).key, "
            "center.checked_zone('Asia/Shanghai'), len(clock.zone_names()) > 300)")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                       env={**os.environ, "PYTHONTZPATH": str(empty)}, timeout=120)
    assert r.stdout.split() == ["True", "Asia/Shanghai", "Asia/Shanghai", "True"], r.stderr


def test_found_1_tzdata_is_a_dependency_and_bundled():
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    deps = text.split("dependencies = [", 1)[1].split("\n]", 1)[0]
    assert '"tzdata' in deps
    assert 'collect_submodules("tzdata")' in (ROOT / "pyinstaller.spec").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", ["localtime", "posixrules", "Factory", "right/UTC",
                                  "posix/Asia/Shanghai", "../etc/passwd", "", "Asia/Nowhere"])
def test_found_10_a_centres_zone_is_a_place(desk, admin, name):
    with pytest.raises(Refused) as err:
        set_center_timezone(desk, admin, name)
    assert err.value.code == "bad_timezone"
    assert clock.zone(desk).key == "Asia/Shanghai"


def test_found_10_places_are_accepted_and_a_stored_bad_name_falls_back(desk, admin):
    assert set_center_timezone(desk, admin, "Asia/Urumqi") == "Asia/Urumqi"
    assert clock.zone(desk).key == "Asia/Urumqi"
    desk.timezone = "localtime"  # stored by an older desk: the default, not the PC's zone
    assert clock.zone(desk).key == "Asia/Shanghai"
