"""`rentdesk --self-test`: does every bundled resource load? (run in the frozen build)

Each check loads the real thing — the region table, the fonts, the face model, the
migrations, the translations — in a temporary data directory, and prints one JSON line.
"""

from __future__ import annotations

import json
import os
import tempfile
import traceback
from collections.abc import Callable
from pathlib import Path

from resources import resource_path


def _regions() -> str:
    from app.identity import parse_id

    result = parse_id("110101199003074477")
    assert result.valid and result.region == "北京市东城区", result.to_dict()
    return "GB/T 2260 table loaded"


def _fonts() -> str:
    from app.printing.fonts import font_paths

    paths = list(font_paths())
    missing = [str(p) for p in paths if not Path(p).is_file()]
    assert paths and not missing, missing
    from reportlab.pdfbase.ttfonts import TTFont

    for p in paths:
        TTFont(Path(p).stem, str(p))
    return f"{len(paths)} fonts"


def _face_model() -> str:
    import numpy as np

    from app.photos import FaceDetector

    FaceDetector().detect(np.zeros((480, 640, 3), np.uint8))
    return "Haar cascade loaded"


def _database() -> str:
    from app.desk.context import open_desk
    from db.migrate import current_revision, head_revision

    # A throwaway key: the check must not leave a key for a temporary database in the store.
    os.environ.setdefault("RENTDESK_DB_KEY", os.urandom(32).hex())
    with tempfile.TemporaryDirectory() as tmp:
        desk = open_desk(Path(tmp))
        try:
            assert current_revision(desk.engine) == head_revision()
        finally:
            desk.close()
    return f"migrations to {head_revision()}"


def _translations() -> str:
    files = sorted(resource_path("translations").glob("*.qm"))
    assert files and all(f.stat().st_size > 0 for f in files), "no compiled translations"
    return ", ".join(f.name for f in files)


CHECKS: dict[str, Callable[[], str]] = {
    "regions": _regions, "fonts": _fonts, "face_model": _face_model, "database": _database,
    "translations": _translations,
}


def run_self_test(gui_check: Callable[[], str] | None = None) -> int:
    """Every check; the GUI's own (Qt side) when the composition root passes it in."""
    failed = 0
    checks = dict(CHECKS, gui=gui_check) if gui_check else CHECKS
    for name, check in checks.items():
        try:
            detail, ok = check(), True
        except Exception as e:  # every failure is reported, none stops the others
            detail, ok = f"{type(e).__name__}: {e}", False
            traceback.print_exc()
        failed += not ok
        print(json.dumps({"check": name, "ok": ok, "detail": detail}, ensure_ascii=False))
    return 1 if failed else 0
