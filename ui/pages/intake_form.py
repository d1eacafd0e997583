"""The fields of 《租住人员信息采集表》, checked as typed; the rules stay in app/.

The ID number is parsed on every keystroke (app.identity.parse_id) to fill in birth date,
sex and region; field errors come from app.intake.validate_input as (field, zh, en).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app import clock
from app.identity import country_name, parse_id
from app.intake import TenantInput, family_planning_applies
from app.property import list_buildings, list_units
from ui.context import UiContext
from ui.dates import today_qdate
from ui.i18n import is_english, pick
from ui.notify import error_label

BUILDING_PAGE = 500  # the combo lists the first 500 buildings by code (type to narrow)
BUILDING_ID_ROLE = Qt.ItemDataRole.UserRole.value + 1


def _combo(values: list[tuple[str, str]], editable: bool = False) -> QComboBox:
    """Items show the translated label and keep the Chinese value the record stores."""
    combo = QComboBox()
    combo.setEditable(editable)
    for label, value in values:
        combo.addItem(label, value)
    return combo


class IntakeForm(QWidget):
    parsed_changed = Signal()

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.idno = QLineEdit()
        self.idno.setPlaceholderText(self.tr("18 位身份证号，或刷身份证"))
        self.idno.textChanged.connect(self._id_typed)
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
        self.name = QLineEdit()
        self.phone = QLineEdit()
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
        self.building = QComboBox()
        self.building.currentIndexChanged.connect(self._load_units)
        self.unit = QComboBox()
        for combo in (self.building, self.unit):
            # Long item texts (building name and occupancy) must not widen the form.
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(16)
        self.errors: dict[str, QLabel] = {}
        form = QFormLayout()
        self._row(form, self.tr("证件类型"), self.id_kind, "id_kind")
        self._row(form, self.tr("国家或地区"), self.country, "country")
        self._row(form, self.tr("证件号码 *"), self.idno, "idno")
        form.addRow("", self.id_info)
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
        self._row(form, self.tr("楼栋 *"), self.building, "building_code")
        self._row(form, self.tr("房号 *"), self.unit, "unit_number")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
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
        form.addRow(label, box)

    def chain(self) -> list[QWidget]:
        """The fields in the order Enter walks them."""
        return [self.idno, self.name, self.phone, self.ethnicity, self.household_address,
                self.employer, self.occupation, self.arrival, self.stay_reason, self.marital,
                self.education, self.fp_cert, self.building, self.unit]

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
        applies = bool(parsed and parsed.valid and family_planning_applies(
            parsed.sex, parsed.birth_date, clock.today(self.ctx.desk)))
        # rule R9: app/ decides when the certificate applies; the form only says so.
        self.fp_hint.setText(self.tr("适用：育龄妇女须登记婚育证明（规则 R9）") if applies else "")
        self.parsed_changed.emit()

    # -- building and unit -------------------------------------------------------------
    def reload_buildings(self) -> None:
        current = self.building.currentData()
        self.building.blockSignals(True)
        self.building.clear()
        self.building.addItem(self.tr("（选择楼栋）"), "")
        for b in list_buildings(self.ctx.desk, limit=BUILDING_PAGE):
            if b.cap is None:
                detail = self.tr("上限未知")
            else:
                detail = self.tr("上限 {cap}，现有 {n}，空位 {free}").format(
                    cap=b.cap, n=b.residents, free=b.free)
            self.building.addItem(f"{b.code} {b.name} — {detail}", b.code)
            self.building.setItemData(self.building.count() - 1, b.id, BUILDING_ID_ROLE)
        self.building.blockSignals(False)
        index = self.building.findData(current) if current else 0
        self.building.setCurrentIndex(max(index, 0))
        self._load_units()

    def _load_units(self) -> None:
        self.unit.clear()
        building_id = self.building.currentData(BUILDING_ID_ROLE)
        if not building_id:
            return
        for u in list_units(self.ctx.desk, building_id):
            if u.cap is None:
                detail = self.tr("面积未知，现有 {n}").format(n=u.residents)
            else:
                detail = self.tr("上限 {cap}，现有 {n}，空位 {free}").format(
                    cap=u.cap, n=u.residents, free=u.free)
            self.unit.addItem(f"{u.number} — {detail}", u.number)

    # -- data out, errors in -----------------------------------------------------------
    def tenant_input(self, scans: dict[str, bytes]) -> TenantInput:
        def text(w: QLineEdit) -> str | None:
            return w.text().strip() or None

        return TenantInput(
            idno=self.idno.text(), name=self.name.text(), phone=self.phone.text(),
            id_kind=self.id_kind.currentData() or None,
            country=self.country.text().strip().upper() or None,
            building_code=self.building.currentData() or "",
            unit_number=self.unit.currentData() or "",
            ethnicity=self.ethnicity.currentText().strip() or None,
            household_address=text(self.household_address), employer=text(self.employer),
            occupation=text(self.occupation), arrival_date=self.arrival.date().toPython(),
            stay_reason=self.stay_reason.currentData() or None,
            marital_status=self.marital.currentData() or None,
            education=self.education.currentData() or None,
            family_planning_cert=text(self.fp_cert), scans=dict(scans))

    def show_problems(self, problems: list[tuple[str, str, str]]) -> QWidget | None:
        """Mark each field's error under it; returns the first bad field to focus."""
        for label in self.errors.values():
            label.hide()
        first = None
        widgets = dict(zip(("idno", "name", "phone", "building_code", "unit_number",
                            "arrival_date"),
                           (self.idno, self.name, self.phone, self.building, self.unit,
                            self.arrival), strict=True))
        for field, zh, en in problems:
            label = self.errors.get(field)
            if label is not None:
                label.setText(pick(zh, en))
                label.show()
            first = first or widgets.get(field)
        return first

    def clear(self) -> None:
        self.id_kind.setCurrentIndex(0)
        for w in (self.idno, self.country, self.name, self.phone, self.household_address,
                  self.employer, self.occupation, self.fp_cert):
            w.clear()
        self.arrival.setDate(today_qdate(self.ctx.desk))
        for label in self.errors.values():
            label.hide()
        self.reload_buildings()
