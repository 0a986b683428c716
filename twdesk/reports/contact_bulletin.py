"""The quarterly bulletin of 联系青年 (季度通报) as a PDF: landscape A4, one page per 40
contactors, the bundled font embedded, every page headed and footed with 第N页 共M页; then the
summary, the open days and the contactors behind, by name. Counts only: nothing about the young
people themselves."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Table,
    TableStyle,
)

from twdesk.core.youth_contacts import Bulletin, BulletinRow
from twdesk.reports.evaluation_sheets import _page_canvas
from twdesk.reports.fonts import markup, register_fonts

PER_PAGE = 40
RED = HexColor("#b3261e")
GREY = HexColor("#666666")
GRID = HexColor("#999999")
HEAD_BG = HexColor("#f3e5e3")
BEHIND_BG = HexColor("#fff2c2")
MARGIN = 12 * mm
ROW_HEIGHT = 11.6  # points: 40 rows and the header fill a landscape A4 page

HEADERS = (
    "序号",
    "姓名",
    "身份",
    "本季度联系\n青年（人）",
    "年度累计\n（人）",
    "本季度\n新增（人）",
    "覆盖领域\n（个）",
    "本季度联系\n记录（次）",
    "重复联系\n（人）",
    "下基层\n（周）",
    "开放日\n（次）",
    "满意度",
    "进度",
)
WIDTHS_MM = (12, 30, 18, 22, 20, 20, 18, 22, 18, 18, 16, 18, 20)


def _row(number: int, r: BulletinRow, name_style: ParagraphStyle) -> list[Any]:
    return [
        str(number),
        Paragraph(markup(r.name), name_style),
        r.role,
        str(r.distinct_quarter),
        str(r.distinct_year),
        str(r.new_quarter),
        str(r.fields_year),
        str(r.log_entries_quarter),
        str(r.repeated_year),
        r.grassroots,
        str(r.open_days),
        r.satisfaction,
        "达到进度" if r.met else "滞后",
    ]


def _table(rows: list[tuple[int, BulletinRow]], font: str) -> Table:
    name_style = ParagraphStyle("n", fontName=font, fontSize=8, leading=9, alignment=1)
    data: list[list[Any]] = [list(HEADERS)]
    style: list[Any] = [
        ("FONT", (0, 0), (-1, -1), font, 8),
        ("FONTSIZE", (0, 0), (-1, 0), 7),
        ("LEADING", (0, 0), (-1, 0), 8),
        ("ALIGN", (0, 0), (-1, -1), "CENTER"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("BACKGROUND", (0, 0), (-1, 0), HEAD_BG),
        ("GRID", (0, 0), (-1, -1), 0.4, GRID),
        ("TOPPADDING", (0, 0), (-1, -1), 0.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
    ]
    for i, (number, r) in enumerate(rows, 1):
        data.append(_row(number, r, name_style))
        if not r.met:
            style.append(("BACKGROUND", (-1, i), (-1, i), BEHIND_BG))
            style.append(("TEXTCOLOR", (-1, i), (-1, i), RED))
    if not rows:
        data.append(["无", *[""] * (len(HEADERS) - 1)])
        style.append(("SPAN", (0, 1), (-1, 1)))
    table = Table(
        data,
        colWidths=[w * mm for w in WIDTHS_MM],
        rowHeights=[22, *[ROW_HEIGHT] * (len(data) - 1)],
    )
    table.setStyle(TableStyle(style))
    return table


def bulletin_flowables(data: Bulletin) -> list[Flowable]:
    font = register_fonts()
    body = ParagraphStyle(
        "b", fontName=font, fontSize=10.5, leading=17, firstLineIndent=21, wordWrap="CJK"
    )
    head = ParagraphStyle("h", fontName=font, fontSize=12, leading=18, spaceBefore=6)
    numbered = list(enumerate(data.rows, 1))
    story: list[Flowable] = []
    pages = [numbered[i : i + PER_PAGE] for i in range(0, len(numbered), PER_PAGE)] or [[]]
    for chunk in pages:
        story.append(_table(chunk, font))
        story.append(PageBreak())
    story.append(Paragraph("一、总体情况", head))
    story.append(Paragraph(markup(data.sentence()), body))
    story.append(
        Paragraph(
            markup(
                f"年度目标为联系不同领域青年不少于 {data.target} 人，"
                f"截至本季度末的进度目标为 {data.progress_target} 人；"
                "“年度累计”按人数计，同一青年多次联系只计一次；"
                "“下基层”为每周至少一个工作日深入基层的周数 / 应到周数（节假日整周不计）。"
            ),
            body,
        )
    )
    story.append(Paragraph("二、专题开放日", head))
    quarters = "；".join(
        f"第{q}季度{'已达标' if ok else '未达标'}"
        for q, ok in sorted(data.open_days.items())
        if q <= data.quarter
    )
    story.append(Paragraph(markup(f"每季度至少一次、每次不少于 50 名青年：{quarters}。"), body))
    for line in data.open_day_lines:
        story.append(Paragraph(markup(line), body))
    story.append(Paragraph("三、进度滞后的联系人", head))
    behind = "、".join(data.behind) if data.behind else "无"
    story.append(Paragraph(markup(f"{behind}。请以上同志加快进度，确保完成全年目标。"), body))
    return story


def draw_bulletin(data: Bulletin, out_path: Path, *, printed_on: date | None = None) -> None:
    font = register_fonts()
    pagesize = landscape(A4)
    page_w, page_h = pagesize
    printed = printed_on or date.today()
    subtitle = (
        f"{data.office}　统计期间：{data.period}" if data.office else f"统计期间：{data.period}"
    )

    def header(canvas: Canvas, _doc: Any) -> None:
        canvas.saveState()
        canvas.setFillColor(RED)
        canvas.rect(0, page_h - 4 * mm, page_w, 4 * mm, stroke=0, fill=1)
        canvas.setFont(font, 13)
        canvas.setFillColor(HexColor("#222222"))
        canvas.drawCentredString(page_w / 2, page_h - 11 * mm, data.title)
        canvas.setFont(font, 8.5)
        canvas.setFillColor(GREY)
        canvas.drawCentredString(page_w / 2, page_h - 15.5 * mm, subtitle)
        canvas.restoreState()

    def footer(canvas: Canvas, page: int, pages: int) -> None:
        canvas.saveState()
        canvas.setFont(font, 8.5)
        canvas.setFillColor(GREY)
        canvas.drawString(MARGIN, 6 * mm, f"{printed:%Y年%m月%d日}印发")
        canvas.drawCentredString(page_w / 2, 6 * mm, f"第{page}页 共{pages}页")
        canvas.drawRightString(page_w - MARGIN, 6 * mm, "twdesk")
        canvas.restoreState()

    doc = SimpleDocTemplate(
        str(out_path),
        pagesize=pagesize,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=18 * mm,
        bottomMargin=10 * mm,
        title=data.title,
        author="twdesk",
        subject="直接联系青年季度通报",
        initialFontName=font,
    )
    doc.build(
        bulletin_flowables(data),
        onFirstPage=header,
        onLaterPages=header,
        canvasmaker=_page_canvas(footer),
    )
