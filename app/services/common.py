"""Small pieces the desk services (listings, permits, leases) share; no rules live here."""

from __future__ import annotations

from sqlmodel import Session, select

from app.desk.errors import NotFound, Refused
from app.forms.data import CenterInfo
from db.models import Center, IdDocument, Landlord, Unit


def center_info(session: Session, center_code: str) -> CenterInfo:
    """What the printed forms say about the centre (its name tops every page)."""
    center = session.exec(select(Center).where(Center.center_code == center_code)).first()
    if center is None:
        return CenterInfo(name="出租屋管理服务中心", code=center_code)
    return CenterInfo(name=center.name, code=center.center_code,
                      workstation=center.workstation or "")


def document_number(session: Session, person_id: str) -> str:
    doc = session.exec(select(IdDocument).where(IdDocument.person_id == person_id)).first()
    return doc.number if doc else ""


def landlord_of(session: Session, unit: Unit) -> Landlord | None:
    return session.get(Landlord, unit.landlord_id) if unit.landlord_id else None


def whole_yuan(value: int | float, what_zh: str, what_en: str, allow_zero: bool = False) -> int:
    """Money in whole yuan; refuses fractions and nonsense instead of rounding silently."""
    if isinstance(value, float):
        if not value.is_integer():
            raise Refused("bad_amount", f"{what_zh}须为整数元：{value}。",
                          f"{what_en} must be whole yuan: {value}.")
        value = int(value)
    if value < 0 or (value == 0 and not allow_zero) or value > 10_000_000:
        raise Refused("bad_amount", f"{what_zh}金额无效：{value} 元。",
                      f"{what_en} is not a valid amount: {value} yuan.")
    return value


def image_for_storage(data: bytes) -> bytes:
    """A room photo or paper scan, checked and shrunk by the photo pipeline (EXIF dropped)."""
    from app.photos import prepare_scan  # OpenCV only when an image comes in

    return prepare_scan(data)  # its ImageRefused is a Refused like any other


def not_found(what_zh: str, what_en: str) -> NotFound:
    return NotFound("not_found", f"没有找到{what_zh}。", f"No such {what_en}.")
