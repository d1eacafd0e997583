"""Opening a centre's local database: encryption, pragmas, transaction mode, sessions.

The file is a SQLCipher 4 database (PIPL art. 51: sensitive personal information is
encrypted at rest). Each pooled connection is made by `connect_raw`, whose first statement
is `PRAGMA key` with the raw 256-bit key from db/keystore.py; SQLAlchemy keeps using its
ordinary pysqlite dialect with the `sqlcipher3` module as DBAPI, so exceptions, pooling and
the pragmas below behave exactly as with plain SQLite.

Writers take the SQLite write lock at BEGIN (BEGIN IMMEDIATE) so two writers never
deadlock half-way through a transaction; readers use plain deferred transactions and,
thanks to WAL, never wait for a writer.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from weakref import WeakKeyDictionary

import sqlcipher3
from sqlalchemy import Engine, create_engine, event
from sqlmodel import Session

import db.outbox  # noqa: F401  (registers the outbox flush hook on every Session)
from db.keystore import KeyUnavailable, database_key, is_plaintext_sqlite
from db.plain_upgrade import encrypt_in_place

DB_FILENAME = "rentdesk.sqlite"
BUSY_TIMEOUT_MS = 10_000
# A writer first asks for the lock with this short wait; only when another process holds it
# does the desk announce "database busy" and wait the full timeout (see _on_begin).
FIRST_TRY_MS = 200

# Per engine: called with True when a writer starts waiting for another process's lock,
# and False when the wait ends (got it or gave up). Runs on the waiting thread.
BusyListener = Callable[[bool], None]
# Keyed by the engine's dialect: the write sessions' option engines share it with the engine.
_busy_listeners: WeakKeyDictionary[object, list[BusyListener]] = WeakKeyDictionary()


def on_busy_wait(engine: Engine, listener: BusyListener) -> None:
    _busy_listeners.setdefault(engine.dialect, []).append(listener)


def _is_busy(exc: BaseException) -> bool:
    text = str(exc).lower()
    return "database is locked" in text or "database is busy" in text or text == "busy"


def _on_connect(dbapi_connection, _record) -> None:
    # Let SQLAlchemy's "begin" event emit BEGIN itself (pysqlite's own handling is lazy).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={int(_record.info.get('busy_ms', BUSY_TIMEOUT_MS))}")
    cursor.execute("PRAGMA cache_size=-65536")
    cursor.close()


def _on_begin(conn) -> None:
    immediate = conn.get_execution_options().get("sqlite_immediate", False)
    if not immediate:
        conn.exec_driver_sql("BEGIN")
        return
    raw = conn.connection.driver_connection
    full = conn.connection.info.get("busy_ms", BUSY_TIMEOUT_MS)
    raw.execute(f"PRAGMA busy_timeout={min(FIRST_TRY_MS, full)}")
    try:
        raw.execute("BEGIN IMMEDIATE")
        return
    except sqlcipher3.OperationalError as e:
        if not _is_busy(e):
            raise
    finally:
        raw.execute(f"PRAGMA busy_timeout={full}")
    # Another process is writing: say so, then wait the full timeout. This attempt goes
    # through SQLAlchemy so a final failure reaches the engine's handle_error listeners.
    listeners = list(_busy_listeners.get(conn.dialect, ()))
    for listener in listeners:
        listener(True)
    try:
        conn.exec_driver_sql("BEGIN IMMEDIATE")
    finally:
        for listener in listeners:
            listener(False)


def connect_raw(path: Path, key: bytes) -> sqlcipher3.Connection:
    """A DBAPI connection to an encrypted file; the key is the very first statement."""
    conn = sqlcipher3.connect(str(path), check_same_thread=False)  # the pool hands it across threads
    # SQLCipher's own diagnostics go to stderr, outside our redacting log: keep them off.
    conn.execute("PRAGMA cipher_log_level = NONE")
    conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    return conn


def check_key(path: Path, key: bytes) -> None:
    """Fail early and clearly when `key` does not open the existing file at `path`."""
    if not path.exists() or path.stat().st_size == 0:
        return
    conn = connect_raw(path, key)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher3.DatabaseError:
        raise KeyUnavailable("key_does_not_open", file=path.name) from None
    finally:
        conn.close()


def open_engine(path: Path, key: bytes | None = None,
                busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> Engine:
    """An engine on the encrypted database file at `path` (created if missing).

    `key` defaults to the one db/keystore.py finds (or makes) for `path`. A plaintext file
    left by earlier development is encrypted in place first (see db/plain_upgrade.py).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    if key is None:
        key = database_key(path).key
    if is_plaintext_sqlite(path):
        encrypt_in_place(path, key)
    check_key(path, key)
    # The URL names the file so SQLAlchemy picks its file-database pool; `creator` opens it.
    # hide_parameters: SQL errors must not carry names or ID numbers into logs (PIPL).
    engine = create_engine(f"sqlite:///{path}", module=sqlcipher3, future=True,
                           creator=lambda: connect_raw(path, key), hide_parameters=True)
    def remember_timeout(_dbapi, record) -> None:
        record.info["busy_ms"] = busy_timeout_ms

    event.listen(engine, "connect", remember_timeout)
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine


@contextmanager
def write_session(engine: Engine) -> Iterator[Session]:
    """One write transaction: commits on success, rolls back (leaving no trace) on error."""
    with Session(engine.execution_options(sqlite_immediate=True), expire_on_commit=False) as s:
        try:
            yield s
            s.commit()
        except BaseException:
            s.rollback()
            raise


@contextmanager
def log_session(engine: Engine) -> Iterator[Session]:
    """A write transaction for high-rate log entries (who read what): in WAL mode with
    synchronous=NORMAL its commit needs no fsync — it survives a crash of the program, and
    only a power cut in the next moments could lose it. The connection goes back to FULL
    before it returns to the pool, so business writes keep their fsync."""
    with engine.connect() as conn:
        raw = conn.connection.dbapi_connection  # outside any transaction (autocommit DBAPI)
        raw.execute("PRAGMA synchronous=NORMAL")
        try:
            with Session(bind=conn.execution_options(sqlite_immediate=True),
                         expire_on_commit=False) as s:
                try:
                    yield s
                    s.commit()
                except BaseException:
                    s.rollback()
                    raise
        finally:
            raw.execute("PRAGMA synchronous=FULL")


@contextmanager
def read_session(engine: Engine) -> Iterator[Session]:
    with Session(engine, expire_on_commit=False) as s:
        yield s
