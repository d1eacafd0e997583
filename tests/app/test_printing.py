"""Printing forms from the records through the CLI: the right fields, masked where the form
masks, every print and reprint in the audit log, nothing written when the record is missing."""

from __future__ import annotations

import io
import json
import re
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pypdf
import pytest
from sqlmodel import func, select

from app.cli import main
from app.desk.errors import NotFound, Refused
from app.identity import mask_id
from app.printing.documents import blank_pdf, card_receipt_pdf, collection_form_pdf
from app.staff.audit import verify_chain
from app.tenants.cards import issue_card, report_lost
from db.engine import read_session
from db.models import AuditEvent, CollectionForm
from tests.conftest import PASSWORD, idno, register

CARD = "0000000042"


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def read_pdf(path: Path) -> tuple[int, str, int]:
    """Pages, all text without whitespace, and how many images the pages draw."""
    reader = pypdf.PdfReader(io.BytesIO(path.read_bytes()))
    text = flat("".join(p.extract_text() for p in reader.pages))
    return len(reader.pages), text, sum(len(p.images) for p in reader.pages)


def today_local() -> str:
    return datetime.now(ZoneInfo("Asia/Shanghai")).date().isoformat()


@pytest.fixture
def tenant(desk, admin, building, photo_jpeg, monkeypatch):
    """One registered tenant with a photo and an active card, in B1 unit 102."""
    monkeypatch.setenv("RENTDESK_PASSWORD", PASSWORD)
    reg = register(desk, admin, 1, photo=photo_jpeg, name="张三")
    issue_card(desk, admin, idno(1), CARD)
    return reg


def form(desk, *args: str) -> int:
    # these tests reprint to one file on purpose: --force (issue 12: never overwrite unasked)
    return main(["--home", str(desk.home), "form", *args, "--force"])


def prints(desk, entity_id: str | None = None) -> list[AuditEvent]:
    with read_session(desk.engine) as s:
        q = select(AuditEvent).where(AuditEvent.action.in_(("form.print", "form.reprint")))
        if entity_id:
            q = q.where(AuditEvent.entity_id == entity_id)
        return list(s.exec(q.order_by(AuditEvent.seq)))


def print_count(desk, tenancy_id: str) -> int:
    with read_session(desk.engine) as s:
        row = s.exec(select(CollectionForm).where(CollectionForm.tenancy_id == tenancy_id)).one()
        assert row.printed_at is not None
        return row.print_count


def test_tenant_form_holds_the_record_and_counts_reprints(desk, tenant, tmp_path, capsys):
    # rule R6: the full form with photo and card; rule R10: print, then reprint, both logged
    out = tmp_path / "tenant.pdf"
    assert form(desk, "tenant", "--as", "admin", "--idno", idno(1), "--out", str(out)) == 0
    assert json.loads(capsys.readouterr().out)["form"] == "collection"
    pages, text, images = read_pdf(out)
    assert pages == 1 and images >= 1  # the ID photo is on the form
    for value in ("租住人员信息采集表", "张三", idno(1), "东门一号楼", "102", CARD, "居民身份证",
                  "东门社区工作站", "admin"):
        assert value in text, value  # the 采集表 prints the full number: the tenant signs it
    (first,) = prints(desk, tenant.tenancy_id)
    assert (first.action, first.entity, first.staff_id is not None) == ("form.print", "tenancy", True)
    assert print_count(desk, tenant.tenancy_id) == 1

    assert form(desk, "tenant", "--as", "admin", "--idno", idno(1), "--out", str(out)) == 0
    assert [e.action for e in prints(desk, tenant.tenancy_id)] == ["form.print", "form.reprint"]
    assert print_count(desk, tenant.tenancy_id) == 2
    # rule R10: the log names the record by id, never the person, and its chain still holds
    for event in prints(desk):
        assert idno(1) not in (event.detail or "") and "张三" not in (event.detail or "")
    with read_session(desk.engine) as s:
        assert verify_chain(s) == []


def test_card_receipt_masks_the_id(desk, tenant, tmp_path):
    # rule R6: one card, one tenant record; the receipt leaves the centre, so the ID is masked
    out = tmp_path / "receipt.pdf"
    assert form(desk, "receipt", "--as", "admin", "--card", "00:00:00:2A", "--out", str(out)) == 0
    pages, text, _ = read_pdf(out)
    assert pages == 1
    for value in ("门禁卡发卡回执", "张三", mask_id(idno(1)), CARD, "东门一号楼", "102"):
        assert value in text, value
    assert idno(1) not in text
    assert [(e.action, e.entity) for e in prints(desk)] == [("form.print", "card")]
    assert form(desk, "receipt", "--as", "admin", "--card", CARD, "--out", str(out)) == 0
    assert [e.action for e in prints(desk)] == ["form.print", "form.reprint"]


def test_manifest_lists_the_days_records(desk, admin, tenant, photo_jpeg, tmp_path):
    # rule R2: what goes to the workstation today, IDs masked
    register(desk, admin, 2, photo=photo_jpeg, name="李四")
    out = tmp_path / "manifest.pdf"
    assert form(desk, "manifest", "--as", "admin", "--date", today_local(), "--out", str(out)) == 0
    _, text, _ = read_pdf(out)
    for value in ("移交清单", "张三", "李四", mask_id(idno(1)), mask_id(idno(2)), "东门一号楼102",
                  "共2条记录", "东门社区工作站"):
        assert value in text, value
    assert idno(1) not in text
    ((event),) = prints(desk)
    assert (event.entity, event.entity_id) == ("manifest", today_local())
    # rule R10: the people the list shows are named in the log by record id only
    detail = json.loads(event.detail)
    assert len(detail["tenancies"]) == 2 and tenant.tenancy_id in detail["tenancies"]
    assert "张三" not in event.detail and idno(1) not in event.detail


def test_manifest_of_a_handed_over_day_carries_the_batch(desk, admin, tenant, tmp_path):
    # rule R2: once the day's forms went in one handover batch, the manifest is that batch's
    from app.supervision.delivery import create_handover

    batch = create_handover(desk, admin, [tenant.tenancy_id])
    out = tmp_path / "manifest.pdf"
    assert form(desk, "manifest", "--as", "admin", "--date", today_local(), "--out", str(out)) == 0
    _, text, _ = read_pdf(out)
    assert flat(batch.number) in text and batch.number.startswith("YJ-")
    assert "张三" in text and mask_id(idno(1)) in text


def test_unit_form_shows_cap_and_residents(desk, tenant, tmp_path):
    # rule R5: the cap comes from app.tenants.occupancy, (64 − 4) / 6 = 10; residents with their cards
    out = tmp_path / "unit.pdf"
    assert form(desk, "unit", "--as", "admin", "--building", "B1", "--unit", "102",
                "--out", str(out)) == 0
    _, text, _ = read_pdf(out)
    for value in ("出租屋综合信息登记表", "东门一号楼", "B1", "102", "湖贝村股份合作公司", "10人",
                  "1张", "面积未登记", "张三", mask_id(idno(1)), CARD):
        assert value in text, value
    assert idno(1) not in text
    ((event),) = prints(desk)
    assert (event.action, event.entity) == ("form.print", "unit")
    assert json.loads(event.detail)["tenancies"] == [tenant.tenancy_id]


def test_moved_out_tenant_form_can_be_reprinted_without_the_card(desk, admin, tenant, tmp_path):
    # rule R6: the card stopped at move-out; the archived stay still prints for the file
    from app.tenants.intake import move_out

    move_out(desk, admin, idno(1))
    out = tmp_path / "archived.pdf"
    assert form(desk, "tenant", "--as", "admin", "--idno", idno(1), "--out", str(out)) == 0
    _, text, _ = read_pdf(out)
    assert "张三" in text and idno(1) in text and CARD not in text
    assert print_count(desk, tenant.tenancy_id) == 1


def test_batch_prints_every_form_of_the_day_once_each(desk, admin, tenant, photo_jpeg, tmp_path):
    # rule R2, R6: the day's forms in one PDF; each record's count moves by one (R10)
    second = register(desk, admin, 2, photo=photo_jpeg, name="李四")
    out = tmp_path / "batch.pdf"
    assert form(desk, "batch", "--as", "admin", "--date", today_local(), "--reveal-reason",
                "街道核查", "--out", str(out)) == 0
    pages, text, images = read_pdf(out)
    assert pages == 2 and images >= 2
    assert all(v in text for v in ("张三", "李四", idno(1), idno(2)))
    assert print_count(desk, tenant.tenancy_id) == print_count(desk, second.tenancy_id) == 1
    assert form(desk, "tenant", "--as", "admin", "--idno", idno(2), "--out", str(out)) == 0
    assert print_count(desk, second.tenancy_id) == 2
    assert [e.action for e in prints(desk, second.tenancy_id)] == ["form.print", "form.reprint"]


@pytest.mark.parametrize("kind,title", [("collection", "租住人员信息采集表"),
                                        ("unit", "出租屋综合信息登记表")])
def test_blank_forms_need_no_account(desk, admin, tmp_path, kind, title):
    out = tmp_path / f"{kind}.pdf"
    assert form(desk, "blank", kind, "--out", str(out)) == 0
    pages, text, _ = read_pdf(out)
    assert pages == 1 and title in text and "东门出租屋管理服务中心" in text
    assert prints(desk) == []  # nothing personal was printed


@pytest.mark.parametrize("args,message", [
    (("tenant", "--idno", idno(99)), "没有该证件号码的登记记录"),
    (("receipt", "--card", "0000009999"), "没有卡号为 0000009999 的门禁卡"),
    (("receipt", "--card", "not-a-card"), "卡号格式不对"),
    (("unit", "--building", "B1", "--unit", "999"), "没有房号 999"),
    (("unit", "--building", "B9", "--unit", "101"), "没有编号为 B9 的楼栋"),
    (("manifest", "--date", "2001-01-01"), "2001-01-01 没有采集或移交的记录"),
    (("batch", "--date", "2001-01-01"), "2001-01-01 没有采集记录"),
])
def test_missing_record_writes_nothing(desk, tenant, tmp_path, capsys, args, message):
    # rule R10: a refused print leaves no file, no log entry and no CollectionForm row
    out, kept = tmp_path / "new.pdf", tmp_path / "old.pdf"
    kept.write_bytes(b"earlier print")
    capsys.readouterr()
    for target in (out, kept):
        assert form(desk, *args, "--as", "admin", "--out", str(target)) == 1
        err = capsys.readouterr().err
        assert message in err and "Error:" in err
    assert not out.exists() and kept.read_bytes() == b"earlier print"
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".part"] == []
    assert prints(desk) == []
    with read_session(desk.engine) as s:
        assert s.exec(select(func.count()).select_from(CollectionForm)).one() == 0


def test_unwritable_out_is_refused_before_anything_is_logged(desk, tenant, tmp_path, capsys):
    missing = tmp_path / "no-such-folder" / "f.pdf"
    assert form(desk, "tenant", "--as", "admin", "--idno", idno(1), "--out", str(missing)) == 1
    assert "无法写入文件夹" in capsys.readouterr().err
    assert prints(desk) == []


def test_services_refuse_without_output(desk, admin, tenant):
    # rule R6: a lost card gets no receipt; a missing person no form
    report_lost(desk, admin, card_text=CARD)
    with pytest.raises(Refused) as r:
        card_receipt_pdf(desk, admin, CARD)
    assert r.value.code == "card_not_active" and "已停用" in r.value.zh
    with pytest.raises(NotFound):
        collection_form_pdf(desk, admin, idno(42))
    with pytest.raises(Refused, match="collection or unit"):
        blank_pdf("lease")
    assert prints(desk) == []
