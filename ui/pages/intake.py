"""登记: the intake page. Fields, ID reader, photo and paper scans, then the card.

Keyboard first: Enter walks the required fields still empty (never past an empty one) and
on the last registers; a complete ID or mobile number moves on by itself; Esc steps back. After Register the page turns to the card step for the same tenant.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.desk import clock
from app.desk.errors import Refused
from app.identity import normalise_id_text
from app.photos import ImageRefused
from app.property.find import units_with_space_first
from app.tenants.field_complete import id_number_complete
from app.tenants.intake import Registered, register_tenant, validate_input
from ui.context import UiContext
from ui.dialogs.photo import PhotoDialog
from ui.keyflow import KeyChain
from ui.lane_op import run_on_lane
from ui.notify import error_label, error_text
from ui.pages.intake_card import CardStep
from ui.pages.intake_person import Holder, card_holder
from ui.panels.intake_form import IntakeForm
from ui.panels.photo import IMAGE_FILTER, PhotoPanel
from ui.printing.collection_form import print_collection_form
from ui.widgets import heading, set_message

SCAN_KINDS = ("id_front", "id_back", "family_planning")
SCAN_KEYS = {"id_front": "F6", "id_back": "F7", "family_planning": "F8"}


class IntakePage(QStackedWidget):
    registered = Signal(object)  # app.tenants.intake.Registered

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.scans: dict[str, bytes] = {}
        self._number: str | None = None  # the last complete document number in the form
        self.form = IntakeForm(ctx)
        self.photo = PhotoPanel(ctx)
        self.read_button = QPushButton(self.tr("读身份证（F2）"))
        self.read_button.clicked.connect(self.read_id_card)
        self.register_button = QPushButton(self.tr("登记（Ctrl+回车）"))
        self.register_button.setToolTip(self.tr(
            "在最后一个必填项按回车，或在任意处按 Ctrl+回车。必填项空着时按回车不会跳过，也不会登记"))
        self.register_button.clicked.connect(lambda: self.register())
        self.error = error_label()
        self.scan_labels: dict[str, QLabel] = {}
        self.scan_buttons: list[QPushButton] = []
        scans = QGridLayout()
        names = {"id_front": self.tr("身份证正面"), "id_back": self.tr("身份证反面"),
                 "family_planning": self.tr("计生证")}
        for row, kind in enumerate(SCAN_KINDS):
            button = QPushButton(self.tr("载入{what}扫描件…（{key}）").format(
                what=names[kind], key=SCAN_KEYS[kind]))
            button.clicked.connect(lambda _=False, k=kind: self._choose_scan(k))
            self.scan_buttons.append(button)
            self.scan_labels[kind] = QLabel(self.tr("未载入"))
            scans.addWidget(button, row, 0)
            scans.addWidget(self.scan_labels[kind], row, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self.form)
        left = QVBoxLayout()
        top = QHBoxLayout()
        top.addWidget(heading(self.tr("租住人员信息采集")), 1)
        top.addWidget(self.read_button)
        left.addLayout(top)
        # Said over the greyed form while a Register is on its way (the message line under
        # the photo says what it waits for: 正在登记…, 数据库正忙…).
        self.pending_note = QLabel(self.tr("正在登记：登记完成前表单不能修改，屏幕上的内容就是要保存的内容。"))
        self.pending_note.setWordWrap(True)
        self.pending_note.setStyleSheet("color: #8a5a00; font-weight: bold;")
        self.pending_note.hide()
        left.addWidget(self.pending_note)
        left.addWidget(scroll, 1)
        right = QVBoxLayout()
        right.addWidget(QLabel(self.tr("照片（摄像头或文件）")))
        right.addWidget(self.photo, 1)
        right.addLayout(scans)
        right.addWidget(self.error)
        right.addWidget(self.register_button)
        form_step = QWidget()
        columns = QHBoxLayout(form_step)
        columns.addLayout(left, 3)
        columns.addLayout(right, 2)
        self.addWidget(form_step)
        self.addWidget(self._card_step())
        # Enter walks only the required fields still empty; on the last it registers.
        self.chain = KeyChain(self.form.chain(), self, needs=self.form.needs)
        self.chain.done.connect(lambda: self.register())
        # Enter in an empty required field stays and says what is missing; a complete ID or
        # mobile number moves on by itself, so the clerk's habitual Enter lands harmlessly.
        self.chain.still_empty.connect(self.form.show_required)
        self.form.complete.connect(self.chain.advance)
        self.chain.overflowed.connect(self.form.show_overflow)
        self.form.idno.textChanged.connect(self._number_changed)
        self._keys(form_step)
        ctx.changes.tenants_changed.connect(self._refresh_buildings)

    def _keys(self, form_step: QWidget) -> None:
        """F-keys for the devices and papers, Ctrl+Enter to register from anywhere; each
        is named on its button (and in docs/clerk-guide.md)."""
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        keys = [("F2", self.read_id_card), ("F3", self._capture),
                ("F4", self._photo_file),
                ("Ctrl+Return", lambda: self.register()), ("Ctrl+Enter", lambda: self.register())]
        keys += [(SCAN_KEYS[k], lambda k=k: self._choose_scan(k)) for k in SCAN_KINDS]
        keys.append(("Alt+L", self._to_building))  # another building than the last one
        for key, slot in keys:
            shortcut = QShortcut(QKeySequence(key), form_step)
            shortcut.setContext(context)
            shortcut.activated.connect(slot)
        self.photo.capture_button.setText(self.tr("拍照（F3 或空格）"))
        self.photo.file_button.setText(self.tr("从文件载入（F4）"))

    def _capture(self) -> None:
        if self._editable():  # never a new photo while the last one is being saved
            self.photo.capture()

    def _photo_file(self) -> None:
        if self._editable():
            self.photo._choose_file()

    def _to_building(self) -> None:
        self.form.building.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.form.building.edit.selectAll()

    def _card_step(self) -> QWidget:
        step = CardStep(self.ctx)
        step.finished.connect(self._card_done)
        step.print_button.clicked.connect(lambda: self.print_form())
        step.photo_button.clicked.connect(lambda: self.retake_photo())
        self.card_step = step
        self.card_panel, self.done_note = step.card_panel, step.done_note
        self.done_button, self.wait_note = step.done_button, step.wait_note
        return step

    # -- devices -----------------------------------------------------------------------
    def read_id_card(self) -> None:
        if not self._editable():
            return  # a Register is on its way with what the form holds: see register()
        if not self.ctx.id_reader.available():
            set_message(self.error, self.tr("未连接身份证阅读器（可在“设置”中选择）。请手工输入证件号码。"),
                        ok=False)
            self.form.idno.setFocus()
            return
        card = self.ctx.id_reader.read()
        if card is None:
            set_message(self.error, self.tr("读卡器上没有身份证。"), ok=False)
            return
        holder = card_holder(self.form.idno.text(), self.form.name.text(), card.idno, card.name)
        cleared = holder is Holder.OTHER
        dropped = holder is Holder.UNKNOWN and self._has_pictures()
        if cleared:
            # Another person's card while the form holds someone's number or name: a new
            # intake, nothing of the previous person may stay with this one (rule R6).
            self._fresh_form()
        elif dropped:
            # An intake begun without a number or name (the phone said first) keeps what was
            # typed for it, but never a photo or scan taken before the card was read: whose
            # face it is, nothing on the form can say (rule R6).
            self._drop_pictures()
        self.form.clear_papers()  # the reader reads a resident ID card
        self.form.idno.setText(card.idno)
        self.form.name.setText(card.name)
        if card.ethnicity:
            self.form.ethnicity.setCurrentText(card.ethnicity)
        if card.household_address:
            self.form.household_address.setText(card.household_address)
        self.error.clear()
        if cleared:
            set_message(self.error, self.tr("已读取另一张身份证：上一位的信息、照片和扫描件已清除，请为此人重新填写。"),
                        ok=True)
        elif dropped:
            set_message(self.error, self.tr(
                "读卡前的照片和扫描件无法确认是此人的，已清除：请重新拍照。"),
                ok=False)
        self.form.phone.setFocus()

    def _number_changed(self, text: str) -> None:
        """A complete number typed over another complete one is another person: the photo
        and scans taken for the previous number go (rule R6), and the clerk is told to check
        the rest, which may still be the previous person's."""
        if not id_number_complete(text, self.form.id_kind.currentData() or None,
                                  clock.today(self.ctx.desk)):
            return
        number = normalise_id_text(text)
        held, self._number = self._number, number
        if held is None or held == number:
            return
        if self._has_pictures():
            self._drop_pictures()
            set_message(self.error, self.tr(
                "证件号码已换：原号码的照片和扫描件已清除。请重新拍照，并核对其余各项。"), ok=False)
        else:
            set_message(self.error, self.tr(
                "证件号码已换：请核对其余各项是否为此人的。"), ok=False)

    def _has_pictures(self) -> bool:
        return self.photo.photo is not None or bool(self.scans)

    def _drop_pictures(self) -> None:
        """The photo and scans taken (another person's); the live preview stays for the next."""
        self.photo.discard()
        self.scans.clear()
        for label in self.scan_labels.values():
            set_message(label, self.tr("未载入"), ok=True)
            label.setStyleSheet("")

    def _choose_scan(self, kind: str) -> None:
        if not self._editable():
            return
        path, _ = QFileDialog.getOpenFileName(self, self.tr("选择扫描件"), "",
                                              self.tr("图片") + f" ({IMAGE_FILTER})")
        if path:
            self.load_scan(kind, Path(path))

    def load_scan(self, kind: str, path: Path) -> bool:
        """Check the file at once (app/photos decodes it the same way at Register), so the
        clerk hears about a bad scan while the papers are still on the desk."""
        from app.data.file_limits import read_scan
        from app.desk.errors import Refused
        from app.photos import prepare_scan

        try:
            data = read_scan(path)  # regular file, size cap before the read (app.data.file_limits)
            prepare_scan(data)
        except (OSError, ImageRefused, Refused) as exc:
            self.scans.pop(kind, None)
            set_message(self.scan_labels[kind], error_text(exc)
                        if isinstance(exc, ImageRefused | Refused)
                        else self.tr("无法读取文件。"), ok=False)
            return False
        self.scans[kind] = data
        set_message(self.scan_labels[kind], self.tr("已载入：{name}").format(name=path.name), ok=True)
        return True

    def stop_camera(self) -> None:
        self.photo.stop_camera()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        if self.currentIndex() == 0 and self.photo.photo is None:
            self.photo.start_camera()
        self.form.idno.setFocus()

    def hideEvent(self, event) -> None:  # noqa: N802 - Qt API
        self.photo.stop_camera()  # the camera light goes off when the clerk leaves the page
        super().hideEvent(event)

    # -- register ----------------------------------------------------------------------
    def register(self, accept_full: bool = False) -> None:
        if not self.register_button.isEnabled() or self.currentIndex() != 0:
            return  # a second Enter while the first Register is still on the lane
        self.form.building.flush()
        data = self.form.tenant_input(self.scans)
        problems = validate_input(data, clock.today(self.ctx.desk))
        first = self.form.show_problems(problems)
        if problems:
            set_message(self.error, self.tr("请更正标红的项目。"), ok=False)
            (first or self.form.idno).setFocus()
            return
        photo = self.photo.photo
        # On the database lane: storing the photo and scans syncs to disk (and may wait
        # for another writer); the window stays responsive meanwhile. What is saved is what
        # the form holds now, so the form, photo and devices are read-only until the answer
        # (greyed, and said): an edit made while a busy database kept the write waiting was
        # once silently lost. The keys typed meanwhile go to the page, which takes none,
        # rather than to whatever Qt would focus next (the page list's type-ahead).
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        self.pending_note.show()
        run_on_lane(self, lambda desk, actor: register_tenant(desk, actor, data, photo_jpeg=photo,
                                                              accept_full=accept_full),
                    success=lambda done: self._registered(done, photo is not None),
                    failure=self._refused, message=self.error,
                    busy=[self.register_button, self.form, self.photo, self.read_button,
                          *self.scan_buttons],
                    busy_text=self.tr("正在登记…登记完成前表单不能修改。"))

    def _editable(self) -> bool:
        """False while a Register is on its way (the form is read-only until its answer)."""
        return self.form.isEnabled()

    def _refused(self, exc: BaseException) -> None:
        self.pending_note.hide()
        if isinstance(exc, Refused) and exc.code == "room_full":
            self._full_room(exc)
            return
        self.register_button.setFocus()

    def _full_room(self, exc: Refused) -> None:
        """rule R5, before saving: offer a room with space, or register without a card
        and hand the case to the supervisor. Nothing is saved until the clerk decides."""
        from ui.dialogs.full_room import FullRoomDialog

        building_id = self.form.building.building_id()
        summaries = units_with_space_first(self.ctx.desk, building_id) if building_id else []
        dialog = FullRoomDialog(self, error_text(exc), summaries,
                                exc.data.get("scope") == "building")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.other_room.connect(self._other_room)
        dialog.register_anyway.connect(lambda: self.register(accept_full=True))
        dialog.rejected.connect(self.form.building.edit.setFocus)
        self.full_dialog = dialog
        dialog.open()

    def _other_room(self, number: str) -> None:
        self.form.unit.setCurrentIndex(max(self.form.unit.findData(number), 0))
        self.register()

    def _registered(self, done: Registered, has_photo: bool) -> None:
        self.pending_note.hide()
        self.error.clear()
        self.photo.stop_camera()
        self.ctx.changes.tenants_changed.emit()
        self.registered.emit(done)
        self.done_note.setText(self.tr("已登记：{name}，{building} {unit}。").format(
            name=done.name, building=done.building_name, unit=done.unit_number)
            + ("" if has_photo or done.full else self.tr("没有照片：须先补拍照片才能发卡。")))
        self.setCurrentIndex(1)
        self.card_panel.set_tenant(done.idno, f"{done.name} · {done.building_name} {done.unit_number}")
        if done.full:  # rule R5: recorded, no card, the supervisor has the case
            set_message(self.done_note, self.done_note.text() + self.tr(
                "该{what}已满：不发卡，已标记超员并报主管（首页可见）。有空位后可在“门禁卡”页发卡。")
                .format(what=self.tr("楼栋") if done.full == "building" else self.tr("房间")),
                ok=False)
            self.card_panel.card.setEnabled(False)
            self.done_button.setFocus()

    def print_form(self, show=None) -> None:
        """The signed paper form goes to the workstation within 24 h (rules R2, R6)."""
        print_collection_form(self.ctx, self.card_panel.key(), self, show)

    def retake_photo(self) -> PhotoDialog:
        """A tenant registered without a photo gets one here before the card (R6)."""
        dialog = PhotoDialog(self.ctx, self.card_panel.key(), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: set_message(
            self.done_note, self.tr("照片已保存，可以发卡。"), ok=True))
        dialog.accepted.connect(self.card_panel.card.setFocus)
        dialog.open()
        return dialog

    def _fresh_form(self) -> None:
        """Every field, the photo and the scans of a new intake; the place stays."""
        self.form.clear(keep_place=True)
        self.chain.disarm()
        self._drop_pictures()
        self._number = None

    def _card_done(self, info) -> None:
        """Esc in the card step; `info` is the card issued while the Esc waited for it
        (ui/pages/intake_card.py): the fresh form says so, since the clerk pressed Esc
        before seeing it."""
        self.next_tenant()
        if info is not None:
            set_message(self.error, self.tr("上一位已发卡：{number}（{building} {unit}）。请登记下一位。")
                        .format(number=info.number, building=info.building_name,
                                unit=info.unit_number), ok=True)

    def next_tenant(self) -> None:
        self.card_panel.card.setEnabled(True)
        self._fresh_form()
        self.photo.reset()
        self.card_step.reset()
        self.setCurrentIndex(0)
        self.photo.start_camera()
        self.form.idno.setFocus()
        self.error.clear()

    def _refresh_buildings(self) -> None:
        if self.currentIndex() == 0 and not self.form.idno.text():
            self.form.reload_buildings()

