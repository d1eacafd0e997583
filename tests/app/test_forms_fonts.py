"""The bundled font chain: which font draws what, and every file ships with its licence."""

from __future__ import annotations

from app.forms.text import ensure_fonts, fit_text, text_width, wrap
from app.printing.fonts import (
    CHAIN,
    FontChain,
    font_for_char,
    font_paths,
    split_runs,
    uncovered,
)


def test_every_character_a_name_needs_has_a_font():
    assert font_for_char("A").key == "DejaVuSans"
    assert font_for_char("7").key == "DejaVuSans"
    assert font_for_char("·").key == "DejaVuSans"  # 阿卜杜·买买提
    assert font_for_char("张").key == "DroidSansFallbackFull"
    assert font_for_char("䶮").key == "DroidSansFallbackFull"  # Extension A
    assert font_for_char("𠀀").key == "HanaMinBExtBE"           # Extension B
    assert font_for_char("\U0002B5AF").key == "HanaMinBExtBE"    # Extension C
    assert uncovered("张𠀀䶮 Li·A1") == []


def test_runs_split_where_the_font_changes_and_keep_every_character():
    runs = split_runs("张𠀀䶮 Li")
    assert [(spec.key, text) for spec, text in runs] == [
        ("DroidSansFallbackFull", "张"), ("HanaMinBExtBE", "𠀀"),
        ("DroidSansFallbackFull", "䶮 "), ("DejaVuSans", "Li")]


def test_a_character_no_font_has_is_kept_and_reported():
    chain = FontChain([("a", {ord("x")}), ("b", {ord("y")})])
    assert chain.runs("x\U00030000y") == [("a", "x\U00030000"), ("b", "y")]
    assert chain.uncovered("x\U00030000y") == ["\U00030000"]


def test_font_files_sit_beside_their_licences():
    for spec, path in zip(CHAIN, font_paths(), strict=True):
        assert path.is_file() and path.stat().st_size > 100_000
        assert spec.licence_path.is_file()
        assert path.read_bytes()[:4] == b"\x00\x01\x00\x00"  # TrueType outlines, not CFF


def test_wrap_breaks_long_text_into_lines_that_fit():
    ensure_fonts()
    lines = wrap("广东省深圳市罗湖区东门街道湘湖社区 Room 1203 44030319900512123X", 100, 10)
    assert len(lines) > 1
    assert all(text_width(line, 10) <= 100 + 1e-6 for line in lines)
    assert "".join(lines).replace(" ", "") == \
        "广东省深圳市罗湖区东门街道湘湖社区Room120344030319900512123X"


def test_fit_text_shrinks_what_cannot_wrap_into_a_low_box():
    from reportlab.pdfgen.canvas import Canvas

    from app.forms.text import Box

    c = Canvas("/dev/null")
    assert fit_text(c, "短", Box(0, 0, 100, 20), 10) == 10
    assert fit_text(c, "长" * 120, Box(0, 0, 100, 20), 10) < 10
