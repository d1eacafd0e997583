"""District staff logins (run with the district's admin URL) and the centres' logins
(managed by a district admin through office functions)."""

from __future__ import annotations

import re

from psycopg import sql

from app import scram
from app.district_office.session import Office
from app.errors import Refused
from app.sync.district import connect

ROLES = {"admin": "district_admin", "viewer": "district_viewer"}


def add_staff(admin_url: str, name: str, role: str, password: str) -> dict:
    """A LOGIN role for one staff member, member of exactly one office group role."""
    if not re.fullmatch(r"[a-z][a-z0-9_]{1,40}", name) or name.startswith(("rd_", "pg_")):
        raise Refused("bad_staff_name", "账号名应为小写字母开头的字母、数字或下划线（2–41 位），且不以 rd_ / pg_ 开头。",
                      "The name must be 2–41 lowercase letters, digits or _, starting with a "
                      "letter, not rd_ / pg_.")
    if role not in ROLES:
        raise Refused("bad_role", "角色应为 admin 或 viewer。", "The role must be admin or viewer.")
    if len(password) < 10:
        raise Refused("weak_password", "街道办账号密码至少 10 位。",
                      "A street-office password needs 10+ characters.")
    with connect(admin_url) as conn:
        row = conn.execute("SELECT rolsuper FROM pg_roles WHERE rolname = %s", (name,)).fetchone()
        if row and row[0]:
            raise Refused("bad_staff_name", "不能使用超级用户账号名。", "That name is a superuser.")
        centre = conn.execute("SELECT 1 FROM center_role WHERE role_name = %s", (name,)).fetchone()
        if centre:
            raise Refused("bad_staff_name", "该名称是中心的登录账号。", "That name is a centre's login.")
        verb = "ALTER" if row else "CREATE"
        conn.execute(sql.SQL(verb + " ROLE {} LOGIN PASSWORD {}").format(
            sql.Identifier(name), sql.Literal(scram.verifier(password))))  # never the password
        other = ROLES["viewer" if role == "admin" else "admin"]
        conn.execute(sql.SQL("REVOKE {} FROM {}").format(sql.Identifier(other), sql.Identifier(name)))
        conn.execute(sql.SQL("GRANT {} TO {}").format(sql.Identifier(ROLES[role]),
                                                     sql.Identifier(name)))
        conn.execute("SELECT office_log('add_staff', NULL, %s, NULL, jsonb_build_object('role', %s::text))",
                     (name, role))
        conn.commit()
    return {"name": name, "role": role}


def set_center_login(office: Office, code: str, password: str) -> str:
    """(Re)set a known centre's login. Only the SCRAM verifier reaches the server: the
    password never appears in a statement the server could log."""
    if len(password) < 8:
        raise Refused("weak_password", "密码至少 8 位。", "The password needs 8+ characters.")
    with office.cursor() as cur:
        role = cur.execute("SELECT office_center_login(%s, %s)",
                           (code, scram.verifier(password))).fetchone()[0]
    if role is None:  # the district answered with a WARNING: not a verifier
        raise Refused("district_error", "区数据库拒绝了此操作，请联系区系统管理员。",
                      "The district database refused this; ask the district's administrator.")
    return role


def disable_center_login(office: Office, code: str, reason: str) -> str:
    with office.cursor() as cur:
        return cur.execute("SELECT office_disable_center_login(%s, %s)",
                           (code, reason)).fetchone()[0]
