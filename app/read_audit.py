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
from datetime import timedelta
from typing import Any

from sqlalchemy import text

from app import audit, settings
from app.audit import Actor
from app.context import Desk
from app.errors import Refused
from app.staff import require
from db.engine import log_session, read_session, write_session
from db.models import utcnow

MISS_LIMIT = 30  # whole-number lookups that found nothing, per account and hour

SECRET_KEY = "audit_term_secret"
_cache: dict[str, bytes] = {}


def _secret(desk: Desk) -> bytes:
    cached = _cache.get(str(desk.db_path))
    if cached is not None:
        return cached
    with read_session(desk.engine) as s:
        value = settings.get(s, settings.AUDIT_TERM_SECRET)
    if value is None:
        with write_session(desk.engine) as s:
            value = settings.get(s, settings.AUDIT_TERM_SECRET)
            if value is None:
                value = secrets.token_hex(32)
                settings.put(s, settings.AUDIT_TERM_SECRET, value)
    _cache[str(desk.db_path)] = bytes.fromhex(value)
    return _cache[str(desk.db_path)]


def term_hash(desk: Desk, term: str) -> str:
    """HMAC-SHA256 of the stripped term under the desk's secret (hex, 32 characters kept)."""
    mac = hmac.new(_secret(desk), term.strip().upper().encode(), hashlib.sha256)
    return mac.hexdigest()[:32]


def check_reader(actor: Actor | None, permission: str = "search") -> Actor:
    """Refuse without an account, or one whose role may not read this."""
    if actor is None:
        raise Refused("login_required", "查看租户资料须先登录（--as 用户名）。",
                      "Sign in to read tenants' data (--as USER).")
    require(actor, permission)
    return actor


def check_miss_budget(desk: Desk, actor: Actor) -> None:
    """No oracle by brute force: a masked phone hides 4 digits (10,000 guesses) and a masked
    resident ID mostly a birth date (~22,000); whole-number lookups that find nothing are
    counted per account, and past MISS_LIMIT an hour the account is refused (and the
    refusal is itself in the log). A clerk mistyping a number now and then never gets near."""
    since = utcnow() - timedelta(hours=1)
    with read_session(desk.engine) as s:
        misses = s.connection().execute(text(
            "SELECT count(*) FROM audit_event WHERE at >= :t AND staff_id = :s AND "
            "action = 'personal.read' AND detail LIKE '%\"miss\": true%'"),
            {"t": since, "s": actor.staff_id}).scalar_one()
    if misses >= MISS_LIMIT:
        with write_session(desk.engine) as s:
            audit.record(s, actor, "personal.read_refused", "search", None, misses=misses)
        raise Refused("too_many_misses",
                      f"一小时内已有 {misses} 次按号码查询无结果，已暂停号码查询。请核对证件后再试，或联系管理员。",
                      f"{misses} number lookups found nothing within an hour: number lookups are "
                      "paused for this account. Check the document, or ask an administrator.")


def audited_read(desk: Desk, actor: Actor | None, kind: str, term: str | None = None,
                 permission: str = "search", **detail: Any) -> None:
    """Refuse without an allowed account; log who read what kind of personal data (R10)."""
    actor = check_reader(actor, permission)
    log_read(desk, actor, kind, term, **detail)


def log_read(desk: Desk, actor: Actor, kind: str, term: str | None = None,
             **detail: Any) -> None:
    extra = dict(detail)
    if term is not None:
        extra["term_hmac"] = term_hash(desk, term)
    with log_session(desk.engine) as s:
        audit.record_core(s, actor, "personal.read", "search", None, kind=kind, **extra)
