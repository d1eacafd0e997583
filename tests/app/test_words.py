"""Chinese everywhere on the Chinese screen (issue 13): roles, refusals and the audit log in
words, argparse's own messages in Chinese then English."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.audit_words import ACTIONS, action_filter, action_words, detail_rows, entity_words
from app.cli import main
from app.errors import Refused
from app.importer import import_file
from app.staff import PERMISSION_NAMES, PERMISSIONS, create_staff, get_actor, role_name


def test_every_permission_and_role_has_words():
    assert {p for ps in PERMISSIONS.values() for p in ps} <= set(PERMISSION_NAMES)
    assert [role_name(r) for r in ("admin", "supervisor", "clerk")] == ["管理员", "主管", "登记员"]


def test_refusal_names_the_action_in_words_not_its_code(desk, admin, tmp_path):
    create_staff(desk, admin, "clerk1", "a-long-password", "clerk")
    clerk = get_actor(desk, "clerk1")
    path = tmp_path / "t.csv"
    path.write_text("姓名\n", encoding="utf-8")
    with pytest.raises(Refused) as err:
        import_file(desk, clerk, "tenants", path)
    assert "登记员" in err.value.zh and "无权批量导入" in err.value.zh
    assert "（import）" not in err.value.zh and "(clerk)" not in err.value.zh
    assert "主管或管理员" in err.value.zh


def test_audit_words_cover_what_the_code_logs():
    assert action_words("card.issue") == "发卡" and action_words("demo.generate") == "生成演示数据"
    assert entity_words("tenancy") == "租住登记" and action_words("person.view") == "查看人员资料"
    assert action_words("something.new") == "something.new"  # unknown: shown, never dropped
    assert detail_rows(json.dumps({"photo": True, "scans": ["id_front"], "reason": "违规转借"})) == [
        ("有照片", "是"), ("扫描件", "id_front"), ("原因", "违规转借")]
    assert action_filter("发卡") == "card.issue" and action_filter("门禁卡") == "card."
    assert action_filter("tenant.") == "tenant."
    for code, (zh, en) in ACTIONS.items():
        assert zh and en and not zh.isascii(), code


def test_every_logged_action_has_words(desk, admin, building):
    # Whatever the desk logged in a working session is shown in words.
    from sqlmodel import select

    from db.engine import read_session
    from db.models import AuditEvent
    from tests.conftest import register

    register(desk, admin, 1)
    with read_session(desk.engine) as s:
        actions = set(s.exec(select(AuditEvent.action)))
    assert actions and all(a in ACTIONS for a in actions), actions - set(ACTIONS)


@pytest.mark.parametrize("argv,zh", [
    (["register", "--as"], "需要"),
    (["card", "explode"], "无效"),
    (["id", "110101199003074477", "--kind", "nope"], "无效"),
    (["staff", "train", "x", "--kind", "induction", "--date", "yesterday"], "格式不对"),
    (["search"], "缺少必填参数"),
    (["bogus-command"], "无效"),
    (["id", "1", "--what"], "无法识别的参数"),
])
def test_argparse_speaks_chinese_then_english(argv, zh, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    lines = err.strip().splitlines()
    assert lines[0].startswith("用法 / usage:")
    error_zh = next(line for line in lines if line.startswith("错误："))
    assert zh in error_zh
    assert any(line.startswith("Error: ") for line in lines)
    assert "Traceback" not in err


def test_help_is_bilingual(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert out.startswith("用法 / usage:") and "显示帮助" in out and "选项 / options" in out


def test_cli_audit_list_speaks_words(desk, admin, building, capsys, monkeypatch):
    from tests.conftest import PASSWORD, register

    monkeypatch.setenv("RENTDESK_PASSWORD", PASSWORD)
    register(desk, admin, 1)
    assert main(["--home", str(desk.home), "audit", "list", "--as", "admin",
                 "--action", "登记租住人员"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert lines[0]["操作"] == "登记租住人员" and lines[0]["对象"] == "租住登记"
    assert lines[0]["详情"]["有照片"] == "否" and lines[-1]["共"] == 1


# --- every message matched to its real cause (issue 13) ---------------------------------

def test_a_readable_non_image_file_is_not_a_picture(tmp_path):
    from app.photo_intake import id_photo_from_file

    text = tmp_path / "notes.txt"
    text.write_text("租客名单", encoding="utf-8")
    with pytest.raises(Refused) as err:
        id_photo_from_file(text)
    assert "不是图片文件" in err.value.zh and "无法读取" not in err.value.zh


def test_a_faceless_picture_file_gets_no_camera_advice():
    from app.photo_intake import id_photo_from_file

    # A real PNG without a face: the printed card receipt's picture in docs/.
    receipt = Path(__file__).resolve().parents[2] / "docs" / "forms" / "card_receipt.png"
    with pytest.raises(Refused) as err:
        id_photo_from_file(receipt)
    assert err.value.code == "photo_no_face"
    assert "没有找到人脸" in err.value.zh and "镜头前" not in err.value.zh


@pytest.mark.parametrize("path", ["/dev/zero", "/tmp"])
def test_devices_and_folders_are_refused_without_reading(path, desk, admin, building, capsys,
                                                         monkeypatch):
    # /dev/zero never ends: it must be refused from its type, before a byte is read.
    from app.photo_intake import id_photo_from_file
    from tests.conftest import DATA, PASSWORD

    with pytest.raises(Refused) as err:
        id_photo_from_file(Path(path))
    assert "不是普通文件" in err.value.zh
    with pytest.raises(Refused):
        import_file(desk, admin, "tenants", Path(path))
    monkeypatch.setenv("RENTDESK_PASSWORD", PASSWORD)
    person = desk.home.parent / "person.json"  # the person comes from a file, never arguments
    person.write_text(json.dumps({"idno": "x", "name": "x", "phone": "1", "building": "B1",
                                  "unit": "102", "photo": str(DATA / "astronaut.png"),
                                  "id_front": path}), encoding="utf-8")
    assert main(["--home", str(desk.home), "register", "--as", "admin",
                 "--person", str(person)]) == 1
    assert f"{path} 不是普通文件" in capsys.readouterr().err  # the file named, refused unread
