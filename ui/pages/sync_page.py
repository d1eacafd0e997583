"""同步: sync with the district now (on the lane, progress and Cancel), the report, past runs,
the conflicts a supervisor resolves, and how the daily run is scheduled."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.desk import clock
from app.desk.errors import Refused
from app.staff.accounts import PERMISSIONS
from app.staff.audit_words import entity_words
from app.sync.batches import outbox_size
from app.sync.history import SyncRunInfo, recent_runs, saved_district_url
from app.sync.not_accepted import listed as not_accepted_rows
from app.sync.run import check_url, sync_as, without_password
from ui.context import UiContext
from ui.dates import local_time
from ui.i18n import pick
from ui.lane import Job
from ui.lane_op import LaneOp
from ui.notify import error_label, report
from ui.notify import report as show
from ui.settings import settings
from ui.widgets import heading, set_message

URL_KEY = "sync/district_url"  # QSettings: the address, never its password
SCHEDULE = ("Windows Task Scheduler:  schtasks /Create /SC DAILY /ST 21:30 /TN rentdesk-sync "
            "/TR \"rentdesk sync --as USER\"\ncron:  30 21 * * * rentdesk sync --as USER")  # commands: one language


class SyncPage(QWidget):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.job: Job | None = None
        self.dialog: QProgressDialog | None = None
        self.report: dict | None = None
        self.unrecorded: list[str] = []  # failures before a run began (no sync_run row)
        self.runs_before = 0
        self.url = QLineEdit(str(settings().value(URL_KEY, "") or ""))
        self.url.setPlaceholderText(self.tr("postgresql://用户@主机:端口/数据库（空则用上次的地址）"))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("中心密码（不保存）"))
        self.button = QPushButton(self.tr("立即同步"))
        self.button.clicked.connect(self.start)
        self.outbox = QLabel()
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message = error_label()
        self.history = QListWidget()
        self.not_accepted = QListWidget()  # issue 11: rows the district did not take
        form = QFormLayout()
        form.addRow(self.tr("区数据库地址"), self.url)
        row = QHBoxLayout()
        row.addWidget(self.password, 1)
        row.addWidget(self.button)
        form.addRow(self.tr("密码"), row)
        note = QLabel(self.tr("每日自动同步：用系统的计划任务每天运行一次 rentdesk sync"
                              "（地址取上次同步的，密码取环境变量 RENTDESK_DISTRICT_PASSWORD）：")
                      + "\n" + SCHEDULE)
        note.setWordWrap(True)
        note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("与区数据库同步")))
        layout.addLayout(form)
        layout.addWidget(self.outbox)
        layout.addWidget(self.message)
        layout.addWidget(self.result)
        layout.addWidget(QLabel(self.tr("同步记录")))
        layout.addWidget(self.history, 1)
        layout.addWidget(QLabel(self.tr("区数据库未接收的记录（修改后会重新发送）")))
        layout.addWidget(self.not_accepted)
        self.conflicts = None
        if "resolve_conflict" in PERMISSIONS.get(ctx.actor.role, frozenset()):
            from ui.panels.conflicts import ConflictsPanel

            self.conflicts = ConflictsPanel(ctx)
            layout.addWidget(QLabel(self.tr("冲突记录（主管处理）")))
            layout.addWidget(self.conflicts, 1)
        layout.addWidget(note)
        self.refresh()

    def refresh(self) -> None:
        """Counts and past runs: small indexed reads, on the GUI thread."""
        desk = self.ctx.desk
        self.outbox.setText(self.tr("待上传的更改：{n} 条").format(n=outbox_size(desk)))
        if not self.url.text():
            self.url.setPlaceholderText(saved_district_url(desk) or self.url.placeholderText())
        self.history.clear()
        runs = recent_runs(desk)
        self.history.addItems(self.unrecorded)
        for run in runs:
            self.history.addItem(self.run_line(run))
        self.runs_before = len(runs)
        self.not_accepted.clear()
        for row in not_accepted_rows(desk):
            what = pick(entity_words(row.table_name), entity_words(row.table_name, "en"))
            self.not_accepted.addItem(f"{what} {row.row_id}  [{row.sqlstate}]  "
                                      f"{pick(row.reason_zh, row.reason_en)}")
        if self.conflicts is not None:
            self.conflicts.reload()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        if self.job is None:  # the outbox grows while other pages work
            self.refresh()

    def run_line(self, run: SyncRunInfo) -> str:
        stamp = run.finished_at or run.started_at  # stored naive UTC
        when = local_time(self.ctx.desk, stamp)
        if run.ok:
            return self.tr("{when}  成功：上传 {up} 行").format(
                when=when, up=run.report.get("rows_up_total", 0))
        if run.report.get("cancelled"):
            return self.tr("{when}  已取消").format(when=when)
        return self.tr("{when}  失败（{code}）").format(when=when, code=run.error_code or "?")

    def start(self) -> None:
        if self.job is not None:
            return
        url = self.url.text().strip() or None
        password = self.password.text() or None
        try:
            check_url(url)  # never a password in the address (issue 11)
        except Exception as exc:  # noqa: BLE001 - shown like any refusal
            if url:
                self.url.setText(without_password(url))
            report(self, exc, self.message)
            return
        if url:
            settings().setValue(URL_KEY, without_password(url))
        desk, actor = self.ctx.desk, self.ctx.actor
        self.message.clear()
        self.result.clear()
        title = self.tr("同步")
        self.dialog = QProgressDialog(title, self.tr("取消"), 0, 0, self)
        self.dialog.setWindowTitle(title)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(0)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        op = LaneOp(self, success=self._finished, failure=self._failed, message=self.message,
                    busy=self.button, desk=desk, progressed=self._progressed,
                    cancelled=self._end)
        self.job = job = op.run(
            self.ctx.lane, lambda j: sync_as(desk, actor, url, password,
                                             progress=j.progress_callback()))
        self.dialog.canceled.connect(job.cancel)
        self.dialog.show()

    def _progressed(self, done: int, total: int, stage: str) -> None:
        if self.dialog is not None:
            stages = {"upload": self.tr("上传")}
            self.dialog.setMaximum(max(total, 1))
            self.dialog.setValue(min(done, max(total, 1)))
            self.dialog.setLabelText(f"{stages.get(stage, stage)} {done}/{total}")

    def _end(self) -> None:
        if self.dialog is not None:
            self.dialog.close()
            self.dialog.deleteLater()
        self.dialog, self.job = None, None
        self.refresh()

    def _finished(self, report: dict) -> None:
        self._end()
        self.report = report
        self.result.setText(self.report_text(report))
        problem = report.get("audit_problem")
        if report.get("cancelled"):
            set_message(self.message, self.tr("已取消：已上传的批次已保存，其余下次同步时继续。"),
                        ok=False)
        elif problem:  # rule R10: never "done" while the district refuses the audit chain
            show(self, Refused(problem["code"], problem["zh"], problem["en"]), self.message)
        else:
            set_message(self.message, self.tr("同步完成。"), ok=True)
        self.ctx.changes.tenants_changed.emit()  # the status bar's last sync, revoked cards

    def _failed(self, exc: BaseException) -> None:
        if len(recent_runs(self.ctx.desk)) == self.runs_before:  # stopped before connecting
            when = local_time(self.ctx.desk, clock.now_utc())
            code = getattr(exc, "code", None) or type(exc).__name__
            self.unrecorded.insert(0, self.tr("{when}  失败（{code}）").format(when=when, code=code))
        self._end()  # then the refusal is shown in the message line (ui/notify)

    def report_text(self, report: dict[str, Any]) -> str:
        down = report.get("down") or {}
        decisions = down.get("decisions") or {}
        got = sum(v for v in decisions.values() if isinstance(v, int)) if isinstance(
            decisions, dict) else 0
        lines = [
            self.tr("上传：{rows} 行，{batches} 批，照片与扫描件 {blobs} 个").format(
                rows=report.get("rows_up_total", 0), batches=report.get("batches", 0),
                blobs=report.get("blobs_up", 0)),
            self.tr("下载：区里的决定 {n} 条").format(n=got),
            self.tr("新冲突：{n} 条；被拒的门禁卡：{c} 张").format(
                n=report.get("conflicts_new", 0), c=len(report.get("refused_cards") or [])),
            self.tr("仍待上传：{n} 条").format(n=report.get("outbox_left", 0)),
            self.tr("区数据库未接收：{n} 条（见下方列表）").format(
                n=len(report.get("not_accepted") or [])),
        ]
        return "\n".join(lines)
