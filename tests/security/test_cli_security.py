"""The security commands end to end, in-process (`rentdesk backup/restore/retention/security`)."""

from __future__ import annotations

import json
import os
from pathlib import Path

from app.cli import main
from app.desk import clock
from db.keystore import parse_key_text


def _run(capsys, *argv: str) -> tuple[int, list[dict], str]:
    code = main(list(argv))
    out = capsys.readouterr()
    lines = [json.loads(x) for x in out.out.splitlines() if x.startswith("{")]
    return code, lines, out.out + out.err


def test_backup_restore_retention_status(tmp_path: Path, capsys, monkeypatch):
    home = str(tmp_path / "home")
    monkeypatch.setenv("RENTDESK_PASSWORD", "correct horse")
    assert _run(capsys, "--home", home, "init", "--center-code", "LH01", "--center-name", "东门",
                "--admin", "admin", "--induction-date", clock.today().isoformat())[0] == 0
    code, out, _ = _run(capsys, "--home", home, "backup", "--as", "admin")
    assert code == 0 and Path(out[0]["backup"]).exists()
    code, out, _ = _run(capsys, "--home", home, "restore", out[0]["backup"], "--as", "admin")
    assert code == 0 and out[0]["key"] == "current"
    code, out, _ = _run(capsys, "--home", home, "security", "status")
    assert code == 0 and out[0]["source"] == "env" and out[0]["restored_at"]
    code, out, _ = _run(capsys, "--home", home, "retention", "run", "--dry-run", "--as", "admin")
    assert code == 0 and out[0]["anonymised"] == 0 and out[0]["years"] == 3
    code, _, text = _run(capsys, "--home", home, "security", "recovery-key", "--as", "admin")
    assert code == 0
    # issue 12: the recovery key unwraps the database key; it is not the key itself
    assert parse_key_text(text.splitlines()[0]).hex() != "5c" * 32


def test_restore_of_a_non_backup_is_refused(tmp_path: Path, capsys, monkeypatch):
    home = str(tmp_path / "home")
    monkeypatch.setenv("RENTDESK_PASSWORD", "correct horse")
    _run(capsys, "--home", home, "init", "--center-code", "LH01", "--center-name", "东门",
         "--admin", "admin")
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"not a database" * 100)
    code, _, text = _run(capsys, "--home", home, "restore", str(junk), "--as", "admin")
    assert code == 1 and "恢复失败" in text


def test_adopt_key_after_the_key_was_lost(tmp_path: Path, capsys, monkeypatch):
    from db.keystore import format_recovery_key

    home = tmp_path / "home"
    monkeypatch.setenv("RENTDESK_PASSWORD", "correct horse")
    monkeypatch.delenv("RENTDESK_DB_KEY")
    monkeypatch.setenv("RENTDESK_KEY_STORE", "file")
    _run(capsys, "--home", str(home), "init", "--center-code", "LH01", "--center-name", "东门",
         "--admin", "admin")
    code, _, text = _run(capsys, "--home", str(home), "security", "recovery-key", "--as", "admin")
    rkey = text.splitlines()[0]
    for key_file in Path(os.environ["RENTDESK_KEY_DIR"]).glob("*.key"):
        key_file.unlink()  # the PC lost its key store
    monkeypatch.setenv("RENTDESK_RECOVERY_KEY", rkey)
    code, out, _ = _run(capsys, "--home", str(home), "security", "adopt-key")
    assert code == 0 and out[0]["stored_in"] == "file"
    assert _run(capsys, "--home", str(home), "security", "status")[0] == 0
    assert format_recovery_key(parse_key_text(rkey)) == rkey
