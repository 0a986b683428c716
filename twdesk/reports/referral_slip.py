"""交办单: a referral slip per opinion item, with a tear-off reply part carrying the same number.

The visitor's phone is masked: the department replies to the station, which tells the young
person (反馈).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from twdesk.reports.fonts import register_fonts


@dataclass(frozen=True)
class SlipData:
    number: str
    station: str
    visit_date: date
    receiver: str
    visitor: str  # already masked (张某) or 匿名
    phone: str  # already masked
    category: str
    content: str
    department: str
    responsible: str
    assigned_on: date | None
    deadline: date | None


def _wrap(canvas: Canvas, text: str, font: str, size: float, width: float) -> list[str]:
    """Break Chinese text into lines that fit; never start a line with ，。、；：！？）"""
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        line = ""
        for ch in paragraph:
            if canvas.stringWidth(line + ch, font, size) > width and line:
                if ch in "，。、；：！？）》”":
                    line, ch = line[:-1], line[-1] + ch  # carry the last character down
                lines.append(line)
                line = ch
            else:
                line += ch
        lines.append(line)
    return lines


def draw_slips(slips: list[SlipData], out_path: Path, *, office: str = "") -> int:
    """One A4 page per item: the slip on top, the reply (回执) below a cut line."""
    font = register_fonts()
    width, height = A4
    canvas = Canvas(str(out_path), pagesize=A4, pageCompression=1)
    canvas.setTitle("意见建议交办单")
    canvas.setAuthor("twdesk")
    left, right = 20 * mm, width - 20 * mm
    for slip in slips:
        y = height - 22 * mm
        canvas.setFont(font, 18)
        canvas.setFillColor(HexColor("#b3261e"))
        canvas.drawCentredString(width / 2, y, "团代表联络站意见建议交办单")
        canvas.setFillColor(HexColor("#222222"))
        canvas.setFont(font, 10.5)
        y -= 10 * mm
        canvas.drawString(left, y, f"编号：{slip.number}")
        canvas.drawRightString(
            right,
            y,
            f"交办日期：{slip.assigned_on:%Y年%m月%d日}" if slip.assigned_on else "交办日期：",
        )
        y -= 4 * mm
        rows = [
            ("联络站", slip.station),
            ("来访日期", f"{slip.visit_date:%Y年%m月%d日}"),
            ("接待代表", slip.receiver or "—"),
            ("来访人", f"{slip.visitor}　{slip.phone}".strip()),
            ("类别", slip.category),
            ("意见建议", slip.content),
            ("承办部门", slip.department or "—"),
            ("责任人", slip.responsible or "—"),
            ("办理期限", f"{slip.deadline:%Y年%m月%d日}前办结并回复" if slip.deadline else "—"),
        ]
        label_w = 26 * mm
        for label, value in rows:
            lines = _wrap(canvas, value, font, 11, right - left - label_w - 4 * mm)
            box_h = max(9 * mm, (len(lines) * 6 + 3) * mm)
            canvas.setStrokeColor(HexColor("#888888"))
            canvas.rect(left, y - box_h, right - left, box_h)
            canvas.line(left + label_w, y, left + label_w, y - box_h)
            canvas.setFont(font, 11)
            canvas.drawString(left + 2 * mm, y - 6 * mm, label)
            for i, line in enumerate(lines):
                canvas.drawString(left + label_w + 2 * mm, y - 6 * mm - i * 6 * mm, line)
            y -= box_h
        y -= 8 * mm
        canvas.setFont(font, 10)
        canvas.drawString(left, y, f"交办单位（盖章）：{office}")
        canvas.drawRightString(right, y, "请承办部门按期办理，并将下方回执寄回或送回联络站。")
        # cut line
        y -= 12 * mm
        canvas.setDash(3, 3)
        canvas.line(left - 8 * mm, y, right + 8 * mm, y)
        canvas.setDash()
        canvas.setFont(font, 8.5)
        canvas.drawCentredString(width / 2, y + 1.5 * mm, "✂　沿此线剪开　✂")
        y -= 14 * mm
        canvas.setFont(font, 15)
        canvas.drawCentredString(width / 2, y, "意见建议办理回执")
        y -= 9 * mm
        canvas.setFont(font, 10.5)
        canvas.drawString(left, y, f"编号：{slip.number}")
        canvas.drawString(left + 60 * mm, y, f"联络站：{slip.station}")
        y -= 4 * mm
        for label, lines_count in (("办理结果", 5), ("承办人 / 电话", 1), ("办结日期", 1)):
            box_h = lines_count * 8 * mm + 2 * mm
            canvas.rect(left, y - box_h, right - left, box_h)
            canvas.line(left + label_w + 6 * mm, y, left + label_w + 6 * mm, y - box_h)
            canvas.setFont(font, 11)
            canvas.drawString(left + 2 * mm, y - 6 * mm, label)
            y -= box_h
        y -= 8 * mm
        canvas.drawString(left, y, "承办部门（盖章）：")
        canvas.drawRightString(right, y, "年　　月　　日")
        canvas.showPage()
    canvas.save()
    return len(slips)
