#!/usr/bin/env python3
"""Rebuild resources/fonts/TwdeskFallback{A,B}.ttf: the CJK characters LXGW WenKai lacks.

The sources are HanaMinA.ttf / HanaMinB.ttf of Debian's `fonts-hanazono` (花園明朝 20170904,
GlyphWiki Project; Hanazono Font License or SIL OFL 1.1):

    apt-get install fonts-hanazono
    python scripts/subset_fallback_fonts.py [--source-dir /usr/share/fonts/truetype/hanazono]

A keeps HanaMinA's glyphs for the BMP CJK blocks (Ext A, compatibility ideographs, radicals,
bopomofo, enclosed and full-width forms) and the Compatibility Ideographs Supplement; B keeps
HanaMinB's glyphs for CJK Extensions B–F (B leaves out nothing HanaMinA would add there, so A
skips them). In both, only code points the bundled regular font does not cover are kept.
The subsets are renamed (SIL OFL clause 3: a modified font may not keep the reserved names
"HanaMinA"/"HanaMinB"); the files, names and coverage are what twdesk/reports/fonts.py expects.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parent.parent
FONTS = ROOT / "resources" / "fonts"
REGULAR = FONTS / "LXGWWenKai-Regular.ttf"

BMP_CJK = (
    (0x2E80, 0x2FDF),  # CJK radicals supplement, Kangxi radicals
    (0x3000, 0x303F),  # CJK symbols and punctuation
    (0x3100, 0x312F),  # bopomofo
    (0x31A0, 0x31EF),  # bopomofo extended, CJK strokes
    (0x3200, 0x33FF),  # enclosed CJK letters, CJK compatibility
    (0x3400, 0x4DBF),  # CJK Extension A
    (0x4E00, 0x9FFF),  # CJK unified ideographs
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
    (0xFE30, 0xFE4F),  # CJK compatibility forms
    (0xFF00, 0xFFEF),  # half-width and full-width forms
    (0x2F800, 0x2FA1F),  # CJK compatibility ideographs supplement (HanaMinB has none)
)
EXT_B_TO_F = ((0x20000, 0x2EBEF),)  # CJK Extensions B, C, D, E, F

# (source file, output file, family name, ranges)
TARGETS = (
    ("HanaMinA.ttf", "TwdeskFallbackA.ttf", "TwdeskFallbackA", BMP_CJK),
    ("HanaMinB.ttf", "TwdeskFallbackB.ttf", "TwdeskFallbackB", EXT_B_TO_F),
)


def in_ranges(cp: int, ranges: tuple[tuple[int, int], ...]) -> bool:
    return any(lo <= cp <= hi for lo, hi in ranges)


def rename(font: TTFont, family: str, source: str) -> None:
    """New family/full/PostScript names; copyright and licence records are kept."""
    name = font["name"]
    values = {
        1: family,
        3: f"{family}:subset of {source} 20170904",
        4: family,
        6: family,
        16: family,
    }
    for record in list(name.names):
        if record.nameID in values or record.nameID in (17, 18):
            name.removeNames(nameID=record.nameID)
    for name_id, value in values.items():
        name.setName(value, name_id, 3, 1, 0x409)
        name.setName(value, name_id, 1, 0, 0)
    name.setName(
        "Subset of HanaMinA/HanaMinB (Hanazono Font, GlyphWiki Project) by "
        "scripts/subset_fallback_fonts.py; Hanazono Font License or SIL OFL 1.1",
        10,
        3,
        1,
        0x409,
    )


def build(source_dir: Path) -> None:
    regular = set(TTFont(REGULAR, lazy=True).getBestCmap())
    for source, out, family, ranges in TARGETS:
        font = TTFont(source_dir / source)
        wanted = sorted(
            cp for cp in font.getBestCmap() if cp not in regular and in_ranges(cp, ranges)
        )
        options = subset.Options()
        options.layout_features = []  # reportlab draws plain cmap glyphs, no OpenType layout
        options.hinting = False
        options.glyph_names = False
        options.notdef_outline = True
        options.name_IDs = ["*"]
        options.name_languages = ["*"]
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=wanted)
        subsetter.subset(font)
        rename(font, family, source)
        font.save(FONTS / out)
        size = (FONTS / out).stat().st_size
        print(f"{out}: {len(wanted)} code points from {source}, {size / 1e6:.1f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--source-dir", type=Path, default=Path("/usr/share/fonts/truetype/hanazono")
    )
    build(parser.parse_args().source_dir)


if __name__ == "__main__":
    main()
