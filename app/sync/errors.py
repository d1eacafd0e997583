"""Why a sync stopped, in Chinese and English; every stop leaves the outbox intact."""

from __future__ import annotations

import psycopg

from app.errors import Refused

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
    "23505": ("district_busy", "区数据库正在处理另一中心的同一人员，本批次未写入，请重新同步。",
              "The district was screening the same person for another centre; this batch was "
              "not applied. Sync again."),
    "40P01": ("district_busy", "区数据库繁忙（死锁已自动解除），本批次未写入，请重新同步。",
              "The district was busy (deadlock resolved); this batch was not applied. Sync "
              "again."),
    "42501": ("forbidden", "区数据库拒绝了写入（只能写本中心的数据）。",
              "The district refused the write (a centre may only write its own rows)."),
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
    if state in _BY_SQLSTATE:
        code, zh, en = _BY_SQLSTATE[state]
        return SyncError(code, zh, en)
    if isinstance(err, psycopg.OperationalError) or state.startswith("08"):
        return SyncError("connection_lost", "与区数据库的连接中断，本批次未完成，数据已保留，请重新同步。",
                         "The connection to the district was lost mid-batch. Nothing was lost: "
                         "sync again.")
    return SyncError("district_error", f"区数据库报错（{state}），数据已保留。",
                     f"The district database reported an error ({state}); nothing was lost.",
                     sqlstate=state)


def no_url() -> SyncError:
    return SyncError("no_district_url", "未设置区数据库地址：用 --district URL 或环境变量 "
                     "RENTDESK_DISTRICT_URL 指定。",
                     "No district address: pass --district URL or set RENTDESK_DISTRICT_URL.")
