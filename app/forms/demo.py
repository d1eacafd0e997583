"""A made-up record for docs/forms, the benchmark and tests (no real person).

The name holds 𠀀 (U+20000, Extension B) and 䶮 (U+4DAE, Extension A) on purpose: the
characters a font chain without fallback would print as boxes.
"""

from __future__ import annotations

import io
from datetime import date, datetime

from app.forms.data import (
    CardReceiptData,
    CenterInfo,
    ManifestData,
    ManifestEntry,
    ResidentRow,
    TenantFormData,
    UnitFormData,
)

CENTER = CenterInfo(name="深圳市罗湖区东门街道出租屋管理服务中心", code="440303-DM01",
                    workstation="湘湖社区工作站（出租屋综管站）")

ADDRESS = "广东省深圳市罗湖区东门街道湘湖社区湘湖二街18号湘湖花园7栋"


def synthetic_photo() -> bytes:
    """A 358x441 px JPEG of about the size a real ID photo has (for the benchmark)."""
    from PIL import Image, ImageDraw

    img = Image.effect_noise((358, 441), 40).convert("RGB")
    draw = ImageDraw.Draw(img)
    draw.ellipse((100, 80, 258, 270), fill=(224, 186, 160))
    draw.rectangle((60, 300, 298, 441), fill=(40, 60, 110))
    out = io.BytesIO()
    img.save(out, "JPEG", quality=85)
    return out.getvalue()


def tenant(photo_jpeg: bytes | None = None, n: int = 1) -> TenantFormData:
    return TenantFormData(
        record_no=f"DM01-2024-{n:06d}", name="张𠀀䶮", sex="男", ethnicity="汉族",
        birth_date=date(1990, 5, 12), id_kind_label="居民身份证",
        id_number="44030319900512123X",
        household_address="湖南省邵阳市隆回县桃洪镇新街社区建设路112号",
        phone="13800138000", employer="深圳市东门百货商业有限公司（服装部）",
        occupation="营业员", arrival_date=date(2024, 2, 20),
        registered_at=datetime(2024, 3, 5, 14, 30), building_name="湘湖花园7栋",
        building_address=ADDRESS, unit_number="603", landlord_name="李国华",
        landlord_phone="13923456789", family_planning_cert="湘邵计字2023第01234号",
        marital_status="已婚", education="高中", stay_reason="务工", card_number="DM7-00321",
        photo_jpeg=photo_jpeg, clerk_name="陈小梅")


def card_receipt() -> CardReceiptData:
    return CardReceiptData(record_no="DM01-2024-000001", tenant_name="张𠀀䶮",
                           id_number="440303********123X", card_number="DM7-00321",
                           building_name="湘湖花园7栋", unit_number="603",
                           issued_at=datetime(2024, 3, 5, 14, 42), clerk_name="陈小梅",
                           building_address=ADDRESS)


def manifest(rows: int = 36) -> ManifestData:
    surnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
    given = ["伟", "芳", "秀英", "敏", "静", "丽", "强", "磊", "𠀀䶮", "军", "洋", "勇"]
    entries = [
        ManifestEntry(name=surnames[i % len(surnames)] + given[i % len(given)],
                      id_number=f"440303********{i:03d}{i % 10}",  # masked, as printing hands it
                      building_name="湘湖花园7栋" if i % 3 else "湘湖新村12栋",
                      unit_number=f"{(i % 9) + 1}0{(i % 4) + 1}",
                      collected_at=datetime(2024, 3, 5, 8 + i % 10, (i * 7) % 60),
                      record_no=f"DM01-2024-{i + 1:06d}", has_id_copy=i % 7 != 3,
                      has_photo=i % 11 != 5, has_family_planning_cert=i % 3 == 0)
        for i in range(rows)
    ]
    return ManifestData(batch_no="YJ-DM01-20240305-01", created_at=datetime(2024, 3, 5, 18, 0),
                        entries=entries, handed_over_at=datetime(2024, 3, 6, 9, 30),
                        center_staff="陈小梅", workstation_staff="")


def unit() -> UnitFormData:
    residents = [
        ResidentRow("张𠀀䶮", "男", "440303********123X", "13800138000", date(2024, 3, 5),
                    "DM7-00321"),
        ResidentRow("刘芳", "女", "430524********1526", "13712345678", date(2023, 11, 2),
                    "DM7-00198"),
        ResidentRow("阿卜杜·买买提", "男", "653101********0312", "15999887766",
                    date(2024, 1, 15), None),
    ]
    return UnitFormData(record_no="HX7-603", building_name="湘湖花园7栋", unit_number="603",
                        building_address=ADDRESS, building_code="HX7",
                        company_name="深圳市湘湖股份合作公司", floor=6, unit_area_m2=38.5,
                        building_floor_area_m2=1860.0, building_public_area_m2=312.0,
                        building_cap=258, unit_cap=6, building_active_cards=197,
                        landlord_name="李国华", landlord_id_number="440303********0018",
                        landlord_phone="13923456789",
                        landlord_address="广东省深圳市罗湖区东门街道湘湖社区湘湖一街3号",
                        residents=residents, registered_at=datetime(2024, 3, 5, 15, 0),
                        clerk_name="陈小梅")
