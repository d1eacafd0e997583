"""Rows the district could not take (issue 11): listed with table, record and reason, while
every other row keeps flowing. A listed record is sent again with its next change (the
correction), and leaves the list when the district takes it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.dialects.sqlite import insert

from app.desk.context import Desk
from db.engine import read_session, write_session
from db.models import Outbox, utcnow
from db.sync_tables import SyncNotAccepted

# What to do, per district SQLSTATE; PostgreSQL's own codes fall back to the class.
_ADVICE: dict[str, tuple[str, str]] = {
    "22021": ("请在本机修改该记录（删除不可见字符或缩短内容）后保存，下次同步会重新发送。",
              "Correct the record here (remove the invisible character or shorten the text) "
              "and save it: the next sync sends it again."),
    "RDF05": ("该记录编号属于另一个中心，区数据库未接收。请联系区管理员核查本机数据来源。",
              "The record id belongs to another centre; the district did not take it. Ask "
              "the district to check where this database came from."),
    "RDA07": ("审计日志与区数据库保存的锚点接不上（本机日志可能被改动）。请管理员运行 "
              "rentdesk audit verify 并联系区管理员。",
              "The audit log does not extend the district's anchor (the local log may have "
              "been altered). An administrator should run `rentdesk audit verify` and call "
              "the district."),
    "RDA08": ("该审计记录与区数据库已保存的原件不同（本机日志被改动），区数据库保留原件。",
              "This audit entry differs from the original the district holds (the local log "
              "was altered); the district keeps its original."),
    "RDB10": ("照片/扫描件内容与其校验值不符（本机文件可能损坏），请重新拍摄或扫描。",
              "The photo/scan does not match its checksum (the local file may be damaged): "
              "take or scan it again."),
    "RDV12": ("证件号码格式与本机登记的写法不同（小写字母、空格、全角数字，或把身份证号登记成护照/其他证件），"
              "区数据库未接收。请用 rentdesk correct 改正该证件后再同步。",
              "The document is not written as the desk writes it (lower case, spaces, "
              "full-width digits, or a resident ID number recorded as a passport or other "
              "papers); the district did not take it. Correct it with `rentdesk correct` and "
              "sync again."),
    "RDF13": ("该楼栋/租住记录已在区数据库删除，同一编号不能再次上传。请新建记录，或联系区管理员。",
              "This building or tenancy was deleted at the district and cannot come back under "
              "the same id: make a new record, or ask the district."),
}


def advice(sqlstate: str) -> tuple[str, str]:
    return _ADVICE.get(sqlstate) or (
        f"区数据库拒收（SQLSTATE {sqlstate}）。请修改该记录后保存，或把此编号告知区管理员。",
        f"The district refused it (SQLSTATE {sqlstate}). Correct the record and save it, or "
        "give this code to the district.")


@dataclass(frozen=True)
class NotAccepted:
    table_name: str
    row_id: str
    sqlstate: str
    field: str | None
    reason_zh: str
    reason_en: str
    last_at: datetime


def record(conn, items: list[dict], seq_lo: int | None = None, seq_hi: int | None = None) -> set:
    """Store the answer's refused rows; drop the list entries this batch delivered.

    Runs inside the caller's local transaction (Core statements: nothing echoes up).
    Returns {(table, id)} refused, so receipts are not written for them.
    """
    now = utcnow()
    refused = {(i["table"], i["id"]) for i in items}
    if seq_lo is not None:
        sent = select(Outbox.table_name, Outbox.row_id).where(Outbox.seq.between(seq_lo, seq_hi))
        for table, rid in conn.execute(select(SyncNotAccepted.table_name,
                                              SyncNotAccepted.row_id)).all():
            if (table, rid) not in refused and conn.execute(
                    sent.where(Outbox.table_name == table, Outbox.row_id == rid)).first():
                conn.execute(delete(SyncNotAccepted).where(SyncNotAccepted.table_name == table,
                                                           SyncNotAccepted.row_id == rid))
    for i in items:
        state = i.get("sqlstate") or "XX000"
        zh, en = advice(state)
        # The district's own `reason` is English: it goes to reason_en only, so the Chinese
        # 同步 page shows Chinese (the advice says the same in Chinese).
        zh = f"{i.get('reason_zh') or ''} {zh}".strip()
        en = f"{i.get('reason_en') or i.get('reason') or ''} {en}".strip()
        stmt = insert(SyncNotAccepted).values(
            table_name=i["table"], row_id=str(i["id"]), sqlstate=state, field=i.get("field"),
            reason_zh=zh, reason_en=en, first_at=now, last_at=now)
        conn.execute(stmt.on_conflict_do_update(
            index_elements=["table_name", "row_id"],
            set_={"sqlstate": state, "field": i.get("field"), "reason_zh": zh,
                  "reason_en": en, "last_at": now}))
    return refused


def record_blobs(desk: Desk, shas: list[str]) -> None:
    with write_session(desk.engine) as s:
        record(s.connection(), [{"table": "blob", "id": sha, "sqlstate": "RDB10"}
                                for sha in shas])


def listed(desk: Desk, limit: int = 200) -> list[NotAccepted]:
    """The not-accepted list, newest first (shown on 同步 and 首页)."""
    with read_session(desk.engine) as s:
        rows = s.execute(select(SyncNotAccepted).order_by(SyncNotAccepted.last_at.desc())
                         .limit(limit)).scalars().all()
        return [NotAccepted(r.table_name, r.row_id, r.sqlstate, r.field, r.reason_zh,
                            r.reason_en, r.last_at) for r in rows]


def count(desk: Desk) -> int:
    from sqlalchemy import func
    with read_session(desk.engine) as s:
        return s.execute(select(func.count()).select_from(SyncNotAccepted)).scalar_one()


def correct(desk: Desk, actor, table: str, row_id: str, field: str, value: str | None) -> None:
    """Correct one field of a listed record: app.sync.correct (only listed records, the
    intake checks, a masked audit entry)."""
    from app.sync.correct import correct as correct_listed

    correct_listed(desk, actor, table, row_id, field, value)
