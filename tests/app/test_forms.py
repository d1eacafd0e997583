"""The printed forms: complete, extractable text (also beyond the BMP), embedded fonts, a page
that is not blank, a QR that decodes to the record number, and boxes nothing overflows."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import cv2
import numpy as np
import pdfplumber
import pypdf
import pypdfium2 as pdfium
import pytest
from PIL import Image

from app.forms import (
    ManifestData,
    ManifestEntry,
    ResidentRow,
    TenantFormData,
    UnitFormData,
    demo,
    render_blank_collection,
    render_blank_unit,
    render_card_receipt,
    render_collection_batch,
    render_collection_form,
    render_manifest,
    render_unit_form,
)

DATA = Path(__file__).resolve().parents[1] / "data"
CENTER = demo.CENTER
NAME = "张𠀀䶮"  # U+20000 (Extension B) and U+4DAE (Extension A)
LONG_NAME = "阿卜杜热合曼·买买提艾力𠀀䶮·司马欧阳诸葛慕容皇甫长孙宇文尉"  # 30 characters
LONG_ADDRESS = ("新疆维吾尔自治区喀什地区喀什市东城街道办事处吐曼路社区居民委员会第三居民小组"
                "解放北路一百二十八号院内东侧第七栋第三单元十二层一千二百零三号房间附属储藏室"
                "（近人民广场及东湖公园西门对面原百货大楼旧址旁）该地址用于测试长文本自动换行处理是否正确")
assert len(LONG_NAME) == 30 and len(LONG_ADDRESS) == 120


@pytest.fixture(scope="module")
def portrait() -> bytes:
    """A 358x441 px JPEG cut from the NASA astronaut portrait (public domain)."""
    img = Image.open(DATA / "astronaut.png").convert("RGB")
    img = img.crop((140, 10, 140 + 258, 10 + 318)).resize((358, 441))
    out = io.BytesIO()
    img.save(out, "JPEG", quality=88)
    return out.getvalue()


# --- helpers -------------------------------------------------------------------------------

def flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def text_of(pdf: bytes) -> str:
    """All text as pypdf extracts it, whitespace removed (wrapped lines join up again)."""
    return flat("".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf)).pages))


def assert_contains_all(pdf: bytes, values: list[str]) -> None:
    text = text_of(pdf)
    missing = [v for v in values if v and flat(v) not in text]
    assert not missing, f"not in the PDF's text: {missing}"


def assert_fonts_embedded(pdf: bytes) -> None:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    seen = 0
    for page in reader.pages:
        fonts = page["/Resources"].get_object().get("/Font", {})
        for ref in fonts.get_object().values():
            font = ref.get_object()
            descriptor = font.get("/FontDescriptor")
            assert descriptor is not None, f"font without descriptor (not embedded): {font}"
            assert "/FontFile2" in descriptor.get_object(), f"not embedded: {font['/BaseFont']}"
            seen += 1
    assert seen


def page_images(pdf: bytes, dpi: int = 100) -> list[np.ndarray]:
    doc = pdfium.PdfDocument(pdf)
    try:
        return [np.asarray(doc[i].render(scale=dpi / 72).to_pil().convert("L"))
                for i in range(len(doc))]
    finally:
        doc.close()


def assert_not_blank(pdf: bytes) -> None:
    for gray in page_images(pdf, 50):
        dark = (gray < 128).mean()
        assert 0.01 < dark < 0.5, f"page looks blank or black: {dark:.3f} dark"


def qr_text(pdf: bytes, page: int = 0) -> str:
    gray = page_images(pdf, 200)[page]
    top_right = gray[: gray.shape[0] // 5, gray.shape[1] * 3 // 4:]  # where the QR sits
    text, _, _ = cv2.QRCodeDetector().detectAndDecode(top_right)
    return text


def assert_layout(pdf: bytes) -> None:
    """Every character inside a cell stays inside that cell; no two characters overlap."""
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        for page in doc.pages:
            cells = [r for r in page.rects if r["width"] > 8 and r["height"] > 8]
            chars = [ch for ch in page.chars if ch["text"].strip()]
            assert chars
            for ch in chars:
                cx, cy = (ch["x0"] + ch["x1"]) / 2, (ch["top"] + ch["bottom"]) / 2
                around = [r for r in cells
                          if r["x0"] <= cx <= r["x1"] and r["top"] <= cy <= r["bottom"]]
                if not around:
                    continue  # title, declaration, signature lines: not in a cell
                cell = min(around, key=lambda r: r["width"] * r["height"])
                tol = 0.5
                assert (cell["x0"] - tol <= ch["x0"] and ch["x1"] <= cell["x1"] + tol
                        and cell["top"] - tol <= ch["top"]
                        and ch["bottom"] <= cell["bottom"] + tol), \
                    f"{ch['text']!r} leaves its cell on page {page.page_number}"
            chars.sort(key=lambda ch: ch["x0"])
            for i, a in enumerate(chars):
                for b in chars[i + 1:]:
                    if b["x0"] >= a["x1"] - 0.3:
                        break
                    overlap_y = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
                    assert overlap_y <= 0.3, \
                        f"{a['text']!r} and {b['text']!r} overlap on page {page.page_number}"


def n_pages(pdf: bytes) -> int:
    return len(pypdf.PdfReader(io.BytesIO(pdf)).pages)


def tenant(photo: bytes | None, **changes: object) -> TenantFormData:
    return replace(demo.tenant(photo), **{"name": NAME, **changes})


def tenant_values(d: TenantFormData) -> list[str]:
    return [d.record_no, d.name, d.sex, d.ethnicity, "1990-05-12", d.id_kind_label,
            d.id_number, d.household_address, d.phone, d.employer, d.occupation, "2024-02-20",
            "2024-03-05 14:30", d.building_name, d.building_address, d.unit_number,
            d.landlord_name, d.landlord_phone, d.family_planning_cert or "", d.marital_status,
            d.education, d.stay_reason, d.card_number or "", d.clerk_name]


# --- 《租住人员信息采集表》 --------------------------------------------------------------------

def test_collection_form_holds_every_field_and_the_photo(portrait):
    # rule R6: every declared field, the verified papers and the photo on one signed form;
    # rule R9: the family-planning certificate where it applies
    d = tenant(portrait)
    pdf = render_collection_form(CENTER, d)
    assert pdf.startswith(b"%PDF") and n_pages(pdf) == 1
    assert_contains_all(pdf, [*tenant_values(d), CENTER.name, "租住人员信息采集表",
                              "租住人签名", "登记员签名", "户籍地址"])
    assert "𠀀" in text_of(pdf) and "䶮" in text_of(pdf)
    assert_fonts_embedded(pdf)
    assert_not_blank(pdf)
    page = pypdf.PdfReader(io.BytesIO(pdf)).pages[0]
    assert len(page.images) == 1
    assert portrait in pdf  # the ID photo goes in as the JPEG it was, not re-encoded
    assert qr_text(pdf) == d.record_no
    assert_layout(pdf)


def test_collection_form_without_photo_or_certificate_leaves_boxes_to_fill():
    # rule R9: no certificate is printed as an empty box, not as a made-up value
    d = tenant(None, family_planning_cert=None, card_number=None)
    pdf = render_collection_form(CENTER, d)
    assert_contains_all(pdf, ["照片", "计生证/婚育证明编号", d.name])
    assert len(pypdf.PdfReader(io.BytesIO(pdf)).pages[0].images) == 0


def test_collection_form_fits_a_30_character_name_and_120_character_addresses(portrait):
    d = tenant(portrait, name=LONG_NAME, household_address=LONG_ADDRESS,
               building_address=LONG_ADDRESS, employer=LONG_ADDRESS,
               landlord_name=LONG_NAME, stay_reason=LONG_ADDRESS[:60])
    pdf = render_collection_form(CENTER, d)
    assert n_pages(pdf) == 1
    assert_contains_all(pdf, tenant_values(d))
    assert_layout(pdf)


def test_collection_batch_is_one_pdf_with_a_page_per_record(portrait):
    records = [tenant(portrait, record_no=f"DM01-2024-{n:06d}", name=f"{NAME}{n}")
               for n in range(1, 4)]
    pdf = render_collection_batch(CENTER, records)
    assert n_pages(pdf) == 3
    assert_contains_all(pdf, [r.record_no for r in records] + [r.name for r in records])
    assert [qr_text(pdf, i) for i in range(3)] == [r.record_no for r in records]
    # each sheet says which of how many it is (issue 13): a lost page shows at once
    assert_contains_all(pdf, [f"第 {n} 份 / 共 3 份" for n in (1, 2, 3)])
    with pytest.raises(ValueError):
        render_collection_batch(CENTER, [])


def test_blank_collection_form_has_every_box_and_nothing_filled():
    pdf = render_blank_collection(CENTER)
    assert n_pages(pdf) == 1
    assert_contains_all(pdf, ["姓名", "证件号码", "户籍地址", "工作单位/服务处所", "来本地日期",
                              "楼栋地址", "房东电话", "计生证/婚育证明编号", "门禁卡号", "照片",
                              "租住人签名", "登记员签名"])
    assert "DM01-2024" not in text_of(pdf)
    assert_fonts_embedded(pdf)
    assert_not_blank(pdf)
    assert_layout(pdf)


# --- 门禁卡发卡回执 ---------------------------------------------------------------------------

def test_card_receipt_prints_the_number_it_is_given_and_states_the_rules():
    # rule R6: one person, one card; the card belongs to this record. The number comes
    # masked from app.printing (tests/app/test_printing.py); the form masks nothing itself.
    d = replace(demo.card_receipt(), tenant_name=NAME, building_address=LONG_ADDRESS)
    pdf = render_card_receipt(CENTER, d)
    assert d.id_number == "440303********123X"
    assert_contains_all(pdf, [d.record_no, NAME, d.id_number, d.card_number,
                              d.building_name, d.unit_number, "2024-03-05 14:42", d.clerk_name,
                              LONG_ADDRESS, "一人一卡", "挂失", "交回", "持卡人签名", "发卡人签名",
                              "持卡人联", "存根联"])
    assert_fonts_embedded(pdf)
    assert_not_blank(pdf)
    assert qr_text(pdf) == d.record_no
    assert_layout(pdf)


# --- 移交清单 ---------------------------------------------------------------------------------

def test_manifest_lists_every_record_over_numbered_pages():
    # rule R2: what reached the workstation, when, with which papers, signed by both sides
    entries = [ManifestEntry(name=LONG_NAME if i == 5 else f"{NAME}{i}",
                             id_number=f"440303********{i:03d}X", building_name="湘湖花园7栋",
                             unit_number=f"{i:03d}", collected_at=datetime(2024, 3, 5, 9, i % 60),
                             has_family_planning_cert=i % 2 == 0, has_photo=i != 7)
               for i in range(1, 61)]
    d = ManifestData(batch_no="YJ-DM01-20240305-01", created_at=datetime(2024, 3, 5, 18, 0),
                     entries=entries, handed_over_at=datetime(2024, 3, 6, 9, 30),
                     center_staff="陈小梅")
    pdf = render_manifest(CENTER, d)
    pages = n_pages(pdf)
    assert pages >= 3
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    for i, page in enumerate(reader.pages, 1):
        text = flat(page.extract_text())
        assert f"第{i}页/共{pages}页" in text
        if any(e.name in text for e in entries):
            assert "序号" in text and "证件号码" in text  # header row repeated
    assert_contains_all(pdf, [e.name for e in entries] + [e.id_number for e in entries]
                        + [d.batch_no, CENTER.name, CENTER.workstation, "2024-03-06 09:30",
                           "共60条记录", "照片59张", "计生证30份", "移交人签名", "接收人签名"])
    text = text_of(pdf)
    assert "✓" in text
    assert_fonts_embedded(pdf)
    assert_not_blank(pdf)
    assert qr_text(pdf) == d.batch_no
    assert_layout(pdf)


def test_manifest_of_an_empty_batch_still_prints_counts_and_signatures():
    pdf = render_manifest(CENTER, ManifestData(batch_no="B0", created_at=date(2024, 3, 5)))
    assert n_pages(pdf) == 1
    assert_contains_all(pdf, ["共0条记录", "第1页/共1页", "移交人签名"])


# --- 出租屋综合信息登记表 ---------------------------------------------------------------------

def test_unit_form_prints_the_cap_landlord_and_residents():
    # rule R5: the building's cap (and the unit's, its area being known) as given numbers
    d = replace(demo.unit(), landlord_address=LONG_ADDRESS, building_address=LONG_ADDRESS,
                residents=[*demo.unit().residents, ResidentRow(LONG_NAME, "女",
                                                               "440303********1234")])
    pdf = render_unit_form(CENTER, d)
    assert_contains_all(pdf, [d.record_no, d.building_name, d.building_code, d.company_name,
                              d.unit_number, "38.5", "1860", "312", "258人", "6人", "197张",
                              d.landlord_name, d.landlord_id_number, d.landlord_phone,
                              LONG_ADDRESS, "÷6m²", "在住人员（4人）"]
                        + [r.name for r in d.residents]
                        + [r.id_number for r in d.residents])
    assert_fonts_embedded(pdf)
    assert_not_blank(pdf)
    assert qr_text(pdf) == d.record_no
    assert_layout(pdf)


def test_unit_form_without_unit_area_says_the_building_cap_applies():
    # rule R5: no unit area, no unit cap: only the building's holds
    pdf = render_unit_form(CENTER, replace(demo.unit(), unit_area_m2=None, unit_cap=None))
    assert_contains_all(pdf, ["面积未登记，按楼栋上限控制", "258人"])


def test_unit_form_with_many_residents_continues_with_the_header_row():
    residents = [ResidentRow(f"{NAME}{i}", "男", f"44030319900101{i:03d}X") for i in range(40)]
    pdf = render_unit_form(CENTER, UnitFormData(record_no="U1", building_name="湘湖花园7栋",
                                                unit_number="603", residents=residents))
    pages = n_pages(pdf)
    assert pages >= 2
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    assert all("序号" in flat(p.extract_text()) for p in reader.pages[1:])
    assert f"第{pages}页/共{pages}页" in text_of(pdf)
    assert_contains_all(pdf, [r.name for r in residents])
    assert_layout(pdf)


def test_blank_unit_form_is_one_page_of_empty_boxes():
    pdf = render_blank_unit(CENTER)
    assert n_pages(pdf) == 1
    assert_contains_all(pdf, ["楼栋名称", "核定居住人数上限", "本间核定人数上限", "房东",
                              "在住人员", "门禁卡号", "房东签名", "登记员签名"])
    assert "HX7" not in text_of(pdf)
    assert_fonts_embedded(pdf)
    assert_not_blank(pdf)
    assert_layout(pdf)


def test_same_record_gives_the_same_bytes(portrait):
    # a reprint can be compared with what was delivered (no timestamp or random id inside)
    d = tenant(portrait)
    assert render_collection_form(CENTER, d) == render_collection_form(CENTER, d)


def test_the_layout_check_catches_overflow_and_overlap():
    from reportlab.pdfgen.canvas import Canvas

    from app.forms.text import draw_runs, ensure_fonts

    ensure_fonts()
    for shift in (0, 30):  # text running out of its cell; then two lines on top of each other
        buf = io.BytesIO()
        c = Canvas(buf)
        c.rect(100, 100, 60, 20)
        draw_runs(c, 104, 106, "长长长长长长长长" if shift == 0 else "短", 10)
        if shift:
            draw_runs(c, 300, 300, "重叠", 10)
            draw_runs(c, 303, 302, "重叠", 10)
        c.showPage()
        c.save()
        with pytest.raises(AssertionError):
            assert_layout(buf.getvalue())
