"""One desk per data folder, and who else has the folder open.

Two things live in the data folder:

- `desk.lock` (+ `desk.lock.json`): the desk itself. The GUI and every CLI command that acts
  for a clerk hold it for as long as they run; a second one is refused with a message that
  names the holder (program, pid, host, since when). The OS releases the lock when its
  process dies, so a crash never leaves the folder locked; the JSON sidecar only describes.
- `run/`: every process that opens the database (including sync and backup, which may run
  beside the desk) leaves a small entry there, locked while it lives. When the database is
  busy, `holders()` says which program is most likely writing.

`filelock` uses flock/LockFileEx: the lock belongs to the open file, so two opens in one
process conflict too (a test can start a "second desk" in-process, honestly).
"""

from __future__ import annotations

import json
import os
import socket
import sys
import uuid
from dataclasses import dataclass
from pathlib import Path

from filelock import FileLock, Timeout

from app import clock
from app.errors import Refused

LOCK_NAME = "desk.lock"
INFO_NAME = "desk.lock.json"
RUN_DIR = "run"
# Info files are tiny; a bigger one is not ours (and is not read whole).
MAX_INFO_BYTES = 4096


@dataclass(frozen=True)
class ProgramInfo:
    """Who: what a process wrote about itself when it opened the data folder."""

    program: str
    pid: int
    host: str
    since: str  # ISO time in the centre's zone (or UTC before a centre exists)

    def describe_zh(self) -> str:
        return f"{self.program}（进程 {self.pid}，电脑 {self.host}，自 {_short(self.since)} 起）"

    def describe_en(self) -> str:
        return f"{self.program} (pid {self.pid} on {self.host}, since {_short(self.since)})"


def _short(iso: str) -> str:
    return iso[:19].replace("T", " ")


def program_name(argv: list[str] | None = None) -> str:
    """`rentdesk register` style: the command, never its arguments (they may hold ID numbers)."""
    args = [a for a in (argv if argv is not None else sys.argv[1:]) if not a.startswith("-")]
    return "rentdesk " + (args[0] if args else "gui")


def _me(program: str) -> ProgramInfo:
    since = clock.now().isoformat(timespec="seconds")  # no centre zone before the DB opens
    return ProgramInfo(program=program[:80], pid=os.getpid(), host=socket.gethostname()[:80],
                       since=since)


def _read_info(path: Path) -> ProgramInfo | None:
    try:
        with path.open("rb") as f:
            raw = f.read(MAX_INFO_BYTES + 1)
        if len(raw) > MAX_INFO_BYTES:
            return None
        data = json.loads(raw.decode("utf-8"))
        return ProgramInfo(str(data["program"])[:80], int(data["pid"]), str(data["host"])[:80],
                           str(data["since"])[:40])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _write_info(path: Path, info: ProgramInfo) -> None:
    tmp = path.with_name(path.name + f".{os.getpid()}.tmp")
    tmp.write_text(json.dumps(info.__dict__, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, path)


class Presence:
    """This process's entry under run/: locked while we live, removed when we close.
    Descriptive only: when it cannot be written, the desk opens anyway without it."""

    def __init__(self, home: Path, program: str) -> None:
        self._lock: FileLock | None = None
        run = home / RUN_DIR
        stem = run / f"{os.getpid()}-{uuid.uuid4().hex[:8]}"
        self._info = Path(str(stem) + ".json")
        try:
            run.mkdir(exist_ok=True)
            lock = FileLock(str(stem) + ".lock", is_singleton=False)
            lock.acquire(timeout=0)
            self._lock = lock
            _write_info(self._info, _me(program))
        except (OSError, Timeout):
            self.release()

    def release(self) -> None:
        try:
            self._info.unlink(missing_ok=True)
            if self._lock is not None:
                self._lock.release()
                Path(self._lock.lock_file).unlink(missing_ok=True)
        except OSError:
            pass
        self._lock = None


def holders(home: Path, exclude_pid: int | None = None) -> list[ProgramInfo]:
    """The live programs that have this data folder open (stale entries are swept)."""
    run = home / RUN_DIR
    found: list[ProgramInfo] = []
    if not run.is_dir():
        return found
    mine = exclude_pid if exclude_pid is not None else os.getpid()
    for info_path in sorted(run.glob("*.json"))[:50]:
        lock_path = info_path.with_suffix(".lock")
        info = _read_info(info_path)
        if info is not None and info.pid == mine:
            continue
        probe = FileLock(str(lock_path), is_singleton=False)
        try:
            probe.acquire(timeout=0)
        except Timeout:
            if info is not None:
                found.append(info)
            continue
        except OSError:
            continue
        # Nobody holds it: the process died without cleaning up.
        probe.release()
        info_path.unlink(missing_ok=True)
        lock_path.unlink(missing_ok=True)
    return found


class DeskLock:
    """The data folder's one desk: held by the GUI and by the CLI commands that act."""

    def __init__(self, home: Path, program: str) -> None:
        self.home = home
        broken_lock_file(home / LOCK_NAME)  # before opening it: a link may lead anywhere
        self._lock = FileLock(str(home / LOCK_NAME), is_singleton=False)
        try:
            self._lock.acquire(timeout=0)
            _write_info(home / INFO_NAME, _me(program))
        except Timeout:
            raise desk_in_use(home) from None
        except OSError:  # a read-only folder, a full disk
            self._lock.release()
            broken_lock_file(home / LOCK_NAME)
            raise Refused("home_not_writable",
                          f"无法在数据目录中建立锁文件：{home}。请检查该目录可写、磁盘未满。",
                          f"Cannot create the lock file in the data folder {home}: check that "
                          "it is writable and the disk is not full.") from None

    def release(self) -> None:
        (self.home / INFO_NAME).unlink(missing_ok=True)
        self._lock.release()


def broken_lock_file(path: Path) -> None:
    """The lock file must be a plain file (or not there yet). A link (to /dev/zero, say), a
    folder or a device in its place is named, with how to remove it: "check the folder is
    writable" would send the clerk the wrong way."""
    try:
        if path.is_symlink():
            what_zh, what_en = f"一个链接（指向 {os.readlink(path)}）", f"a link (to {os.readlink(path)})"
        elif not path.exists() or path.is_file():
            return
        elif path.is_dir():
            what_zh, what_en = "一个文件夹", "a folder"
        else:
            what_zh, what_en = "一个设备或特殊文件", "a device or special file"
    except OSError:
        return
    raise Refused("lock_file_broken",
                  f"数据目录中的锁文件 {path} 不是普通文件，而是{what_zh}。请关闭所有 rentdesk 程序，"
                  f"删除它（文件夹连同其内容；链接只删链接本身），再重新打开。",
                  f"The lock file {path} in the data folder is not a plain file but {what_en}. "
                  "Close every rentdesk program, delete it (a folder with its contents; a link "
                  "itself, not what it points to), then open again.", path=str(path))


def desk_in_use(home: Path) -> Refused:
    info = _read_info(home / INFO_NAME)
    who_zh = info.describe_zh() if info else "另一个 rentdesk 程序"
    who_en = info.describe_en() if info else "another rentdesk program"
    return Refused(
        "desk_in_use",
        f"此数据目录已被 {who_zh} 打开。一个数据目录同时只能开一个前台：请先关闭那个程序"
        f"（或等它结束）再试。数据目录：{home}",
        f"This data folder is already open in {who_en}. One desk per data folder: close that "
        f"program (or wait for it to finish), then try again. Folder: {home}",
        holder=info.__dict__ if info else None)

