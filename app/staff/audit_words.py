"""The audit log in words (R10, issue 13): actions, objects and details as a person reads them.

The log stores codes (`card.issue`, `tenancy`, `{"photo": true}`) so it stays stable and
hash-chained; the 审计 page and `rentdesk audit list` show these words instead. An unknown
code (a newer version's, say) is shown as it is, never dropped.
"""

from __future__ import annotations

import json
from typing import Any

from app.staff.accounts import role_name

W = tuple[str, str]  # (Chinese, English)

ACTIONS: dict[str, W] = {
    "login": ("登录", "signed in"), "login.failed": ("登录失败", "sign-in failed"),
    "login.locked": ("账号被锁定", "account locked"),
    "staff.create": ("新建员工账号", "staff account created"),
    "training.record": ("登记培训", "training recorded"),
    "center.create": ("建立中心", "centre created"),
    "center.timezone": ("修改时区", "time zone changed"),
    "building.create": ("新建楼栋", "building created"),
    "unit.create": ("新建出租屋", "unit created"), "unit.landlord": ("登记房东", "landlord set"),
    "card_system.set": ("登记门禁系统", "card system recorded"),
    "tenant.register": ("登记租住人员", "tenant registered"),
    "tenant.photo": ("更换照片", "photo taken again"),
    "tenant.move_out": ("迁出", "moved out"),
    "person.view": ("查看人员资料", "person viewed"),
    "person.reveal_id": ("查看完整证件号码", "full ID number revealed"),
    "card.issue": ("发卡", "card issued"), "card.lost": ("挂失", "card reported lost"),
    "card.replace": ("补卡", "card replaced"), "card.revoke": ("注销门禁卡", "card revoked"),
    "card.return": ("退卡", "card returned"),
    "form.print": ("打印表格", "form printed"), "form.reprint": ("重印表格", "form reprinted"),
    "handover.create": ("移交", "handed over"),
    "delivery.receipt": ("登记送达回执", "delivery receipt recorded"),
    "import.buildings": ("导入楼栋", "buildings imported"),
    "import.tenants": ("导入租住人员", "tenants imported"),
    "demo.generate": ("生成演示数据", "demo data generated"),
    "report.export": ("导出统计", "statistics exported"),
    "audit.view": ("查看审计日志", "audit log viewed"),
    "audit.verify": ("校验审计日志", "audit log verified"),
    "fault.open": ("报门禁故障", "fault reported"),
    "fault.notify": ("通知安装单位", "installer notified"),
    "fault.visit": ("上门维修", "repair visit"), "fault.fix": ("故障已修复", "fault fixed"),
    "conflict.resolve": ("处理同步冲突", "sync conflict resolved"),
    "sync.card_revoked": ("区级注销门禁卡", "card revoked by the district"),
    "sync.building_cap": ("区级核定人数", "cap set by the district"),
    "db.backup": ("备份数据库", "database backed up"),
    "db.restore": ("恢复数据库", "database restored"),
    "retention.anonymise": ("到期资料匿名化", "expired records anonymised"),
    "settings.retention_years": ("修改保存年限", "retention period changed"),
    "security.recovery_key_shown": ("显示恢复密钥", "recovery key shown"),
    "listing.create": ("新建招租信息", "listing created"),
    "listing.update": ("修改招租信息", "listing updated"),
    "listing.publish": ("发布招租信息", "listing published"),
    "listing.withdraw": ("撤下招租信息", "listing withdrawn"),
    "listing.print": ("打印招租信息", "listing printed"),
    "listing.board_export": ("导出招租公告栏", "listing board exported"),
    "lease.register": ("租赁合同登记", "lease registered"),
    "lease.renew": ("租赁合同续期", "lease renewed"), "lease.end": ("租赁合同终止", "lease ended"),
    "permit.check": ("居住证材料核对", "permit papers checked"),
    "permit.print": ("打印居住证申请表", "permit form printed"),
    "permit.submitted": ("居住证申请受理", "permit application submitted"),
    "permit.returned": ("居住证申请退回补正", "permit application returned"),
    "permit.issued": ("居住证已发放", "permit issued"),
    "personal.read": ("查阅个人资料", "personal data read"),
    "personal.read_refused": ("号码查询已暂停", "number lookups paused"),
    "staff.password_change": ("修改密码", "password changed"),
    "security.rotate_key": ("更换数据库密钥", "database key rotated"),
    "tenant.over_cap": ("超员登记（报主管）", "registered over the cap (supervisor told)"),
    "door.controller_add": ("新增门禁控制器", "door controller added"),
    "door.controller_remove": ("移除门禁控制器", "door controller removed"),
    "door.whitelist_import": ("导入门禁白名单", "door whitelist imported"),
    "door.reconcile": ("核对门禁名单", "door list checked"),
    "door.reconcile_fix": ("核对并修正门禁名单", "door list checked and fixed"),
    "sync.run": ("与区级同步", "synchronised with the district"),
    "sync.rebase": ("重新对齐区级数据", "re-aligned with the district"),
    "sync.correct": ("更正未被接受的数据", "not-accepted data corrected"),
}

ENTITIES: dict[str, W] = {
    "staff": ("员工账号", "staff account"), "center": ("中心", "centre"),
    "building": ("楼栋", "building"), "unit": ("出租屋", "unit"), "person": ("人员", "person"),
    "tenancy": ("租住登记", "tenancy"), "card": ("门禁卡", "card"),
    "handover": ("移交清单", "handover"), "report": ("统计报表", "report"),
    "audit": ("审计日志", "audit log"), "fault_ticket": ("门禁故障单", "fault ticket"),
    "sync_conflict": ("同步冲突", "sync conflict"), "listing": ("招租信息", "listing"),
    "lease_registration": ("租赁合同", "lease"),
    "permit_application": ("居住证申请", "permit application"),
    "training": ("培训记录", "training record"), "search": ("个人资料", "personal data"),
    "door_controller": ("门禁控制器", "door controller"), "sync": ("同步", "sync"),
    "id_document": ("证件", "identity document"), "blob": ("照片/扫描件", "photo/scan"),
    "audit_event": ("审计记录", "audit entry"),
}

# Values that are codes, by the detail they belong to (role names come from app.staff).
VALUES: dict[str, dict[str, W]] = {
    "kind": {
        # training (rule R3)
        "induction": ("岗前培训", "induction"), "annual": ("年度轮训", "annual training"),
        # personal-data reads (rule R10): which screen or which search key
        "id": ("证件号码", "document number"), "phone": ("电话", "phone"),
        "name": ("姓名", "name"), "name_tail": ("姓名+尾号", "name + last digits"),
        "card": ("门禁卡号", "card number"), "unit": ("房号", "unit"),
        "form_id": ("按证件号打印采集表", "form by document number"),
        "dashboard": ("首页", "home page"), "due": ("到期提醒", "due list"),
        "handover": ("移交清单", "handover list"), "lease_tasks": ("合同待办", "lease tasks"),
        "training": ("培训记录", "training records"),
        # whole-number lookups of the desk's commands (app.tenants.number_lookup)
        "number_card": ("按证件号码办理门禁卡", "card action by document number"),
        "number_moveout": ("按证件号码办理迁出", "move-out by document number"),
        "number_permit": ("按证件号码查居住证申请", "permit lookup by document number"),
        # backups
        "daily": ("每日自动", "daily"), "manual": ("手动", "manual"),
    },
    "scope": {"building": ("楼栋", "building"), "unit": ("出租屋", "unit")},
}

DETAIL_KEYS: dict[str, W] = {
    "reason": ("原因", "reason"), "file": ("文件指纹", "file fingerprint"),
    "imported": ("导入", "imported"), "refused": ("未导入", "refused"),
    "kind": ("类别", "kind"), "status": ("状态", "status"), "note": ("备注", "note"),
    "person": ("人员编号", "person id"), "photo": ("有照片", "photo"),
    "scans": ("扫描件", "scans"), "role": ("角色", "role"), "staff": ("账号", "account"),
    "filter_action": ("筛选操作", "action filter"), "since": ("起", "from"),
    "until": ("止", "until"), "offset": ("起始行", "offset"), "shown": ("显示条数", "rows shown"),
    "breaks": ("断裂处", "breaks"), "tenants": ("租住人员数", "tenants"),
    "seed": ("随机种子", "seed"), "count": ("数量", "count"), "records": ("记录数", "records"),
    "form": ("表格", "form"), "forms": ("表格数", "forms"), "building": ("楼栋", "building"),
    "unit": ("出租屋", "unit"), "unit_id": ("出租屋编号", "unit id"),
    "landlord": ("房东", "landlord"), "landlord_id": ("房东编号", "landlord id"),
    "moved_out": ("迁出", "moved out"), "years": ("年限", "years"), "on": ("日期", "date"),
    "at": ("时间", "time"), "before": ("修改前", "before"), "after": ("修改后", "after"),
    "by": ("口径", "grouping"), "period": ("周期", "period"), "format": ("格式", "format"),
    "date_from": ("开始日期", "from"), "date_to": ("结束日期", "to"),
    "center_code": ("中心编码", "centre code"), "people": ("人数", "people"),
    "cards": ("卡数", "cards"), "photos": ("照片数", "photos"), "blobs": ("文件数", "files"),
    "late": ("逾期", "late"), "on_time": ("按时", "on time"), "missing": ("缺失", "missing"),
    "already": ("已有", "already"), "eligible": ("符合条件", "eligible"),
    "passed": ("通过", "passed"), "recorded": ("已登记", "recorded"),
    "rows": ("行数", "rows"), "source": ("来源", "source"), "trigger": ("触发", "trigger"),
    "key": ("密钥", "key"), "staying": ("在住", "staying"), "listed": ("已列出", "listed"),
    "withdrawn": ("已撤下", "withdrawn"), "rent": ("租金", "rent"),
    "rent_yuan": ("租金（元）", "rent (yuan)"), "deposit_yuan": ("押金（元）", "deposit (yuan)"),
    "start": ("开始", "start"), "end": ("结束", "end"), "start_date": ("开始日期", "start date"),
    "end_date": ("结束日期", "end date"), "new_end": ("新到期日", "new end"),
    "previous_end": ("原到期日", "previous end"),
    "limit": ("每页条数", "page size"), "found": ("找到", "found"), "miss": ("未找到", "miss"),
    "term_hmac": ("查询词指纹", "search-term fingerprint"), "misses": ("未找到次数", "misses"),
    "cap": ("上限", "cap"), "scope": ("范围", "scope"), "field": ("字段", "field"),
    "provider": ("培训机构", "provider"), "passed_on": ("通过日期", "passed on"),
    "listed_for": ("区数据库未接收原因代码", "district's refusal code"),
    "over_cap": ("超员", "over the cap"),
}


def _pick(words: W | None, code: str | None, lang: str) -> str:
    if words is None:
        return code or ""
    return words[0] if lang.startswith("zh") else words[1]


def action_words(action: str, lang: str = "zh") -> str:
    return _pick(ACTIONS.get(action), action, lang)


def entity_words(entity: str | None, lang: str = "zh") -> str:
    return _pick(ENTITIES.get(entity or ""), entity, lang)


def value_words(key: str, value: Any, lang: str = "zh") -> str:
    """A detail's value in words: roles by app.staff.role_name, kinds and scopes from
    VALUES (a search's kind may be several joined by +), anything else as _value does."""
    if isinstance(value, str):
        if key == "role":
            return role_name(value, lang)
        if key == "field":  # a corrected field: its label at the text boundary
            from app.data.text_input import field_spec, is_input_field

            if is_input_field("", value) or is_input_field("person", value):
                _cap, zh, en = field_spec("", value)
                return zh if lang.startswith("zh") else en
        words = VALUES.get(key)
        if words is not None:
            parts = [_pick(words.get(v), v, lang) for v in value.split("+")]
            return ("、" if lang.startswith("zh") else ", ").join(parts)
    return _value(value, lang)


def _value(value: Any, lang: str) -> str:
    zh = lang.startswith("zh")
    if value is None:
        return "—"
    if value is True:
        return "是" if zh else "yes"
    if value is False:
        return "否" if zh else "no"
    if isinstance(value, list):
        return "、".join(_value(v, lang) for v in value) if zh else ", ".join(
            _value(v, lang) for v in value)
    if isinstance(value, dict):
        return "；".join(f"{k}：{_value(v, lang)}" for k, v in value.items())
    text = str(value)
    if text in ACTIONS:
        return action_words(text, lang)
    return text


def detail_rows(detail: str | None, lang: str = "zh") -> list[tuple[str, str]]:
    """The entry's details as (what, value) rows; text that is not JSON is one row."""
    if not detail:
        return []
    try:
        data = json.loads(detail)
    except ValueError:
        return [("详情" if lang.startswith("zh") else "detail", detail)]
    if not isinstance(data, dict):
        return [("详情" if lang.startswith("zh") else "detail", _value(data, lang))]
    return [(_pick(DETAIL_KEYS.get(k), k, lang), value_words(k, v, lang))
            for k, v in data.items() if v is not None]


def detail_text(detail: str | None, lang: str = "zh") -> str:
    """One line for a table cell: 原因：违规转借；有照片：是."""
    sep, colon = ("；", "：") if lang.startswith("zh") else ("; ", ": ")
    return sep.join(f"{k}{colon}{v}" for k, v in detail_rows(detail, lang))


def action_filter(text: str) -> str | None:
    """What the clerk typed into the action filter, as a code or a prefix: 发卡 → card.issue,
    门禁卡 → card. ; a code passes as it is."""
    text = text.strip()
    if not text:
        return None
    for code, (zh, en) in ACTIONS.items():
        if text in (zh, en):
            return code
    for code, (zh, en) in ENTITIES.items():
        if text in (zh, en):
            prefix = {"tenancy": "tenant", "fault_ticket": "fault", "sync_conflict": "conflict",
                      "lease_registration": "lease", "permit_application": "permit"}.get(code, code)
            return prefix + "."
    return text
