"""A real PostgreSQL for the trial district and the tests, from the `pgserver` wheel.

As root (this machine, CI), pgserver creates a system user `pgserver`, chowns the data
directory to it and runs the server as that user; it also makes every parent folder
traversable (chmod o+rx), so keep the data directory out of private trees.
pgserver's initdb trusts every local login; we switch non-superuser logins to
scram-sha-256 so a centre's password means something (the `postgres` admin stays trusted
on the local socket only — the server listens on no TCP port).
"""

from __future__ import annotations

from pathlib import Path

import psycopg

_HBA = """# rentdesk: admin trusted on the local socket, centres by password
local all postgres trust
local all all scram-sha-256
"""


def demo_data_dir(home: Path, requested: Path | None = None) -> Path:
    """Where the trial district's PostgreSQL lives: never inside the desk's data folder or
    its key folder (that server's files are not encrypted, and backups and copies of the
    data folder must not carry them); by default a sibling folder `<home>-district-pg`."""
    from app.data.out_paths import protected_folders
    from app.desk.errors import Refused

    home = Path(home).resolve()
    target = (Path(requested).expanduser() if requested else
              home.with_name(home.name + "-district-pg")).resolve()
    for folder in protected_folders(home):
        if target == folder or folder in target.parents:
            raise Refused("district_in_data_folder",
                          f"试用区数据库不能放在数据目录或密钥目录（{folder}）内：其中数据未加密。",
                          f"The trial district database must not live inside the data or key "
                          f"folder ({folder}): its files are not encrypted.")
    return target


def start_server(data_dir: Path, keep_running: bool = True):
    """Start (or attach to) the server in `data_dir`; returns the pgserver handle."""
    import pgserver

    data_dir = Path(data_dir).resolve()
    data_dir.parent.mkdir(parents=True, exist_ok=True)
    server = pgserver.get_server(data_dir, cleanup_mode=None if keep_running else "stop")
    hba = data_dir / "pg_hba.conf"
    if hba.read_text() != _HBA:
        hba.write_text(_HBA)  # keeps the file's owner (pgserver user as root)
        with psycopg.connect(server.get_uri(), autocommit=True) as conn:
            conn.execute("SELECT pg_reload_conf()")
    return server


def create_database(admin_url: str, name: str) -> str:
    """A fresh database on the server of `admin_url`; returns its admin URL."""
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    return with_database(admin_url, name)


def with_database(url: str, name: str) -> str:
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    return urlunsplit(parts._replace(path="/" + name))


def pg_ctl_path() -> Path:
    import pgserver

    return Path(pgserver.__file__).parent / "pginstall" / "bin" / "pg_ctl"
