"""Signing in to the district as a staff member, and turning its refusals into Refused."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from urllib.parse import urlsplit, urlunsplit

import psycopg

from app.desk.errors import Refused
from app.district_office.days import OFFICE_ZONE  # noqa: F401 - re-exported for callers
from app.sync.run import without_password

# SQLSTATEs raised by the office_* functions (db/district/migrations/sql_0005.py).
_REFUSALS = {
    "RDR01": ("reason_required", "请填写理由（2–500 个可见字符）。",
              "Give a reason (2–500 visible characters)."),
    "RDR05": ("bad_reason", "理由中不能含控制字符（如换行、制表符）。",
              "The reason may not hold control characters (line breaks, tabs)."),
    "RDN05": ("no_center", "区数据库中没有这个中心（新中心请由区系统管理员用 district add-center 建立）。",
              "The district knows no such centre (a new one is added with district add-center)."),
    "RDR02": ("bad_cap", "核定人数应在 0–100000 之间。", "The cap must be 0–100,000."),
    "RDR03": ("bad_center_code", "中心编码应为 2–16 位字母或数字。",
              "The centre code must be 2–16 letters or digits."),
    "RDR04": ("weak_password", "密码至少 8 位。", "The password needs 8+ characters."),
    "RDN01": ("no_card", "该中心没有这个卡号。", "That centre has no card with this number."),
    "RDN02": ("card_not_active", "该卡已不是有效卡，无需注销。", "That card is no longer active."),
    "RDN03": ("no_building", "该中心没有这个楼栋编号。", "That centre has no building with this code."),
    "RDN04": ("no_center_login", "该中心还没有登录账号。", "That centre has no login."),
    "RDQ01": ("bad_query", "请输入完整证件号码或完整姓名（2–64 个字符）。",
              "Enter a full document number or a full name (2–64 characters)."),
}


# Said with a WARNING, not an ERROR, so that the district's log of the refusal is kept.
_NOTICES = {
    "RDQ02": ("search_budget", "按证件号码查询未命中次数过多，已暂停（每小时最多 30 次未命中，同一号码每天最多 5 次）。"
              "此次查询已记入审计，请稍后再试或联系区管理员。",
              "Too many document-number searches found nobody (30 an hour; 5 a day for one "
              "masked number): paused and audited. Try later or ask the district's admin."),
}


ASK_AGAIN = "RDQ03"  # a look's first phase: logged and committed, now ask for the answer


def refusal(err: psycopg.Error) -> Refused:
    state = getattr(err, "sqlstate", None) or ""
    if state in _REFUSALS:
        code, zh, en = _REFUSALS[state]
        return Refused(code, zh, en)
    if isinstance(err, psycopg.errors.InsufficientPrivilege):
        return Refused("not_allowed", "您的区账号无权执行此操作（需要区管理员）。",
                       "Your district login may not do this (district admin needed).")
    return Refused("district_error", "区数据库拒绝了此操作，请联系区系统管理员。",
                   "The district database refused this; ask the district's administrator.")


def office_address(url: str | None) -> str:
    """The district's address for the office's sign-in, e.g. from the desk's saved sync
    address: no login name (the office signs in as itself, not as the centre) and never a
    password (app.sync.run.without_password)."""
    if not url:
        return ""
    parts = urlsplit(without_password(url))
    # by hand, not urlunsplit: that drops the "//" of a socket address (postgresql:///db?host=…)
    query = "&".join(p for p in parts.query.split("&")
                     if p and p.partition("=")[0].lower() != "user")
    return (f"{parts.scheme}://{parts.netloc.rpartition('@')[2]}{parts.path}"
            + (f"?{query}" if query else ""))


def with_user(url: str, user: str) -> str:
    parts = urlsplit(url)
    host = parts.netloc.rpartition("@")[2]
    return urlunsplit(parts._replace(netloc=f"{user}@{host}"))


@dataclass
class Office:
    """A signed-in district staff member; one connection, used by one lane at a time."""

    url: str
    user: str
    role: str  # admin | viewer
    _password: str = field(repr=False, default="")
    _conn: psycopg.Connection | None = field(default=None, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _notices: list[str] = field(default_factory=list, repr=False)
    last_notices: list[str] = field(default_factory=list, repr=False)

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    def _connect(self) -> psycopg.Connection:
        return _open(self.url, self.user, self._password)

    def _watch(self, conn: psycopg.Connection) -> None:
        conn.add_notice_handler(lambda diag: self._notices.append(diag.sqlstate or ""))

    @contextmanager
    def cursor(self) -> Iterator[psycopg.Cursor]:
        """One transaction: committed on success, rolled back on error (as Refused)."""
        with self._lock:
            if self._conn is None or self._conn.closed:
                self._conn = self._connect()
                self._watch(self._conn)
            self._notices.clear()
            try:
                with self._conn.transaction(), self._conn.cursor() as cur:
                    yield cur
            except psycopg.OperationalError:
                self._conn.close()
                self._conn = None
                raise Refused("district_unreachable", "连接区数据库失败，请检查网络后重试。",
                              "Lost the district database; check the network and retry.") from None
            except psycopg.Error as err:
                raise refusal(err) from None
            self.last_notices = list(self._notices)
            for state in self._notices:  # committed: the refusal is in the district's audit
                if state in _NOTICES:
                    raise Refused(*_NOTICES[state])

    def look(self, sql: str, params: tuple) -> list[tuple]:
        """A look at personal data (search, audit by person): the district answers only once
        the look's audit row is committed (RDQ03 "ask again" on the first call)."""
        for _ in range(2):
            with self.cursor() as cur:
                rows = cur.execute(sql, params).fetchall()
            if ASK_AGAIN not in self.last_notices:
                return rows
        raise Refused("district_error", "区数据库未返回查询结果，请重试。",
                      "The district gave no answer; try again.")

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None


def _open(url: str, user: str, password: str) -> psycopg.Connection:
    try:
        conn = psycopg.connect(url, user=user, password=password or None, connect_timeout=10,
                               options="-c TimeZone=UTC", autocommit=True)
    except psycopg.OperationalError:
        # One answer for a wrong name and a wrong password (no account probing).
        raise Refused("district_sign_in", "区数据库登录失败：账号或密码错误，或服务器不可达。",
                      "District sign-in failed: wrong name or password, or no server.") from None
    return conn


def sign_in(url: str, user: str, password: str) -> Office:
    """Sign in as district staff; a centre's login or a plain role is refused."""
    if not re.fullmatch(r"[a-z][a-z0-9_]{1,40}", user or ""):
        raise Refused("district_sign_in", "区数据库登录失败：账号或密码错误，或服务器不可达。",
                      "District sign-in failed: wrong name or password, or no server.")
    conn = _open(url, user, password)
    try:
        admin, viewer, centre = conn.execute(
            "SELECT pg_has_role(current_user, 'district_admin', 'MEMBER'), "
            "pg_has_role(current_user, 'district_viewer', 'MEMBER'), "
            "pg_has_role(current_user, 'rentdesk_center', 'MEMBER')").fetchone()
    except psycopg.Error:
        conn.close()
        raise Refused("not_district_staff", "区数据库尚未开通街道办功能（请运行 rentdesk district init）。",
                      "The district has no office functions yet (run `rentdesk district init`).") \
            from None
    if centre and not (admin or viewer):
        conn.close()
        raise Refused("centre_login", "这是服务中心的同步账号，只能用于中心同步，不能登录街道办。"
                      "请使用街道办工作人员账号（由区管理员用 rentdesk district add-staff 建立）。",
                      "This is a service centre's sync login: it syncs a centre and cannot sign in "
                      "to the street office. Use a street-office staff login (made by the district's "
                      "admin with rentdesk district add-staff).")
    if not (admin or viewer):
        conn.close()
        raise Refused("not_district_staff", "此账号不是街道办工作人员账号。",
                      "This login is not a street-office staff account.")
    office = Office(url, user, "admin" if admin else "viewer", password, conn)
    office._watch(conn)
    return office
