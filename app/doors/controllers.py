"""The card-system record of a building (R4): its door controllers, added and removed."""

from __future__ import annotations

import ipaddress
import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, literal
from sqlmodel import Session, select

from app.desk import clock
from app.desk.context import Desk
from app.desk.errors import NotFound, Refused
from app.doors.drivers import parse_doors
from app.staff import audit
from app.staff.accounts import require
from app.staff.audit import Actor
from db.door_tables import DRIVERS, DoorController, DoorJob
from db.engine import read_session, write_session
from db.models import Building, Card


@dataclass(frozen=True)
class ControllerInfo:
    id: str
    building_code: str
    building_name: str
    name: str
    driver: str
    serial: int | None
    address: str | None
    protocol: str
    doors: str
    file_dir: str | None
    online: bool | None  # None: never reached (or a file controller)
    last_error: str | None
    jobs_waiting: int
    last_reconcile_at: datetime | None
    last_reconcile: dict | None
    cards_on_door: int | None
    cards_issued: int
    clock_drift_s: float | None
    last_check_at: datetime | None


def building_by_code(s: Session, code: str) -> Building:
    b = s.exec(select(Building).where(Building.code == (code or "").strip())).first()
    if b is None:
        raise NotFound("no_building", f"没有编号为 {code} 的楼栋。", f"No building with code {code}.")
    return b


def controller_by_ref(s: Session, ref: str) -> DoorController:
    """By id, or by name when unique."""
    c = s.get(DoorController, ref)
    if c is None:
        found = s.exec(select(DoorController).where(DoorController.name == ref,
                                                     DoorController.active)).all()
        c = found[0] if len(found) == 1 else None
    if c is None or not c.active:
        raise NotFound("no_controller", f"没有门禁控制器 {ref}。", f"No door controller {ref}.")
    return c


def _check_address(address: str | None) -> str | None:
    if not address:
        return None
    host, _, port = address.strip().partition(":")
    try:
        ip = ipaddress.IPv4Address(host)
        if port and not (port.isascii() and port.isdigit() and 0 < int(port) < 65536):
            raise ValueError(port)
        # one board, one unicast address (attack finding 5): 0.0.0.0, 224.x multicast and
        # 240.x/255.255.255.255 would put every card on whatever board answers there
        if ip.is_unspecified or ip.is_multicast or ip.is_reserved:
            raise Refused("not_unicast", f"控制器地址 {address} 不是单个设备的地址（不能用 0.0.0.0、"
                          "组播 224.x 或广播 255.255.255.255）：请填写控制器自己的 IP 地址。",
                          f"Controller address {address} is not one device's address (0.0.0.0, "
                          "multicast 224.x and broadcast 255.255.255.255 are refused): give the "
                          "controller's own IP address.")
    except ValueError:
        raise Refused("bad_address", f"控制器地址无效：{address}（应为 IPv4 地址，可带端口，如 192.168.1.100:60000）。",
                      f"Bad controller address {address}: use an IPv4 address, optionally "
                      "with a port, e.g. 192.168.1.100:60000.") from None
    return address.strip()


def check_file_dir(desk: Desk, folder: Path) -> None:
    """The installer's whitelists never go into the data or key folder (attack finding 2)."""
    from app.data.out_paths import protected_folders

    for p in protected_folders(desk.home):
        if folder == p or p in folder.parents:
            raise Refused("out_in_data_folder",
                          f"白名单目录不能在数据目录或密钥目录（{p}）里：请选择别的文件夹。",
                          f"The whitelist folder may not be inside the data or key folder "
                          f"({p}): choose another folder.")


def add_controller(desk: Desk, actor: Actor, building_code: str, name: str, driver: str,
                   serial: int | None = None, address: str | None = None,
                   protocol: str = "udp", doors: str = "1", file_dir: str | None = None) -> ControllerInfo:
    """rule R4: a controller joins the building's card system; its cards are queued to it."""
    require(actor, "manage_buildings")
    if driver not in DRIVERS:
        raise Refused("bad_driver", f"不支持的控制器类型：{driver}（应为 uhppote 或 file）。",
                      f"Unknown driver {driver} (use uhppote or file).")
    try:
        parse_doors(doors)
    except ValueError:
        raise Refused("bad_doors", f"门号无效：{doors}（应为半角数字 1–4，用逗号分隔，如 1,2）。",
                      f"Bad door numbers {doors}: use ASCII digits 1–4, comma separated, "
                      "e.g. 1,2.") from None
    if driver == "uhppote":
        if not serial or not 0 < int(serial) <= 0xFFFFFFFF:
            raise Refused("serial_required", "微耕（UHPPOTE）控制器须填写序列号（见控制器标签）。",
                          "A UHPPOTE controller needs its serial number (on the board's label).")
        if protocol not in ("udp", "tcp"):
            raise Refused("bad_protocol", "通信协议应为 udp 或 tcp。", "Protocol must be udp or tcp.")
        address = _check_address(address)
        file_dir = None
    else:
        if not file_dir:
            raise Refused("file_dir_required", "文件型控制器须指定白名单文件目录。",
                          "A file controller needs the folder its whitelist goes to.")
        file_dir = str(Path(file_dir).expanduser().resolve())
        check_file_dir(desk, Path(file_dir))
        serial, address = None, None
    name = (name or "").strip()[:64]
    if not name:
        raise Refused("name_required", "请填写控制器名称（如 \"大门\"）。", "Give the controller a name.")
    with write_session(desk.engine) as s:
        b = building_by_code(s, building_code)
        if serial and s.exec(select(DoorController).where(DoorController.serial == serial,
                                                          DoorController.active)).first():
            raise Refused("serial_in_use", f"序列号 {serial} 的控制器已登记。",
                          f"A controller with serial {serial} is already registered.")
        c = DoorController(center_code=actor.center_code, building_id=b.id, name=name,
                           driver=driver, serial=serial, address=address, protocol=protocol,
                           doors=",".join(map(str, parse_doors(doors))), file_dir=file_dir)
        s.add(c)
        s.flush()
        # A new controller must learn every active card of the building: one job each.
        s.execute(DoorJob.__table__.insert().from_select(
            ["controller_id", "card_number", "card_id", "reason", "attempts"],
            select(literal(c.id), Card.number, Card.id, literal("initial"), literal(0))
            .where(Card.building_id == b.id, Card.status == "active")))
        audit.record(s, actor, "door.controller_add", "building", b.id, controller=c.id,
                     driver=driver, serial=serial, doors=c.doors)
        return _info(s, c, b)


def remove_controller(desk: Desk, actor: Actor, ref: str) -> ControllerInfo:
    """The controller leaves the record; the desk stops pushing to it (its cards stay on it)."""
    require(actor, "manage_buildings")
    with write_session(desk.engine) as s:
        c = controller_by_ref(s, ref)
        c.active = False
        s.add(c)
        s.execute(DoorJob.__table__.update().where(DoorJob.controller_id == c.id,
                                                   DoorJob.done_at.is_(None))
                  .values(done_at=clock.now_utc(), result="skipped", last_error="controller removed"))
        s.flush()
        audit.record(s, actor, "door.controller_remove", "building", c.building_id,
                     controller=c.id)
        return _info(s, c, s.get(Building, c.building_id))


def _info(s: Session, c: DoorController, b: Building) -> ControllerInfo:
    waiting = s.exec(select(func.count()).select_from(DoorJob).where(
        DoorJob.controller_id == c.id, DoorJob.done_at.is_(None))).one()
    issued = s.exec(select(func.count()).select_from(Card).where(
        Card.building_id == c.building_id, Card.status == "active")).one()
    online = None if c.driver == "file" or (c.last_seen_at is None and c.last_error is None) \
        else c.last_error is None
    return ControllerInfo(c.id, b.code, b.name, c.name, c.driver, c.serial, c.address,
                          c.protocol, c.doors, c.file_dir, online, c.last_error, waiting,
                          c.last_reconcile_at, json.loads(c.last_reconcile) if c.last_reconcile
                          else None, c.cards_on_door, issued, c.clock_drift_s, c.last_check_at)


def list_controllers(desk: Desk, building_code: str | None = None) -> list[ControllerInfo]:
    with read_session(desk.engine) as s:
        q = select(DoorController, Building).join(Building, Building.id == DoorController.building_id) \
            .where(DoorController.active)
        if building_code:
            q = q.where(Building.code == building_code.strip())
        return [_info(s, c, b) for c, b in s.exec(q.order_by(Building.code, DoorController.name))]


def resolve_controller_id(desk: Desk, ref: str) -> str:
    with read_session(desk.engine) as s:
        return controller_by_ref(s, ref).id
