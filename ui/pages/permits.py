"""居住证申办 (rule R1): find the tenant, the checklist and what is missing, apply, the
steps with their dates, the application form."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.services.permit_print import permit_form_pdf
from app.services.permits import (
    STATUS_LABELS,
    TRANSITIONS,
    PermitCheck,
    PermitInfo,
    apply_permit,
    check_permit,
    permit_applications,
    set_permit_status,
)
from app.supervision.desk_status import tenant_detail
from app.tenants.search import search_tenants
from ui.context import UiContext
from ui.dates import today_qdate
from ui.i18n import pick
from ui.lane_op import run_on_lane
from ui.notify import error_label, report
from ui.pages.listings import preview_pdf
from ui.widgets import set_message


class PermitsTab(QWidget):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.show_pdf = preview_pdf
        self.lookup: str | None = None  # the tenant's document number: the services' key
        self.check: PermitCheck | None = None
        self.apps: list[PermitInfo] = []
        self.scans: dict[str, bytes] = {}
        self.box = QLineEdit()
        self.box.setPlaceholderText(self.tr("证件号码（或姓名、电话）"))
        self.box.returnPressed.connect(self.find)
        find = QPushButton(self.tr("查找"))
        find.clicked.connect(self.find)
        self.found = QListWidget()
        self.found.setMaximumHeight(self.fontMetrics().height() * 6)
        self.found.itemActivated.connect(self.pick_tenant)
        self.found.itemClicked.connect(self.pick_tenant)
        self.who = QLabel()
        self.checklist = QListWidget()
        self.checklist.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.housing = QPushButton(self.tr("附住所证明扫描件…"))
        self.housing.clicked.connect(lambda: self.attach("housing"))
        self.basis = QPushButton(self.tr("附就业或就读证明扫描件…"))
        self.basis.clicked.connect(lambda: self.attach("basis"))
        self.apply_button = QPushButton(self.tr("受理申请"))
        self.apply_button.clicked.connect(self.apply)
        self.steps = QListWidget()
        self.next_status = QComboBox()
        self.on = QDateEdit(today_qdate(ctx.desk))
        self.on.setCalendarPopup(True)
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("备注 / 退回原因 / 居住证号码"))
        self.step_button = QPushButton(self.tr("记录"))
        self.step_button.clicked.connect(self.record_step)
        self.print_button = QPushButton(self.tr("打印申请表"))
        self.print_button.clicked.connect(self.print_form)
        self.message = error_label()
        top = QHBoxLayout()
        top.addWidget(self.box, 1)
        top.addWidget(find)
        proofs = QHBoxLayout()
        for w in (self.housing, self.basis):
            proofs.addWidget(w)
        proofs.addStretch(1)
        proofs.addWidget(self.apply_button)
        step = QHBoxLayout()
        for w in (self.next_status, self.on, self.note, self.step_button, self.print_button):
            step.addWidget(w, 1 if w is self.note else 0)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.found)
        layout.addWidget(self.who)
        layout.addWidget(QLabel(self.tr("申领条件")))
        layout.addWidget(self.checklist, 1)
        layout.addLayout(proofs)
        layout.addWidget(QLabel(self.tr("办理进度")))
        layout.addWidget(self.steps, 1)
        layout.addLayout(step)
        layout.addWidget(self.message)
        self._show_apps([])

    def find(self) -> None:
        self.found.clear()
        self.message.clear()
        try:
            rows = search_tenants(self.ctx.desk, self.ctx.actor, self.box.text().strip(), limit=20)
        except Exception as exc:  # noqa: BLE001 - a refused query says why
            report(self, exc, self.message)
            return
        for row in rows:
            item = QListWidgetItem(f"{row.name}  {row.idno_masked}  {row.building} {row.unit}")
            item.setData(Qt.ItemDataRole.UserRole, row.person_id)
            self.found.addItem(item)
        if len(rows) == 1:
            self.pick_tenant(self.found.item(0))
        elif not rows:
            set_message(self.message, self.tr("没有找到该租户。"), ok=False)

    def pick_tenant(self, item: QListWidgetItem) -> None:
        person_id = item.data(Qt.ItemDataRole.UserRole)
        run_on_lane(self, lambda desk, actor: tenant_detail(desk, actor, person_id).lookup,
                    success=self._tenant, message=self.message)

    def _tenant(self, lookup: str) -> None:
        self.lookup, self.scans = lookup, {}
        self.refresh()

    def refresh(self) -> None:
        if self.lookup is None:
            return
        idno, scans = self.lookup, dict(self.scans)

        def load(desk, actor) -> tuple[PermitCheck | None, list[PermitInfo], BaseException | None]:
            apps = permit_applications(desk, actor, idno)
            try:
                check = check_permit(desk, actor, idno, housing_proof="housing" in scans,
                                     basis_proof="basis" in scans)
            except Exception as exc:  # noqa: BLE001 - e.g. moved out: still show the steps
                return None, apps, exc
            return check, apps, None

        run_on_lane(self, load, success=self._loaded, message=self.message)

    def _loaded(self, got: tuple[PermitCheck | None, list[PermitInfo], BaseException | None]) -> None:
        check, apps, problem = got
        self.check = check
        self.checklist.clear()
        if check is not None:
            state = self.tr("符合申领条件") if check.eligible else self.tr(
                "尚不符合，缺 {n} 项").format(n=len(check.missing))
            self.who.setText(f"{check.name}  {check.idno_masked}  ·  {state}")
            for item in check.items:
                mark = "✓" if item.ok else "✗"
                row = QListWidgetItem(f"{mark}  {pick(item.zh, item.en)}")
                row.setForeground(Qt.GlobalColor.darkGreen if item.ok else Qt.GlobalColor.red)
                self.checklist.addItem(row)
        else:
            self.who.setText("")
            if problem is not None:
                report(self, problem, self.message)
            else:
                self.message.clear()
        self.apply_button.setEnabled(check is not None)
        self._show_apps(apps)

    def _show_apps(self, apps: list[PermitInfo]) -> None:
        self.apps = apps
        self.steps.clear()
        for app in apps:
            for event in app.history:
                label = pick(*STATUS_LABELS.get(event.status, (event.status, event.status)))
                note = f"  {event.note}" if event.note else ""
                self.steps.addItem(f"{event.on.isoformat()}  {label}{note}")
            if app.permit_number:
                self.steps.addItem(self.tr("居住证号码：{n}").format(n=app.permit_number))
        self.next_status.clear()
        current = apps[0] if apps else None
        for status in TRANSITIONS.get(current.status, ()) if current else ():
            self.next_status.addItem(pick(*STATUS_LABELS[status]), status)
        for w in (self.next_status, self.step_button):
            w.setEnabled(self.next_status.count() > 0)
        self.print_button.setEnabled(current is not None)

    def attach(self, kind: str) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("选择扫描件"), "",
                                              self.tr("图片 (*.jpg *.jpeg *.png)"))
        if path:
            from app.data.file_limits import read_scan

            try:
                self.scans[kind] = read_scan(path)  # bounded before the read (app.data.file_limits)
            except Exception as exc:  # noqa: BLE001 - a refused file says why
                report(self, exc, self.message)
                return
            self.refresh()

    def apply(self) -> None:
        if self.lookup is None:
            return
        idno, scans = self.lookup, dict(self.scans)
        run_on_lane(self, lambda desk, actor: apply_permit(desk, actor, idno,
                                                           housing_proof=scans.get("housing"),
                                                           basis_proof=scans.get("basis")),
                    success=lambda _info: self._done(self.tr("已受理。")), message=self.message,
                    busy=self.apply_button)

    def record_step(self) -> None:
        status = self.next_status.currentData()
        if not self.apps or not status:
            return
        app_id, on = self.apps[0].id, self.on.date().toPython()
        note = self.note.text().strip() or None
        number = note if status == "issued" else None
        run_on_lane(self, lambda desk, actor: set_permit_status(desk, actor, status, on,
                                                                application_id=app_id, note=note,
                                                                permit_number=number),
                    success=lambda _info: self._done(self.tr("已记录。")), message=self.message,
                    busy=self.step_button)

    def print_form(self) -> None:
        if not self.apps:
            return
        app_id, title = self.apps[0].id, self.tr("居住证申领登记表")
        run_on_lane(self, lambda desk, actor: permit_form_pdf(desk, actor, app_id),
                    success=lambda pdf: self.show_pdf(self, pdf, title), message=self.message)

    def _done(self, text: str) -> None:
        self.note.clear()
        self.refresh()
        set_message(self.message, text, ok=True)
