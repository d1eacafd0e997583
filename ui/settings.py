"""Window and desk preferences in QSettings (organisation "rentdesk").

Keys live here, typed, so no page invents its own spelling of a key.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings

ORG = "rentdesk"
APP = "rentdesk"
LANGUAGES = ("zh_CN", "en")
SIMULATED_CAMERA = -1  # the camera setting's value for the demo camera (a replayed photo)
NO_CAMERA = -2


def settings() -> QSettings:
    return QSettings(ORG, APP)


def language() -> str:
    value = str(settings().value("language", "zh_CN"))
    return value if value in LANGUAGES else "zh_CN"


def set_language(lang: str) -> None:
    settings().setValue("language", lang)


def camera_index() -> int:
    try:
        return int(settings().value("camera", 0))
    except (TypeError, ValueError):
        return 0


def set_camera_index(index: int) -> None:
    settings().setValue("camera", index)


def id_reader_kind() -> str:
    """"simulated" (demo, training) or "none"; a real reader's driver would add its own."""
    value = str(settings().value("id_reader", "none"))
    return value if value in ("none", "simulated") else "none"


def set_id_reader_kind(kind: str) -> None:
    settings().setValue("id_reader", kind)


OFFICE_URL = "district/office_url"  # the street office's district address, never its password


def office_url() -> str:
    return str(settings().value(OFFICE_URL, "") or "")


def set_office_url(url: str) -> None:
    settings().setValue(OFFICE_URL, url)
