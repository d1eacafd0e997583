"""招租 (rule R1): a unit's listing — add, publish, withdraw, print; the notice board (R5)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.desk import clock
from app.services.listing_print import export_board, listing_sheet_pdf
from app.services.listings import (
    ListingInfo,
    add_listing,
    list_listings,
    publish_listing,
    units_room,
    withdraw_listing,
)
from ui.context import UiContext
from ui.dates import today_qdate
from ui.lane_op import run_on_lane
from ui.models.rows import RowsModel
from ui.notify import error_label
from ui.panels.unit_picker import UnitPicker
from ui.widgets import rows_view, selected_row, set_message


def preview_pdf(parent: QWidget, pdf: bytes, title: str) -> None:
    from ui.printing import PrintPreviewDialog

    PrintPreviewDialog.preview(parent, pdf, title)


class ListingsTab(QWidget):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.show_pdf = preview_pdf  # tests replace it: no modal preview offscreen
        self.model: RowsModel[ListingInfo] = RowsModel(
            [self.tr("楼栋"), self.tr("房间"), self.tr("月租（元）"), self.tr("可入住"),
             self.tr("状态"), self.tr("空位")], self._cells, parent=self)
        self.table = rows_view(self.model, stretch=QHeaderView.ResizeMode.Stretch)
        self.picker = UnitPicker(ctx.desk, units_room)
        self.rent = QSpinBox()
        self.rent.setRange(1, 1_000_000)
        self.rent.setValue(1500)
        self.rent.setSuffix(self.tr(" 元/月"))
        self.available = QDateEdit(today_qdate(ctx.desk))
        self.available.setCalendarPopup(True)
        self.contact = QLineEdit()
        self.contact.setPlaceholderText(self.tr("默认为房东"))
        self.phone = QLineEdit()
        self.phone.setPlaceholderText(self.tr("默认为房东电话"))
        self.publish_now = QCheckBox(self.tr("立即发布"))
        self.add_button = QPushButton(self.tr("新增招租"))
        self.add_button.clicked.connect(self.add)
        form = QFormLayout()
        form.addRow(self.tr("房间"), self.picker)
        form.addRow(self.tr("月租"), self.rent)
        form.addRow(self.tr("可入住日期"), self.available)
        form.addRow(self.tr("联系人"), self.contact)
        form.addRow(self.tr("联系电话"), self.phone)
        add_row = QHBoxLayout()
        add_row.addWidget(self.publish_now)
        add_row.addStretch(1)
        add_row.addWidget(self.add_button)
        form.addRow(add_row)
        self.buttons: list[QPushButton] = []
        actions = QHBoxLayout()
        for text, slot in ((self.tr("发布"), self.publish), (self.tr("撤下"), self.withdraw),
                           (self.tr("打印招租单"), self.print_sheet)):
            button = QPushButton(text)
            button.clicked.connect(slot)
            actions.addWidget(button)
            self.buttons.append(button)
        actions.addStretch(1)
        self.board_button = QPushButton(self.tr("导出公告板（PDF）"))
        self.board_button.clicked.connect(self.export)
        actions.addWidget(self.board_button)
        self.message = error_label()
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)
        layout.addLayout(form)
        layout.addWidget(self.message)
        self.table.selectionModel().selectionChanged.connect(self._selection)
        self.reload()

    def _cells(self, info: ListingInfo) -> tuple[str, ...]:
        status = {"draft": self.tr("草稿"), "published": self.tr("已发布"),
                  "withdrawn": self.tr("已撤下")}
        free = info.slots.free
        room = self.tr("已满") if info.slots.full else "—" if free is None else str(free)
        return (info.building_name, info.unit_number, str(info.rent_yuan),
                info.available_from.isoformat(), status.get(info.status, info.status), room)

    @property
    def rows(self) -> list[ListingInfo]:
        return self.model.rows

    def reload(self) -> None:
        self.model.set_rows(list_listings(self.ctx.desk))  # an indexed read: on the GUI thread
        self.picker.reload()
        self._selection()

    def selected(self) -> ListingInfo | None:
        row = selected_row(self.table)
        return self.model.rows[row] if row is not None else None

    def _selection(self) -> None:
        info = self.selected()
        for button in self.buttons:
            button.setEnabled(info is not None and info.status != "withdrawn")
        if info is not None:
            self.buttons[0].setEnabled(info.status != "published")

    def _run(self, op, done_text: str) -> None:
        self.message.clear()

        def ok(_result) -> None:
            self.reload()
            set_message(self.message, done_text, ok=True)

        run_on_lane(self, op, success=ok, message=self.message, busy=self)

    def add(self) -> None:
        code, unit = self.picker.building_code(), self.picker.unit_number()
        rent, day = self.rent.value(), self.available.date().toPython()
        name, phone = self.contact.text().strip() or None, self.phone.text().strip() or None
        publish = self.publish_now.isChecked()
        self._run(lambda desk, actor: add_listing(desk, actor, code, unit, rent, day,
                                                  contact_name=name, contact_phone=phone,
                                                  publish=publish),
                  self.tr("已新增 {unit} 的招租信息。").format(unit=unit))

    def publish(self) -> None:
        if (info := self.selected()) is not None:
            self._run(lambda desk, actor: publish_listing(desk, actor, info.id),
                      self.tr("已发布。"))

    def withdraw(self) -> None:
        if (info := self.selected()) is not None:
            self._run(lambda desk, actor: withdraw_listing(desk, actor, info.id),
                      self.tr("已撤下。"))

    def print_sheet(self) -> None:
        if (info := self.selected()) is None:
            return
        title = self.tr("招租信息")
        run_on_lane(self, lambda desk, actor: listing_sheet_pdf(desk, actor, info.id),
                    success=lambda pdf: self.show_pdf(self, pdf, title), message=self.message)

    def export(self) -> None:
        title = self.tr("招租公告板")

        def done(board) -> None:
            self.reload()
            text = self.tr("公告板 {n} 条。").format(n=board.listed)
            if board.withdrawn:
                text += self.tr("已住满而撤下 {n} 条。").format(n=len(board.withdrawn))
            set_message(self.message, text, ok=True)
            self.show_pdf(self, board.data, title)

        run_on_lane(self, lambda desk, actor: export_board(desk, actor, "pdf", clock.today(desk)),
                    success=done, message=self.message)
