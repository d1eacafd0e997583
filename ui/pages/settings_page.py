"""设置: language and camera, and the long jobs (demo data, imports) on the database lane."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.data.importer import import_file
from app.desk.trial import demo_in_trial
from ui.context import UiContext
from ui.devices.id_reader import NoIdCardReader, SimulatedIdCardReader
from ui.lane_op import run_on_lane
from ui.progress import run_with_progress
from ui.settings import (
    NO_CAMERA,
    SIMULATED_CAMERA,
    camera_index,
    id_reader_kind,
    language,
    set_camera_index,
    set_id_reader_kind,
    set_language,
)
from ui.widgets import heading, set_message


class SettingsPage(QWidget):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.language = QComboBox()
        self.language.addItem("中文", "zh_CN")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(max(self.language.findData(language()), 0))
        self.language.currentIndexChanged.connect(self._language)
        self.camera = QComboBox()
        self.scan_button = QPushButton(self.tr("查找摄像头"))
        self.scan_button.clicked.connect(self.find_cameras)
        self.camera.currentIndexChanged.connect(self._camera)
        self.note = QLabel()
        self.note.setWordWrap(True)
        cam_row = QHBoxLayout()
        cam_row.addWidget(self.camera, 1)
        cam_row.addWidget(self.scan_button)
        self.reader = QComboBox()
        self.reader.addItem(self.tr("无"), "none")
        self.reader.addItem(self.tr("模拟阅读器（演示）"), "simulated")
        self.reader.setCurrentIndex(max(self.reader.findData(id_reader_kind()), 0))
        self.reader.currentIndexChanged.connect(self._reader)
        prefs = QGroupBox(self.tr("偏好"))
        form = QFormLayout(prefs)
        form.addRow(self.tr("界面语言"), self.language)
        form.addRow(self.tr("摄像头"), cam_row)
        form.addRow(self.tr("身份证阅读器"), self.reader)
        self.demo_size = QSpinBox()
        self.demo_size.setRange(10, 600_000)
        self.demo_size.setValue(500)
        demo_button = QPushButton(self.tr("生成演示数据"))
        demo_button.clicked.connect(lambda: self.make_demo())
        import_b = QPushButton(self.tr("导入楼栋…"))
        import_b.clicked.connect(lambda: self.import_dialog("buildings"))
        import_t = QPushButton(self.tr("导入租户…"))
        import_t.clicked.connect(lambda: self.import_dialog("tenants"))
        data = QGroupBox(self.tr("数据"))
        data_form = QFormLayout(data)
        demo_row = QHBoxLayout()
        demo_row.addWidget(self.demo_size)
        demo_row.addWidget(demo_button)
        data_form.addRow(self.tr("演示租户人数"), demo_row)
        import_row = QHBoxLayout()
        import_row.addWidget(import_b)
        import_row.addWidget(import_t)
        data_form.addRow(self.tr("导入（CSV / Excel）"), import_row)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("设置")))
        layout.addWidget(prefs)
        layout.addWidget(data)
        layout.addWidget(self.note)
        layout.addStretch(1)
        self._fill_cameras([])

    def _fill_cameras(self, found: list[int]) -> None:
        self.camera.blockSignals(True)
        self.camera.clear()
        for index in found:
            self.camera.addItem(self.tr("摄像头 {n}").format(n=index), index)
        current = camera_index()
        if current >= 0 and current not in found:
            self.camera.addItem(self.tr("摄像头 {n}").format(n=current), current)
        self.camera.addItem(self.tr("模拟摄像头（演示照片）"), SIMULATED_CAMERA)
        self.camera.addItem(self.tr("不使用摄像头"), NO_CAMERA)
        self.camera.setCurrentIndex(max(self.camera.findData(current), 0))
        self.camera.blockSignals(False)

    def find_cameras(self) -> None:
        """Probing can block for seconds per device (drivers), so it runs off the GUI
        thread; the lane is idle here anyway and keeps it to one probe at a time."""
        from app.photos import list_cameras

        def found(indices: list[int]) -> None:
            self._fill_cameras(indices)
            self.note.setText(self.tr("找到 {n} 个摄像头。").format(n=len(indices)))
            self.note.setStyleSheet("")

        run_on_lane(self, lambda _desk, _actor: list_cameras(), success=found, message=self.note,
                    busy=self.scan_button, busy_text=self.tr("正在查找摄像头…"))

    def _camera(self) -> None:
        set_camera_index(int(self.camera.currentData()))
        self.note.setText(self.tr("摄像头设置已保存，回到“登记”页即生效。"))

    def _reader(self) -> None:
        kind = self.reader.currentData()
        set_id_reader_kind(kind)
        # Takes effect at once: the intake page asks the context's reader on every read.
        self.ctx.id_reader = SimulatedIdCardReader() if kind == "simulated" else NoIdCardReader()
        self.note.setText(self.tr("身份证阅读器设置已保存。"))

    def _language(self) -> None:
        set_language(self.language.currentData())
        self.note.setText(self.tr("界面语言将在重新启动后生效。"))

    def make_demo(self, confirm: bool = True) -> None:
        n = self.demo_size.value()
        if confirm and QMessageBox.question(self, self.tr("生成演示数据"), self.tr(
                "演示数据会写入本中心的数据库，并在同步时上传。只应在培训或演示用的数据目录中生成。"
                "确定生成 {n} 名演示租户吗？").format(n=n)) != QMessageBox.StandardButton.Yes:
            return
        run_with_progress(self, self.ctx.lane, self.tr("正在生成演示数据"),
                          lambda progress: demo_in_trial(self.ctx.desk, self.ctx.actor, n,
                                                          progress=progress),
                          self._demo_done)

    def _demo_done(self, report) -> None:
        set_message(self.note, self.tr("已生成演示数据：{b} 栋楼，{t} 名租户，{c} 张门禁卡。").format(
            b=report.buildings, t=report.tenants, c=report.cards), ok=True)
        self.ctx.changes.tenants_changed.emit()

    def import_dialog(self, what: str) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("选择导入文件"), "",
                                              self.tr("表格") + " (*.csv *.xlsx)")
        if path:
            self.start_import(what, Path(path))

    def start_import(self, what: str, path: Path):
        # import_file has no progress callback yet: the dialog shows "busy", no Cancel.
        return run_with_progress(self, self.ctx.lane, self.tr("正在导入"),
                                 lambda _progress: import_file(self.ctx.desk, self.ctx.actor, what, path),
                                 self._import_done, cancellable=False)

    def _import_done(self, report) -> None:
        text = self.tr("导入完成：成功 {good} 行，有误 {bad} 行。").format(
            good=report.good, bad=report.bad)
        if report.over_caps:  # rule R5: as at the intake, said per import (rows in the report)
            text += " " + self.tr("其中 {n} 行住进已满的房间或楼栋：已登记，不能发卡，已报主管。").format(
                n=report.over_caps)
        set_message(self.note, text, ok=report.bad == 0 and not report.over_caps)
        self.ctx.changes.tenants_changed.emit()
