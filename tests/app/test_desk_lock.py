"""One desk per data folder, and a busy database said in words (issue 13).

The other program is a real second process: a subprocess that opens the same data folder
and holds the desk lock, or holds a SQLite write transaction, until we let it go.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import main
from app.context import open_desk
from app.errors import Refused
from app.staff import authenticate
from tests.conftest import PASSWORD
from tests.desk_holder import ROOT


def cli(home: Path, *args: str) -> subprocess.CompletedProcess:
    """The real command line in its own process: what a clerk's script sees."""
    env = dict(os.environ, PYTHONPATH=str(ROOT), RENTDESK_PASSWORD=PASSWORD)
    return subprocess.run([sys.executable, "-m", "rentdesk", "--home", str(home), *args],
                          capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)


def test_second_desk_is_refused_naming_the_first(desk, admin, holder):
    # One desk per data folder: the GUI (here a process standing in for it) holds the lock.
    h = holder("rentdesk 图形界面 / GUI", exclusive=True)
    with pytest.raises(Refused) as err:
        open_desk(desk.home, program="second", exclusive=True)
    assert err.value.code == "desk_in_use"
    assert "rentdesk 图形界面" in err.value.zh and f"进程 {h.proc.pid}" in err.value.zh
    assert "已被" in err.value.zh and "already open" in err.value.en
    h.stop()
    # The lock goes with its process: the folder opens again at once.
    open_desk(desk.home, program="after", exclusive=True).close()


def test_acting_cli_says_who_has_the_desk_and_exits_non_zero(desk, admin, holder):
    h = holder("rentdesk 图形界面 / GUI", exclusive=True)
    done = cli(desk.home, "staff", "add", "clerk9", "--role", "clerk", "--as", "admin")
    assert done.returncode == 1
    assert "错误：此数据目录已被 rentdesk 图形界面" in done.stderr and f"{h.proc.pid}" in done.stderr
    assert "Traceback" not in done.stderr
    # A reading command may run beside the desk.
    assert cli(desk.home, "search", "张", "--as", "admin").returncode == 0


def test_acting_in_process_cli_refused_too(desk, admin, holder, capsys):
    holder("rentdesk card issue（命令行 / CLI）", exclusive=True)
    os.environ["RENTDESK_PASSWORD"] = PASSWORD
    try:
        code = main(["--home", str(desk.home), "staff", "add", "c2", "--role", "clerk",
                     "--as", "admin"])
    finally:
        del os.environ["RENTDESK_PASSWORD"]
    assert code == 1 and "rentdesk card issue" in capsys.readouterr().err


def test_busy_database_is_a_chinese_refusal_naming_the_writer(desk, admin, holder, monkeypatch):
    monkeypatch.setenv("RENTDESK_BUSY_TIMEOUT_MS", "300")
    holder("rentdesk sync（命令行 / CLI）", write=True)
    # The same desk object (the GUI's lane, a service) gets a Refused, not OperationalError.
    from app.db_busy import busy_timeout_ms
    from app.desk_lock import holders

    assert busy_timeout_ms() == 300 and holders(desk.home)
    with pytest.raises(Refused) as err:
        authenticate(desk, "admin", PASSWORD)
    assert err.value.code == "database_busy"
    assert "数据库正忙" in err.value.zh and "rentdesk sync" in err.value.zh
    # The CLI in its own process: Chinese then English, exit 1, no traceback.
    done = cli(desk.home, "staff", "add", "clerk9", "--role", "clerk", "--as", "admin")
    assert done.returncode == 1, done.stderr
    assert done.stderr.startswith("错误：数据库正忙") and "rentdesk sync" in done.stderr
    assert "Traceback" not in done.stderr and "OperationalError" not in done.stderr
    assert "database is locked" not in done.stderr


def test_busy_wait_is_announced_then_ends(desk, admin, holder, monkeypatch):
    from app.db_busy import watch_busy

    seen: list[bool] = []
    watch_busy(desk.engine, seen.append)
    monkeypatch.setenv("RENTDESK_BUSY_TIMEOUT_MS", "300")
    h = holder("rentdesk import（命令行 / CLI）", write=True)
    with pytest.raises(Refused):
        authenticate(desk, "admin", PASSWORD)
    assert seen == [True, False]  # "数据库正忙…" shown, then taken down with the answer
    h.stop()
    assert authenticate(desk, "admin", PASSWORD).username == "admin"
    assert seen == [True, False]  # a free database is never announced as busy


def test_dead_holders_are_swept(desk, admin, holder):
    from app.desk_lock import holders

    h = holder("rentdesk backup（命令行 / CLI）")
    assert [o.pid for o in holders(desk.home)] == [h.proc.pid]
    h.proc.kill()
    h.proc.wait()
    assert holders(desk.home) == []


def test_hostile_lock_info_and_odd_folders(desk, admin, holder, tmp_path):
    # A 2 MB or NUL-filled sidecar is not read whole and never breaks the message.
    h = holder("rentdesk 图形界面 / GUI", exclusive=True)
    (desk.home / "desk.lock.json").write_bytes(b"\0" * 2_000_000)
    with pytest.raises(Refused) as err:
        open_desk(desk.home, program="second", exclusive=True)
    assert "另一个 rentdesk 程序" in err.value.zh
    h.stop()
    # run/ taken by a plain file: the desk still opens (the entry is only descriptive).
    odd = tmp_path / "odd"
    odd.mkdir()
    (odd / "run").write_text("not a folder")
    open_desk(odd, program="x", exclusive=True).close()


def test_in_process_commands_let_go_of_the_desk(desk, admin, capsys, monkeypatch, tmp_path):
    # One command after another in one process (a script, the tests): each releases the lock.
    monkeypatch.setenv("RENTDESK_PASSWORD", PASSWORD)
    new_password = tmp_path / "pw.txt"
    new_password.write_text("Harbour-Violin-83-Quilt\n", encoding="utf-8")
    for n in range(3):
        assert main(["--home", str(desk.home), "staff", "add", f"c{n}", "--role", "clerk",
                     "--as", "admin", "--password-file", str(new_password)]) == 0
    open_desk(desk.home, program="after", exclusive=True).close()


@pytest.mark.parametrize("broken", ["link_to_dev_zero", "folder", "dangling_link"])
def test_broken_lock_file_is_named_with_how_to_remove_it(desk, admin, broken):
    # hostile files: desk.lock replaced by a link to /dev/zero or a folder is not "check
    # the folder is writable": the message says what the lock file is and how to remove it
    lock = desk.home / "desk.lock"
    lock.unlink(missing_ok=True)
    if broken == "link_to_dev_zero":
        lock.symlink_to("/dev/zero")
    elif broken == "folder":
        lock.mkdir()
        (lock / "x").write_text("x")
    else:
        lock.symlink_to(desk.home / "nowhere")
    with pytest.raises(Refused) as err:
        open_desk(desk.home, program="second", exclusive=True)
    assert err.value.code == "lock_file_broken"
    assert str(lock) in err.value.zh and "删除" in err.value.zh and "delete" in err.value.en
    assert ("链接" if "link" in broken else "文件夹") in err.value.zh
    assert not (desk.home / "nowhere").exists() and Path("/dev/zero").exists()
