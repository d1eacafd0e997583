"""Smaller page behaviours: printing the form, the reader setting, refusals at Register,
the R9 hint, the status bar's 24 h count, the fonts and the English window."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QModelIndex, QTranslator
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication

from app.desk import clock
from app.supervision.desk_status import due_within_24h
from tests.conftest import idno, register
from tests.ui.conftest import settle
from ui.devices.id_reader import NoIdCardReader
from ui.i18n import translations_dir


def test_print_collection_form_after_register(qtbot, window, desk, admin, photo_jpeg):  # rule R2
    done = register(desk, admin, 50, photo=photo_jpeg)
    window.intake.card_panel.set_tenant(done.idno, done.name)
    shown: list[tuple[bytes, str]] = []
    window.intake.print_form(show=lambda _parent, pdf, title: shown.append((pdf, title)))
    settle(qtbot, window.ctx.lane)  # rendered on the lane, previewed on the GUI thread
    assert shown and shown[0][0].startswith(b"%PDF")


def test_register_refusal_already_living_elsewhere(qtbot, window, desk, admin):
    register(desk, admin, 51)
    page = window.intake
    form = page.form
    form.idno.setText(idno(51))
    form.name.setText("测试五一")
    form.phone.setText("13900000051")
    form.building.select_code("B1")
    page.register()
    settle(qtbot, window.ctx.lane)
    assert page.currentIndex() == 0
    assert "已登记在住" in page.error.text()


def test_family_planning_hint_for_women_of_child_bearing_age(qtbot, window):  # rule R9
    form = window.intake.form
    form.idno.setText(idno(8, "F"))  # born 1988: in the 18–49 range
    assert "R9" in form.fp_hint.text()
    form.idno.setText(idno(8, "M"))
    assert form.fp_hint.text() == ""


def test_no_reader_says_so_and_setting_switches_it(qtbot, window):
    window.ctx.id_reader = NoIdCardReader()
    window.intake.read_id_card()
    assert "身份证阅读器" in window.intake.error.text()
    settings_page = window.pages["settings"]
    settings_page.reader.setCurrentIndex(settings_page.reader.findData("simulated"))
    window.intake.read_id_card()
    assert window.intake.form.idno.text()


def test_status_bar_counts_records_due_within_24h(qtbot, window, desk, admin):  # rule R2
    register(desk, admin, 52)
    window.refresh_status()
    settle(qtbot, window.ctx.lane)
    assert due_within_24h(desk) == 1
    qtbot.waitUntil(lambda: window.due_label.text() == "24 小时内待送达：1 条")


def test_bundled_fonts_cover_chinese(qapp):
    families = qapp.font().families()
    assert "Droid Sans Fallback" in families
    assert QFontDatabase.WritingSystem.SimplifiedChinese in QFontDatabase.writingSystems(
        "Droid Sans Fallback")


def test_window_in_english(qtbot, desk, admin, building):
    from ui.main import build_window

    translator = QTranslator()
    assert translator.load(str(translations_dir() / "rentdesk_en.qm"))
    QApplication.instance().installTranslator(translator)
    try:
        win = build_window(desk, admin, camera_factory=lambda: None)
        qtbot.addWidget(win)
        labels = [win.nav.item(i).text() for i in range(win.nav.count())]
        assert labels[:4] == ["Home", "Intake", "Cards", "Search"]  # an admin starts on Home
        assert QCoreApplication.translate("MainWindow", "设置") == "Settings"
        win.close()
    finally:
        QApplication.instance().removeTranslator(translator)


def test_window_remembers_its_geometry(qtbot, desk, admin, building):
    from ui.main import build_window

    first = build_window(desk, admin, camera_factory=lambda: None)
    qtbot.addWidget(first)
    first.show()
    first.resize(first.fontMetrics().height() * 50, first.fontMetrics().height() * 30)
    size = first.size()
    first.close()
    second = build_window(desk, admin, camera_factory=lambda: None)
    qtbot.addWidget(second)
    assert second.size() == size
    second.close()


def test_escape_steps_back_through_the_form(qtbot, window):
    from PySide6.QtCore import Qt

    window.show_page("intake")  # an admin's window opens on 首页
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    form = window.intake.form
    form.phone.setFocus()
    qtbot.waitUntil(form.phone.hasFocus)
    qtbot.keyClick(form.phone, Qt.Key.Key_Escape)
    assert form.name.hasFocus()


def test_a_bad_scan_is_refused_when_loaded(qtbot, window, tmp_path):
    bogus = tmp_path / "scan.jpg"
    bogus.write_bytes(b"not an image at all")
    page = window.intake
    assert not page.load_scan("id_front", bogus)
    assert "id_front" not in page.scans and page.scan_labels["id_front"].text()


def test_run_creates_the_centre_then_opens_the_window(qtbot, tmp_path, monkeypatch):
    """`rentdesk gui` on an empty data folder: setup dialog, then the main window."""

    from app.desk.center import init_center
    from ui import main as ui_main
    from ui.district import signin

    shown = []

    def set_up(desk, first_run, parent=None):  # the set-up dialog, filled in and accepted
        assert first_run
        return init_center(desk, "LH02", "测试", "admin", "Lantern-Quarry-57-Mosaic",
                           induction_on=clock.today()), None

    monkeypatch.setattr(signin, "sign_in_or_office", set_up)
    monkeypatch.setattr(ui_main, "camera_from_settings", lambda: None)
    recovery_shown = []
    monkeypatch.setattr(ui_main, "show_recovery_key",
                        lambda desk, actor: recovery_shown.append(actor.username))

    def fake_exec() -> int:
        from ui.main_window import MainWindow

        windows = [w for w in QApplication.topLevelWidgets()
                   if isinstance(w, MainWindow) and w.isVisible()]
        shown.extend(windows)
        for w in windows:
            w.close()
        return 0

    monkeypatch.setattr(QApplication.instance(), "exec", fake_exec)
    assert ui_main.run(tmp_path / "home") == 0
    assert shown and "LH02" in shown[0].windowTitle()
    assert recovery_shown == ["admin"]  # the recovery key is shown once, at set-up


def test_status_bar_shows_training_validity(qtbot, window):  # rule R3
    window.refresh_status()
    settle(qtbot, window.ctx.lane)
    assert window.training_label.text()


def test_status_counts_overdue_and_last_sync(desk, admin, building):  # rule R2
    from datetime import UTC, datetime, timedelta

    from app.supervision.desk_status import desk_status

    register(desk, admin, 53)
    later = datetime.now(UTC) + timedelta(hours=25)
    status = desk_status(desk, admin, now=later)
    assert (status.due_24h, status.overdue, status.last_sync_at) == (0, 1, None)
    assert status.training.ok


def test_buildings_page_pages_and_passes_modeltester(qtbot, qtmodeltester, desk, admin,
                                                     monkeypatch):
    from app.data.demo import generate_demo
    from ui.pages import buildings

    monkeypatch.setattr(buildings.BuildingsModel, "page_size", 4)  # small pages: several of them
    generate_demo(desk, 600, seed=4)
    model = buildings.BuildingsModel(desk)
    model.load()
    assert model.rowCount() == 4 and model.canFetchMore(QModelIndex())
    qtmodeltester.check(model, force_py=True)
    b = model.data(model.index(0, 0), 256)
    assert b.cap is not None and f"{b.residents} / {b.cap}" == model.data(model.index(0, 2))


def test_import_buildings_on_the_lane(qtbot, window, tmp_path):
    sheet = tmp_path / "buildings.csv"
    sheet.write_text("楼栋编号,楼栋名称,地址,建筑面积,公共面积\n"
                     "B9,新楼,深圳市罗湖区 9 号,120,12\nB1,重复,地址,60,4\n", encoding="utf-8")
    page = window.pages["settings"]
    page.start_import("buildings", sheet)
    settle(qtbot, window.ctx.lane)
    assert "1" in page.note.text()  # one good row, one refused (B1 exists)


def test_new_building_with_rooms_reaches_intake(qtbot, window):  # rule R5
    page = window.pages["buildings"]
    dialog = page.add_building()
    dialog.code.setText("B1")  # exists already: the service's refusal is shown
    dialog.name.setText("重复")
    dialog.save()
    settle(qtbot, window.ctx.lane)
    assert "B1" in dialog.error.text()
    dialog.code.setText("B7")
    dialog.floor_area.setValue(130.0)
    dialog.public_area.setValue(10.0)
    dialog.units.setText("101, 102")
    dialog.unit_area.setValue(15.0)
    dialog.save()
    settle(qtbot, window.ctx.lane)
    form = window.intake.form
    form.building.select_code("B7")
    assert form.building.code() == "B7"
    assert "上限 20" in form.building.results.currentItem().text()  # (130 − 10) / 6
    assert [form.unit.itemData(i) for i in range(form.unit.count())] == ["101", "102"]


def test_camera_and_language_settings(qtbot, window):
    from ui.settings import SIMULATED_CAMERA, camera_index, language

    page = window.pages["settings"]
    page.find_cameras()  # none on a test machine; the simulated and "no camera" stay
    settle(qtbot, window.ctx.lane)
    assert page.scan_button.isEnabled()
    page.camera.setCurrentIndex(page.camera.findData(SIMULATED_CAMERA))
    assert camera_index() == SIMULATED_CAMERA
    page.language.setCurrentIndex(page.language.findData("en"))
    assert language() == "en"
    page.language.setCurrentIndex(page.language.findData("zh_CN"))


def test_recovery_key_box_shows_the_key(qtbot, desk, admin, monkeypatch):
    """The key that restores backups on another PC is shown once after set-up."""
    from PySide6.QtWidgets import QMessageBox

    from app.data.keys import data_key
    from app.data.recovery import unwrap
    from ui import main as ui_main

    texts = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: texts.append(box.text()) or 0)
    ui_main.show_recovery_key(desk, admin)
    # issue 12: the shown key unwraps the database key (each showing makes a new one)
    shown = texts[0].split()[-1]
    assert unwrap(shown, desk.db_path) == data_key(desk)
