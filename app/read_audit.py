"""Reading personal data needs an account and leaves a trace (rule R10).

Every search, list or overview that shows tenants calls `audited_read` first: it checks the
account may look (`require`), then writes one audit entry naming the kind of lookup and a
keyed hash of what was typed — never the term itself, so the log (which syncs to the
district) does not become a list of ID numbers. The key is a random secret kept in this
centre's encrypted database, so the district cannot brute-force an 18-digit number back
from its hash, while the centre can still answer "who looked up this number?".
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from typing import Any

from app import audit
from app.audit import Actor
from app.context import Desk
from app.staff import require
from db.engine import read_session, write_session
from db.models import LocalMeta

SECRET_KEY = "audit_term_secret"
_cache: dict[str, bytes] = {}


def _secret(desk: Desk) -> bytes:
    cached = _cache.get(str(desk.db_path))
    if cached is not None:
        return cached
    with read_session(desk.engine) as s:
        row = s.get(LocalMeta, SECRET_KEY)
        value = row.value if row else None
    if value is None:
        with write_session(desk.engine) as s:
            row = s.get(LocalMeta, SECRET_KEY)
            if row is None:
                row = LocalMeta(key=SECRET_KEY, value=secrets.token_hex(32))
                s.add(row)
            value = row.value
    _cache[str(desk.db_path)] = bytes.fromhex(value)
    return _cache[str(desk.db_path)]


def term_hash(desk: Desk, term: str) -> str:
    """HMAC-SHA256 of the stripped term under the desk's secret (hex, 32 characters kept)."""
    mac = hmac.new(_secret(desk), term.strip().upper().encode(), hashlib.sha256)
    return mac.hexdigest()[:32]


def audited_read(desk: Desk, actor: Actor | None, kind: str, term: str | None = None,
                 permission: str = "search", **detail: Any) -> None:
    """Refuse without an allowed account; log who read what kind of personal data (R10)."""
    if actor is None:
        from app.errors import Refused

        raise Refused("login_required", "查看租户资料须先登录（--as 用户名）。",
                      "Sign in to read tenants' data (--as USER).")
    require(actor, permission)
    extra = dict(detail)
    if term is not None:
        extra["term_hmac"] = term_hash(desk, term)
    with write_session(desk.engine) as s:
        audit.record(s, actor, "personal.read", "search", None, kind=kind, **extra)
