"""Keys (issue 12): the recovery key unwraps the database key instead of being it."""

from __future__ import annotations

from app.data.keys import data_key, recovery_key
from app.data.recovery import unwrap, wrap_path
from db.keystore import format_recovery_key


def test_recovery_key_is_not_the_database_key_but_unwraps_it(desk, admin):
    text = recovery_key(desk, admin)
    assert text != format_recovery_key(data_key(desk))
    assert data_key(desk).hex() not in wrap_path(desk.db_path).read_text()
    assert unwrap(text, desk.db_path) == data_key(desk)


def test_a_new_recovery_key_invalidates_the_old_one(desk, admin):
    old = recovery_key(desk, admin)
    new = recovery_key(desk, admin)
    assert unwrap(old, desk.db_path) is None
    assert unwrap(new, desk.db_path) == data_key(desk)


def test_mistyped_recovery_key_unwraps_nothing(desk, admin):
    text = recovery_key(desk, admin)
    # a mistake in the first character: the last one of the base32 text also carries padding
    # bits, so changing it could leave the key's bytes as they were
    assert unwrap(("A" if text[0] != "A" else "B") + text[1:], desk.db_path) is None
