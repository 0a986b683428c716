"""Station assessment PDFs: the ranked county table, the rectification ledger (per station)
and the one-page county summary with its charts. Bundled font embedded, every page footed
with 第N页 共M页. Plain data in."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from twdesk.core.home_view import Chart, CountySummary
from twdesk.reports.contact_bulletin import _page_canvas
from twdesk.reports.fonts import markup, register_fonts

if TYPE_CHECKING:
    from twdesk.services.rectification import RectLedger
    from twdesk.services.station_assessment import AssessmentTable

RED = HexColor("#b3261e")
GREY = HexColor("#666666")
GRID = HexColor("#999999")
HEAD_BG = HexColor("#f3e5e3")
MARGIN = 12 * mm


def _build(
    out_path: Path,
    story: list[Flowable],
    title: str,
    subtitle: str,
    *,
    pagesize: tuple[float, float],
    printed_on: date | None = None,
) -> None:
    font = register_fonts()
    page_w, page_h = pagesize
    printed = printed_on or date.today()

    def header(canvas: Canvas, _doc: Any) -> None:
        canvas.saveState()
        canvas.setFillColor(RED)
        canvas.rect(0, page_h - 4 * mm, page_w, 4 * mm, stroke=0, fill=1)
        canvas.setFont(font, 13)
        canvas.setFillColor(HexColor("#222222"))
        canvas.drawCentredString(page_w / 2, page_h - 11 * mm, title)
        if subtitle:
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
        topMargin=20 * mm,
        bottomMargin=12 * mm,
        title=title,
        author="twdesk",
    )
    canvas_maker: Callable[..., Canvas] = _page_canvas(footer)
    doc.build(story, onFirstPage=header, onLaterPages=header, canvasmaker=canvas_maker)


def _table(data: list[list[Any]], widths: list[float], font: str, extra: list[Any]) -> Table:
    table = Table(data, colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), font, 8.5),
                ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("BACKGROUND", (0, 0), (-1, 0), HEAD_BG),
                ("GRID", (0, 0), (-1, -1), 0.4, GRID),
                *extra,
            ]
        )
    )
    return table


def draw_assessment(
    data: AssessmentTable, out_path: Path, *, printed_on: date | None = None
) -> None:
    font = register_fonts()
    cell = ParagraphStyle("c", fontName=font, fontSize=8, leading=10, alignment=1, wordWrap="CJK")
    body = ParagraphStyle("b", fontName=font, fontSize=9, leading=14, wordWrap="CJK")
    pagesize = landscape(A4)
    usable = pagesize[0] - 2 * MARGIN
    n = len(data.items)
    fixed = [12 * mm, 45 * mm]
    tail = [16 * mm, 16 * mm]
    each = (usable - sum(fixed) - sum(tail)) / max(n, 1)
    head = [
        "名次",
        "联络站",
        *[Paragraph(markup(f"{name}<br/>（{pts}分）"), cell) for name, pts in data.items],
        "总分",
        "等次",
    ]
    rows: list[list[Any]] = [head]
    extra: list[Any] = []
    for i, values in enumerate(data.rows, 1):
        rows.append([values[0], Paragraph(markup(values[1]), cell), *values[2:]])
        if values[-1] == data.grades[-1][0]:
            extra.append(("TEXTCOLOR", (-1, i), (-1, i), RED))
    if not data.rows:
        rows.append(["无", *[""] * (len(head) - 1)])
    story: list[Flowable] = [_table(rows, [*fixed, *[each] * n, *tail], font, extra)]
    story.append(Spacer(1, 4 * mm))
    story.append(Paragraph("计分方式：", body))
    for line in data.measures:
        story.append(Paragraph(markup(line), body))
    story.append(
        Paragraph(markup("等次：" + "；".join(f"{g} {rule}" for g, rule in data.grades)), body)
    )
    _build(out_path, story, data.title, data.office, pagesize=pagesize, printed_on=printed_on)


def draw_rectification(data: RectLedger, out_path: Path) -> None:
    font = register_fonts()
    cell = ParagraphStyle("c", fontName=font, fontSize=8, leading=10, wordWrap="CJK")
    pagesize = landscape(A4)
    head = [
        "序号",
        "联络站",
        "考评项目",
        "问题描述",
        "发现日期",
        "整改期限",
        "责任人",
        "跟进情况",
        "完成日期",
        "状态",
    ]
    widths_mm = [10, 30, 24, 56, 18, 18, 16, 56, 18, 14]
    rows: list[list[Any]] = [head]
    extra: list[Any] = [("ALIGN", (3, 1), (3, -1), "LEFT"), ("ALIGN", (7, 1), (7, -1), "LEFT")]
    for i, r in enumerate(data.rows, 1):
        rows.append(
            [
                str(i),
                Paragraph(markup(r.station), cell),
                Paragraph(markup(r.item), cell),
                Paragraph(markup(r.description), cell),
                f"{r.found_on:%Y-%m-%d}",
                f"{r.deadline:%Y-%m-%d}" if r.deadline else "",
                Paragraph(markup(r.responsible), cell),
                Paragraph(markup(r.follow_up.replace("\n", "<br/>")), cell),
                f"{r.closed_on:%Y-%m-%d}" if r.closed_on else "",
                r.state,
            ]
        )
        if r.overdue:
            extra.append(("TEXTCOLOR", (-1, i), (-1, i), RED))
    if not data.rows:
        rows.append(["无", *[""] * (len(head) - 1)])
    table = _table(rows, [w * mm for w in widths_mm], font, extra)
    _build(
        out_path,
        [table],
        data.title,
        data.office,
        pagesize=pagesize,
        printed_on=data.printed_on,
    )


class _BarChart(Flowable):
    """A small bar chart: the title, bars with their values, labels below."""

    def __init__(self, chart: Chart, width: float, height: float, font: str) -> None:
        super().__init__()
        self.chart, self.width, self.height, self.font = chart, width, height, font

    def draw(self) -> None:
        c = self.canv
        c.setFont(self.font, 9)
        c.setFillColor(HexColor("#222222"))
        c.drawString(0, self.height - 10, self.chart.title)
        values = self.chart.values
        if not values:
            c.setFillColor(GREY)
            c.drawString(0, self.height / 2, "没有数据")
            return
        top, bottom = self.height - 24, 18
        slot = self.width / len(values)
        biggest = max(v for _l, v in values) or 1
        size = 6.5 if len(values) > 12 else 7.5
        for i, (label, value) in enumerate(values):
            h = (top - bottom) * value / biggest
            x = i * slot + slot * 0.15
            c.setFillColor(RED)
            c.rect(x, bottom, slot * 0.7, h, stroke=0, fill=1)
            c.setFillColor(HexColor("#222222"))
            c.setFont(self.font, size)
            c.drawCentredString(x + slot * 0.35, bottom + h + 2, f"{value}{self.chart.unit}")
            c.drawCentredString(i * slot + slot / 2, bottom - 10, label[: max(3, int(slot / size))])
        c.setStrokeColor(GRID)
        c.line(0, bottom, self.width, bottom)


def draw_county_summary(
    data: CountySummary, out_path: Path, *, printed_on: date | None = None
) -> None:
    """One A4 page: the key facts, then the charts two by two."""
    font = register_fonts()
    body = ParagraphStyle("b", fontName=font, fontSize=9.5, leading=14, wordWrap="CJK")
    story: list[Flowable] = [Paragraph(markup(f"统计期间：{data.period}"), body)]
    for line in data.facts:
        story.append(Paragraph(markup("· " + line), body))
    story.append(Spacer(1, 3 * mm))
    width = (A4[0] - 2 * MARGIN) / 2 - 3 * mm
    rows = (len(data.charts) + 1) // 2
    height = (62 if rows <= 2 else 52 if rows == 3 else 40) * mm  # one page, whatever the count
    cells = [_BarChart(chart, width, height, font) for chart in data.charts]
    grid = [cells[i : i + 2] + [""] * (2 - len(cells[i : i + 2])) for i in range(0, len(cells), 2)]
    if grid:
        story.append(Table(grid, colWidths=[width + 6 * mm] * 2))
    _build(out_path, story, data.title, data.office, pagesize=A4, printed_on=printed_on)
