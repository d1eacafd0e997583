"""房屋租赁合同登记 (rule R1): registered leases, their expiry tasks, renewal and move-out.

A lease names the stays (tenancies) of the people living in the unit under it. When it
ends, the tenants who left are moved out through app.intake.move_out, the one place that
ends a stay and stops its card (rule R6, 人走卡销). Each move-out is its own transaction
there, so `end_lease` is written to be re-run: a tenant already moved out is skipped and
the lease is closed last.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlmodel import Session, select

from app import audit
from app.audit import Actor
from app.context import Desk
from app.errors import Refused
from app.identity import mask_id
from app.intake import move_out
from app.records import find_person, find_unit, unit_and_building
from app.service_common import document_number, landlord_of, not_found, whole_yuan
from app.settings import check_int
from app.staff import require
from db.engine import read_session, write_session
from db.models import Landlord, Person, Tenancy, utcnow
from db.service_tables import LeaseRegistration, LeaseTenant

TASK_DAYS = 30       # a lease ending within this many days becomes a task
MAX_YEARS = 20       # 民法典 第七百零五条: a lease may not run longer than twenty years


@dataclass(frozen=True)
class LeaseTenantInfo:
    person_id: str
    tenancy_id: str
    name: str
    idno_masked: str
    living: bool             # the stay is still current (not moved out)


@dataclass(frozen=True)
class LeaseInfo:
    id: str
    status: str              # active | ended
    building_code: str
    building_name: str
    unit_number: str
    landlord_name: str
    rent_yuan: int
    deposit_yuan: int
    start_date: date
    end_date: date
    renewals: int
    tenants: tuple[LeaseTenantInfo, ...]
    ended_at: datetime | None
    end_reason: str | None


@dataclass(frozen=True)
class LeaseTask:
    """Confirm move-out (end_lease) or renewal (renew_lease) of a lease ending soon."""

    lease: LeaseInfo
    kind: str                # expiring (ends within TASK_DAYS, or today) | expired (ended)
    days_left: int           # negative once the end date has passed
    zh: str
    en: str


@dataclass(frozen=True)
class LeaseEnd:
    lease: LeaseInfo
    moved_out: tuple[str, ...]        # tenancy ids moved out now
    cards_stopped: tuple[str, ...]    # their card numbers stopped (rule R6)
    staying: tuple[str, ...]          # tenancy ids that stay on


def lease_info(session: Session, lease: LeaseRegistration) -> LeaseInfo:
    unit, building = unit_and_building(session, lease.unit_id)
    landlord = session.get(Landlord, lease.landlord_id) if lease.landlord_id else None
    tenants = []
    for lt in session.exec(select(LeaseTenant).where(LeaseTenant.lease_id == lease.id)
                           .order_by(LeaseTenant.id)):
        person = session.get(Person, lt.person_id)
        tenancy = session.get(Tenancy, lt.tenancy_id)
        assert person is not None and tenancy is not None
        tenants.append(LeaseTenantInfo(person.id, tenancy.id, person.name,
                                       mask_id(document_number(session, person.id)),
                                       tenancy.moved_out_at is None))
    return LeaseInfo(lease.id, lease.status, building.code, building.name, unit.number,
                     landlord.name if landlord else "", lease.rent_yuan, lease.deposit_yuan,
                     lease.start_date, lease.end_date, lease.renewals, tuple(tenants),
                     lease.ended_at, lease.end_reason)


def _check_term(start: date, end: date) -> None:
    if end <= start:
        raise Refused("bad_term", f"租期结束日 {end} 须晚于开始日 {start}。",
                      f"The end date {end} must be after the start date {start}.")
    if end > _add_years(start, MAX_YEARS):
        raise Refused("term_too_long", "租赁期限不得超过二十年（民法典第七百零五条）。",
                      "A lease may not run longer than twenty years (Civil Code art. 705).")


def _add_years(d: date, years: int) -> date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February in a year without one
        return d.replace(year=d.year + years, day=28)


def _tenancies(session: Session, unit_id: str, idnos: Sequence[str]) -> list[Tenancy]:
    """The current stays in this unit of the people named; refuses anyone else."""
    if not idnos:
        raise Refused("no_tenants", "请至少登记一名承租人。", "Name at least one tenant.")
    found: dict[str, Tenancy] = {}
    for idno in idnos:
        person = find_person(session, idno)
        tenancy = session.exec(select(Tenancy).where(Tenancy.person_id == person.id,
                                                     Tenancy.moved_out_at == None)).first()  # noqa: E711
        if tenancy is None or tenancy.unit_id != unit_id:
            raise Refused("not_living_here", f"{person.name} 没有在该房间的在住登记，请先办理入住登记。",
                          "This tenant is not registered as living in that unit: register the "
                          "stay first.")
        on_lease = session.exec(select(LeaseTenant).join(
            LeaseRegistration, LeaseRegistration.id == LeaseTenant.lease_id).where(
            LeaseTenant.tenancy_id == tenancy.id, LeaseRegistration.status == "active")).first()
        if on_lease is not None:
            raise Refused("already_on_lease", f"{person.name} 已在另一份有效租赁合同上。",
                          "This tenant is already on another active lease.", lease=on_lease.lease_id)
        found[tenancy.id] = tenancy
    return list(found.values())


def add_lease(desk: Desk, actor: Actor, building_code: str, unit_number: str,
              tenant_idnos: Sequence[str], rent_yuan: int, start_date: date, end_date: date,
              deposit_yuan: int = 0, landlord_name: str | None = None,
              landlord_phone: str | None = None) -> LeaseInfo:
    """Register a lease of a unit to the people living there (one or more stays)."""
    require(actor, "register")
    rent = whole_yuan(rent_yuan, "月租金", "The rent")
    deposit = whole_yuan(deposit_yuan, "押金", "The deposit", allow_zero=True)
    _check_term(start_date, end_date)
    with write_session(desk.engine) as s:
        unit = find_unit(s, actor.center_code, building_code, unit_number)
        tenancies = _tenancies(s, unit.id, tenant_idnos)
        landlord = landlord_of(s, unit)
        if landlord is None:
            if not (landlord_name or "").strip():
                raise Refused("landlord_required", "该房间未登记房东，请填写出租人（房东）姓名。",
                              "The unit has no landlord on record: give the landlord's name.")
            landlord = Landlord(center_code=actor.center_code, name=landlord_name.strip(),
                                phone=landlord_phone)
            s.add(landlord)
            s.flush()
            unit.landlord_id = landlord.id  # the unit's record gains what the lease shows
            s.add(unit)
            audit.record(s, actor, "unit.landlord", "unit", unit.id, landlord=landlord.id)
        lease = LeaseRegistration(center_code=actor.center_code, unit_id=unit.id,
                                  landlord_id=landlord.id, rent_yuan=rent, deposit_yuan=deposit,
                                  start_date=start_date, end_date=end_date,
                                  registered_by=actor.staff_id)
        s.add(lease)
        s.flush()
        s.add_all([LeaseTenant(center_code=actor.center_code, lease_id=lease.id,
                               tenancy_id=t.id, person_id=t.person_id) for t in tenancies])
        s.flush()
        audit.record(s, actor, "lease.register", "lease_registration", lease.id, unit=unit.id,
                     tenants=len(tenancies), start=start_date, end=end_date)
        return lease_info(s, lease)


def load_lease(session: Session, lease_id: str) -> LeaseRegistration:
    lease = session.get(LeaseRegistration, lease_id.strip())
    if lease is None:
        raise not_found("该租赁合同登记", "lease registration")
    return lease


def _active(session: Session, lease_id: str) -> LeaseRegistration:
    lease = load_lease(session, lease_id)
    if lease.status != "active":
        raise Refused("lease_ended", "该租赁合同登记已结束。", "That lease registration has ended.")
    return lease


def get_lease(desk: Desk, lease_id: str) -> LeaseInfo:
    with read_session(desk.engine) as s:
        return lease_info(s, load_lease(s, lease_id))


def leases_of_unit(desk: Desk, actor: Actor, building_code: str, unit_number: str,
                   active_only: bool = True) -> list[LeaseInfo]:
    with read_session(desk.engine) as s:
        unit = find_unit(s, actor.center_code, building_code, unit_number)
        q = select(LeaseRegistration).where(LeaseRegistration.unit_id == unit.id)
        if active_only:
            q = q.where(LeaseRegistration.status == "active")
        return [lease_info(s, x) for x in s.exec(q.order_by(LeaseRegistration.start_date))]


def current_lease(session: Session, tenancy_id: str, on: date) -> LeaseRegistration | None:
    """The active lease naming this stay that covers the day `on` (a housing proof)."""
    return session.exec(select(LeaseRegistration).join(
        LeaseTenant, LeaseTenant.lease_id == LeaseRegistration.id).where(
        LeaseTenant.tenancy_id == tenancy_id, LeaseRegistration.status == "active",
        LeaseRegistration.start_date <= on, LeaseRegistration.end_date >= on)).first()


def lease_tasks_for(desk: Desk, actor: Actor | None, today: date,
                    within_days: int = TASK_DAYS) -> list[LeaseTask]:
    """The to-do list as shown to a person (it names tenants): account and log first (R10)."""
    from app.read_audit import audited_read

    audited_read(desk, actor, "lease_tasks")
    return lease_tasks(desk, today, check_int("lease_task_days", within_days))


def lease_tasks(desk: Desk, today: date, within_days: int = TASK_DAYS) -> list[LeaseTask]:
    """Active leases ending within `within_days` of `today`, or already ended: confirm
    move-out or renewal. Soonest (most overdue) first."""
    horizon = today + timedelta(days=within_days)
    with read_session(desk.engine) as s:
        leases = s.exec(select(LeaseRegistration).where(
            LeaseRegistration.status == "active", LeaseRegistration.end_date <= horizon)
            .order_by(LeaseRegistration.end_date, LeaseRegistration.id)).all()
        tasks = []
        for lease in leases:
            info = lease_info(s, lease)
            days = (lease.end_date - today).days
            where = f"{info.building_name} {info.unit_number}"
            if days < 0:
                tasks.append(LeaseTask(info, "expired", days,
                                       f"{where} 租约已于 {lease.end_date} 到期（逾期 {-days} 天）："
                                       "请确认续租或迁出（迁出即注销门禁卡）。",
                                       f"{where}: the lease ended on {lease.end_date} ({-days} days "
                                       "ago): confirm renewal or move-out (move-out stops the cards)."))
            else:
                tasks.append(LeaseTask(info, "expiring", days,
                                       f"{where} 租约将于 {lease.end_date} 到期（还有 {days} 天）："
                                       "请确认续租或迁出。",
                                       f"{where}: the lease ends on {lease.end_date} (in {days} "
                                       "days): confirm renewal or move-out."))
        return tasks


def renew_lease(desk: Desk, actor: Actor, lease_id: str, new_end: date,
                rent_yuan: int | None = None) -> LeaseInfo:
    """Renewal: the same lease runs on to `new_end` (optionally at a new rent)."""
    require(actor, "register")
    with write_session(desk.engine) as s:
        lease = _active(s, lease_id)
        if new_end <= lease.end_date:
            raise Refused("bad_renewal", f"续租后的到期日须晚于原到期日 {lease.end_date}。",
                          f"The renewed end date must be after the current one, {lease.end_date}.")
        _check_term(lease.start_date, new_end)
        if not any(t.living for t in lease_info(s, lease).tenants):
            raise Refused("nobody_left", "该租约的承租人均已迁出，不能续租，请结束该登记。",
                          "Every tenant on this lease has moved out: end it instead of renewing.")
        previous = lease.end_date
        lease.end_date = new_end
        lease.renewals += 1
        if rent_yuan is not None:
            lease.rent_yuan = whole_yuan(rent_yuan, "月租金", "The rent")
        s.add(lease)
        s.flush()
        audit.record(s, actor, "lease.renew", "lease_registration", lease.id,
                     previous_end=previous, new_end=new_end, rent=lease.rent_yuan)
        return lease_info(s, lease)


def end_lease(desk: Desk, actor: Actor, lease_id: str, staying_idnos: Sequence[str] = (),
              card_returned: bool = False, reason: str = "租约到期迁出") -> LeaseEnd:
    """Confirm the move-out: every tenant not staying is moved out and their card stopped
    (rule R6, 人走卡销, through app.intake.move_out); then the lease is closed."""
    require(actor, "card_lifecycle")
    with read_session(desk.engine) as s:
        lease = _active(s, lease_id)
        staying_people = {find_person(s, i).id for i in staying_idnos}
        info = lease_info(s, lease)
        unknown = staying_people - {t.person_id for t in info.tenants}
        if unknown:
            raise Refused("not_on_lease", "留住人员不在该租约上。", "A staying tenant is not on this lease.")
        leaving = [(t.tenancy_id, document_number(s, t.person_id)) for t in info.tenants
                   if t.living and t.person_id not in staying_people]
        staying = tuple(t.tenancy_id for t in info.tenants
                        if t.living and t.person_id in staying_people)
    moved, cards = [], []
    for tenancy_id, idno in leaving:
        stopped = move_out(desk, actor, idno, card_returned=card_returned, reason=reason)
        moved.append(tenancy_id)
        if stopped:
            cards.append(stopped)
    with write_session(desk.engine) as s:
        lease = _active(s, lease_id)
        lease.status, lease.ended_at, lease.end_reason = "ended", utcnow(), reason
        s.add(lease)
        s.flush()
        audit.record(s, actor, "lease.end", "lease_registration", lease.id, moved_out=len(moved),
                     staying=len(staying), reason=reason)
        return LeaseEnd(lease_info(s, lease), tuple(moved), tuple(cards), staying)
