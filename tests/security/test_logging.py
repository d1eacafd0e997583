"""Log files and crash reports never carry ID numbers, phones, names or photos."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import pytest

from app.desk.logging_setup import configure_logging, personal, redact
from tests.conftest import idno

ID18 = idno(9)
PHONE = "13912345678"


@pytest.fixture
def log_file(tmp_path: Path):
    old_hook, root = sys.excepthook, logging.getLogger()
    old_level = root.level
    path = configure_logging(tmp_path)
    yield path
    for h in [h for h in root.handlers if getattr(h, "_rentdesk", False)]:
        root.removeHandler(h)
        h.close()
    sys.excepthook = old_hook
    root.setLevel(old_level)


@pytest.mark.parametrize(("text", "gone"), [
    (f"lookup {ID18} failed", ID18),
    ("legacy 440303800101123 number", "440303800101123"),
    (f"call +86 {PHONE[:3]} {PHONE[3:7]} {PHONE[7:]}", PHONE[7:]),
    ("landline 0755-83001234", "83001234"),
    ("姓名：欧阳娜娜 registered", "欧阳娜娜"),
    ("name='张三' saved", "张三"),
    ("tenant 买买提·艾力 moved", "买买提·艾力"),
    ("photo b'\\xff\\xd8\\xff\\xe0\\x00\\x10JFIF\\x00\\x01\\x01\\x00' bad", "JFIF"),
])
def test_redact(text, gone):
    assert gone not in redact(text)


def test_file_gets_redacted_records_and_personal_values(log_file: Path):
    log = logging.getLogger("rentdesk.test")
    log.warning("registered %s with %s, phone %s", personal("欧阳保密人"), ID18, PHONE)
    try:
        raise ValueError(f"duplicate {ID18} for 李四")
    except ValueError:
        log.exception("import failed")
    for h in logging.getLogger().handlers:
        h.flush()
    written = log_file.read_text(encoding="utf-8")
    assert "registered [hidden]" in written and "Traceback" in written
    for secret in ("欧阳保密人", ID18, PHONE, "李四"):
        assert secret not in written


def test_crash_report_has_no_locals_and_no_personal_data(log_file: Path, capsys):
    def crash(name: str, number: str) -> None:
        secret_local = f"{name}{number}"  # noqa: F841 - a local a crash report must not show
        raise RuntimeError(f"cannot print form for {number}")

    try:
        crash("王秘密", ID18)
    except RuntimeError:
        sys.excepthook(*sys.exc_info())
    for h in logging.getLogger().handlers:
        h.flush()
    report = log_file.read_text(encoding="utf-8") + capsys.readouterr().err
    assert "unhandled exception" in report and "RuntimeError" in report
    assert ID18 not in report and "王秘密" not in report and "secret_local =" not in report


def test_sql_errors_do_not_carry_parameters(desk, admin, building, log_file: Path):
    from sqlalchemy.exc import IntegrityError

    from db.engine import write_session
    from db.models import IdDocument
    from tests.conftest import register

    reg = register(desk, admin, 9)
    with pytest.raises(IntegrityError) as err, write_session(desk.engine) as s:
        s.add(IdDocument(center_code="LH01", person_id=reg.person_id, kind="resident",
                         number=ID18))
    assert ID18 not in str(err.value)
