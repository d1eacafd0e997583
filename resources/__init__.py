"""Bundled data files: region codes, fonts, translations, the face model, icons.

Every lookup goes through `resource_path`, so the same code works from a source
checkout, an installed wheel and a PyInstaller folder (where files sit under `_MEIPASS`).
"""

from __future__ import annotations

import sys
from pathlib import Path


def resources_root() -> Path:
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    return Path(__file__).resolve().parent


def resource_path(*parts: str) -> Path:
    return resources_root().joinpath(*parts)
