"""Staff accounts, sign-in, roles and the training gate (R3)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerifyMismatchError
from sqlmodel import Session, select

from app import audit, clock, settings
from app.audit import Actor
from app.context import Desk
from app.errors import NotFound, Refused
from app.passwords import check_policy
from db.engine import read_session, write_session
from db.models import Staff, Training, utcnow

ROLES = ("clerk", "supervisor", "admin")
MAX_FAILED_LOGINS = 5
LOCK_MINUTES = 15
TRAINING_VALID_DAYS = 365  # rule R3: retrained at least once a year
TRAINING_FLOOR = date(2000, 1, 1)  # no desk, and so no training for it, is older

# What each role may do; every service asks `require(actor, permission)` itself.
PERMISSIONS: dict[str, frozenset[str]] = {
    "clerk": frozenset({"register", "issue_card", "card_lifecycle", "search", "print"}),
    "supervisor": frozenset({"register", "issue_card", "card_lifecycle", "search", "print",
                             "reveal_id", "record_training", "import", "manage_buildings",
                             "report", "resolve_conflict", "audit"}),
    "admin": frozenset({"register", "issue_card", "card_lifecycle", "search", "print",
                        "reveal_id", "record_training", "import", "manage_buildings", "report",
                        "resolve_conflict", "audit", "manage_staff", "settings", "sync"}),
}
TRAINED_ACTIONS = frozenset({"register", "issue_card"})

# Roles and permissions in words (issue 13): the screen and the refusals never show codes.
ROLE_NAMES: dict[str, tuple[str, str]] = {
    "clerk": ("登记员", "clerk"), "supervisor": ("主管", "supervisor"),
    "admin": ("管理员", "administrator"),
}
PERMISSION_NAMES: dict[str, tuple[str, str]] = {
    "register": ("登记租住人员", "register tenants"),
    "issue_card": ("发门禁卡", "issue access cards"),
    "card_lifecycle": ("挂失、补卡、注销和迁出", "report lost, replace, revoke cards and move out"),
    "search": ("查询", "search"),
    "print": ("打印表格", "print forms"),
    "reveal_id": ("查看完整证件号码", "reveal full ID numbers"),
    "record_training": ("登记培训", "record training"),
    "import": ("批量导入", "import files"),
    "manage_buildings": ("管理楼栋和出租屋", "manage buildings and units"),
    "report": ("统计报表", "statistics reports"),
    "resolve_conflict": ("处理同步冲突", "resolve sync conflicts"),
    "audit": ("查看审计日志", "read the audit log"),
    "manage_staff": ("管理员工账号", "manage staff accounts"),
    "settings": ("修改设置", "change settings"),
    "sync": ("与区数据库同步", "sync with the district"),
}


def role_name(role: str, lang: str = "zh") -> str:
    """管理员 / 主管 / 登记员 (or the English word); an unknown code is shown as it is."""
    zh, en = ROLE_NAMES.get(role, (role, role))
    return zh if lang.startswith("zh") else en


def permission_name(permission: str, lang: str = "zh") -> str:
    zh, en = PERMISSION_NAMES.get(permission, (permission, permission))
    return zh if lang.startswith("zh") else en

_hasher = PasswordHasher()


def require(actor: Actor, permission: str) -> None:
    if permission not in PERMISSIONS.get(actor.role, frozenset()):
        needs = [role_name(r) for r in ROLES if permission in PERMISSIONS[r]]
        needs_en = [role_name(r, "en") for r in ROLES if permission in PERMISSIONS[r]]
        raise Refused("forbidden",
                      f"账号 {actor.username}（{role_name(actor.role)}）无权{permission_name(permission)}。"
                      f"需要{'或'.join(needs) or '其他'}账号办理。",
                      f"Account {actor.username} ({role_name(actor.role, 'en')}) may not "
                      f"{permission_name(permission, 'en')}; ask a {' or '.join(needs_en) or 'other'} "
                      f"account.", permission=permission)


def _actor(staff: Staff) -> Actor:
    return Actor(staff.id, staff.username, staff.display_name, staff.role, staff.center_code)


def create_staff(desk: Desk, by: Actor | None, username: str, password: str, role: str,
                 display_name: str | None = None) -> Actor:
    """A new account. `by` is None only for the first admin made by `init`."""
    if by is not None:
        require(by, "manage_staff")
    if role not in ROLES:
        raise Refused("bad_role", f"角色无效：{role[:20]}（应为 clerk 登记员、supervisor 主管 或 admin 管理员）。",
                      f"Unknown role {role} (use clerk, supervisor or admin).")
    username = username.strip()
    if not username:
        raise Refused("bad_username", "用户名不能为空。", "The username must not be empty.")
    check_policy(password, username, display_name or "", desk.center_code or "")
    if desk.center_code is None:
        raise Refused("no_center", "尚未建立中心，请先运行 rentdesk init。",
                      "No centre yet: run `rentdesk init` first.")
    with write_session(desk.engine) as s:
        if s.exec(select(Staff).where(Staff.username == username)).first():
            raise Refused("staff_exists", f"用户名 {username} 已存在。", f"User {username} exists.")
        staff = Staff(center_code=desk.center_code, username=username,
                      display_name=display_name or username, role=role,
                      password_hash=_hasher.hash(password))
        s.add(staff)
        s.flush()
        if by is not None:
            # the admin knows this password: the holder replaces it at first sign-in
            settings.set_flag(s, settings.MUST_CHANGE_PASSWORD, staff.id, True)
        audit.record(s, by or _actor(staff), "staff.create", "staff", staff.id, role=role)
        return _actor(staff)


def authenticate(desk: Desk, username: str, password: str) -> Actor:
    """Sign in; five wrong passwords lock the account for 15 minutes (logged)."""
    with write_session(desk.engine) as s:
        staff = s.exec(select(Staff).where(Staff.username == username.strip())).first()
        if staff is None or not staff.active:
            raise Refused("bad_login", "用户名或密码错误。", "Wrong username or password.")
        now = utcnow()
        if staff.locked_until and staff.locked_until > now:
            minutes = int((staff.locked_until - now).total_seconds() // 60) + 1
            raise Refused("locked", f"密码错误次数过多，账号已锁定，请 {minutes} 分钟后再试。",
                          f"Too many wrong passwords: locked, try again in {minutes} min.")
        try:
            _hasher.verify(staff.password_hash, password)
        except (VerifyMismatchError, InvalidHashError):
            staff.failed_logins += 1
            locked = staff.failed_logins >= MAX_FAILED_LOGINS
            if locked:
                staff.locked_until = now + timedelta(minutes=LOCK_MINUTES)
                staff.failed_logins = 0
            audit.record(s, _actor(staff), "login.locked" if locked else "login.failed",
                         "staff", staff.id)
            s.commit()  # the failure count must survive the refusal
            raise Refused("bad_login", "用户名或密码错误。", "Wrong username or password.") from None
        staff.failed_logins = 0
        staff.locked_until = None
        audit.record(s, _actor(staff), "login", "staff", staff.id)
        return _actor(staff)


@dataclass(frozen=True)
class TrainingStatus:
    ok: bool
    last_passed: date | None
    lapses_on: date | None
    reason: str | None
    reason_en: str | None


def training_status(session: Session, staff_id: str, today: date) -> TrainingStatus:
    """rule R3: a passed induction, and a passed training within the last 12 months."""
    rows = session.exec(select(Training).where(Training.staff_id == staff_id,
                                               Training.passed == True)).all()  # noqa: E712
    # A training dated after today has not happened (an older desk accepted 2099 or 9999):
    # it opens no gate, and dropping it keeps `last + 365 days` inside the calendar. One day
    # of slack: a centre that moves its zone west may see "today's" training as tomorrow's.
    horizon = today + timedelta(days=1) if today < date.max else today
    rows = [t for t in rows if t.taken_on <= horizon]
    if not any(t.kind == "induction" for t in rows):
        return TrainingStatus(False, None, None, "尚未通过岗前培训，不能登记租住人员或发卡。",
                              "No passed induction training: may not register tenants or issue cards.")
    last = max(t.taken_on for t in rows)
    lapses = (last + timedelta(days=TRAINING_VALID_DAYS)
              if last <= date.max - timedelta(days=TRAINING_VALID_DAYS) else date.max)
    if today > lapses:
        return TrainingStatus(False, last, lapses,
                              f"上次培训为 {last}，已超过 12 个月，须参加在岗轮训后才能登记或发卡。",
                              f"Last training on {last} is over 12 months old: retrain first.")
    return TrainingStatus(True, last, lapses, None, None)


def require_trained(session: Session, actor: Actor, action: str, today: date) -> None:
    require(actor, action)
    if action in TRAINED_ACTIONS:
        status = training_status(session, actor.staff_id, today)
        if not status.ok:
            raise Refused("untrained", status.reason or "", status.reason_en or "")


def record_training(desk: Desk, by: Actor | None, username: str, kind: str, taken_on: date,
                    provider: str | None = None, passed: bool = True) -> None:
    if by is not None:
        require(by, "record_training")
    if kind not in ("induction", "annual"):
        raise Refused("bad_training_kind", "培训类型应为 induction（岗前）或 annual（轮训）。",
                      "Training kind must be induction or annual.")
    today = clock.today(desk)
    if not TRAINING_FLOOR <= taken_on <= today:  # rule R3: a training that took place
        raise Refused("bad_training_date",
                      f"培训日期应在 {TRAINING_FLOOR} 至今天（{today}）之间：未来的培训不能提前登记。",
                      f"The training date must be between {TRAINING_FLOOR} and today ({today}); "
                      "a future training cannot be recorded in advance.")
    with write_session(desk.engine) as s:
        staff = s.exec(select(Staff).where(Staff.username == username)).first()
        if staff is None:
            raise NotFound("no_staff", f"没有账号 {username}。", f"No account {username}.")
        t = Training(center_code=staff.center_code, staff_id=staff.id, kind=kind,
                     taken_on=taken_on, provider=provider, passed=passed,
                     recorded_by=by.staff_id if by else None)
        s.add(t)
        s.flush()
        audit.record(s, by or _actor(staff), "training.record", "training", t.id, kind=kind,
                     passed=passed)


def get_actor(desk: Desk, username: str) -> Actor:
    with read_session(desk.engine) as s:
        staff = s.exec(select(Staff).where(Staff.username == username)).first()
        if staff is None:
            raise NotFound("no_staff", f"没有账号 {username}。", f"No account {username}.")
        return _actor(staff)


def must_change_password(desk: Desk, actor: Actor) -> bool:
    """An admin-made account that has not yet chosen its own password (issue 12)."""
    with read_session(desk.engine) as s:
        return settings.get_flag(s, settings.MUST_CHANGE_PASSWORD, actor.staff_id)


def change_password(desk: Desk, username: str, current: str, new: str) -> Actor:
    """The holder sets a new password: the current one checked (and counted as a sign-in
    attempt, so the lockout still applies), the policy met, the old one not reused."""
    actor = authenticate(desk, username, current)
    if new == current:
        raise Refused("same_password", "新密码不能与当前密码相同。",
                      "The new password must differ from the current one.")
    check_policy(new, actor.username, actor.display_name, actor.center_code)
    with write_session(desk.engine) as s:
        staff = s.get(Staff, actor.staff_id)
        assert staff is not None
        staff.password_hash = _hasher.hash(new)
        settings.set_flag(s, settings.MUST_CHANGE_PASSWORD, staff.id, False)
        audit.record(s, actor, "staff.password_change", "staff", staff.id)
    return actor
