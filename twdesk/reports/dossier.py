"""One delegate's dossier (团代表履职档案) as an archive-quality A4 PDF, from plain data
(`twdesk.core.dossier_view.Dossier`).

Official-document margins (GB/T 9704: top 37 mm, bottom 35 mm, left 28 mm, right 26 mm); a cover,
a contents page with page numbers (two layout passes), the sections with a PDF bookmark each,
the year's evaluation sheet from `evaluation_sheets`, signature blocks, and a footer on every page
with 第N页 共M页, the station, the name and the year. Table rows never split across pages and a
long table repeats its header. Every user text goes through `fonts.markup`.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from reportlab.graphics.shapes import Drawing, Line, PolyLine, Rect, String
from reportlab.lib.colors import HexColor, white
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    Image,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from twdesk.core.dossier_view import Dossier, DossierYear, PersonInfo
from twdesk.reports.evaluation_sheets import (
    DARK,
    GREY,
    GRID,
    HEAD_BG,
    RED,
    ZEBRA,
    _page_canvas,
    _signatures,
    _Styles,
    delegate_sheet_flowables,
    wrap_lines,
)
from twdesk.reports.fonts import BOLD, markup, register_fonts

TITLE = "团代表履职档案"
TOP, BOTTOM, LEFT, RIGHT = 37 * mm, 35 * mm, 28 * mm, 26 * mm
FRAME_PAD = 6  # reportlab's frame padding, inside the margins
PAD = 3
NOT_EVALUATED = "本年度尚未考核"
TINT = HexColor("#f3e5e3")


class _Heading(Paragraph):
    """A section heading: a bookmark, an outline entry and a contents line."""

    def __init__(self, text: str, style: ParagraphStyle, level: int, key: str) -> None:
        super().__init__(markup(text), style)
        self.outline = (text, level, key)


class _Anchor(Flowable):
    """An invisible heading: the bookmark and contents line of a section whose first flowable
    already carries its own title (the evaluation sheet)."""

    def __init__(self, text: str, level: int, key: str) -> None:
        super().__init__()
        self.outline = (text, level, key)

    def wrap(self, _avail_width: float, _avail_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        pass


class _Contents(Flowable):
    """The contents page in a single layout pass: the titles are drawn where they fall, the
    dot leaders, page numbers and links once every section's page is known (by the paged
    canvas, when it writes the footers)."""

    SIZES = (11.5, 10)

    def __init__(self, entries: list[tuple[str, int, str]]) -> None:
        super().__init__()
        self.entries = entries  # (title, level, bookmark key), filled in when the story is made
        self.leading = 20.0
        self.page = 0
        self.lines: list[tuple[str, int, str, float, float, float]] = []  # + x, y, right

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        self.leading = max(12.0, min(20.0, avail_height / max(len(self.entries), 1)))
        return avail_width, self.leading * len(self.entries)

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:
        self.origin = (x, y)
        super().drawOn(canvas, x, y, _sW)

    def draw(self) -> None:
        font = register_fonts()
        self.page = self.canv.getPageNumber()
        x0, y0 = self.origin
        self.lines = []
        for i, (title, level, key) in enumerate(self.entries):
            x = 16.0 * level
            y = self.leading * (len(self.entries) - i - 1) + (self.leading - 10) / 2
            self.canv.setFont(font, self.SIZES[min(level, 1)])
            self.canv.drawString(x, y, title)
            self.lines.append((title, level, key, x0 + x, y0 + y, x0 + self.width))

    def finish(self, canvas: Canvas, pages: dict[str, int]) -> None:
        """Leaders, page numbers and links, drawn on the contents page at the end."""
        font = register_fonts()
        for title, level, key, x, y, right in self.lines:
            size = self.SIZES[min(level, 1)]
            number = str(pages.get(key, ""))
            canvas.setFont(font, size)
            canvas.setFillColor(DARK)
            canvas.drawRightString(right, y, number)
            start = x + stringWidth(title, font, size) + 4
            end = right - stringWidth(number, font, size) - 4
            dot = stringWidth(".", font, size) * 2
            if end > start:
                canvas.setFillColor(GREY)
                canvas.drawString(start, y, " ".join("." * int((end - start) / dot)))
            canvas.linkRect("", key, (x, y - 3, right, y + size), relative=0, thickness=0)


def _canvas(foot: Callable[[Canvas, int, int], None]) -> type[Canvas]:
    """The paged canvas (footers know the page count), with bookmarks that point at the page
    they are made on: that canvas adds its pages to the document only at the end, so the
    document's page counter is set to the page being drawn while a bookmark is made."""

    class DossierCanvas(_page_canvas(foot)):
        def bookmarkPage(self, key: str, **kwargs: Any) -> Any:
            counter = self._doc.pageCounter
            self._doc.pageCounter = self._pageNumber
            try:
                return super().bookmarkPage(key, **kwargs)
            finally:
                self._doc.pageCounter = counter

    return DossierCanvas


class _DossierDoc(BaseDocTemplate):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.section_pages: dict[str, int] = {}

    def afterFlowable(self, flowable: Flowable) -> None:
        outline = getattr(flowable, "outline", None)
        if outline is None:
            return
        text, level, key = outline
        self.canv.bookmarkPage(key)
        self.canv.addOutlineEntry(text, key, level=level, closed=level > 0)
        self.section_pages[key] = self.page


class _S:
    """The dossier's paragraph styles, made once per process."""

    def __init__(self) -> None:
        font = register_fonts()
        self.font = font
        self.sheet = _Styles(font)
        self.cover = ParagraphStyle("cover", fontName=BOLD, fontSize=30, leading=40, alignment=1)
        self.cover_sub = ParagraphStyle(
            "cover_sub", fontName=font, fontSize=14, leading=22, alignment=1
        )
        self.h1 = ParagraphStyle(
            "h1",
            fontName=BOLD,
            fontSize=15,
            leading=21,
            spaceBefore=10,
            spaceAfter=6,
            keepWithNext=1,
        )
        self.h2 = ParagraphStyle(
            "h2",
            fontName=BOLD,
            fontSize=12,
            leading=17,
            spaceBefore=8,
            spaceAfter=4,
            keepWithNext=1,
        )
        self.body = ParagraphStyle("body", fontName=font, fontSize=10.5, leading=16)
        # the line that introduces a table stays on the table's first page
        self.lead = ParagraphStyle("lead", parent=self.body, keepWithNext=1)
        self.note = ParagraphStyle("note", fontName=font, fontSize=9, leading=13, textColor=GREY)
        self.cell = ParagraphStyle("cell", fontName=font, fontSize=9, leading=12)
        self.center = ParagraphStyle("center", parent=self.cell, alignment=1)
        self.head = ParagraphStyle(
            "head", fontName=BOLD, fontSize=9, leading=12, alignment=1, textColor=white
        )


_STYLES: _S | None = None


def _styles() -> _S:
    global _STYLES
    if _STYLES is None:
        _STYLES = _S()
    return _STYLES


def _p(value: str, style: ParagraphStyle, width: float) -> Paragraph:
    """Plain text wrapped like a Chinese document (`wrap_lines`), each line through `markup`."""
    lines = wrap_lines(value, style.fontName, style.fontSize, width - style.leftIndent - 1)
    return Paragraph("<br/>".join(markup(line) for line in lines), style)


def _cell(value: Any, style: ParagraphStyle, width: float) -> Paragraph:
    return _p("" if value is None else str(value), style, width - 2 * PAD)


def _day(value: date | None) -> str:
    return f"{value:%Y-%m-%d}" if value else ""


def _table(
    header: Sequence[str],
    rows: Sequence[Sequence[Any]],
    widths: Sequence[float],
    *,
    centered: Sequence[int] = (),
) -> Table:
    """A grid with a red header row repeated on every page; rows never split across pages."""
    s = _styles()
    data: list[list[Any]] = [[_cell(h, s.head, w) for h, w in zip(header, widths, strict=True)]]
    for row in rows:
        data.append(
            [
                _cell(v, s.center if c in centered else s.cell, w)
                for c, (v, w) in enumerate(zip(row, widths, strict=True))
            ]
        )
    style: list[tuple[Any, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.4, GRID),
        ("BACKGROUND", (0, 0), (-1, 0), RED),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [white, ZEBRA]),
    ]
    table = Table(data, colWidths=list(widths), repeatRows=1, splitInRow=0)
    table.setStyle(TableStyle(style))
    return table


def _cols(width: float, *fractions: float) -> list[float]:
    total = sum(fractions)
    return [width * f / total for f in fractions]


def _nothing(text: str, width: float) -> Paragraph:
    return _p(text, _styles().body, width)


# ---- cover --------------------------------------------------------------------------------------


def _portrait(person: PersonInfo) -> Flowable:
    w, h = 35 * mm, 49 * mm  # a 2-inch ID photo
    if person.photo:
        try:
            reader = ImageReader(io.BytesIO(person.photo))
            iw, ih = reader.getSize()
            scale = min(w / iw, h / ih)
            return Image(io.BytesIO(person.photo), iw * scale, ih * scale)
        except Exception:
            pass
    drawing = Drawing(w, h)
    drawing.add(Rect(0, 0, w, h, fillColor=TINT, strokeColor=RED, strokeWidth=0.8))
    surname = person.name[:1] or "？"
    drawing.add(
        String(
            w / 2,
            h / 2 - 10,
            surname,
            fontName=BOLD,
            fontSize=30,
            fillColor=RED,
            textAnchor="middle",
        )
    )
    return drawing


def _cover(d: Dossier, width: float) -> list[Flowable]:
    s = _styles()
    p = d.person
    rows = [
        ("姓　　名", p.name),
        ("联 络 站", p.station or "—"),
        ("届　　次", p.term or "—"),
        ("年　　度", d.period),
    ]
    label_w, value_w = 28 * mm, 70 * mm
    value_style = ParagraphStyle("cover_value", parent=s.cover_sub, alignment=0)
    table = Table(
        [
            [_p(label, value_style, label_w), _p(value, value_style, value_w)]
            for label, value in rows
        ],
        colWidths=[label_w, value_w],
        rowHeights=12 * mm,
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LINEBELOW", (1, 0), (1, -1), 0.6, DARK),
            ]
        )
    )
    portrait = Table([[_portrait(p)]], colWidths=[width])
    portrait.setStyle(TableStyle([("ALIGN", (0, 0), (-1, -1), "CENTER")]))
    office = ParagraphStyle("office", parent=s.cover_sub, fontSize=13)
    return [
        Spacer(1, 12 * mm),
        _p(TITLE, s.cover, width),
        Spacer(1, 14 * mm),
        portrait,
        Spacer(1, 12 * mm),
        table,
        Spacer(1, 26 * mm),
        _p(d.office or "", office, width),
        _p(f"{d.printed_on.year}年{d.printed_on.month}月{d.printed_on.day}日", office, width),
        NextPageTemplate("body"),
        PageBreak(),
    ]


def _contents(contents: _Contents, width: float) -> list[Flowable]:
    s = _styles()
    title = ParagraphStyle("toc_title", parent=s.h1, alignment=1, spaceAfter=12)
    return [_p("目　　录", title, width), contents, PageBreak()]


# ---- person-level sections ----------------------------------------------------------------------


class _Sections:
    def __init__(self, d: Dossier, width: float) -> None:
        self.d = d
        self.width = width
        self.s = _styles()
        self.keys = 0

    def heading(self, text: str, level: int = 0) -> _Heading:
        self.keys += 1
        style = self.s.h1 if level == 0 else self.s.h2
        return _Heading(text, style, level, f"s{self.keys}")

    def basic(self) -> list[Flowable]:
        p = self.d.person
        s = self.s
        pairs = [
            ("姓名", p.name),
            ("性别", p.gender),
            ("出生日期", _day(p.birth)),
            ("民族", p.ethnicity),
            ("政治面貌", p.politics),
            ("学历", p.education),
            ("身份证号", p.id_number),
            ("手机号码", p.phone),
            ("工作单位", p.unit),
            ("职务", p.position),
            ("代表层级", p.level),
            ("界别", p.sector),
            ("届次", p.term),
            ("联络站", p.station),
            ("状态", p.status),
        ]
        label_w = 24 * mm
        value_w = (self.width - 2 * label_w) / 2
        rows = []
        for i in range(0, len(pairs), 2):
            row: list[Any] = []
            for label, value in pairs[i : i + 2]:
                row += [_cell(label, s.cell, label_w), _cell(value or "—", s.cell, value_w)]
            rows.append(row + [""] * (4 - len(row)))
        table = Table(rows, colWidths=[label_w, value_w] * 2, splitInRow=0)
        table.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.4, GRID),
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                    ("BACKGROUND", (0, 0), (0, -1), HEAD_BG),
                    ("BACKGROUND", (2, 0), (2, -1), HEAD_BG),
                    ("LEFTPADDING", (0, 0), (-1, -1), PAD),
                    ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
                    ("TOPPADDING", (0, 0), (-1, -1), 4),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                ]
            )
        )
        return [self.heading("基本信息"), table]

    def history(self) -> list[Flowable]:
        out: list[Flowable] = [self.heading("任职状态变动")]
        if not self.d.history:
            return [*out, _nothing("没有任职状态变动记录。", self.width)]
        widths = _cols(self.width, 1.2, 1, 4)
        rows = [(_day(h.changed_on), h.status, h.reason) for h in self.d.history]
        return [*out, _table(("日期", "状态", "原因"), rows, widths, centered=(0, 1))]

    def links(self) -> list[Flowable]:
        links = self.d.links
        s = self.s
        lines = [
            ("两联委员", links.committee),
            ("联系指导的往届团代表", links.mentors),
            ("结对团支部", links.branches),
        ]
        out: list[Flowable] = [self.heading("两联与联系团支部")]
        for label, names in lines:
            out.append(_p(f"{label}：{'、'.join(names) if names else '无'}", s.body, self.width))
        return out

    def term_summary(self) -> list[Flowable]:
        out: list[Flowable] = [self.heading("任期履职汇总")]
        if self.d.term_note:
            out.append(_p(self.d.term_note + "。", self.s.note, self.width))
        widths = _cols(self.width, 1, 1.1, 1.2, 1.4, 1, 1.2)
        rows = [
            (
                f"{r.year}年",
                r.activities,
                r.youth,
                f"{r.duty_attended}/{r.duty_assigned}",
                r.total or "—",
                r.grade,
            )
            for r in self.d.summary
        ]
        header = (
            "年度",
            "履职活动（次）",
            f"联系青年（{self.d.years[-1].youth.unit if self.d.years else '人次'}）",
            "坐班（到岗/排班）",
            "考核总分",
            "等次",
        )
        out.append(_table(header, rows, widths, centered=range(6)))
        return out

    # ---- yearly sections ----------------------------------------------------------------------

    def year(self, y: DossierYear, level: int) -> list[Flowable]:
        prefix = "" if level == 0 else f"{y.year}年 "
        out: list[Flowable] = []
        out += self.youth(y, level, prefix)
        out += self.duty(y, level, prefix)
        out += self.visits(y, level, prefix)
        out += self.activities(y, level, prefix)
        out += [PageBreak()]
        out += self.evaluation(y, level, prefix)
        return out

    def youth(self, y: DossierYear, level: int, prefix: str) -> list[Flowable]:
        c = y.youth
        s = self.s
        branches = "、".join(c.branches) if c.branches else "无"
        reached = "已达到" if c.total >= c.target else "未达到"
        lines = [
            f"联系青年 {c.total} {c.unit}，年度目标 {c.target} {c.unit}（1+100），完成 {c.share:.0%}，"
            f"{reached}目标。",
            f"联系团支部 {len(c.branches)} 个（目标 {c.branch_target} 个）：{branches}。",
        ]
        out: list[Flowable] = [self.heading(f"{prefix}联系青年（1+100）", level)]
        out += [_p(line, s.body, self.width) for line in lines]
        out.append(Spacer(1, 2 * mm))
        out.append(_progress_figure(c.by_month, c.target, self.width, c.unit))
        return out

    def duty(self, y: DossierYear, level: int, prefix: str) -> list[Flowable]:
        t = y.duty_totals
        out: list[Flowable] = [self.heading(f"{prefix}驻站坐班", level)]
        if not y.duty:
            return [*out, _nothing("本年度没有坐班记录。", self.width)]
        out.append(
            _p(
                f"排班 {t.assigned} 次：到岗 {t.attended}，请假 {t.leave}，缺席 {t.absent}，"
                f"他人替班 {t.substituted}，未登记 {t.unrecorded}；代他人坐班 {t.sat_for_others} 次。",
                self.s.lead,
                self.width,
            )
        )
        widths = _cols(self.width, 0.6, 1.2, 0.6, 2.2, 1.2, 1.2, 2)
        rows = [
            (i, _day(line.day), line.weekday, line.station, line.state, line.substitute, line.note)
            for i, line in enumerate(y.duty, 1)
        ]
        header = ("序号", "日期", "星期", "联络站", "状态", "替班/被替", "备注")
        out.append(_table(header, rows, widths, centered=(0, 1, 2, 4)))
        return out

    def visits(self, y: DossierYear, level: int, prefix: str) -> list[Flowable]:
        out: list[Flowable] = [self.heading(f"{prefix}接待来访与意见办理", level)]
        if not y.visits:
            return [*out, _nothing("本年度没有接待来访记录。", self.width)]
        people = sum(v.people for v in y.visits)
        items = y.opinions
        out.append(
            _p(
                f"接待来访 {len(y.visits)} 次、{people} 人，收集意见建议 {len(items)} 条。",
                self.s.lead,
                self.width,
            )
        )
        widths = _cols(self.width, 0.6, 1.3, 2.2, 1.5, 1.2, 0.8, 0.8)
        rows = [
            (i, _day(v.day), v.station, v.category, v.channel, v.people, len(v.items))
            for i, v in enumerate(y.visits, 1)
        ]
        header = ("序号", "日期", "联络站", "类别", "方式", "人数", "意见")
        out.append(_table(header, rows, widths, centered=(0, 1, 5, 6)))
        out.append(_p("意见建议办理情况", self.s.h2, self.width))
        if not items:
            out.append(_nothing("本年度没有收集意见建议。", self.width))
            return out
        widths = _cols(self.width, 1.6, 1.5, 1.1, 2.6, 1.2)
        rows = [(i.number, i.category, i.state, i.department, i.satisfaction) for i in items]
        header = ("编号", "类别", "状态", "承办部门", "满意度")
        out.append(_table(header, rows, widths, centered=(0, 2, 4)))
        return out

    def activities(self, y: DossierYear, level: int, prefix: str) -> list[Flowable]:
        out: list[Flowable] = [self.heading(f"{prefix}履职活动与领办项目", level)]
        if not y.activities:
            out.append(_nothing("本年度没有履职活动记录。", self.width))
        else:
            if y.activity_counts:
                kinds = "，".join(f"{kind} {n} 次" for kind, n in y.activity_counts)
                total = sum(n for _kind, n in y.activity_counts)
                out.append(_p(f"已确认活动 {total} 次：{kinds}。", self.s.lead, self.width))
            widths = _cols(self.width, 0.6, 1.2, 1.3, 3.4, 0.9, 1)
            rows = [
                (i, _day(a.day), a.kind, a.title, a.youth, a.state)
                for i, a in enumerate(y.activities, 1)
            ]
            header = ("序号", "日期", "类型", "活动名称", "人次", "状态")
            out.append(_table(header, rows, widths, centered=(0, 1, 4, 5)))
        out.append(_p("领办与参与的项目", self.s.h2, self.width))
        if not y.projects:
            out.append(_nothing("本年度没有领办或参与项目。", self.width))
            return out
        widths = _cols(self.width, 3, 0.8, 2.4, 1, 1)
        rows = [
            (
                p.name,
                p.role,
                f"{_day(p.start) or '—'} 至 {_day(p.end) or '—'}",
                p.youth_served,
                p.activities,
            )
            for p in y.projects
        ]
        header = ("项目名称", "角色", "起止", "服务青年", "活动")
        out.append(_table(header, rows, widths, centered=(1, 2, 3, 4)))
        return out

    def _sheet(self, y: DossierYear) -> list[Flowable]:
        assert y.evaluation is not None and y.scheme is not None
        return delegate_sheet_flowables(y.evaluation, y.scheme, width=self.width, compact=True)

    def evaluation(self, y: DossierYear, level: int, prefix: str) -> list[Flowable]:
        title = f"{prefix}年度履职考核"
        if y.evaluation is not None and y.scheme is not None:
            self.keys += 1  # the sheet's own title heads the page
            anchor = _Anchor(title, level, f"s{self.keys}")
            return [anchor, *self._sheet(y)]
        signatures = [
            ("本人签字：", False),
            ("联络站意见：", True),
            ("街镇团（工）委复核意见：", True),
        ]
        return [
            self.heading(title, level),
            _nothing(f"{y.year}年度：{NOT_EVALUATED}。", self.width),
            _signatures(signatures, self.width, self.s.sheet),
        ]


def _progress_figure(
    by_month: Sequence[int], target: int, width: float, unit: str = "人次"
) -> Drawing:
    """Monthly youth contacts as bars, the running total as a line, the target as a dashed
    line; ``unit`` 人次, or 人 (distinct people, by the month first met)."""
    font = register_fonts()
    height = 48 * mm
    left, bottom, right, top = 26.0, 16.0, 8.0, 14.0
    plot_w, plot_h = width - left - right, height - bottom - top
    running, total = [], 0
    for n in by_month:
        total += n
        running.append(total)
    top_value = max([target, total, 1]) * 1.1
    d = Drawing(width, height)
    d.add(Rect(left, bottom, plot_w, plot_h, fillColor=None, strokeColor=GRID, strokeWidth=0.4))
    slot = plot_w / len(by_month)

    def y_of(value: float) -> float:
        return bottom + plot_h * value / top_value

    for i, n in enumerate(by_month):
        x = left + i * slot
        if n:
            d.add(
                Rect(
                    x + slot * 0.2,
                    bottom,
                    slot * 0.6,
                    y_of(n) - bottom,
                    fillColor=HEAD_BG,
                    strokeColor=RED,
                    strokeWidth=0.4,
                )
            )
        d.add(
            String(
                x + slot / 2,
                bottom - 10,
                f"{i + 1}月",
                fontName=font,
                fontSize=7,
                textAnchor="middle",
                fillColor=GREY,
            )
        )
    points: list[float] = []
    for i, value in enumerate(running):
        points += [left + (i + 0.5) * slot, y_of(value)]
    d.add(PolyLine(points, strokeColor=RED, strokeWidth=1.2))
    if target:
        d.add(
            Line(
                left,
                y_of(target),
                left + plot_w,
                y_of(target),
                strokeColor=DARK,
                strokeWidth=0.8,
                strokeDashArray=[3, 2],
            )
        )
        d.add(
            String(
                left - 3,
                y_of(target) - 3,
                str(target),
                fontName=font,
                fontSize=7,
                textAnchor="end",
                fillColor=DARK,
            )
        )
    d.add(
        String(
            left - 3, bottom - 3, "0", fontName=font, fontSize=7, textAnchor="end", fillColor=GREY
        )
    )
    legend = (
        "柱：当月联系青年人次　红线：累计人次　虚线：年度目标"
        if unit == "人次"
        else "柱：当月新联系的青年人数　红线：累计人数　虚线：年度目标"
    )
    d.add(String(left, height - 9, legend, fontName=font, fontSize=7.5, fillColor=GREY))
    return d


# ---- the document -------------------------------------------------------------------------------


def _story(d: Dossier, width: float, contents: _Contents) -> list[Flowable]:
    sections = _Sections(d, width)
    story: list[Flowable] = [*_cover(d, width), *_contents(contents, width)]
    story += sections.basic()
    story += sections.history()
    story += sections.links()
    if d.term:
        story += sections.term_summary()
    story.append(PageBreak())
    if not d.term:
        story += sections.year(d.years[0], 0)
    else:
        for y in d.years:
            story.append(sections.heading(f"{y.year}年度"))
            story += sections.year(y, 1)
            story.append(PageBreak())
    while story and isinstance(story[-1], PageBreak):
        story.pop()
    contents.entries[:] = [f.outline for f in story if isinstance(f, _Heading | _Anchor)]
    return story


def write_dossier_pdf(path: Path, dossier: Dossier) -> int:
    """Write ``dossier`` as an A4 PDF to ``path``; returns the number of pages."""
    s = _styles()
    page_w, page_h = A4
    p = dossier.person
    footer_text = "　".join(part for part in (p.station, p.name, dossier.period) if part)
    title = f"{TITLE}（{p.name}，{dossier.period}）"

    def head(canvas: Canvas, _doc: Any) -> None:
        canvas.saveState()
        canvas.setStrokeColor(RED)
        canvas.setLineWidth(0.8)
        y = page_h - TOP + 8 * mm
        canvas.line(LEFT, y, page_w - RIGHT, y)
        canvas.setFont(s.font, 9)
        canvas.setFillColor(GREY)
        canvas.drawString(LEFT, y + 2 * mm, TITLE)
        canvas.drawRightString(page_w - RIGHT, y + 2 * mm, dossier.office or "")
        canvas.restoreState()

    pages: list[int] = []
    contents = _Contents([])

    def foot(canvas: Canvas, page: int, total: int) -> None:
        pages.append(total)
        canvas.saveState()
        if page == contents.page:
            contents.finish(canvas, doc.section_pages)
        y = BOTTOM - 14 * mm
        canvas.setStrokeColor(GRID)
        canvas.setLineWidth(0.4)
        canvas.line(LEFT, y + 5 * mm, page_w - RIGHT, y + 5 * mm)
        canvas.setFont(s.font, 9)
        canvas.setFillColor(GREY)
        canvas.drawString(LEFT, y, footer_text)
        canvas.drawRightString(page_w - RIGHT, y, f"第{page}页 共{total}页")
        canvas.restoreState()

    doc = _DossierDoc(
        str(path),
        pagesize=A4,
        leftMargin=LEFT - FRAME_PAD,
        rightMargin=RIGHT - FRAME_PAD,
        topMargin=TOP - FRAME_PAD,
        bottomMargin=BOTTOM - FRAME_PAD,
        title=title,
        author=dossier.office or "twdesk",
        subject=TITLE,
        creator="twdesk",
        initialFontName=s.font,
    )
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body")
    doc.addPageTemplates(
        [
            PageTemplate("cover", frames=[frame]),
            PageTemplate("body", frames=[frame], onPage=head),
        ]
    )
    width = doc.width - 2 * FRAME_PAD
    doc.build(_story(dossier, width, contents), canvasmaker=_canvas(foot))
    return pages[-1] if pages else 0
