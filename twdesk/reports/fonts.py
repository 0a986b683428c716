"""The bundled Chinese font, registered once per process and embedded in every PDF.

LXGW WenKai (霞鹜文楷, SIL OFL 1.1) covers rare name characters such as 䶮 and 㛃; a PC's own
fonts never matter, so a printout looks the same everywhere.
"""

from __future__ import annotations

from functools import cache

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from twdesk.paths import font_path

FONT = "LXGWWenKai"


@cache
def register_fonts() -> str:
    pdfmetrics.registerFont(TTFont(FONT, str(font_path())))
    return FONT


def uncovered(text: str) -> set[str]:
    """Characters of `text` the bundled font has no glyph for (they would print as boxes)."""
    register_fonts()
    font = pdfmetrics.getFont(FONT)
    cmap = font.face.charToGlyph
    return {ch for ch in text if not ch.isspace() and ord(ch) not in cmap}


# --- interface for the dossier (issue 12); the per-character fallback fills these in ---------

BOLD = FONT  # headings: replaced by the bundled bold face


def markup(text: str) -> str:
    """``text`` as reportlab Paragraph markup: escaped, every character drawn by a font that
    has it (characters the bundled font lacks are switched to an embedded fallback font)."""
    from xml.sax.saxutils import escape

    register_fonts()
    return escape(text)
