"""The bundled fonts: every character of a rare name is drawn by an embedded font, headings in
the real bold face, and markup() escapes and switches fonts per character."""

from __future__ import annotations

import io
import logging
import re
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from pypdf import PdfReader
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, SimpleDocTemplate

from twdesk.core.visit_stats import Stats
from twdesk.reports import fonts
from twdesk.reports.fonts import BOLD, FONT, fonts_for, markup, register_fonts, uncovered
from twdesk.reports.visit_summary import draw_summary

# 䶮 㛃 𠀾 are in LXGW WenKai; 𪚥 (U+2A6A5, Ext B) is only in fallback B, 㐀 (U+3400, Ext A)
# only in fallback A
NAMES = ["曾䶮", "王㛃", "李𠀾", "张𪚥", "刘㐀"]
FALLBACK_A, FALLBACK_B = (name for name, _ in fonts.FALLBACKS)


def build_pdf(path: Path, heading: str, body: str) -> None:
    font = register_fonts()
    SimpleDocTemplate(str(path)).build(
        [
            Paragraph(markup(heading), ParagraphStyle("h", fontName=BOLD, fontSize=20, leading=28)),
            Paragraph(markup(body), ParagraphStyle("b", fontName=font, fontSize=14, leading=20)),
        ]
    )


def to_unicode(cmap: bytes) -> dict[int, str]:
    """A ToUnicode CMap's bfchar entries: character code → text (UTF-16BE)."""
    pairs = re.findall(rb"<([0-9A-Fa-f]{2})>\s*<([0-9A-Fa-f]+)>", cmap.split(b"beginbfchar")[1])
    return {int(code, 16): bytes.fromhex(text.decode()).decode("utf-16-be") for code, text in pairs}


def embedded_glyphs(pdf: Path) -> dict[str, set[str]]:
    """Embedded font (BaseFont without the subset tag) → the characters it really draws: each
    character's code (from /ToUnicode) must be in the embedded TrueType program's own cmap
    (read with fontTools) and map to a glyph with outlines. (reportlab puts the printable ASCII
    range in every subset, so only non-ASCII characters say which font drew them.)"""
    drawn: dict[str, set[str]] = {}
    for page in PdfReader(pdf).pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            if "/FontDescriptor" not in font:
                continue  # a standard PDF font (reportlab's Helvetica default): not embedded
            program = font["/FontDescriptor"]["/FontFile2"].get_object().get_data()
            tt = TTFont(io.BytesIO(program))
            codes = {}
            for table in tt["cmap"].tables:
                codes.update(table.cmap)
            glyf = tt["glyf"]
            name = str(font["/BaseFont"]).split("+", 1)[1]
            for code, text in to_unicode(font["/ToUnicode"].get_object().get_data()).items():
                glyph = codes.get(code)
                if glyph and text != "\0" and glyf[glyph].numberOfContours != 0:
                    drawn.setdefault(name, set()).add(text)
    return drawn


def test_every_character_of_rare_names_is_drawn_by_an_embedded_font(tmp_path: Path) -> None:
    pdf = tmp_path / "names.pdf"
    build_pdf(pdf, "团代表履职档案 曾䶮", "，".join(NAMES) + " plain text 2024")

    drawn = embedded_glyphs(pdf)
    assert set(drawn) == {"LXGWWenKai-Bold", "LXGWWenKai-Regular", FALLBACK_A, FALLBACK_B}
    for ch in "".join(NAMES) + "plaintext2024":
        assert any(ch in chars for chars in drawn.values()), f"U+{ord(ch):04X} not embedded"
    assert "𪚥" in drawn[FALLBACK_B]
    assert "㐀" in drawn[FALLBACK_A]
    assert set("团代表履职档案曾䶮") <= drawn["LXGWWenKai-Bold"]
    # and the text comes back out, Extension B included, in reading order
    text = PdfReader(pdf).pages[0].extract_text()
    assert "团代表履职档案 曾䶮" in text
    assert "，".join(NAMES) + " plain text 2024" in text


def test_bold_is_the_real_bold_face_and_embedded_only_when_used(tmp_path: Path) -> None:
    register_fonts()
    from reportlab.pdfbase import pdfmetrics

    bold = pdfmetrics.getFont(BOLD)
    assert BOLD != FONT
    assert Path(bold.face.filename).name == "LXGWWenKai-Bold.ttf"
    assert TTFont(bold.face.filename, lazy=True)["OS/2"].usWeightClass == 700

    plain = tmp_path / "plain.pdf"
    SimpleDocTemplate(str(plain)).build(
        [Paragraph(markup("只有正文"), ParagraphStyle("b", fontName=FONT))]
    )
    assert set(embedded_glyphs(plain)) == {"LXGWWenKai-Regular"}
    # <b> in regular text switches to the bold face too
    tagged = tmp_path / "tagged.pdf"
    SimpleDocTemplate(str(tagged)).build(
        [Paragraph(f"<b>{markup('加粗')}</b>{markup('正文')}", ParagraphStyle("b", fontName=FONT))]
    )
    drawn = embedded_glyphs(tagged)
    assert set("加粗") <= drawn["LXGWWenKai-Bold"]
    assert "正" not in drawn["LXGWWenKai-Bold"]
    assert set("正文") <= drawn["LXGWWenKai-Regular"]


def test_markup_leaves_covered_text_alone_and_escapes() -> None:
    assert markup("曾䶮 王㛃 李𠀾 Zhang San 2024") == "曾䶮 王㛃 李𠀾 Zhang San 2024"
    assert markup("A&B <c> 'd' \"e\"") == "A&amp;B &lt;c&gt; 'd' \"e\""
    assert markup("") == ""


def test_markup_wraps_each_run_in_the_first_fallback_that_has_it() -> None:
    assert markup("张𪚥𪚥&㐀<") == (
        f'张<font name="{FALLBACK_B}">𪚥𪚥</font>&amp;<font name="{FALLBACK_A}">㐀</font>&lt;'
    )
    # a run spans consecutive characters of the same fallback, not a space between them
    assert markup("㐀㐀 㐀") == (
        f'<font name="{FALLBACK_A}">㐀㐀</font> <font name="{FALLBACK_A}">㐀</font>'
    )


def test_characters_no_font_has_stay_and_are_reported_once(
    caplog: pytest.LogCaptureFixture,
) -> None:
    private = "\ue123"  # private use: in no font
    caplog.set_level(logging.INFO, logger="twdesk.reports.fonts")
    assert markup(f"王{private}&") == f"王{private}&amp;"
    assert markup(private) == private
    assert uncovered(f"王{private} 𪚥 㐀") == {private}
    assert [r.getMessage() for r in caplog.records if "U+E123" in r.getMessage()] == [
        "U+E123: no bundled font has it; it prints as a box"
    ]


def test_fonts_for_names_the_font_of_each_character(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="twdesk.reports.fonts")
    fonts._font_of.pop("𪚥", None)  # as in a fresh process: the choice is logged once
    assert fonts_for("王㛃 𪚥㐀\ue124") == {
        "王": FONT,
        "㛃": FONT,
        "𪚥": FALLBACK_B,
        "㐀": FALLBACK_A,
    }
    markup("𪚥" * 3)
    logged = [r.getMessage() for r in caplog.records if "U+2A6A5" in r.getMessage()]
    assert logged == [f"U+2A6A5 drawn with fallback font {FALLBACK_B}"]


def test_uncovered_counts_the_fallbacks() -> None:
    assert uncovered("".join(NAMES) + "\U0002f800 ，。") == set()


def test_existing_reports_draw_rare_names_with_the_fallback(tmp_path: Path) -> None:
    pdf = tmp_path / "summary.pdf"
    draw_summary(Stats(), pdf, title="张𪚥 & 刘㐀联络站来访统计", period="2024年")
    drawn = embedded_glyphs(pdf)
    assert "𪚥" in drawn[FALLBACK_B]
    assert "㐀" in drawn[FALLBACK_A]
    assert "张𪚥 & 刘㐀联络站来访统计" in PdfReader(pdf).pages[0].extract_text()
