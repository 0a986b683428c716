"""A printable list of the next days' duty delegates, for the reminder calls."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from twdesk.reports.fonts import register_fonts

HEADERS = ("日期", "星期", "时间", "联络站", "坐班代表", "联系电话", "微信", "状态", "已提醒")


def draw_reminders(
    rows: list[tuple[str, ...]],
    out_path: Path,
    *,
    start: date,
    end: date,
    printed_on: date | None = None,
) -> int:
    """rows: (日期, 星期, 时间, 联络站, 坐班代表, 联系电话, 微信, 状态). Returns the row count."""
    font = register_fonts()
    title = ParagraphStyle("title", fontName=font, fontSize=16, leading=22, alignment=1)
    small = ParagraphStyle("small", fontName=font, fontSize=9, leading=12, alignment=1)
    doc = SimpleDocTemplate(
        str(out_path),
        pagesize=A4,
        leftMargin=12 * mm,
        rightMargin=12 * mm,
        topMargin=14 * mm,
        bottomMargin=14 * mm,
        title="坐班提醒名单",
        author="twdesk",
    )
    data = [list(HEADERS)] + [[*r, "□"] for r in rows]
    if not rows:
        data.append(["", "", "", "这段时间没有坐班安排", "", "", "", "", ""])
    table = Table(
        data,
        colWidths=[22 * mm, 11 * mm, 22 * mm, 36 * mm, 20 * mm, 26 * mm, 24 * mm, 14 * mm, 12 * mm],
        repeatRows=1,
    )
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), font, 9),
                ("BACKGROUND", (0, 0), (-1, 0), HexColor("#b3261e")),
                ("TEXTCOLOR", (0, 0), (-1, 0), HexColor("#ffffff")),
                ("GRID", (0, 0), (-1, -1), 0.4, HexColor("#999999")),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("ROWBACKGROUNDS", (0, 1), (-1, -1), [HexColor("#ffffff"), HexColor("#f6f6f6")]),
            ]
        )
    )
    printed = printed_on or date.today()
    doc.build(
        [
            Paragraph("团代表驻站坐班提醒名单", title),
            Paragraph(
                f"{start:%Y年%m月%d日} 至 {end:%Y年%m月%d日}　·　{printed:%Y年%m月%d日}打印", small
            ),
            Spacer(1, 6 * mm),
            table,
        ]
    )
    return len(rows)
