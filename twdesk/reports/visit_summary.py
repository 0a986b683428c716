"""One-page statistics report for upward reporting: the sentence offices write, the figures,
and bar charts by category and by month."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from twdesk.core.visit_stats import Stats
from twdesk.reports.fonts import markup, register_fonts

RED = HexColor("#b3261e")


def _month_chart(stats: Stats, font: str) -> Drawing:
    drawing = Drawing(170 * mm, 62 * mm)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 12 * mm, 10 * mm, 152 * mm, 44 * mm
    chart.data = [[stats.by_month.get(m, 0) for m in range(1, 13)]]
    chart.categoryAxis.categoryNames = [f"{m}月" for m in range(1, 13)]
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = 8
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = 8
    chart.valueAxis.valueMin = 0
    chart.bars[0].fillColor = RED
    chart.barLabelFormat = "%d"
    chart.barLabels.fontName = font
    chart.barLabels.fontSize = 7
    chart.barLabels.nudge = 6
    drawing.add(chart)
    drawing.add(String(0, 57 * mm, "各月来访登记次数", fontName=font, fontSize=10))
    return drawing


def _category_chart(stats: Stats, font: str) -> Drawing:
    names = list(stats.by_category) or ["（无）"]
    values = list(stats.by_category.values()) or [0]
    height = max(30, 7 * len(names) + 14) * mm
    drawing = Drawing(170 * mm, height)
    chart = HorizontalBarChart()
    chart.x, chart.y = 26 * mm, 6 * mm
    chart.width, chart.height = 136 * mm, height - 16 * mm
    chart.data = [list(reversed(values))]
    chart.categoryAxis.categoryNames = list(reversed(names))
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = 9
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = 8
    chart.valueAxis.valueMin = 0
    chart.bars[0].fillColor = HexColor("#1f4e8c")
    chart.barLabelFormat = "%d"
    chart.barLabels.fontName = font
    chart.barLabels.fontSize = 8
    chart.barLabels.nudge = 6
    drawing.add(chart)
    drawing.add(String(0, height - 6 * mm, "意见建议按类别（条）", fontName=font, fontSize=10))
    return drawing


def _heading_markup(title: str) -> str:
    """The title as Paragraph markup (names may hold & or <); a long `…（period）` title breaks
    before the bracket rather than leaving "日）" alone on the second line."""
    text = markup(title)
    if len(title) > 24 and "（" in title:
        head, _, tail = text.partition("（")
        return f"{head}<br/>（{tail}"
    return text


def draw_summary(
    stats: Stats, out_path: Path, *, title: str, period: str, printed_on: date | None = None
) -> None:
    font = register_fonts()
    heading = ParagraphStyle("h", fontName=font, fontSize=16, leading=22, alignment=1)
    small = ParagraphStyle("s", fontName=font, fontSize=9, leading=12, alignment=1)
    body = ParagraphStyle("b", fontName=font, fontSize=11, leading=18, firstLineIndent=22)
    doc = SimpleDocTemplate(
        str(out_path),
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=14 * mm,
        bottomMargin=12 * mm,
        title=title,
        author="twdesk",
    )
    rate = stats.satisfaction_rate
    figures = [
        ["来访登记", "接待人次", "意见建议", "交办", "办结", "反馈", "超期", "满意率"],
        [
            str(stats.visits),
            str(stats.visitors),
            str(stats.items),
            str(stats.assigned),
            str(stats.handled),
            str(stats.fed_back),
            str(stats.overdue),
            f"{rate * 100:.1f}%" if rate is not None else "—",
        ],
    ]
    table = Table(figures, colWidths=[21.7 * mm] * 8)
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), font, 10),
                ("FONTSIZE", (0, 1), (-1, 1), 14),
                ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                ("BACKGROUND", (0, 0), (-1, 0), HexColor("#f3e5e3")),
                ("GRID", (0, 0), (-1, -1), 0.4, HexColor("#999999")),
                ("TOPPADDING", (0, 1), (-1, 1), 6),
                ("BOTTOMPADDING", (0, 1), (-1, 1), 6),
            ]
        )
    )
    printed = printed_on or date.today()
    doc.build(
        [
            Paragraph(_heading_markup(title), heading),
            Paragraph(f"统计期间：{period}　·　{printed:%Y年%m月%d日}生成", small),
            Spacer(1, 5 * mm),
            Paragraph(stats.sentence(), body),
            Spacer(1, 4 * mm),
            table,
            Spacer(1, 5 * mm),
            _month_chart(stats, font),
            Spacer(1, 2 * mm),
            _category_chart(stats, font),
        ]
    )
