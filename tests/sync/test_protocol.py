"""The batch protocol: exactly once under duplicated, reordered and answer-lost delivery."""

from __future__ import annotations

import hashlib

import psycopg
import pytest
from sqlmodel import select

from app.data.demo import generate_demo
from app.sync import batches
from app.sync.district import connect
from app.sync.errors import SyncError
from app.sync.run import sync
from app.sync.upload import send_batch
from db.engine import read_session, write_session
from db.models import Outbox, Tenancy
from db.sync_tables import SyncBatch
from tests.sync.conftest import assert_mirrored, district_rows


def _center_conn(url: str):
    conn = connect(url)
    conn.autocommit = True
    return conn


def test_first_sync_uploads_everything_with_receipts(desk, admin, district, lh01_url):
    generate_demo(desk, 300, seed=3)
    report = sync(desk, lh01_url)
    assert report["ok"] and report["outbox_left"] == 0 and report["blobs_up"] == 1
    assert_mirrored(desk, district)
    # rule R2: every tenancy the district accepted carries the district's receipt time.
    with read_session(desk.engine) as s:
        assert all(t.delivered_at is not None for t in s.exec(select(Tenancy)))
    undelivered = district_rows(district, "SELECT count(*) FROM tenancy WHERE delivered_at IS NULL")
    assert undelivered[0][0] == 0
    assert district_rows(district, "SELECT count(*) FROM blob")[0][0] == 1
    # The district receives the photo itself, not the desk's at-rest ciphertext.
    ((sha, data),) = district_rows(district, "SELECT sha256, data FROM blob")
    assert hashlib.sha256(bytes(data)).hexdigest() == sha and bytes(data)[:2] == b"\xff\xd8"
    again = sync(desk, lh01_url)
    assert again["batches"] == 0 and again["rows_up_total"] == 0


def test_answer_lost_after_commit_resend_is_a_no_op(desk, admin, district, lh01_url):
    generate_demo(desk, 100, seed=4)
    batch = batches.open_batch(desk)
    with _center_conn(lh01_url) as conn:
        first = send_batch(conn, batch, lambda: batches.read_batch(desk, batch))
    assert not first.get("duplicate")
    # The answer never reached the desk: the outbox and the pending batch are intact.
    assert batches.outbox_size(desk) > 0
    report = sync(desk, lh01_url)
    assert report["duplicates"] == 1 and report["batches"] == 1
    assert report["outbox_left"] == 0
    assert_mirrored(desk, district)
    applied = district_rows(district, "SELECT count(*) FROM applied_batch")[0][0]
    assert applied == 1


def _manual_batch(desk, number: int, lo: int, hi: int) -> SyncBatch:
    with write_session(desk.engine) as s:
        epoch = batches.get_meta(s, "replica_epoch")
        entries = s.exec(select(Outbox).where(Outbox.seq.between(lo, hi))).all()
    from db.ids import new_id

    return SyncBatch(id=new_id(), batch_no=number, epoch=epoch, seq_lo=lo, seq_hi=hi,
                     entries=len(entries))


def test_duplicated_and_reordered_batches_apply_exactly_once(desk, admin, district, lh01_url):
    generate_demo(desk, 200, seed=5)
    with read_session(desk.engine) as s:
        seqs = sorted(o.seq for o in s.exec(select(Outbox)))
    mid = seqs[len(seqs) // 2]
    b1 = _manual_batch(desk, 1, seqs[0], mid)
    b2 = _manual_batch(desk, 2, mid + 1, seqs[-1])
    d1, d2 = batches.read_batch(desk, b1), batches.read_batch(desk, b2)
    with _center_conn(lh01_url) as conn:
        with pytest.raises(Exception) as gap:  # batch 2 before batch 1: held back, not applied
            send_batch(conn, b2, lambda: d2)
        assert getattr(gap.value, "sqlstate", None) == "RDG03"
        assert not send_batch(conn, b1, lambda: d1).get("duplicate")
        assert send_batch(conn, b1, lambda: d1)["duplicate"]       # duplicate
        assert not send_batch(conn, b2, lambda: d2).get("duplicate")
        assert send_batch(conn, b1, lambda: d1)["duplicate"]       # late duplicate, reordered
        assert send_batch(conn, b2, lambda: d2)["duplicate"]
    assert_mirrored(desk, district)
    assert district_rows(district, "SELECT count(*) FROM applied_batch")[0][0] == 2


def test_batch_boundaries_and_cancel_keep_the_rest(desk, admin, district, lh01_url):
    generate_demo(desk, 200, seed=6)
    total = batches.outbox_size(desk)
    report = sync(desk, lh01_url, batch_entries=100, progress=lambda d, t, s: d < 300)
    assert report["cancelled"] and not report["ok"]
    assert 0 < report["outbox_left"] < total
    report = sync(desk, lh01_url, batch_entries=100)
    assert report["ok"] and report["outbox_left"] == 0
    assert_mirrored(desk, district)


def test_connection_lost_mid_sync_loses_nothing(desk, admin, district, lh01_url):
    generate_demo(desk, 200, seed=8)

    def cut(_done: int, _total: int, _stage: str) -> bool:  # the line drops after batch 1
        with psycopg.connect(district, autocommit=True) as admin_conn:
            admin_conn.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                               "WHERE usename = 'rd_lh01' AND datname = current_database()")
        return True

    with pytest.raises(SyncError) as lost:
        sync(desk, lh01_url, batch_entries=300, progress=cut)
    assert lost.value.code == "connection_lost"
    assert batches.outbox_size(desk) > 0
    report = sync(desk, lh01_url)
    assert report["ok"] and report["outbox_left"] == 0
    assert_mirrored(desk, district)


def test_district_down_wrong_password_newer_schema_keep_outbox(desk, admin, district, lh01_url,
                                                               tmp_path):
    generate_demo(desk, 50, seed=7)
    before = batches.outbox_size(desk)
    with pytest.raises(SyncError) as down:
        sync(desk, f"postgresql://rd_lh01:x@/district?host={tmp_path}/nowhere")
    assert down.value.code == "district_unreachable"
    with pytest.raises(SyncError) as wrong:
        sync(desk, lh01_url.replace("centre-password", "not-it"))
    assert wrong.value.code == "wrong_password"
    with connect(district) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
        conn.commit()
    with pytest.raises(SyncError) as old:
        sync(desk, lh01_url)
    assert old.value.code == "client_too_old" and "rentdesk" in old.value.zh
    assert batches.outbox_size(desk) == before
