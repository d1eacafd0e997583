"""The open desk: one centre's data directory, its database and the acting staff account."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs
from sqlalchemy import Engine
from sqlmodel import select

import app.data.text_input  # noqa: F401 - installs the text boundary on every ORM flush
import app.data.time_input  # noqa: F401 - and the time boundary (rule R2: never collected in the future)
from app.desk.db_busy import busy_timeout_ms, explain_busy
from app.desk.desk_lock import DeskLock, Presence, program_name
from app.desk.key_refusal import refusing_key_errors
from db.engine import DB_FILENAME, open_engine, read_session
from db.migrate import upgrade
from db.models import Center

APP_NAME = "rentdesk"


def default_home() -> Path:
    """`RENTDESK_HOME`, else the platform's user data folder."""
    env = os.environ.get("RENTDESK_HOME")
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


@dataclass
class Desk:
    """What every service needs: where the data lives and the engine on it."""

    home: Path
    engine: Engine
    center_code: str | None
    timezone: str = "Asia/Shanghai"
    # Held while open (app/desk/desk_lock.py): the desk lock (GUI, acting CLI) and our run/ entry.
    locks: list = field(default_factory=list, repr=False)

    @property
    def db_path(self) -> Path:
        return self.home / DB_FILENAME

    @property
    def blob_dir(self) -> Path:
        return self.home / "blobs"

    @property
    def backup_dir(self) -> Path:
        return self.home / "backups"

    def close(self) -> None:
        self.engine.dispose()
        while self.locks:
            self.locks.pop().release()


@refusing_key_errors()
def open_desk(home: Path | None = None, program: str | None = None,
              exclusive: bool = False) -> Desk:
    """Open (creating and migrating as needed) the centre database under `home`.

    `exclusive`: take the folder's one desk (app/desk/desk_lock.py) first, or be refused with the
    name of the program that has it; the GUI and the acting CLI commands do. `program`
    names us to the others (default: the command line's first word).
    """
    home = (home or default_home()).resolve()
    home.mkdir(parents=True, exist_ok=True)
    program = program or program_name()
    locks: list = []
    try:
        if exclusive:
            locks.append(DeskLock(home, program))
        locks.append(Presence(home, program))
        db_path = home / DB_FILENAME
        waited = busy_timeout_ms()
        engine = open_engine(db_path, busy_timeout_ms=waited)
        explain_busy(engine, home, waited)
        upgrade(engine, db_path=db_path, backup_dir=home / "backups")
    except BaseException:
        for lock in reversed(locks):
            lock.release()
        raise
    desk = Desk(home=home, engine=engine, center_code=None, locks=locks)
    with read_session(engine) as s:
        center = s.exec(select(Center)).first()
        if center is not None:
            desk.center_code = center.center_code
            desk.timezone = center.timezone
    return desk
