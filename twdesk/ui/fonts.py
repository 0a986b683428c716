"""Fonts: the bundled CJK font guarantees no character ever shows as a box."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from twdesk.paths import font_path

# Preferred UI fonts where installed; the bundled LXGW WenKai is the last resort that always
# has the glyphs (rare name characters such as 䶮 and 㛃 included).
PREFERRED_FAMILIES = (
    "Microsoft YaHei UI",
    "Microsoft YaHei",
    "PingFang SC",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
)


def install_fonts(app: QApplication) -> str:
    """Register the bundled font and set the application font; returns the bundled family."""
    bundled = ""
    font_id = QFontDatabase.addApplicationFont(str(font_path()))
    if font_id >= 0:
        bundled = QFontDatabase.applicationFontFamilies(font_id)[0]
    available = set(QFontDatabase.families())
    families = [f for f in PREFERRED_FAMILIES if f in available]
    if bundled:
        families.append(bundled)
    font = QFont(app.font())
    if families:
        font.setFamilies(families)
    font.setPointSize(max(font.pointSize(), 10))
    app.setFont(font)
    return bundled
