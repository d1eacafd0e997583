"""Why a sync stopped, in Chinese and English; every stop leaves the outbox intact."""

from __future__ import annotations

import psycopg

from app.desk.errors import Refused

_RESTORED_ZH = ("本机数据库是旧副本（从备份恢复或复制到另一台电脑），区数据库已有更新的数据，"
                "已拒绝上传，以免覆盖。请联系管理员：确认这是要继续使用的电脑后，运行 "
                "rentdesk sync --rebase。")
_RESTORED_EN = ("This database is an old copy (restored from a backup or copied to another PC); "
                "the district holds newer data, so the upload was refused rather than overwrite "
                "it. Ask an administrator: on the PC that stays in use, run "
                "`rentdesk sync --rebase`.")

_BY_SQLSTATE: dict[str, tuple[str, str, str]] = {
    "RDE01": ("replica_superseded", "本机数据库的副本编号已被区数据库取代。" + _RESTORED_ZH,
              "This database's replica epoch was superseded at the district. " + _RESTORED_EN),
    "RDS02": ("replica_behind", _RESTORED_ZH, _RESTORED_EN),
    "RDG03": ("batch_gap", "区数据库尚未收到之前的批次，请稍后重新同步。",
              "The district has not received an earlier batch yet: sync again."),
    "RDC04": ("not_a_center", "该登录账号不是中心账号，请用 district add-center 创建的账号。",
              "This login is not a centre's: use the login made by `district add-center`."),
    "RDT06": ("trial_center", "试用中心（编码以 TRIAL 开头）的数据不能上传到区数据库。",
              "A trial centre (code starting with TRIAL) never uploads to the district."),
    "RDV09": ("protocol_refused", "区数据库拒绝了不符合同步协议的请求（RDV09）。请升级 rentdesk "
              "后重新同步；若仍出现，请联系区管理员。",
              "The district refused a request outside the sync protocol (RDV09). Update "
              "rentdesk and sync again; if it persists, call the district."),
    "23505": ("district_busy", "区数据库正在处理另一中心的同一人员，本批次未写入，请重新同步。",
              "The district was screening the same person for another centre; this batch was "
              "not applied. Sync again."),
    "55P03": ("district_busy", "区数据库正在为另一中心筛查（55P03：等待超时），本批次未写入，请稍后重新同步。",
              "The district was screening for another centre (55P03: lock wait timed out); "
              "this batch was not applied. Sync again later."),
    "RDP14": ("probe_budget", "区数据库暂停接收本中心的数据：本中心多次读取筛查结果后又撤销了批次"
              "（RDP14）。请联系区管理员核查后恢复。",
              "The district stopped taking this centre's batches: screening answers were read "
              "and the batches rolled back too often (RDP14). Call the district to review and "
              "resume."),
    "57014": ("district_timeout", "区数据库处理超时（57014），本批次未写入，数据已保留，请稍后重新同步。",
              "The district took too long (57014); this batch was not applied and nothing is "
              "lost. Sync again later."),
    "40P01": ("district_busy", "区数据库繁忙（死锁已自动解除），本批次未写入，请重新同步。",
              "The district was busy (deadlock resolved); this batch was not applied. Sync "
              "again."),
    "42501": ("forbidden", "区数据库拒绝了写入（42501：中心账号只能通过同步协议写入）。"
              "请升级 rentdesk 到与区数据库相同的版本后重新同步。",
              "The district refused the write (42501: a centre writes only through the sync "
              "protocol). Update rentdesk to the district's version and sync again."),
}


class SyncError(Refused):
    """A sync that stopped; nothing was lost (the outbox keeps every change)."""


def from_connect_error(err: psycopg.OperationalError) -> SyncError:
    text = str(err)
    if "password authentication failed" in text or "no password supplied" in text:
        return SyncError("wrong_password", "区数据库登录失败：用户名或密码错误。",
                         "District login failed: wrong user name or password.")
    if "does not exist" in text:
        return SyncError("district_missing", "区数据库不存在，请核对同步地址。",
                         "The district database does not exist: check the sync address.")
    return SyncError("district_unreachable", "连接不上区数据库（网络断开或服务器未运行），数据已保留，稍后重试。",
                     "Cannot reach the district database (network down or server stopped). "
                     "Nothing was lost: try again later.")


def from_db_error(err: psycopg.Error) -> SyncError:
    state = getattr(err, "sqlstate", None) or ""
    if state in _BY_SQLSTATE:  # every district error names its SQLSTATE (issue 11)
        code, zh, en = _BY_SQLSTATE[state]
        return SyncError(code, f"{zh}（SQLSTATE {state}）", f"{en} (SQLSTATE {state})",
                         sqlstate=state)
    # Only a lost connection is "lost" (the line, or the server ending the session: 57P0x);
    # an error the server raised with its own SQLSTATE (53200 out of memory…) is named.
    if (state.startswith(("08", "57P0"))
            or (isinstance(err, psycopg.OperationalError) and not state)):
        return SyncError("connection_lost", "与区数据库的连接中断，本批次未完成，数据已保留，请重新同步。",
                         "The connection to the district was lost mid-batch. Nothing was lost: "
                         "sync again.")
    # Never an empty message: the SQLSTATE (or, for an error psycopg raised before the
    # district saw anything, its class), what the district said, and what to do.
    code = state or f"client:{type(err).__name__}"
    said = (getattr(getattr(err, "diag", None), "message_primary", None) or str(err)
            or type(err).__name__).splitlines()[0][:200]
    return SyncError("district_error",
                     f"区数据库报错（SQLSTATE {code}：{said}），本批次未写入，数据已保留。"
                     "请重新同步；若再次出现，请把此代码告知区管理员。",
                     f"The district database reported an error (SQLSTATE {code}: {said}); "
                     "this batch was not applied and nothing was lost. Sync again; if it "
                     "happens again, give this code to the district.", sqlstate=code)


def no_url() -> SyncError:
    return SyncError("no_district_url", "未设置区数据库地址：用 --district URL 或环境变量 "
                     "RENTDESK_DISTRICT_URL 指定。",
                     "No district address: pass --district URL or set RENTDESK_DISTRICT_URL.")
