"""`sync`: upload every outbox change in fixed batches, then download the district's decisions.

Durable steps, in order (each survives a crash; the next run resumes from it):
  1. batch recorded locally (id, number, seq range)      → resend uses the same id
  2. photos/scans uploaded (content-addressed)            → rows never point at missing files
  3. batch applied at the district, with its applied_batch → resend is a no-op
  4. answer stored locally                                → no resend needed
  5. receipts written, outbox trimmed, batch done
  6. decisions downloaded and applied (no outbox rows)
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import psycopg
from sqlalchemy import delete, select

from app.desk import clock
from app.desk.context import Desk
from app.desk.errors import Refused
from app.staff import audit
from app.staff.accounts import require, training_status
from app.staff.audit import Actor
from app.sync import anchor, audit_queue, batches
from app.sync.district import check_schema, connect
from app.sync.download import download, upload_resolutions
from app.sync.errors import SyncError, from_db_error, no_url
from app.sync.steps import reached
from app.sync.upload import send_batch, upload_blobs
from db.engine import write_session
from db.ids import new_id
from db.models import utcnow
from db.sync_tables import SyncBatch, SyncRun

Progress = Callable[[int, int, str], bool]  # (done, total, stage) -> keep going?
URL_ENV = "RENTDESK_DISTRICT_URL"
PASSWORD_ENV = "RENTDESK_DISTRICT_PASSWORD"


def without_password(url: str) -> str:
    """The address without any password: none in the user-info, none in the query string."""
    parts = urlsplit(url)
    user, _, host = parts.netloc.rpartition("@")
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                       if k.lower() not in ("password", "passfile")])
    return urlunsplit(parts._replace(netloc=f"{user.partition(':')[0]}@{host}" if user else host,
                                     query=query))


def carries_password(url: str) -> bool:
    parts = urlsplit(url)
    user = parts.netloc.rpartition("@")[0]
    return ":" in user or any(k.lower() == "password" for k, _v in parse_qsl(parts.query))


def check_url(url: str | None) -> None:
    """Refuse an address that carries a password (issue 11): it would end up in settings,
    shell history and the saved address. The password comes from the prompt (or, for the
    scheduled run, RENTDESK_DISTRICT_PASSWORD), never from the address."""
    if url and carries_password(url):
        raise Refused("password_in_url",
                      "区数据库地址中不能包含密码（用户名:密码@ 或 ?password=）。请去掉密码，"
                      "同步时在密码框输入，或用环境变量 RENTDESK_DISTRICT_PASSWORD。",
                      "The district address must not carry a password (user:password@ or "
                      "?password=). Remove it and type the password when asked, or set "
                      "RENTDESK_DISTRICT_PASSWORD.", address=without_password(url))


def resolve_url(desk: Desk, url: str | None) -> str:
    """--district URL, else RENTDESK_DISTRICT_URL, else the address saved by the last sync."""
    if url or os.environ.get(URL_ENV):
        return url or os.environ[URL_ENV]
    with write_session(desk.engine) as s:
        saved = batches.get_meta(s, "district_url")
    if not saved:
        raise no_url()
    return saved


def _record_run(desk: Desk, run_id: str, ok: bool, report: dict, code: str | None) -> None:
    try:
        with write_session(desk.engine) as s:
            s.add(SyncRun(id=run_id, finished_at=utcnow(), ok=ok, error_code=code,
                          report=json.dumps(report, ensure_ascii=False, default=str)))
    except Exception:  # noqa: BLE001 - the run log must never hide the real outcome
        pass


def rebase(desk: Desk, conn: psycopg.Connection) -> dict:
    """Make this copy the centre's replica of record: new epoch, numbering after the district's.

    Batches the district already applied (answer lost) are finished normally; batches it
    never saw are dropped and their outbox entries re-batched under the new epoch.
    """
    new_epoch = new_id()
    with conn.cursor() as cur:
        state = cur.execute("SELECT district_rebase(%s)", (new_epoch,)).fetchone()[0]
        with write_session(desk.engine) as s:
            open_batches = list(s.execute(select(SyncBatch.id).where(SyncBatch.status == "pending"))
                                .scalars())
        applied = dict(cur.execute("SELECT batch_id, answer FROM applied_batch WHERE batch_id = ANY(%s)",
                                   (open_batches,)).fetchall()) if open_batches else {}
    with write_session(desk.engine) as s:
        batches.set_meta(s, "replica_epoch", new_epoch)
        batches.set_meta(s, "sync_batch_no", str(state["last_batch_no"]))
        for bid in open_batches:
            if bid not in applied:
                s.connection().execute(delete(SyncBatch).where(SyncBatch.id == bid))
    for bid, answer in applied.items():
        with write_session(desk.engine) as s:
            batch = s.get(SyncBatch, bid)
        batches.store_answer(desk, batch, answer)
    return {"epoch_replaced": True, "district_last_batch": state["last_batch_no"]}


def _load(desk: Desk, batch: SyncBatch, ahead: Future | None) -> batches.BatchData:
    """The batch's rows: read ahead if that read covered exactly this range, else now."""
    try:
        got = ahead.result() if ahead is not None else None
    except Exception:  # noqa: BLE001 - a failed read-ahead is only a missed shortcut
        got = None
    if got is not None and (got[0], got[1]) == (batch.seq_lo, batch.seq_hi):
        return got[2]
    return batches.read_batch(desk, batch)


def _send(conn: psycopg.Connection, desk: Desk, batch: SyncBatch, ahead: Future | None) -> dict:
    """Send the batch; after a data error (a NUL or a value the district cannot take, in a
    row stored before the text boundary) send it again with those rows held back and
    listed, so one bad row never stalls the centre."""
    try:
        return send_batch(conn, batch, lambda: _load(desk, batch, ahead))
    except (psycopg.DataError, UnicodeEncodeError):
        return send_batch(conn, batch, lambda: batches.read_batch(desk, batch), screen=True)


def _finish(desk: Desk, batch: SyncBatch) -> None:
    batches.finish_batch(desk, batch)
    reached("outbox_trimmed")


def _settle(finishing: dict[str, Future], wait: bool = False) -> None:
    """Forget finished local halves, raising their errors; with `wait`, all of them."""
    for bid, future in list(finishing.items()):
        if wait or future.done():
            future.result()
            del finishing[bid]


def _tally(report: dict, answer: dict) -> None:
    report["batches"] += 1
    report["duplicates"] += bool(answer.get("duplicate"))
    for table, n in (answer.get("rows") or {}).items():
        report["rows_up"][table] = report["rows_up"].get(table, 0) + n
    report["refused_cards"] += answer.get("refused_cards") or []
    report["not_accepted"] += [f"{i['table']}:{i['id']}" for i in answer.get("not_accepted") or []]
    report["conflicts_new"] += answer.get("conflicts") or 0


def sync(desk: Desk, url: str | None = None, password: str | None = None,
         progress: Progress | None = None, do_rebase: bool = False,
         batch_entries: int = batches.BATCH_ENTRIES) -> dict:
    """One sync; returns a JSON-able report. Raises SyncError (nothing lost) on failure."""
    if desk.center_code is None:
        raise Refused("no_center", "尚未建立中心，请先运行 rentdesk init。", "Run `rentdesk init` first.")
    from app.desk.trial import refuse_sync_of_trial

    refuse_sync_of_trial(desk)  # issue 12: demo data never reaches the district
    run_id, started = new_id(), time.perf_counter()
    report: dict = {"center": desk.center_code, "batches": 0, "duplicates": 0, "rows_up": {},
                    "blobs_up": 0, "refused_cards": [], "not_accepted": [], "conflicts_new": 0, "cancelled": False}
    url = resolve_url(desk, url)
    conn = connect(url, password or os.environ.get(PASSWORD_ENV))
    conn.autocommit = True  # each conn.transaction() below is one real district transaction
    # No district statement may hang a sync for ever: the district's own waits end at 60 s
    # (lock_timeout, 55P03); anything else stops here with 57014 and the outbox intact.
    conn.execute("SET statement_timeout = '300s'")
    # While the district applies batch k, one worker reads batch k+1 from SQLite and
    # another writes batch k-1's receipts and trims its outbox rows.
    reader, finisher = ThreadPoolExecutor(max_workers=1), ThreadPoolExecutor(max_workers=1)
    try:
        check_schema(conn)
        if do_rebase:
            report["rebase"] = rebase(desk, conn)
        # R10: entries above the district's anchor that nothing would send go first
        report["audit_requeued"] = audit_queue.requeue(desk, audit_queue.district_anchor_seq(conn))
        total = batches.outbox_size(desk)
        done = 0
        ahead: Future | None = None
        finishing: dict[str, Future] = {}
        while True:
            batch = batches.open_batch(desk, batch_entries, frozenset(finishing))
            if batch is None:
                break
            reached("batch_recorded")
            if batch.status == "pending":
                report["blobs_up"] += upload_blobs(desk, conn)
                reached("blobs_uploaded")
                current, ahead = ahead, reader.submit(batches.read_ahead, desk, batch.seq_hi,
                                                      batch_entries)
                answer = _send(conn, desk, batch, current)
                batches.store_answer(desk, batch, answer)
                reached("answer_stored")
            else:  # answered before a crash: only the local half is left
                answer = json.loads(batch.answer or "{}")
            finishing[batch.id] = finisher.submit(_finish, desk, batch)
            _settle(finishing)
            _tally(report, answer)
            done += batch.entries
            if progress is not None and not progress(done, max(total, done), "upload"):
                report["cancelled"] = True
                break
        _settle(finishing, wait=True)
        report["blobs_up"] += upload_blobs(desk, conn)
        report["resolutions_up"] = upload_resolutions(desk, conn)
        if not report["cancelled"]:
            report["down"] = download(desk, conn)
            reached("decisions_applied")
        report["audit_anchor"] = anchor.report_head(desk, conn)  # R10: the anchor outside
        if not report["cancelled"]:  # every entry sent: any left above the anchor was refused
            head = report["audit_anchor"]
            refused = audit_queue.not_accepted_entries(desk, head["anchor_seq"])
            if refused or head.get("state") in ("behind_anchor", "differs"):
                report["audit_problem"] = audit_queue.problem(refused, head["anchor_seq"])
        with write_session(desk.engine) as s:
            batches.set_meta(s, "district_url", without_password(url))
            batches.set_meta(s, "last_sync_at", utcnow().isoformat())
    except psycopg.Error as err:
        error = from_db_error(err)
        _record_run(desk, run_id, False, report, error.code)
        raise error from None
    except SyncError as err:
        _record_run(desk, run_id, False, report, err.code)
        raise
    finally:
        reader.shutdown(wait=True, cancel_futures=True)
        finisher.shutdown(wait=True)
        conn.close()
    report["seconds"] = round(time.perf_counter() - started, 3)
    report["rows_up_total"] = sum(report["rows_up"].values())
    report["outbox_left"] = batches.outbox_size(desk)
    report["ok"] = not report["cancelled"] and "audit_problem" not in report
    _record_run(desk, run_id, report["ok"], report, None)
    return report


def sync_as(desk: Desk, actor: Actor, url: str | None = None, password: str | None = None,
            progress: Progress | None = None, do_rebase: bool = False,
            batch_entries: int = batches.BATCH_ENTRIES) -> dict:
    """`rentdesk sync` and the 同步 page: a trained staff login (R3) syncs, only an
    administrator rebases (it supersedes every other copy of the centre), both audited."""
    check_url(url or os.environ.get(URL_ENV))  # the scheduled run's address too
    with write_session(desk.engine) as s:
        status = training_status(s, actor.staff_id, clock.today(desk))
    if not status.ok:
        raise Refused("untrained", status.reason or "", status.reason_en or "")
    if do_rebase:
        require(actor, "sync")  # administrators only
    with write_session(desk.engine) as s:
        audit.record(s, actor, "sync.rebase" if do_rebase else "sync.run", "sync", None,
                     address=without_password(url) if url else None)
    return sync(desk, url, password, progress=progress, do_rebase=do_rebase,
                batch_entries=batch_entries)
