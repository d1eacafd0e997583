"""Lists that run over pages: a header row repeated on every page, fixed-height rows."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from math import floor
from typing import TypeVar

from app.forms.layout import Cell, Grid

T = TypeVar("T")
HEAD_H, ROW_H = 10.0, 8.0


@dataclass(frozen=True)
class Column:
    title: str
    w: float                  # mm
    align: str = "left"
    size: float = 9


def head_row(g: Grid, columns: Sequence[Column]) -> None:
    g.row(HEAD_H, *(Cell(col.w, col.title, True, size=8.5) for col in columns))


def body_row(g: Grid, columns: Sequence[Column], values: Sequence[str]) -> None:
    g.row(ROW_H, *(Cell(col.w, text, size=col.size, align=col.align)
                   for col, text in zip(columns, values, strict=True)))


def rows_fitting(top: float, bottom: float) -> int:
    """How many body rows fit between `top` and `bottom` (mm) under one header row."""
    return max(0, floor((top - bottom - HEAD_H) / ROW_H + 1e-9))


def paginate(items: Sequence[T], first: int, other: int, last_room: int) -> list[list[T]]:
    """Split items into pages: `first` rows on page one, `other` on the rest; the final page
    keeps at most `last_room` rows so what follows the list (counts, signatures) fits there;
    if it would not, an empty last page carries only what follows."""
    pages: list[list[T]] = []
    rest = list(items)
    cap = first
    while True:
        pages.append(rest[:cap])
        rest = rest[cap:]
        if not rest:
            break
        cap = other
    if len(pages[-1]) > last_room:  # no room left under the list: the summary gets a page
        pages.append([])
    return pages
