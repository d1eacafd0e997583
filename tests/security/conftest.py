"""Security tests: the key comes from the environment; key files go to a temp folder."""

from __future__ import annotations

import pytest

TEST_KEY = "5c" * 32


@pytest.fixture(autouse=True)
def _db_key(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> str:
    monkeypatch.setenv("RENTDESK_DB_KEY", TEST_KEY)
    monkeypatch.setenv("RENTDESK_KEY_DIR", str(tmp_path_factory.mktemp("keys")))
    return TEST_KEY
