"""The bundled Chinese fonts, registered once per process and embedded (subset) in every PDF.

LXGW WenKai (霞鹜文楷, SIL OFL 1.1) draws the text, its Bold face the headings; a PC's own
fonts never matter, so a printout looks the same everywhere. WenKai lacks most of CJK
Extension A and B (e.g. 𪚥 U+2A6A5), so `markup()` switches every character it lacks to an
embedded fallback: TwdeskFallbackA (BMP, a subset of HanaMinA) or TwdeskFallbackB (Extensions
B–F, a subset of HanaMinB); see resources/fonts/README.md. The fallbacks are loaded only when
a text needs them, and the common case (every character in WenKai) is one set check.
"""

from __future__ import annotations

import logging
import re
from functools import cache
from itertools import groupby
from xml.sax.saxutils import escape

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont

from twdesk.paths import font_path

FONT = "LXGWWenKai"
BOLD = "LXGWWenKai-Bold"  # headings
# (registered name, file): tried in this order for a character the regular font lacks
FALLBACKS = (
    ("TwdeskFallbackA", "TwdeskFallbackA.ttf"),
    ("TwdeskFallbackB", "TwdeskFallbackB.ttf"),
)

log = logging.getLogger(__name__)


_reportlab_to_unicode_cmap = ttfonts.makeToUnicodeCMap
_BEYOND_BMP = re.compile(r"<([0-9A-F]{5,6})>$", re.M)


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """reportlab's ToUnicode CMap with characters beyond the BMP written as UTF-16BE
    surrogate pairs, as PDF requires: reportlab writes <2A6A5>, which readers reject, so an
    Extension B name would not come out of the PDF as text."""
    return _BEYOND_BMP.sub(
        lambda m: f"<{chr(int(m[1], 16)).encode('utf-16-be').hex().upper()}>",
        _reportlab_to_unicode_cmap(fontname, subset),
    )


@cache
def register_fonts() -> str:
    """Register the regular and bold faces (once per process); the regular font's name."""
    ttfonts.makeToUnicodeCMap = _to_unicode_cmap
    pdfmetrics.registerFont(TTFont(FONT, str(font_path())))
    pdfmetrics.registerFont(TTFont(BOLD, str(font_path("LXGWWenKai-Bold.ttf"))))
    # <b> inside a Paragraph in the regular font draws with the real bold face
    addMapping(FONT, 0, 0, FONT)
    addMapping(FONT, 1, 0, BOLD)
    addMapping(FONT, 0, 1, FONT)
    addMapping(FONT, 1, 1, BOLD)
    return FONT


@cache
def _regular_chars() -> frozenset[str]:
    """Characters the regular (and bold: same cmap) face draws, plus whitespace."""
    register_fonts()
    cmap = pdfmetrics.getFont(FONT).face.charToGlyph
    spaces = (ch for ch in map(chr, range(0x3001)) if ch.isspace())
    return frozenset(map(chr, cmap)).union(spaces)


@cache
def _fallback(index: int) -> dict[int, int]:
    """Register fallback font `index` on first use; its code point → glyph map."""
    name, file = FALLBACKS[index]
    font = TTFont(name, str(font_path(file)))
    pdfmetrics.registerFont(font)
    return font.face.charToGlyph


_font_of: dict[str, str | None] = {}  # characters outside the regular font → fallback or None


def _font_for(ch: str) -> str | None:
    """The fallback font that draws `ch` (not in the regular font), None when none has it.
    Logs the choice once per character per process (the code point only)."""
    try:
        return _font_of[ch]
    except KeyError:
        pass
    cp = ord(ch)
    name = next((n for i, (n, _) in enumerate(FALLBACKS) if cp in _fallback(i)), None)
    if name:
        log.info("U+%04X drawn with fallback font %s", cp, name)
    else:
        log.warning("U+%04X: no bundled font has it; it prints as a box", cp)
    _font_of[ch] = name
    return name


def markup(text: str) -> str:
    """``text`` as reportlab Paragraph markup: XML-escaped, each maximal run of characters
    the regular font lacks wrapped in ``<font name="…">`` of the first fallback that has
    them. Characters no font has stay as they are (and are logged; see `uncovered`)."""
    regular = _regular_chars()
    if regular.issuperset(text):
        return escape(text)
    parts = []
    for font, run in groupby(text, lambda ch: None if ch in regular else _font_for(ch)):
        chunk = escape("".join(run))
        parts.append(f'<font name="{font}">{chunk}</font>' if font else chunk)
    return "".join(parts)


def fonts_for(text: str) -> dict[str, str]:
    """Each distinct non-space character of ``text`` → the font that draws it (the regular
    font's name or a fallback's). Characters no font has are left out: see `uncovered`."""
    regular = _regular_chars()
    found: dict[str, str] = {}
    for ch in set(text):
        if ch.isspace():
            continue
        font = FONT if ch in regular else _font_for(ch)
        if font:
            found[ch] = font
    return found


def uncovered(text: str) -> set[str]:
    """Characters of `text` no bundled font (regular or fallback) has a glyph for: they would
    print as boxes."""
    regular = _regular_chars()
    return {ch for ch in text if ch not in regular and _font_for(ch) is None}
