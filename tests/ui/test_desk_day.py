"""A clerk's morning on a district-size centre (11,500 buildings), at 1366×768 (issue 13).

30 intakes (ID reader, camera, typed) and a passport holder, a wrong swipe, stray Enters
on every window, a full room, a second card, a second rentdesk started on the same data
folder and a busy database (both real second processes). Checks: nothing lost, no card
ended by accident, every visible message Chinese; screenshots into docs/screenshots.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QWidget

from app.desk import clock
from app.desk.center import init_center
from app.desk.context import open_desk
from app.property.buildings import add_building, add_unit
from app.staff.accounts import authenticate
from app.supervision.desk_status import active_card_count
from app.tenants.overcrowding import open_flag_count
from app.tenants.search import search_tenants
from db.engine import read_session
from db.models import Person
from tests.bulk import bulk_buildings
from tests.conftest import PASSWORD, cn, idno
from tests.desk_holder import ROOT, Holder
from tests.ui.conftest import settle, synthetic_camera
from tests.ui.test_keystrokes import Keys, _camera_ready
from ui.busy import busy_text
from ui.devices.id_reader import IdCardData, SimulatedIdCardReader

SHOTS = os.environ.get("RENTDESK_SCREENSHOTS")  # a folder (docs/screenshots) to keep the pictures
KEY = "13" * 32
GUI = "rentdesk 图形界面 / GUI"  # what the desk window calls itself in the lock (ui/main.py)
BUSY_WAIT_MS = 6000  # how long a write waits for another program (RENTDESK_BUSY_TIMEOUT_MS)
CJK = re.compile(r"[\u4e00-\u9fff]")
SYNC = "rentdesk sync（命令行 / CLI）"  # the other program that writes (tests/desk_holder.py)
# A second rentdesk through the real entry (`python -m rentdesk --home …`). The only thing
# added is the clerk's hand: it reads any modal window, prints it, and presses its button.
SECOND_DESK = """
import runpy, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
app = QApplication(sys.argv[:1])
def clerk():
    box = QApplication.activeModalWidget()
    if isinstance(box, QMessageBox):
        print("BOX:" + box.text().replace("\\n", " "), flush=True)
        box.accept()
    elif box is not None:  # a sign-in or set-up window: the second desk opened (wrong)
        print("OPENED:" + type(box).__name__, flush=True)
        box.reject()
    QTimer.singleShot(20, clerk)
QTimer.singleShot(0, clerk)
sys.argv = ["rentdesk", *sys.argv[1:]]
runpy.run_module("rentdesk", run_name="__main__", alter_sys=True)
"""


@pytest.fixture(scope="session")
def district_home(tmp_path_factory) -> Path:
    """Built once per session by bulk insert; each test works on its own copy."""
    home = tmp_path_factory.mktemp("district") / "home"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("RENTDESK_DB_KEY", KEY)
        mp.setenv("RENTDESK_KEY_DIR", str(tmp_path_factory.mktemp("district_keys")))
        desk = open_desk(home)
        admin = init_center(desk, "LH01", "东门出租屋管理服务中心", "admin", PASSWORD,
                            workstation="东门社区工作站", induction_on=clock.today())
        bulk_buildings(desk, admin.center_code, 11_500)
        add_building(desk, admin, "B1", "东门一号楼", "深圳市罗湖区东门路 1 号", 64.0, 4.0)
        add_unit(desk, admin, "B1", "101", area_m2=12.0)  # cap 2: the full room of the day
        add_unit(desk, admin, "B1", "102", area_m2=30.0)
        desk.close()
    return home


@pytest.fixture
def day(qtbot, tmp_path, monkeypatch, district_home):
    monkeypatch.setenv("RENTDESK_DB_KEY", KEY)
    monkeypatch.setenv("RENTDESK_BUSY_TIMEOUT_MS", str(BUSY_WAIT_MS))  # read when the desk opens
    home = tmp_path / "home"
    shutil.copytree(district_home, home)
    desk = open_desk(home, program=GUI, exclusive=True)  # the one desk of this folder, as run() does
    admin = authenticate(desk, "admin", PASSWORD)
    from ui.main import build_window

    reader = SimulatedIdCardReader()
    win = build_window(desk, admin, camera_factory=synthetic_camera, id_reader=reader)
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    yield win, desk, reader
    win.close()
    desk.close()


def shot(widget: QWidget, name: str) -> None:
    """Every picture is rendered (a grab that fails fails the test); kept only when asked."""
    QApplication.processEvents()
    picture = widget.grab()
    assert not picture.isNull(), name
    if SHOTS:
        picture.save(str(Path(SHOTS) / f"{name}.png"))


def visible_messages() -> list[str]:
    """Every non-empty label on screen: the clerk reads these."""
    texts = []
    for top in QApplication.topLevelWidgets():
        if not top.isVisible():
            continue
        for label in top.findChildren(QLabel):
            if label.isVisible() and label.text().strip() and label.pixmap().isNull() is not True:
                continue
            if label.isVisible() and label.text().strip():
                texts.append(label.text())
    return texts


def assert_chinese(texts: list[str]) -> None:
    for text in texts:
        if re.fullmatch(r"[\d\s.:/\-—…*%()（）]+", text) or re.fullmatch(r"[A-Z]\d+", text):
            continue  # counts, times, codes
        assert CJK.search(text), f"not Chinese: {text!r}"
        assert not re.search(r"Error|Exception|Traceback", text), text


def intake(keys: Keys, qtbot, win, n: int, how: str, building: str | None, reader,
           submit: bool = True) -> None:
    page = win.intake
    _camera_ready(qtbot, page)
    number = idno(100 + n, "F" if n % 2 else "M")
    if how == "reader":
        reader.put(IdCardData(number, f"读卡{cn(n)}", "汉族", "湖南省长沙市演示路 1 号"))
        keys.press(Qt.Key.Key_F2)
    else:
        keys.type(number)  # complete and valid: the form moves on to 姓名 by itself
        keys.press(Qt.Key.Key_Return)  # a stray Enter of habit in the empty name: stays there
        keys.type(f"手工{cn(n)}")
        keys.press(Qt.Key.Key_Return)
    keys.type(f"139{n:08d}")
    if n % 2:  # rule R9: a woman of 15–49 gives her 计生证 number or the reason there is none
        keys.press(Qt.Key.Key_Return)  # habit again: the mobile already moved on; stays
        assert keys.focused() is page.form.fp_reason
        keys.press(Qt.Key.Key_Down)  # 不适用
    if building is not None:
        keys.press(Qt.Key.Key_L, Qt.KeyboardModifier.AltModifier)  # Alt+L: 楼栋
        assert keys.focused() is page.form.building.edit
        keys.type(building)
    keys.press(Qt.Key.Key_F3)
    if not submit:
        return
    keys.press(Qt.Key.Key_Return)
    settle(qtbot, win.ctx.lane)
    qtbot.waitUntil(lambda: page.currentIndex() == 1 or bool(page.error.text()))


def passport_intake(keys: Keys, qtbot, win) -> None:
    """A passport holder (app.tenants.papers): the number carries no sex or birth date, so
    the form asks for them and for the nationality; the card follows as for anyone."""
    page = win.intake
    form = page.form
    form.id_kind.setCurrentIndex(form.id_kind.findData("passport"))
    assert all(form.boxes[f].isVisibleTo(form) for f in ("sex", "birth_date", "nationality"))
    form.country.setText("USA")
    form.idno.setText("E12345678")
    assert form.ethnicity.currentText() == ""  # no 汉族 default for a foreign passport
    form.name.setText("John Smith")
    form.phone.setText("13800001111")
    form.sex.setCurrentIndex(form.sex.findData("M"))
    form.birth.setDate(QDate(1980, 5, 6))
    form.building.select_code("D00397")
    _camera_ready(qtbot, page)
    form.name.setFocus()
    keys.press(Qt.Key.Key_F3)
    keys.press(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # registers from anywhere
    settle(qtbot, win.ctx.lane)
    qtbot.waitUntil(lambda: page.currentIndex() == 1 or bool(page.error.text()))
    assert page.currentIndex() == 1, page.error.text()
    keys.swipe("0009000100")
    settle(qtbot, win.ctx.lane)
    assert "已发卡" in page.card_panel.message.text()
    keys.press(Qt.Key.Key_Escape)
    assert page.currentIndex() == 0 and not form.id_kind.currentData()  # back to the ID card
    (row,) = search_tenants(win.ctx.desk, win.ctx.actor, "E12345678")
    with read_session(win.ctx.desk.engine) as s:
        person = s.get(Person, row.person_id)
        assert (person.sex, person.birth_date, person.nationality) == (
            "M", date(1980, 5, 6), "USA")


def folder_state(home: Path) -> dict[str, tuple[int, int]]:
    """Every file of the data folder with its size and modification time (logs/ aside: a
    refused start may write that it was refused there)."""
    return {str(f.relative_to(home)): (f.stat().st_size, f.stat().st_mtime_ns)
            for f in sorted(home.rglob("*"))
            if f.is_file() and f.relative_to(home).parts[0] != "logs"}


def second_desk_refused(qtbot, win, desk, config: Path) -> None:
    """The clerk starts rentdesk again on the same data folder (a real second process):
    it names the desk that has the folder open, exits 1, and touches none of the data."""
    settle(qtbot, win.ctx.lane)  # nothing of ours writes while the folder is compared
    before = folder_state(desk.home)
    env = dict(os.environ, PYTHONPATH=str(ROOT), XDG_CONFIG_HOME=str(config))
    done = subprocess.run([sys.executable, "-c", SECOND_DESK, "--home", str(desk.home)],
                          capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)
    boxes = [line[4:] for line in done.stdout.splitlines() if line.startswith("BOX:")]
    assert done.returncode == 1 and len(boxes) == 1, (done.stdout, done.stderr[-2000:])
    assert f"此数据目录已被 {GUI}（进程 {os.getpid()}" in boxes[0], boxes[0]
    assert_chinese(boxes)
    assert "Traceback" not in done.stderr, done.stderr[-2000:]
    assert folder_state(desk.home) == before  # not a byte of the data, nor its lock, touched


def busy_database(keys: Keys, qtbot, win, desk, reader) -> None:
    """Another program writes the database (a real second process holding BEGIN IMMEDIATE,
    as the nightly sync does). Released while the clerk's Register waits, the intake goes
    through once; held past the wait, the desk says in Chinese which program holds it,
    keeps everything the clerk typed, and saves nothing until the clerk tries again."""
    page = win.intake
    form = page.form
    sync = Holder(desk.home, SYNC, exclusive=False, write=True)
    try:
        intake(keys, qtbot, win, 50, "typed", None, reader, submit=False)
        keys.press(Qt.Key.Key_Return)  # Register: the write waits for the other program
        qtbot.waitUntil(win.busy_label.isVisible, timeout=10_000)
        # both the status bar and the page's own line say what the Register waits for
        qtbot.waitUntil(lambda: page.error.text() == busy_text(), timeout=5_000)
        assert win.busy_label.text() == busy_text()
        keys.press(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # impatience
        assert not page.register_button.isEnabled()  # ignored: one Register is on its way
        assert_chinese(visible_messages())
        shot(win, "desk-day-busy")
    finally:
        sync.stop()  # the other program finishes within the wait
    qtbot.waitUntil(lambda: not win.ctx.lane.busy, timeout=BUSY_WAIT_MS + 20_000)
    assert page.currentIndex() == 1, page.error.text()
    assert win.busy_label.isHidden()
    keys.swipe("0009000050")
    settle(qtbot, win.ctx.lane)
    assert "已发卡" in page.card_panel.message.text()
    keys.press(Qt.Key.Key_Escape)
    assert len(search_tenants(desk, win.ctx.actor, idno(150))) == 1  # registered once

    sync = Holder(desk.home, SYNC, exclusive=False, write=True)
    try:
        intake(keys, qtbot, win, 52, "typed", None, reader, submit=False)
        keys.press(Qt.Key.Key_Return)
        qtbot.waitUntil(win.busy_label.isVisible, timeout=10_000)
        qtbot.waitUntil(lambda: not win.ctx.lane.busy, timeout=BUSY_WAIT_MS + 20_000)
        said = page.error.text()
        assert said.startswith(f"数据库正忙：{SYNC}（进程 {sync.proc.pid}"), said
        assert "没有保存" in said and win.busy_label.isHidden()
        assert_chinese(visible_messages())
        shot(win, "desk-day-busy-refused")
        # Nothing the clerk typed or shot is lost: the form is as it was.
        assert page.currentIndex() == 0 and page.photo.photo is not None
        assert (form.idno.text(), form.name.text(), form.phone.text()) == (
            idno(152), "手工五二", "13900000052")
    finally:
        sync.stop()
    assert search_tenants(desk, win.ctx.actor, idno(152)) == []  # nothing half-saved
    keys.press(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # again, now free
    settle(qtbot, win.ctx.lane)
    qtbot.waitUntil(lambda: page.currentIndex() == 1)
    keys.swipe("0009000052")
    settle(qtbot, win.ctx.lane)
    assert "已发卡" in page.card_panel.message.text()
    keys.press(Qt.Key.Key_Escape)
    assert len(search_tenants(desk, win.ctx.actor, idno(152))) == 1


def test_a_clerks_morning(qtbot, day, tmp_path):  # rules R5, R6
    win, desk, reader = day
    keys = Keys(qtbot, win)
    win.nav.setFocus()
    keys.press(Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    page = win.intake
    qtbot.waitUntil(lambda: keys.focused() is page.form.idno)
    buildings = [f"D{(n * 397) % 11_500:05d}" for n in range(30)]
    for n in range(30):
        how = ("reader", "typed", "camera")[n % 3]  # all with the camera; 1 in 3 reads the ID
        # a household registers together: every other intake keeps the last building
        intake(keys, qtbot, win, n, "reader" if how == "reader" else "typed",
               buildings[n] if n % 2 == 0 else None, reader)
        assert page.currentIndex() == 1, page.error.text()
        keys.swipe(f"{9_000_000 + n:010d}")
        settle(qtbot, win.ctx.lane)
        assert "已发卡" in page.card_panel.message.text(), (n, page.photo.message.text())
        if n == 0:
            shot(win, "desk-day-card-step")
        if n == 3:  # a wrong swipe: the previous tenant's card again
            keys.swipe(f"{9_000_000 + n - 1:010d}")
            settle(qtbot, win.ctx.lane)
            assert_chinese([page.card_panel.message.text()])
        keys.press(Qt.Key.Key_Escape)
        assert page.currentIndex() == 0
    assert active_card_count(desk) == 30
    # Mid-morning: rentdesk started a second time, then the nightly sync runs late.
    second_desk_refused(qtbot, win, desk, tmp_path / "second-desk-settings")
    busy_database(keys, qtbot, win, desk, reader)
    assert active_card_count(desk) == 32
    keys.press(Qt.Key.Key_L, Qt.KeyboardModifier.AltModifier)  # selects the kept building
    keys.type("dml")  # 东门路…: pinyin initials find it among 11,500
    page.form.building.flush()
    assert page.form.building.results.count() > 0
    shot(win, "desk-day-intake-find-building")
    page.form.building.clear()
    page.form.idno.setFocus()
    for n in range(30):
        assert len(search_tenants(desk, win.ctx.actor, idno(100 + n, "F" if n % 2 else "M"))) == 1

    passport_intake(keys, qtbot, win)

    # The full room: B1 101 holds two; the third is told before saving.
    for n in (40, 41):
        intake(keys, qtbot, win, n, "typed", "b1", reader)
        keys.swipe(f"{9_000_000 + n:010d}")
        settle(qtbot, win.ctx.lane)
        keys.press(Qt.Key.Key_Escape)
    page.form.building.select_code("B1")
    page.form.unit.setCurrentIndex(page.form.unit.findData("101"))
    assert "已满" in page.form.unit.currentText()  # offered last, never first
    intake(keys, qtbot, win, 42, "typed", None, reader)
    qtbot.waitUntil(lambda: getattr(page, "full_dialog", None) is not None
                    and page.full_dialog.isVisible())
    dialog = page.full_dialog
    shot(dialog, "desk-day-full-room")
    assert_chinese(visible_messages())
    qtbot.keyClick(dialog, Qt.Key.Key_Return)  # a stray Enter: back to the form, nothing saved
    assert page.currentIndex() == 0 and search_tenants(desk, win.ctx.actor, idno(142)) == []
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    keys.press(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: shiboken6.isValid(page.full_dialog) and page.full_dialog.isVisible())
    page.full_dialog.anyway.click()
    settle(qtbot, win.ctx.lane)
    qtbot.waitUntil(lambda: page.currentIndex() == 1)
    assert "不发卡" in page.done_note.text() and open_flag_count(desk) == 1
    keys.press(Qt.Key.Key_Escape)

    # A second card for someone who holds one: refused; stray Enters never end the first.
    cards = active_card_count(desk)
    page.card_panel.reset()
    page.setCurrentIndex(1)
    page.card_panel.idno.setText(idno(100))
    page.card_panel.card.setFocus()
    keys.swipe("0009999999")
    settle(qtbot, win.ctx.lane)
    assert "已持有" in page.card_panel.message.text()
    for _ in range(3):
        qtbot.keyClick(page.card_panel.reason, Qt.Key.Key_Return)
        confirm = page.card_panel.confirm
        qtbot.keyClick(confirm.reason, Qt.Key.Key_Return)
    settle(qtbot, win.ctx.lane)
    assert active_card_count(desk) == cards
    page.next_tenant()

    # Stray Enters on every page and on the tenant window.
    from ui.dialogs.tenant import TenantDialog

    for row in range(win.nav.count()):
        win.nav.setCurrentRow(row)
        QApplication.processEvents()
        target = QApplication.focusWidget() or win
        for _ in range(2):
            qtbot.keyClick(target, Qt.Key.Key_Return)
        settle(qtbot, win.ctx.lane)
        if row == 0:
            shot(win, "desk-day-dashboard")
        assert_chinese([t for t in visible_messages() if len(t) > 3])
    person = search_tenants(desk, win.ctx.actor, idno(101, "F"))[0].person_id
    TenantDialog.show_tenant(win.ctx, person, win)
    settle(qtbot, win.ctx.lane)
    qtbot.waitUntil(lambda: any(isinstance(w, TenantDialog) and w.isVisible()
                                for w in QApplication.topLevelWidgets()))
    tenant = next(w for w in QApplication.topLevelWidgets() if isinstance(w, TenantDialog))
    for _ in range(3):
        qtbot.keyClick(tenant.focusWidget() or tenant, Qt.Key.Key_Return)
    settle(qtbot, win.ctx.lane)
    shot(tenant, "desk-day-tenant")
    tenant.close()
    assert active_card_count(desk) == cards
    layout_at_desk_size(qtbot, win)
    assert not [w for w in QApplication.topLevelWidgets()
                if isinstance(w, QDialog) and w.isVisible()]


def layout_at_desk_size(qtbot, win) -> None:
    """统计 at 1366×768 (top 20 + 其他, a line per bar); 门禁故障's last column at 1120 px."""
    win.show_page("stats")
    stats = win.pages["stats"]
    stats.by.setCurrentIndex(stats.by.findData("building"))
    stats.reload()
    settle(qtbot, win.ctx.lane)
    assert stats.model.rowCount() > 0, stats.message.text()
    groups = len({r.group_code for r in stats.model.rows})
    assert len(stats.chart.bars) == min(groups, 20) + (groups > 20)
    if groups > 20:
        assert stats.chart.bars[-1][0].startswith("其他")
    assert stats.chart.height() >= stats.chart.fontMetrics().height() * len(stats.chart.bars)
    shot(win, "desk-day-stats")
    stats.by.setCurrentIndex(stats.by.findData("company"))
    stats.reload()
    settle(qtbot, win.ctx.lane)
    assert stats.table.isColumnHidden(0)  # no company name repeated as 编号
    from app.supervision.faults import fix_fault, notify_installer, open_fault, set_card_system

    for n, code in enumerate(("B1", "D00000", "D00794")):
        set_card_system(win.ctx.desk, win.ctx.actor, code, "深圳市安居门禁工程有限公司",
                        "0755-12345678", "WG2004", None, "down")
        ticket = open_fault(win.ctx.desk, win.ctx.actor, code,
                            "读卡器无反应，门禁控制器指示灯不亮，住户反映刷卡后门不开，需安装单位上门检修" * 2)
        notify_installer(win.ctx.desk, win.ctx.actor, ticket.id)
        if n == 0:
            fix_fault(win.ctx.desk, win.ctx.actor, ticket.id)
    win.resize(1120, 768)
    win.show_page("faults")
    faults = win.pages["faults"]
    faults.reload()
    settle(qtbot, win.ctx.lane)
    qtbot.waitUntil(lambda: faults.model.rowCount() >= 3)
    QApplication.processEvents()
    header = faults.table.horizontalHeader()
    last = faults.model.columnCount() - 1
    assert header.sectionViewportPosition(last) + header.sectionSize(last) \
        <= faults.table.viewport().width()
    shot(win, "desk-day-faults-1120")
    win.resize(1366, 768)
