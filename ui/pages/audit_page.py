"""审计 (R10): who did what, filtered and paged; the hash chain verified on request.
Every query is itself written to the log by app.staff.audit_query."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.desk import clock
from app.staff.audit_query import (
    PAGE_SIZE,
    AuditFilter,
    AuditPage,
    AuditRow,
    ChainResult,
    query_audit,
    verify,
)
from app.staff.audit_words import (
    action_filter,
    action_words,
    detail_rows,
    detail_text,
    entity_words,
)
from ui.context import UiContext
from ui.dates import local_time, today_qdate
from ui.i18n import is_english
from ui.lane_op import run_on_lane
from ui.models.rows import RowsModel
from ui.widgets import heading, rows_view, set_message


class AuditPageWidget(QWidget):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.offset = 0
        self.page_size = PAGE_SIZE
        self.total = 0
        self.entity, self.staff, self.action = QLineEdit(), QLineEdit(), QLineEdit()
        self.entity.setPlaceholderText(self.tr("人员或记录编号"))
        self.staff.setPlaceholderText(self.tr("账号"))
        self.action.setPlaceholderText(self.tr("操作，如 发卡、门禁卡、登记租住人员"))
        self.use_dates = QCheckBox(self.tr("时间"))
        self.date_from, self.date_to = QDateEdit(today_qdate(ctx.desk, -30)), \
            QDateEdit(today_qdate(ctx.desk))
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        for edit in (self.entity, self.staff, self.action):
            edit.returnPressed.connect(self.search)
        self.search_button = QPushButton(self.tr("查询"))
        self.search_button.clicked.connect(self.search)
        self.prev_button, self.next_button = QPushButton(self.tr("上一页")), \
            QPushButton(self.tr("下一页"))
        self.prev_button.clicked.connect(lambda: self.load(max(0, self.offset - self.page_size)))
        self.next_button.clicked.connect(lambda: self.load(self.offset + self.page_size))
        self.verify_button = QPushButton(self.tr("校验日志链"))
        self.verify_button.clicked.connect(self.verify_chain)
        self.model: RowsModel[AuditRow] = RowsModel(
            [self.tr("序号"), self.tr("时间"), self.tr("账号"), self.tr("姓名"), self.tr("操作"),
             self.tr("对象"), self.tr("对象编号"), self.tr("详情")],
            lambda r: (r.seq, local_time(self.ctx.desk, r.at, "%Y-%m-%d %H:%M:%S"), r.staff_username,
                       r.staff_name, action_words(r.action, self._lang()),
                       entity_words(r.entity, self._lang()), r.entity_id,
                       detail_text(r.detail, self._lang())), parent=self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        # The selected entry's details as a two-column table (never raw JSON).
        self.detail_rows: RowsModel[tuple[str, str]] = RowsModel(
            [self.tr("项目"), self.tr("内容")], lambda pair: pair, parent=self)
        self.details = rows_view(self.detail_rows)
        self.details.setMaximumHeight(self.fontMetrics().height() * 9)
        self.table.selectionModel().currentRowChanged.connect(self._show_details)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.page_label, self.message = QLabel(), QLabel()
        self.message.setWordWrap(True)
        filters = QHBoxLayout()
        for w in (self.entity, self.staff, self.action):
            filters.addWidget(w, 1)
        for w in (self.use_dates, self.date_from, QLabel("–"), self.date_to,
                  self.search_button):
            filters.addWidget(w)
        paging = QHBoxLayout()
        for w in (self.prev_button, self.page_label, self.next_button):
            paging.addWidget(w)
        paging.addStretch(1)
        paging.addWidget(self.verify_button)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("审计日志（规则 R10）")))
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.details)
        layout.addLayout(paging)
        layout.addWidget(self.message)
        self._dirty = True

    def current_filter(self) -> AuditFilter:
        since = until = None
        if self.use_dates.isChecked():
            since, _ = clock.day_bounds_utc(self.ctx.desk, self.date_from.date().toPython())
            _, until = clock.day_bounds_utc(self.ctx.desk, self.date_to.date().toPython())
        return AuditFilter(self.staff.text().strip() or None,
                           action_filter(self.action.text()),
                           self.entity.text().strip() or None, since, until)

    def search(self) -> None:
        self.load(0)

    def load(self, offset: int) -> None:
        self._dirty = False
        f = self.current_filter()
        size = self.page_size
        run_on_lane(self, lambda desk, actor: query_audit(desk, actor, f, offset, size),
                    success=self._loaded, message=self.message, busy=self.search_button)

    def _loaded(self, page: AuditPage) -> None:
        self.offset, self.total = page.offset, page.total
        self.model.set_rows(page.rows)
        last = page.offset + len(page.rows)
        self.page_label.setText(self.tr("第 {a}–{b} 条，共 {n} 条").format(
            a=page.offset + 1 if page.rows else 0, b=last, n=page.total))
        self.prev_button.setEnabled(page.offset > 0)
        self.next_button.setEnabled(last < page.total)

    @staticmethod
    def _lang() -> str:
        return "en" if is_english() else "zh"

    def _show_details(self, current, _previous=None) -> None:
        rows_ = self.model.rows
        row = rows_[current.row()] if current.isValid() and current.row() < len(rows_) else None
        rows = detail_rows(row.detail, self._lang()) if row is not None else []
        self.details_for = row
        self.detail_rows.set_rows(rows)

    def verify_chain(self) -> None:
        run_on_lane(self, verify, success=self._verified, message=self.message,
                    busy=self.verify_button)

    def _verified(self, result: ChainResult) -> None:
        self.last_check = result
        if result.ok:
            set_message(self.message, self.tr("日志链完整：{n} 条记录均未被改动。").format(
                n=result.entries), ok=True)
        else:
            shown = "；".join(f"#{seq} {problem}" for seq, problem in result.breaks[:10])
            set_message(self.message, self.tr("日志链有 {n} 处断裂：{list}").format(
                n=len(result.breaks), list=shown), ok=False)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        if self._dirty:
            self.load(0)
