"""Trial centres (issue 12): demo data lives only in a centre made for it.

A trial centre has a code starting with `TRIAL` (the district refuses those codes, issue 11)
and a `trial_center` mark in local_meta. `rentdesk init --trial` and `rentdesk demo` make
one; `demo` on a real centre is refused with the reason, and the desk will not sync a trial
centre, so 500 invented tenants never reach the district.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from datetime import date

from sqlalchemy import func
from sqlmodel import select

from app import settings
from app.audit import Actor
from app.center import init_center
from app.context import Desk
from app.errors import Refused
from db.engine import read_session, write_session
from db.models import Person

TRIAL_PREFIX = "TRIAL"
TRIAL_MARK = "trial_center"
TRIAL_NAME = "试用中心"


def is_trial(desk: Desk) -> bool:
    if desk.center_code is None:
        return False
    if desk.center_code.startswith(TRIAL_PREFIX):
        return True
    with read_session(desk.engine) as s:
        return settings.get(s, settings.TRIAL_CENTRE)


def init_trial_center(desk: Desk, admin: str, password: str, name: str = TRIAL_NAME,
                      induction_on: date | None = None) -> Actor:
    """A centre for training and demos: TRIAL code, marked, admin trained on `induction_on`."""
    code = TRIAL_PREFIX + secrets.token_hex(3).upper()
    actor = init_center(desk, code, name, admin, password, induction_on=induction_on)
    with write_session(desk.engine) as s:
        settings.put(s, settings.TRIAL_CENTRE, True)
    return actor


def require_trial(desk: Desk, what_zh: str = "生成演示数据", what_en: str = "Demo data") -> None:
    """Refuse with the reason unless this data folder is a trial centre."""
    if desk.center_code is None:
        raise Refused("no_center", "尚未建立中心：请用 rentdesk demo 新建试用中心。",
                      "No centre yet: `rentdesk demo` makes a trial centre.")
    if not is_trial(desk):
        raise Refused("not_trial",
                      f"{desk.center_code} 是正式中心，不能{what_zh}：演示数据会混入真实记录并同步到区里。"
                      "请在新的数据目录中运行：rentdesk --home 新目录 demo",
                      f"{what_en} is refused on the real centre {desk.center_code}: it would mix "
                      "with real records and sync to the district. Run it in a new folder: "
                      "rentdesk --home NEWDIR demo")


def refuse_sync_of_trial(desk: Desk) -> None:
    """The desk never sends a trial centre's rows to the district."""
    if is_trial(desk):
        raise Refused("trial_no_sync",
                      f"{desk.center_code} 是试用中心（演示数据），不与区数据库同步。",
                      f"{desk.center_code} is a trial centre (demo data): it does not sync "
                      "with the district.")


def demo_in_trial(desk: Desk, actor: Actor | None, tenants: int, seed: int = 1,
                  progress: Callable | None = None):
    """The demo generator behind every front end: a trial centre only, once only, bounded."""
    from app.demo import generate_demo
    from app.settings import check_int

    require_trial(desk)
    check_int("demo_tenants", tenants)
    with read_session(desk.engine) as s:
        if s.exec(select(func.count()).select_from(Person)).one():
            raise Refused("demo_exists", "此试用中心已有演示数据；要重新生成请新建一个数据目录。",
                          "This trial centre already holds demo data: use a new folder for "
                          "another one.")
    return generate_demo(desk, tenants, seed, progress=progress, actor=actor)
