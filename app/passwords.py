"""The password policy and the first-sign-in change (issue 12).

A policy a clerk can meet and an attacker cannot guess: at least 10 characters and a zxcvbn
score of 3 or more ("safely unguessable"), judged also against the account's own name and
the centre's, so `dongmen-admin` does not pass at 东门. zxcvbn is the maintained estimator
(common-password lists, keyboard walks, dates, l33t) instead of a hand-made list.

An account an admin creates starts with a password the admin knows, so its first sign-in
must set a new one (`must_change`): the flag lives in local_meta, beside the database it
guards, and clears only when the holder chooses a password of their own.
"""

from __future__ import annotations

from zxcvbn import zxcvbn

from app.errors import Refused

MIN_LENGTH = 10
MAX_LENGTH = 256  # argon2 copes, but a megabyte "password" is an attack, not a password
MIN_SCORE = 3


def check_policy(password: str, *context: str) -> None:
    """Refuse a weak password with what to do; `context` are words it must not lean on."""
    if len(password) > MAX_LENGTH:
        raise Refused("weak_password", f"密码过长（最多 {MAX_LENGTH} 个字符）。",
                      f"The password is too long (at most {MAX_LENGTH} characters).")
    if len(password.strip()) < MIN_LENGTH:
        raise Refused("weak_password", f"密码至少 {MIN_LENGTH} 个字符（不计首尾空格）。",
                      f"The password needs at least {MIN_LENGTH} characters (not counting "
                      "leading or trailing spaces).")
    result = zxcvbn(password, user_inputs=[c for c in context if c])
    if result["score"] < MIN_SCORE:
        hint = (result.get("feedback") or {}).get("warning") or "too easy to guess"
        raise Refused("weak_password",
                      "密码太容易被猜到（常用密码、键盘序列、日期或含用户名）。请用几个不相关的词加数字或符号，"
                      "例如“灯笼-采石场-57”的拼音组合。",
                      f"The password is too easy to guess ({hint}). Use several unrelated words "
                      "with digits or symbols.", score=result["score"])
