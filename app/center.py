"""Creating the centre and its first administrator (first run)."""

from __future__ import annotations

import re
from datetime import date
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlmodel import select

from app import audit, clock, settings
from app.audit import Actor
from app.context import Desk
from app.errors import Refused
from app.passwords import check_policy
from app.staff import create_staff, record_training, require
from db.engine import write_session
from db.ids import new_id
from db.models import Center


def init_center(desk: Desk, code: str, name: str, admin: str, password: str,
                workstation: str | None = None, street_office: str | None = None,
                induction_on: date | None = None, timezone: str = clock.DEFAULT_ZONE) -> Actor:
    """Create the centre, its replica epoch and the first admin, in that order."""
    timezone = checked_zone(timezone)
    code = code.strip().upper()
    if not re.fullmatch(r"[0-9A-Z]{2,16}", code):
        raise Refused("bad_center_code", "中心编码应为 2–16 位字母或数字。",
                      "The centre code must be 2–16 letters or digits.")
    if not name.strip():
        raise Refused("bad_center_name", "请填写中心名称。", "Enter the centre's name.")
    # before anything is written: a refused password must not leave a centre without admin
    check_policy(password, admin, code, name)
    if desk.center_code is not None:
        raise Refused("already_initialised", f"此数据目录已属于中心 {desk.center_code}。",
                      f"This data directory already belongs to centre {desk.center_code}.")
    with write_session(desk.engine) as s:
        if s.exec(select(Center)).first():
            raise Refused("already_initialised", "此数据目录已建立中心。", "Already initialised.")
        center = Center(center_code=code, name=name.strip(), workstation=workstation,
                        street_office=street_office, timezone=timezone)
        s.add(center)
        # The replica epoch tells the district which copy of this database it talks to.
        settings.put(s, settings.REPLICA_EPOCH, new_id())
        s.flush()
        audit.record(s, None, "center.create", "center", center.id, center_code=code)
    desk.center_code, desk.timezone = code, timezone
    actor = create_staff(desk, None, admin, password, "admin")
    if induction_on is not None:
        record_training(desk, actor, admin, "induction", induction_on)
    return actor


def checked_zone(name: str) -> str:
    """An IANA zone name the desk can use (the centre's days are counted in it)."""
    name = (name or "").strip()
    try:
        if not clock.is_zone_name(name):  # rule: a place, never localtime/posix/right/Factory
            raise ValueError(name)
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise Refused("bad_timezone", f"时区无效：{name}（例如 Asia/Shanghai）。",
                      f"Unknown time zone {name} (for example Asia/Shanghai).") from None
    return name


def set_center_timezone(desk: Desk, actor: Actor, name: str) -> str:
    """The centre's zone decides which day "today" is for every rule, form and report."""
    require(actor, "settings")
    name = checked_zone(name)
    with write_session(desk.engine) as s:
        center = s.exec(select(Center)).one()
        before, center.timezone = center.timezone, name
        s.add(center)
        s.flush()
        audit.record(s, actor, "center.timezone", "center", center.id, before=before, after=name)
    desk.timezone = name
    return name
