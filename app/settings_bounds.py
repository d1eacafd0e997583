"""Bounds on every numeric setting (issue 12): checked before anything is stored.

`retention set-years 1000000` was accepted and `retention run` then crashed on a date
overflow; each number a user can set now has its range, refused with the range named.
"""

from __future__ import annotations

from app.errors import Refused

# name: (minimum, maximum, what, 中文)
BOUNDS: dict[str, tuple[int, int, str, str]] = {
    "retention_years": (1, 30, "retention period in years", "保存年限（年）"),
    "demo_tenants": (1, 1_000_000, "number of demo tenants", "演示租户数"),
    "search_limit": (1, 500, "search page size", "查询条数"),
}


def check_int(name: str, value: object, low: int | None = None, high: int | None = None) -> int:
    lo, hi, en, zh = BOUNDS.get(name, (low or 0, high or 0, name, name))
    lo, hi = low if low is not None else lo, high if high is not None else hi
    if isinstance(value, bool) or not isinstance(value, int) or not lo <= value <= hi:
        raise Refused("out_of_range", f"{zh}应为 {lo}–{hi} 之间的整数（收到 {value!r}）。",
                      f"The {en} must be a whole number from {lo} to {hi} (got {value!r}).",
                      setting=name)
    return value
