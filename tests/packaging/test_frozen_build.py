"""The PyInstaller one-folder build starts without Python and finds every bundled resource.

Slow (a minute or two): it is the check that the package a centre installs really works.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_frozen_app_passes_its_self_test(tmp_path: Path):
    pytest.importorskip("PyInstaller")
    build = subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
         "--distpath", str(tmp_path / "dist"), "--workpath", str(tmp_path / "build"),
         str(ROOT / "pyinstaller.spec")],
        cwd=ROOT, capture_output=True, text=True, timeout=1500)
    assert build.returncode == 0, build.stderr[-3000:]
    exe = tmp_path / "dist" / "rentdesk" / ("rentdesk.exe" if os.name == "nt" else "rentdesk")
    # A clean environment: no virtualenv, no source tree on the path.
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "QT_QPA_PLATFORM": "offscreen",
           "RENTDESK_DB_KEY": os.urandom(32).hex(), "RENTDESK_KEY_DIR": str(tmp_path / "keys")}
    run = subprocess.run([str(exe), "--self-test"], cwd=tmp_path, env=env,
                         capture_output=True, text=True, timeout=300)
    checks = [json.loads(line) for line in run.stdout.splitlines() if line.startswith("{")]
    assert {c["check"] for c in checks} >= {"regions", "fonts", "face_model", "database",
                                            "translations", "gui"}
    assert all(c["ok"] for c in checks), checks
    assert run.returncode == 0
