"""Key handling: recovery key format, key file placement, env key checks."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from app.desk.key_refusal import key_refused
from db.keystore import (
    KeyUnavailable,
    database_key,
    format_recovery_key,
    keyref_path,
    parse_key_text,
)


def test_recovery_key_round_trip_and_typo():
    key = os.urandom(32)
    text = format_recovery_key(key)
    assert parse_key_text(text) == key
    assert parse_key_text(text.lower().replace("-", " ")) == key
    assert parse_key_text(key.hex()) == key
    typo = ("B" if text[0] != "B" else "C") + text[1:]
    with pytest.raises(ValueError):
        parse_key_text(typo)


def test_fallback_key_file_lives_outside_the_data_dir(tmp_path: Path, monkeypatch):
    monkeypatch.delenv("RENTDESK_DB_KEY")
    monkeypatch.setenv("RENTDESK_KEY_STORE", "file")
    db = tmp_path / "home" / "rentdesk.sqlite"
    db.parent.mkdir()
    info = database_key(db)
    assert info.source == "file" and info.weaker
    key_file = Path(os.environ["RENTDESK_KEY_DIR"]) / f"{info.key_id}.key"
    assert key_file.stat().st_mode & 0o077 == 0  # owner only
    ref = keyref_path(db).read_text()
    assert info.key.hex() not in ref  # the reference beside the data holds no secret
    assert database_key(db).key == info.key


def test_key_file_inside_the_data_dir_is_refused(tmp_path: Path, monkeypatch):
    monkeypatch.delenv("RENTDESK_DB_KEY")
    monkeypatch.setenv("RENTDESK_KEY_STORE", "file")
    monkeypatch.setenv("RENTDESK_KEY_DIR", str(tmp_path / "home" / "keys"))
    (tmp_path / "home").mkdir()
    with pytest.raises(KeyUnavailable) as err:
        database_key(tmp_path / "home" / "rentdesk.sqlite")
    assert err.value.code == "key_file_in_data_dir"
    said = key_refused(err.value)  # what the clerk reads: what is wrong and what to do
    assert "RENTDESK_KEY_DIR" in said.zh and "outside" in said.en


def test_missing_stored_key_says_how_to_recover(tmp_path: Path, monkeypatch):
    monkeypatch.delenv("RENTDESK_DB_KEY")
    monkeypatch.setenv("RENTDESK_KEY_STORE", "file")
    db = tmp_path / "home" / "rentdesk.sqlite"
    db.parent.mkdir()
    info = database_key(db)
    (Path(os.environ["RENTDESK_KEY_DIR"]) / f"{info.key_id}.key").unlink()
    with pytest.raises(KeyUnavailable) as err:
        database_key(db)
    assert err.value.code == "key_not_found"
    assert "恢复密钥" in key_refused(err.value).zh and "recovery key" in key_refused(err.value).en
    monkeypatch.setenv("RENTDESK_DB_KEY", format_recovery_key(info.key))
    assert database_key(db).key == info.key
