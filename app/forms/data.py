"""What the forms print: plain dataclasses, filled by the services (no ORM rows, no session).

Dates may be `date`, `datetime` or already formatted text; None or "" prints an empty box.
Identity numbers come as they are to be printed: in full on the 采集表 (the tenant signs
it), masked by app.printing everywhere else. No form masks a number itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

When = date | datetime | str | None


@dataclass(frozen=True)
class CenterInfo:
    name: str                 # 出租屋管理服务中心 full name, printed on top of every form
    code: str = ""            # center_code
    workstation: str = ""     # 社区工作站（出租屋综管站） the forms are delivered to (R2)


@dataclass(frozen=True)
class TenantFormData:
    """One 《租住人员信息采集表》 (rule R6)."""

    record_no: str            # as typed into the search box; printed and encoded in the QR
    name: str
    sex: str = ""
    ethnicity: str = ""
    birth_date: When = None
    id_kind_label: str = ""   # 居民身份证 / 居住证 / 港澳台居民居住证 / ...
    id_number: str = ""
    household_address: str = ""
    phone: str = ""
    employer: str = ""        # 工作单位/服务处所
    occupation: str = ""
    arrival_date: When = None  # 来本地日期
    registered_at: When = None
    building_name: str = ""
    building_address: str = ""
    unit_number: str = ""
    landlord_name: str = ""
    landlord_phone: str = ""
    family_planning_cert: str | None = None  # 计生证/婚育证明 number, where it applies (R9)
    marital_status: str = ""
    education: str = ""
    stay_reason: str = ""     # 暂住事由
    card_number: str | None = None  # 门禁卡号, once issued
    photo_jpeg: bytes | None = None  # ID photo, 358x441 px JPEG
    clerk_name: str = ""


@dataclass(frozen=True)
class CardReceiptData:
    """门禁卡发卡回执 (rules R5, R6)."""

    record_no: str
    tenant_name: str
    id_number: str            # masked by app.printing (mask_id)
    card_number: str
    building_name: str = ""
    unit_number: str = ""
    issued_at: When = None
    clerk_name: str = ""
    building_address: str = ""


@dataclass(frozen=True)
class ManifestEntry:
    """One record of a handover batch and the papers that go with it."""

    name: str
    id_number: str            # masked by app.printing (mask_id)
    building_name: str = ""
    unit_number: str = ""
    collected_at: When = None
    record_no: str = ""
    has_form: bool = True             # 采集表
    has_id_copy: bool = True          # 身份证复印件
    has_photo: bool = True            # 照片
    has_family_planning_cert: bool = False  # 计生证


@dataclass(frozen=True)
class ManifestData:
    """移交清单 of a batch delivered to the workstation (rule R2)."""

    batch_no: str
    created_at: When
    entries: list[ManifestEntry] = field(default_factory=list)
    workstation: str | None = None   # None: the centre's workstation
    handed_over_at: When = None
    center_staff: str = ""           # who hands over
    workstation_staff: str = ""      # who receives
    # The audit chain's head when printed (seq, hash): a paper anchor that leaves the
    # building within 24 h, so a later rewrite of the log shows even between syncs.
    audit_head: tuple[int, str] | None = None


@dataclass(frozen=True)
class ResidentRow:
    name: str
    sex: str = ""
    id_number: str = ""       # masked by app.printing (mask_id)
    phone: str = ""
    moved_in_at: When = None
    card_number: str | None = None


@dataclass(frozen=True)
class UnitFormData:
    """出租屋综合信息登记表. The caps are given, computed by app.tenants.occupancy (rule R5)."""

    record_no: str            # the unit's number as typed into the search box
    building_name: str
    unit_number: str
    building_address: str = ""
    building_code: str = ""
    company_name: str = ""    # 股份合作公司 / 物业公司
    floor: str | int | None = None
    unit_area_m2: float | None = None
    building_floor_area_m2: float | None = None
    building_public_area_m2: float | None = None
    building_cap: int | None = None   # floor((floor area - public area) / 6 m2)
    unit_cap: int | None = None       # same rule on the unit's area, when it is known
    building_active_cards: int | None = None
    landlord_name: str = ""
    landlord_id_number: str = ""      # masked by app.printing
    landlord_phone: str = ""
    landlord_address: str = ""
    residents: list[ResidentRow] = field(default_factory=list)
    registered_at: When = None
    clerk_name: str = ""
