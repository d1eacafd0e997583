"""Text on a ReportLab canvas: font registration, per-character fallback, fitting into boxes.

Every piece of text on every form goes through `fit_text`, so no value can overflow its box:
it wraps, then shrinks, and never drops a character (a name or address cut short on a
statutory form is worse than small print).
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass

from reportlab import rl_config
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from app.printing.fonts import CHAIN, FontChain, FontSpec

MIN_SIZE = 3.0      # pt; below this a value is unreadable, but still complete and extractable
LEADING = 1.25      # line pitch / font size; >1.2 keeps each line's glyph boxes apart
BASELINE = 0.30     # baseline sits this many sizes below a line's centre (em box -0.24..0.77)

_lock = threading.RLock()
_chain: FontChain | None = None
_width_cache: dict[tuple[str, str], float] = {}


def _utf16_hex(code: int) -> str:
    return chr(code).encode("utf-16-be").hex().upper()


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    # ReportLab 5.1 writes a character beyond the BMP as <20000>, which is no UTF-16 code and
    # makes pypdf/pdfplumber lose 𠀀 and its neighbours. The PDF spec wants UTF-16BE, i.e. a
    # surrogate pair <D840DC00>. Same CMap otherwise.
    lines = [
        "/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
        "/CIDSystemInfo", f"<< /Registry ({fontname})", f"/Ordering ({fontname})",
        "/Supplement 0", ">> def", f"/CMapName /{fontname} def", "/CMapType 2 def",
        "1 begincodespacerange", f"<00> <{len(subset) - 1:02X}>", "endcodespacerange",
        f"{len(subset)} beginbfchar",
        *(f"<{i:02X}> <{_utf16_hex(v)}>" for i, v in enumerate(subset)),
        "endbfchar", "endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end",
    ]
    return "\n".join(lines)


class _Face:
    """A chain font's coverage for FontChain, registered with ReportLab on first real need.

    The Extension B-E font takes ~0.4 s to parse (52,845 glyphs) and most forms never need
    it, so it is loaded only when a character in its range is asked for."""

    def __init__(self, spec: FontSpec) -> None:
        self.spec = spec
        self._cmap: dict[int, int] | None = None

    def load(self) -> dict[int, int]:
        with _lock:
            if self._cmap is None:
                font = TTFont(self.spec.key, str(self.spec.path))
                pdfmetrics.registerFont(font)
                self._cmap = font.face.charToGlyph
            return self._cmap

    def __contains__(self, code: object) -> bool:
        only = self.spec.only
        if only and not (isinstance(code, int) and only[0] <= code <= only[1]):
            return False
        return code in (self._cmap if self._cmap is not None else self.load())


def ensure_fonts() -> FontChain:
    """Register the bundled chain with ReportLab once per process (~160 ms; the Ext B-E
    font later, when first needed) and return it."""
    global _chain
    with _lock:
        if _chain is not None:
            return _chain
        # The JPEG photo and the font files would otherwise go through ReportLab's pure-Python
        # ASCII85 encoder (~25 ms a photo). Binary streams are valid PDF and 20% smaller.
        rl_config.useA85 = 0
        ttfonts.makeToUnicodeCMap = _to_unicode_cmap  # see _to_unicode_cmap
        faces = [_Face(spec) for spec in CHAIN]
        for face in faces:
            if face.spec.only is None:
                face.load()
        _chain = FontChain([(face.spec.key, face) for face in faces])
        return _chain


def char_width(ch: str, key: str) -> float:
    """Advance width of `ch` at 1 pt."""
    w = _width_cache.get((ch, key))
    if w is None:
        w = _width_cache[(ch, key)] = pdfmetrics.stringWidth(ch, key, 1000) / 1000
    return w


def text_width(text: str, size: float) -> float:
    chain = ensure_fonts()
    return sum(char_width(ch, key) for key, part in chain.runs(text) for ch in part) * size


def draw_runs(c: Canvas, x: float, y: float, text: str, size: float, bold: bool = False) -> None:
    """Draw one line at baseline (x, y), switching font wherever the chain says."""
    t = c.beginText(x, y)
    if bold:  # fake bold: fill and stroke the outlines; the CJK fonts have no bold face
        t.setTextRenderMode(2)
    for key, part in ensure_fonts().runs(text):
        t.setFont(key, size)
        t.textOut(part)
    if bold:
        t.setTextRenderMode(0)
    c.drawText(t)


# Break opportunities: a run of Latin letters/digits (kept whole when it fits a line), any
# other single character; closing punctuation sticks to what it closes.
_TOKEN = re.compile(r"[A-Za-z0-9_.@\-+#/*]+\s*|\s+|.[，。、；：？！）」』》〉”’,.;:!?)\]]*", re.S)


def wrap(text: str, width: float, size: float) -> list[str]:
    lines: list[str] = []
    line, line_w = "", 0.0
    for token in _TOKEN.findall(text):
        tw = text_width(token, size)
        if line and line_w + tw > width:
            lines.append(line.rstrip())
            line, line_w = "", 0.0
            token = token.lstrip()
            tw = text_width(token, size)
        if tw > width:  # a token wider than a whole line: break it anywhere
            for ch in token:
                cw = text_width(ch, size)
                if line and line_w + cw > width:
                    lines.append(line)
                    line, line_w = "", 0.0
                line, line_w = line + ch, line_w + cw
            continue
        line, line_w = line + token, line_w + tw
    if line.strip() or not lines:
        lines.append(line.rstrip())
    return lines


@dataclass(frozen=True)
class Box:
    """A rectangle in points, (x, y) its lower-left corner as ReportLab counts."""

    x: float
    y: float
    w: float
    h: float


def fit_text(c: Canvas, text: str, box: Box, size: float = 10, *, align: str = "left",
             pad: float = 4.0, bold: bool = False, max_lines: int | None = None) -> float:
    """Draw `text` inside `box`: at `size` if it fits, else wrapped, else smaller. Returns the
    size used. Vertically centred; `align` is left, center or right; `pad` in points."""
    # line breaks in the data become spaces; runs of spaces stay (blank forms use them)
    text = re.sub(r"[\r\n\t\v\f]+", " ", text or "").strip()
    if not text:
        return size
    inner_w = max(box.w - 2 * pad, 1.0)
    inner_h = max(box.h - 2 * min(pad, box.h * 0.1), 1.0)
    s = size
    while True:
        lines = wrap(text, inner_w, s)
        fits = len(lines) * s * LEADING <= inner_h or (len(lines) == 1 and s * 1.05 <= inner_h)
        if (fits and (max_lines is None or len(lines) <= max_lines)) or s <= MIN_SIZE:
            break
        s = max(MIN_SIZE, s - 0.5 if s > 6 else s - 0.25)
    pitch = s * LEADING if len(lines) > 1 else min(s * LEADING, inner_h)
    centre = box.y + box.h / 2 + (len(lines) - 1) * pitch / 2
    if bold:
        c.saveState()
        c.setLineWidth(s * 0.035)
    for i, line in enumerate(lines):
        w = text_width(line, s)
        if align == "center":
            x = box.x + (box.w - w) / 2
        elif align == "right":
            x = box.x + box.w - pad - w
        else:
            x = box.x + pad
        draw_runs(c, x, centre - i * pitch - BASELINE * s, line, s, bold)
    if bold:
        c.restoreState()
    return s
