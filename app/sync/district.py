"""The district side: create/upgrade its database, centre logins, the district's decisions."""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit, urlunsplit

import psycopg
from psycopg import sql

from app.data import scram
from app.desk.errors import Refused
from app.sync.errors import SyncError, from_connect_error
from db.district import migrate


def connect(url: str, password: str | None = None, timeout: int = 10) -> psycopg.Connection:
    """A district connection in UTC (centre timestamps are stored naive-UTC locally)."""
    kwargs: dict = {"connect_timeout": timeout, "options": "-c TimeZone=UTC"}
    if password:
        kwargs["password"] = password
    try:
        return psycopg.connect(url, **kwargs)
    except psycopg.OperationalError as err:
        raise from_connect_error(err) from None


def check_schema(conn: psycopg.Connection) -> str:
    """Refuse to sync against a district schema this client does not know (newer or older)."""
    try:
        with conn.cursor() as cur:
            row = cur.execute("SELECT version_num FROM alembic_version").fetchone()
    except psycopg.errors.UndefinedTable:
        conn.rollback()
        row = None
    version = row[0] if row else None
    head = migrate.head_revision()
    if version == head:
        return version
    if version is None:
        raise SyncError("district_not_initialised", "区数据库尚未初始化（rentdesk district init）。",
                        "The district database is not initialised (`rentdesk district init`).")
    if version not in migrate.known_revisions():
        raise SyncError("client_too_old", f"区数据库结构（{version}）比本软件新，请先升级 rentdesk，数据已保留。",
                        f"The district schema ({version}) is newer than this client: update "
                        "rentdesk first. Nothing was lost.", district=version, client=head)
    raise SyncError("district_too_old", f"区数据库结构（{version}）较旧，请区管理员运行 rentdesk district init 升级。",
                    f"The district schema ({version}) is older than this client ({head}): ask "
                    "the district to run `rentdesk district init`.", district=version, client=head)


def init_district(url: str) -> str:
    """Create or upgrade the district database (admin login); returns its revision."""
    try:
        return migrate.upgrade(url)
    except Exception as err:  # noqa: BLE001 - shown to the operator with the reason
        if isinstance(getattr(err, "orig", None), psycopg.OperationalError):
            raise from_connect_error(err.orig) from None
        raise


def role_name(center_code: str) -> str:
    return "rd_" + center_code.lower()


def add_center(url: str, center_code: str, password: str) -> str:
    """A login for one centre (RLS: it writes only rows with its centre code); returns its URL.

    Roles belong to the whole server, so an existing one just gets the new password and
    is (re)bound to this database's centre.
    """
    code = center_code.strip().upper()
    if not re.fullmatch(r"[0-9A-Z]{2,16}", code):
        raise Refused("bad_center_code", "中心编码应为 2–16 位字母或数字。",
                      "The centre code must be 2–16 letters or digits.")
    if code.startswith("TRIAL"):
        raise Refused("trial_center", "以 TRIAL 开头的是试用中心（演示数据），不能接入区数据库。",
                      "Codes starting with TRIAL are trial centres (demo data): they never get "
                      "a district login.")
    if len(password) < 8:
        raise Refused("weak_password", "密码至少 8 位。", "The password needs 8+ characters.")
    role = role_name(code)
    with connect(url) as conn:
        exists = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)).fetchone()
        verb = "ALTER" if exists else "CREATE"
        # Only the SCRAM verifier is sent: the server may log the statement (app/data/scram.py).
        # A few connections per centre: one centre's many sessions cannot take every slot
        # of the server (district revision 0011, CENTRE_CONNECTIONS).
        conn.execute(sql.SQL(verb + " ROLE {} LOGIN CONNECTION LIMIT 4 PASSWORD {}").format(
            sql.Identifier(role), sql.Literal(scram.verifier(password))))
        conn.execute(sql.SQL("GRANT rentdesk_center TO {}").format(sql.Identifier(role)))
        conn.execute("INSERT INTO center_role (role_name, center_code) VALUES (%s, %s) "
                     "ON CONFLICT (role_name) DO UPDATE SET center_code = EXCLUDED.center_code",
                     (role, code))
        # what its batches are shown is counted where a rollback cannot undo it (rev. 0011)
        conn.execute("SELECT district_probe_sequence(%s)", (code,))
        conn.commit()
    parts = urlsplit(url)
    host = parts.netloc.rpartition("@")[2]
    return urlunsplit(parts._replace(netloc=f"{role}:{quote(password, safe='')}@{host}"))


def revoke_card_centrally(url: str, card_id: str, reason: str) -> str | None:
    """District staff revoke a card; it wins over the centre (returns the centre's code)."""
    with connect(url) as conn:
        row = conn.execute("SELECT district_revoke_card(%s, %s)", (card_id, reason)).fetchone()
        conn.commit()
    return row[0] if row else None


def set_district_cap(url: str, building_id: str, cap: int | None) -> str | None:
    """The district overrides a building's occupancy cap (R5)."""
    with connect(url) as conn:
        row = conn.execute("SELECT district_set_cap(%s, %s)", (building_id, cap)).fetchone()
        conn.commit()
    return row[0] if row else None
