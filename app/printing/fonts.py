"""The bundled fonts and the per-character fallback chain (no Qt, no ReportLab).

No single redistributable TrueType font covers what names need: Latin and digits, the CJK
basic block, Extension A (e.g. 䶮 U+4DAE) and the supplementary planes (e.g. 𠀀 U+20000).
So every string is drawn as runs, each run in the first font of `CHAIN` that has a glyph
for its characters. The PDF forms (app/forms) and the GUI (QFontDatabase) load the same
files in the same order, so a name looks and falls back the same on screen and on paper.
Sources, licences and sizes: resources/fonts/SOURCES.md.
"""

from __future__ import annotations

from collections.abc import Callable, Container, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from resources import resource_path

__all__ = [
    "CHAIN",
    "FontChain",
    "FontSpec",
    "default_chain",
    "font_for_char",
    "font_paths",
    "split_runs",
    "uncovered",
]


@dataclass(frozen=True)
class FontSpec:
    key: str        # short, stable name; the ReportLab font name
    family: str     # the family name inside the file (what QFont asks for)
    filename: str   # in resources/fonts/
    licence: str    # licence file beside it
    covers: str     # what it is in the chain for
    # code points outside this range are surely not in the font: lets a slow-to-load font
    # be registered only when a character in its range actually turns up
    only: tuple[int, int] | None = None

    @property
    def path(self) -> Path:
        return resource_path("fonts", self.filename)

    @property
    def licence_path(self) -> Path:
        return resource_path("fonts", self.licence)


# Order matters: the first font with a glyph wins. DejaVu goes first because Droid Sans
# Fallback Full has no Latin letters or digits at all (only the space), and HanaMinB's
# subset holds nothing but the supplementary ideographs.
CHAIN: tuple[FontSpec, ...] = (
    FontSpec("DejaVuSans", "DejaVu Sans", "DejaVuSans.ttf", "DejaVuSans-LICENSE.txt",
             "Latin, digits, punctuation, ·, ✓"),
    FontSpec("DroidSansFallbackFull", "Droid Sans Fallback", "DroidSansFallbackFull.ttf",
             "DroidSansFallbackFull-LICENSE.txt",
             "CJK unified ideographs, Extension A, CJK punctuation, full-width forms"),
    FontSpec("HanaMinBExtBE", "Rentdesk Hanazono ExtB-E", "HanaMinB-ExtB-E.ttf",
             "HanaMinB-ExtB-E-LICENSE.txt", "CJK Extensions B, C, D, E (U+20000-U+2CEAF)",
             only=(0x20000, 0x2CEAF)),
)


def font_paths() -> list[Path]:
    """The font files in chain order, e.g. for QFontDatabase.addApplicationFont."""
    return [spec.path for spec in CHAIN]


class FontChain:
    """Which font of an ordered list covers a character; split text into same-font runs.

    `coverage` holds, per font key, anything that answers `ord(ch) in it` (a cmap dict or a
    set). The forms build one from ReportLab's parsed faces so the files are read only once.
    """

    def __init__(self, coverage: Sequence[tuple[str, Container[int]]]) -> None:
        if not coverage:
            raise ValueError("a font chain needs at least one font")
        self._coverage = list(coverage)
        self._memo: dict[str, str | None] = {}

    @property
    def keys(self) -> list[str]:
        return [key for key, _ in self._coverage]

    def font_for(self, ch: str) -> str | None:
        """The key of the first font that has a glyph for `ch`, or None when none has."""
        found = self._memo.get(ch, "")
        if found != "":
            return found
        code = ord(ch)
        result = next((key for key, cmap in self._coverage if code in cmap), None)
        self._memo[ch] = result
        return result

    def runs(self, text: str) -> list[tuple[str, str]]:
        """[(font key, substring), ...] covering `text` in order.

        A character no font has goes to the run it sits in (or the first font), where it
        shows as that font's empty box: visible, never silently dropped. Whitespace joins
        the run before it, so a space between two CJK words does not split a run needlessly.
        """
        out: list[tuple[str, str]] = []
        for ch in text:
            key = self.font_for(ch)
            if out and (key is None or (ch.isspace() and self._has(out[-1][0], ch))):
                key = out[-1][0]
            key = key or self.keys[0]
            if out and out[-1][0] == key:
                out[-1] = (key, out[-1][1] + ch)
            else:
                out.append((key, ch))
        return out

    def _has(self, key: str, ch: str) -> bool:
        return any(k == key and ord(ch) in cmap for k, cmap in self._coverage)

    def uncovered(self, text: str) -> list[str]:
        """The distinct characters of `text` that no font of the chain can draw."""
        seen: dict[str, None] = {}
        for ch in text:
            if not ch.isspace() and self.font_for(ch) is None:
                seen[ch] = None
        return list(seen)


class _LazyCmap:
    """A font's character set, read on first use; never read for a code point outside the
    font's `only` range (the Extension B-E file takes ~0.4 s to parse)."""

    def __init__(self, spec: FontSpec) -> None:
        self.spec = spec
        self._codes: frozenset[int] | None = None

    def __contains__(self, code: object) -> bool:
        only = self.spec.only
        if only and not (isinstance(code, int) and only[0] <= code <= only[1]):
            return False
        if self._codes is None:
            # ReportLab is a dependency anyway (fontTools is not declared): its parser
            # reads the same cmap the PDFs will use
            from reportlab.pdfbase.ttfonts import TTFontFace

            self._codes = frozenset(TTFontFace(str(self.spec.path)).charToGlyph)
        return code in self._codes


@lru_cache(maxsize=1)
def default_chain() -> FontChain:
    """The bundled chain; each font's coverage read when first needed."""
    return chain_from(CHAIN, _LazyCmap)


def chain_from(specs: Iterable[FontSpec],
               coverage_of: Callable[[FontSpec], Container[int]]) -> FontChain:
    return FontChain([(spec.key, coverage_of(spec)) for spec in specs])


def font_for_char(ch: str) -> FontSpec | None:
    """Which bundled font draws `ch` (None: no bundled font has it)."""
    key = default_chain().font_for(ch)
    return next((spec for spec in CHAIN if spec.key == key), None)


def split_runs(text: str) -> list[tuple[FontSpec, str]]:
    by_key = {spec.key: spec for spec in CHAIN}
    return [(by_key[key], part) for key, part in default_chain().runs(text)]


def uncovered(text: str) -> list[str]:
    return default_chain().uncovered(text)
