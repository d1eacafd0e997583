"""The fields of 《租住人员信息采集表》, checked as typed; the rules stay in app/.

The ID number is parsed on every keystroke (app.identity.parse_id) to fill in birth date,
sex and region; field errors come from app.tenants.intake.validate_input as (field, zh, en).
A complete, valid ID number or mobile number moves the focus on by itself (`complete`,
app.tenants.field_complete), as a keyboard-wedge reader's Enter would.
"""

from __future__ import annotations

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.desk import clock
from app.identity import country_name, parse_id
from app.tenants.field_complete import id_number_complete, mobile_complete
from app.tenants.intake import TenantInput, family_planning_applies, validate_input
from app.tenants.papers import FP_REASONS
from ui.context import UiContext
from ui.dates import today_qdate
from ui.i18n import is_english, pick
from ui.notify import error_label
from ui.panels.building_finder import BuildingFinder, fill_units


def _combo(values: list[tuple[str, str]], editable: bool = False) -> QComboBox:
    """Items show the translated label and keep the Chinese value the record stores."""
    combo = QComboBox()
    combo.setEditable(editable)
    for label, value in values:
        combo.addItem(label, value)
    return combo


class IntakeForm(QWidget):
    parsed_changed = Signal()
    # The clerk typed or pasted a number that can only be finished, and the keys that typed
    # next would only overflow it (ui/keyflow.py KeyChain.advance swallows those).
    complete = Signal(QWidget, str)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.idno = QLineEdit()
        self.idno.setPlaceholderText(self.tr("18 位身份证号，或刷身份证"))
        self.idno.textChanged.connect(self._id_typed)
        # textEdited: the clerk's typing or pasting, never the ID reader's setText.
        self.idno.textEdited.connect(self._id_edited)
        self.idno.setToolTip(self.tr(
            "18 位身份证号（或港澳台居住证、外国人永久居留身份证号）输完且校验正确时，光标自动跳到下一栏；"
            "号码有错时停在本栏并提示。护照和其他证件输完按回车。"))
        # Resident IDs, HK/Macao/Taiwan permits and foreigners' PR cards are recognised from
        # the number; passports and other papers need the kind and the issuing country.
        self.id_kind = _combo([(self.tr("自动识别"), ""), (self.tr("护照"), "passport"),
                               (self.tr("其他证件"), "other")])
        self.country = QLineEdit()
        self.country.setPlaceholderText(self.tr("签发国家或地区代码，如 USA"))
        self.country.setMaxLength(3)
        self.country.setEnabled(False)
        self.id_kind.currentIndexChanged.connect(self._kind_changed)
        self.country.textChanged.connect(lambda: self._id_typed(self.idno.text()))
        self.id_info = QLabel()
        self.id_info.setWordWrap(True)
        # Papers whose number carries no sex or birth date (issue 13): typed from the paper.
        self.sex = _combo([("", ""), (self.tr("男"), "M"), (self.tr("女"), "F")])
        self.birth = QDateEdit()
        self.birth.setDisplayFormat("yyyy-MM-dd")
        self.birth.setCalendarPopup(True)
        self.birth.setMinimumDate(QDate(1899, 12, 31))  # the minimum shows as "not given"
        self.birth.setSpecialValueText(self.tr("（未填）"))
        self.birth.setDate(self.birth.minimumDate())
        self.nationality = QLineEdit()
        self.nationality.setMaxLength(3)
        self.nationality.setPlaceholderText(self.tr("默认与签发国家相同，如 USA"))
        self.nationality.textChanged.connect(lambda: self._id_typed(self.idno.text()))
        for w in (self.sex, self.birth):
            signal = w.currentIndexChanged if isinstance(w, QComboBox) else w.dateChanged
            signal.connect(lambda *_: self._id_typed(self.idno.text()))
        self.name = QLineEdit()
        self.phone = QLineEdit()
        self.phone.textEdited.connect(self._phone_edited)
        self.phone.setToolTip(self.tr("11 位手机号输完自动跳到下一栏；固定电话输完按回车。"))
        self.ethnicity = _combo([(self.tr("汉族"), "汉族"), (self.tr("壮族"), "壮族"), (self.tr("回族"), "回族"),
                                 (self.tr("满族"), "满族"), (self.tr("苗族"), "苗族")], editable=True)
        self.household_address = QLineEdit()
        self.employer = QLineEdit()
        self.occupation = QLineEdit()
        self.arrival = QDateEdit(today_qdate(self.ctx.desk))
        self.arrival.setCalendarPopup(True)
        self.arrival.setDisplayFormat("yyyy-MM-dd")
        self.stay_reason = _combo([(self.tr("务工"), "务工"), (self.tr("经商"), "经商"),
                                   (self.tr("投靠亲友"), "投靠亲友"), (self.tr("求学"), "求学"),
                                   (self.tr("其他"), "其他")])
        self.marital = _combo([("", ""), (self.tr("未婚"), "未婚"), (self.tr("已婚"), "已婚"),
                               (self.tr("离婚"), "离婚"), (self.tr("丧偶"), "丧偶")])
        self.education = _combo([("", ""), (self.tr("小学"), "小学"), (self.tr("初中"), "初中"),
                                 (self.tr("高中/中专"), "高中/中专"), (self.tr("大专"), "大专"),
                                 (self.tr("本科"), "本科"), (self.tr("研究生"), "研究生")])
        self.fp_cert = QLineEdit()
        self.fp_hint = QLabel()
        # rule R9: why a woman of child-bearing age has no certificate number.
        reason_words = {"不适用": self.tr("不适用"), "未办理": self.tr("未办理"),
                        "外地办理": self.tr("外地办理")}
        self.fp_reason = _combo([("", ""), *((reason_words.get(zh, zh), zh) for zh in FP_REASONS)])
        # Type to find any of the district's buildings (code, name, address, initials).
        self.building = BuildingFinder(ctx.desk)
        self.building.chosen_changed.connect(self._load_units)
        self.unit = QComboBox()
        # Long item texts (occupancy) must not widen the form.
        self.unit.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.unit.setMinimumContentsLength(16)
        self.errors: dict[str, QLabel] = {}
        self.boxes: dict[str, QWidget] = {}
        form = QFormLayout()
        self._row(form, self.tr("证件类型"), self.id_kind, "id_kind")
        self._row(form, self.tr("国家或地区"), self.country, "country")
        self._row(form, self.tr("证件号码 *"), self.idno, "idno")
        form.addRow("", self.id_info)
        self._row(form, self.tr("性别 *"), self.sex, "sex")
        self._row(form, self.tr("出生日期 *"), self.birth, "birth_date")
        self._row(form, self.tr("国籍"), self.nationality, "nationality")
        self._row(form, self.tr("姓名 *"), self.name, "name")
        self._row(form, self.tr("联系电话 *"), self.phone, "phone")
        self._row(form, self.tr("民族"), self.ethnicity, "ethnicity")
        self._row(form, self.tr("户籍地址"), self.household_address, "household_address")
        self._row(form, self.tr("工作单位"), self.employer, "employer")
        self._row(form, self.tr("职业"), self.occupation, "occupation")
        self._row(form, self.tr("来本地日期"), self.arrival, "arrival_date")
        self._row(form, self.tr("暂住事由"), self.stay_reason, "stay_reason")
        self._row(form, self.tr("婚姻状况"), self.marital, "marital_status")
        self._row(form, self.tr("文化程度"), self.education, "education")
        self._row(form, self.tr("计生证（婚育证明）号"), self.fp_cert, "family_planning_cert")
        form.addRow("", self.fp_hint)
        self._row(form, self.tr("未登记计生证原因"), self.fp_reason, "family_planning_reason")
        self._row(form, self.tr("楼栋 *（Alt+L）"), self.building, "building_code")
        self._row(form, self.tr("房号 *"), self.unit, "unit_number")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        self.form_layout = form
        self._show_papers_fields(False)
        self._show_fp_reason(False)
        self._hide_hints_when_filled()
        self.reload_buildings()

    def _row(self, form: QFormLayout, label: str, widget: QWidget, field: str) -> None:
        box = QWidget()
        col = QVBoxLayout(box)
        col.setContentsMargins(0, 0, 0, 0)
        col.setSpacing(0)
        col.addWidget(widget)
        error = error_label()
        error.hide()
        col.addWidget(error)
        self.errors[field] = error
        self.boxes[field] = box
        form.addRow(label, box)

    def chain(self) -> list[QWidget]:
        """The required fields in the order Enter walks them; the optional ones are a Tab
        away (Enter through nine optional fields once cost a clerk 9 keystrokes). Sex, birth
        date (passports) and R9's reason are required only where shown (KeyChain skips
        hidden rows)."""
        return [self.idno, self.sex, self.birth, self.name, self.phone, self.fp_reason,
                self.building.edit, self.unit]

    def needs(self, widget: QWidget) -> bool:
        """Whether Enter should stop at this required field: it is still empty."""
        if widget is self.building.edit or widget is self.unit:
            self.building.flush()
            if widget is self.building.edit:
                return not self.building.code()
            return self.unit.currentData() is None
        if widget is self.birth:
            return self._typed_birth() is None
        if widget is self.fp_reason:  # rule R9: a number or a reason, one of them
            return not self.fp_cert.text().strip() and not self.fp_reason.currentData()
        if isinstance(widget, QComboBox):
            return not widget.currentData()
        if isinstance(widget, QLineEdit):
            return not widget.text().strip()
        return True

    # Which problem of validate_input belongs to a stop of the chain, and under which row
    # it shows (R9's missing certificate is said under the reason the clerk can choose).
    def _fields(self) -> dict[QWidget, tuple[str, str]]:
        return {self.idno: ("idno", "idno"), self.sex: ("sex", "sex"),
                self.birth: ("birth_date", "birth_date"), self.name: ("name", "name"),
                self.phone: ("phone", "phone"),
                self.fp_reason: ("family_planning_cert", "family_planning_reason"),
                self.building.edit: ("building_code", "building_code"),
                self.unit: ("unit_number", "unit_number")}

    def show_required(self, widget: QWidget) -> None:
        """Enter in a required field still empty: say under it what it needs; the focus
        stays there (ui/keyflow.py)."""
        problem, row = self._fields().get(widget, ("", ""))
        label = self.errors.get(row)
        if label is None:
            return
        if widget is self.building.edit and self.building.undecided():
            label.setText(self.tr("还没有选定楼栋：请用 ↓/↑ 从列表中选择，或输入完整的楼栋编号。"))
            label.show()
            return
        problems = validate_input(self.tenant_input({}), clock.today(self.ctx.desk))
        said = next((pick(zh, en) for field, zh, en in problems if field == problem), None)
        label.setText(said or self.tr("此项必填。"))
        label.show()

    def _hide_hints_when_filled(self) -> None:
        for edit, row in ((self.name, "name"), (self.phone, "phone"),
                          (self.building.edit, "building_code")):
            edit.textEdited.connect(lambda _t, r=row: self.errors[r].hide())
        for combo, row in ((self.sex, "sex"), (self.fp_reason, "family_planning_reason"),
                           (self.unit, "unit_number")):
            combo.currentIndexChanged.connect(lambda _i, r=row: self.errors[r].hide())
        self.birth.dateChanged.connect(lambda _d: self.errors["birth_date"].hide())

    def _id_edited(self, text: str) -> None:
        if id_number_complete(text, self.id_kind.currentData() or None, clock.today(self.ctx.desk)):
            self.complete.emit(self.idno, "0123456789Xx")

    def _phone_edited(self, text: str) -> None:
        if mobile_complete(text):
            self.complete.emit(self.phone, "0123456789")

    def show_overflow(self, source: QWidget, keys: str) -> None:
        """Keys typed after a complete number were not taken (ui/keyflow.py): say so under
        the number, which the clerk should check (an extra digit is often a doubled one)."""
        id_number = source is self.idno
        text = (self.tr("证件号码已满 18 位，之后多按的“{keys}”没有接收，也没有进入下一栏。请核对号码。")
                if id_number else
                self.tr("手机号已满 11 位，之后多按的“{keys}”没有接收，也没有进入下一栏。请核对号码。"))
        self.errors["idno" if id_number else "phone"].setText(text.format(keys=keys))
        self.errors["idno" if id_number else "phone"].show()

    # -- papers other than the resident ID (issue 13) -------------------------------------
    def _show_papers_fields(self, shown: bool) -> None:
        for field in ("sex", "birth_date", "nationality"):
            self.form_layout.setRowVisible(self.boxes[field], shown)

    def _show_fp_reason(self, shown: bool) -> None:
        self.form_layout.setRowVisible(self.boxes["family_planning_reason"], shown)

    def _typed_birth(self):
        d = self.birth.date()
        return None if d == self.birth.minimumDate() else d.toPython()

    def _foreigner(self, parsed) -> bool:
        if parsed is None or not parsed.valid:
            return False
        nationality = self.nationality.text().strip().upper() or parsed.country
        return parsed.kind == "foreign_pr" or (parsed.kind in ("passport", "other")
                                               and nationality not in (None, "", "CHN"))

    # -- ID number ---------------------------------------------------------------------
    def _kind_changed(self) -> None:
        self.country.setEnabled(bool(self.id_kind.currentData()))
        self._id_typed(self.idno.text())

    def _id_typed(self, text: str) -> None:
        self.errors["idno"].hide()
        kind = self.id_kind.currentData() or None
        parsed = parse_id(text, kind, self.country.text().strip() or None) if text.strip() else None
        if parsed is None:
            self.id_info.clear()
        elif parsed.valid and parsed.birth_date is None:  # passports: number and country only
            country = country_name(parsed.country or "", "en" if is_english() else "zh")
            self.id_info.setText(self.tr("有效号码，签发国家或地区：{country}").format(
                country=country or parsed.country or ""))
            self.id_info.setStyleSheet("")
        elif parsed.valid:
            sex = {"M": self.tr("男"), "F": self.tr("女")}.get(parsed.sex or "", "")
            born = parsed.birth_date.isoformat() if parsed.birth_date else ""
            self.id_info.setText(self.tr("出生日期 {born}　性别 {sex}　籍贯 {region}").format(
                born=born, sex=sex, region=parsed.region or parsed.country or ""))
            self.id_info.setStyleSheet("")
        elif kind or len(text.strip()) >= 15:
            self.id_info.setText(pick(parsed.error, parsed.error_en))
            self.id_info.setStyleSheet("color: #b00020;")
        else:
            self.id_info.setText(self.tr("继续输入…"))
            self.id_info.setStyleSheet("")
        needs_papers = bool(kind)  # passports and other papers: the number carries neither
        self._show_papers_fields(needs_papers)
        sex = parsed.sex if parsed and parsed.sex else (self.sex.currentData() or None)
        born = parsed.birth_date if parsed and parsed.birth_date else (
            self._typed_birth() if needs_papers else None)
        applies = bool(parsed and parsed.valid and family_planning_applies(
            sex, born, clock.today(self.ctx.desk)))
        # rule R9: app/ decides when the certificate applies; the form only says so.
        self.fp_hint.setText(self.tr("适用：育龄妇女（15–49 岁）须登记计生证号，或选择未登记原因"
                                     "（规则 R9）") if applies else "")
        self._show_fp_reason(applies)
        # 民族 is a Chinese national's: a foreigner's is empty, never 汉族 by default.
        foreign = self._foreigner(parsed)
        self.ethnicity.setEnabled(not foreign)
        if foreign:
            self.ethnicity.setCurrentIndex(-1)
            self.ethnicity.setEditText("")
        elif not self.ethnicity.currentText():
            self.ethnicity.setCurrentIndex(0)
        self.parsed_changed.emit()

    # -- building and unit -------------------------------------------------------------
    def reload_buildings(self) -> None:
        """Counts change after a registration: re-read the matches and the rooms."""
        self.building.refresh()
        self._load_units()

    def _load_units(self) -> None:
        fill_units(self.unit, self.ctx.desk, self.building.building_id(), self.unit.currentData())

    # -- data out, errors in -----------------------------------------------------------
    def tenant_input(self, scans: dict[str, bytes]) -> TenantInput:
        def text(w: QLineEdit) -> str | None:
            return w.text().strip() or None

        return TenantInput(
            idno=self.idno.text(), name=self.name.text(), phone=self.phone.text(),
            id_kind=self.id_kind.currentData() or None,
            country=self.country.text().strip().upper() or None,
            building_code=self.building.code(),
            unit_number=self.unit.currentData() or "",
            ethnicity=self.ethnicity.currentText().strip() or None,
            household_address=text(self.household_address), employer=text(self.employer),
            occupation=text(self.occupation), arrival_date=self.arrival.date().toPython(),
            stay_reason=self.stay_reason.currentData() or None,
            marital_status=self.marital.currentData() or None,
            education=self.education.currentData() or None,
            sex=(self.sex.currentData() or None) if self.id_kind.currentData() else None,
            birth_date=self._typed_birth() if self.id_kind.currentData() else None,
            nationality=text(self.nationality),
            family_planning_cert=text(self.fp_cert),
            family_planning_reason=(self.fp_reason.currentData() or None)
            if self.fp_reason.isVisibleTo(self) else None,
            scans=dict(scans))

    def show_problems(self, problems: list[tuple[str, str, str]]) -> QWidget | None:
        """Mark each field's error under it; returns the first bad field to focus."""
        for label in self.errors.values():
            label.hide()
        first = None
        widgets = dict(zip(("idno", "name", "phone", "building_code", "unit_number",
                            "arrival_date", "sex", "birth_date", "nationality",
                            "family_planning_cert"),
                           (self.idno, self.name, self.phone, self.building.edit, self.unit,
                            self.arrival, self.sex, self.birth, self.nationality,
                            self.fp_cert), strict=True))
        for field, zh, en in problems:
            label = self.errors.get(field)
            if label is not None:
                label.setText(pick(zh, en))
                label.show()
            first = first or widgets.get(field)
        return first

    def clear_papers(self) -> None:
        """Back to a number that says its own kind: the passport's fields go with it."""
        self.id_kind.setCurrentIndex(0)
        for edit in (self.country, self.nationality):
            edit.clear()
        self.sex.setCurrentIndex(0)
        self.birth.setDate(self.birth.minimumDate())

    def clear(self, keep_place: bool = False) -> None:
        """A fresh form; with keep_place the building and room stay (a family registers one
        after another), unless the room has filled up meanwhile.

        Every input is found by its type, not listed: a listed reset once missed the phone,
        民族, 暂住事由, 婚姻状况 and 文化程度, which the next person then inherited."""
        place = (self.building.edit, self.unit)
        self.id_kind.setCurrentIndex(0)  # first: the papers' rows hide, 国家 is disabled
        for edit in self.findChildren(QLineEdit):
            if edit not in place and not isinstance(edit.parent(), QComboBox | QDateEdit):
                edit.clear()
        for combo in self.findChildren(QComboBox):
            if combo not in place:
                combo.setCurrentIndex(0)
        self.birth.setDate(self.birth.minimumDate())
        self.arrival.setDate(today_qdate(self.ctx.desk))
        self._id_typed("")  # what the number implied (民族, R9's rows) goes with it
        for label in self.errors.values():
            label.hide()
        if keep_place and self.building.code():
            self.reload_buildings()
        else:
            self.building.clear()
            self._load_units()
