"""The evaluation's printouts (履职考核): a station's result sheet, the consequence list and one
delegate's evaluation sheet. Plain data in (`twdesk.core.evaluation_view`), A4 PDFs out, the
bundled font embedded, every page headed and footed with 第N页 共M页.

These are internal sheets for signatures: real names, never phone or ID numbers.
`delegate_sheet_flowables` is self-contained so the dossier can place it in its own document.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from reportlab.lib.colors import HexColor, white
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from twdesk.core.evaluation_consequences import Consequence
from twdesk.core.evaluation_rules import Scheme, fmt
from twdesk.core.evaluation_view import (
    NOT_STARTED,
    PAST_RESULT,
    STAGES,
    DelegateResult,
    IndicatorResult,
    Stage,
    StationYear,
    text,
)
from twdesk.core.vocab import Grade
from twdesk.reports.fonts import markup, register_fonts

RED = HexColor("#b3261e")
DARK = HexColor("#222222")
GREY = HexColor("#666666")
GRID = HexColor("#999999")
HEAD_BG = HexColor("#f3e5e3")
TIE_BG = HexColor("#fff2c2")
ZEBRA = HexColor("#f7f7f7")

TIED = "并列待定"
TIE_NOTE = "总分相同、跨越优秀名额线，须由联络站决定等次并记录理由。"
NONE_MARK = "—"
PAST_NOTE = "从纸质考核结果导入，只有总分和等次"
MARGIN = 12 * mm  # from the paper's edge to the content (header line, tables, footer)
FRAME_PAD = 6  # reportlab's frame padding, inside the document margin
# a line never starts with closing punctuation, nor ends with an opening one
_NO_LINE_START = set("，。、；：！？）》」』”’%·…")
_NO_LINE_END = set("（《「『“‘")
_TOKEN = re.compile(r"[A-Za-z0-9.%+\-−×÷=_/]+| |.", re.S)

# the order consequences are listed in: the most serious first
CONSEQUENCE_ORDER: tuple[str, ...] = (
    Consequence.ADVISE_RESIGN,
    Consequence.REMIND,
    Consequence.RECOMMEND,
    Consequence.PARTY,
)
GRADE_ORDER: tuple[str, ...] = tuple(Grade)


# ---- text that wraps like a Chinese document --------------------------------------------------


def _tokens(paragraph: str, font: str, size: float, width: float) -> list[str]:
    """Words (numbers, Latin) and single characters; a word wider than a line is spelled out."""
    out: list[str] = []
    for token in _TOKEN.findall(paragraph):
        if len(token) > 1 and stringWidth(token, font, size) > width:
            out.extend(token)
        else:
            out.append(token)
    return out


def wrap_lines(value: str, font: str, size: float, width: float) -> list[str]:
    """Break ``value`` into lines no wider than ``width``: numbers and Latin words stay whole, a
    line never starts with ，。、） nor ends with （ (the word before moves down with it)."""
    lines: list[str] = []
    for paragraph in value.splitlines() or [""]:
        line: list[str] = []
        for token in _tokens(paragraph, font, size, width):
            if line and stringWidth("".join(line) + token, font, size) > width:
                carry = [] if token == " " else [token]
                while carry and len(line) > 1 and carry[0][0] in _NO_LINE_START:
                    carry.insert(0, line.pop())
                while len(line) > 1 and line[-1] in _NO_LINE_END:
                    carry.insert(0, line.pop())
                lines.append("".join(line).strip())
                line = carry
            else:
                line.append(token)
        lines.append("".join(line).strip())
    return lines


class _Styles:
    """Paragraph styles in the bundled font, made once per document."""

    def __init__(self, font: str, *, cell_size: float = 8.5, cell_leading: float = 11) -> None:
        self.font = font
        self.title = ParagraphStyle("title", fontName=font, fontSize=17, leading=24, alignment=1)
        self.sub = ParagraphStyle(
            "sub", fontName=font, fontSize=9.5, leading=13, alignment=1, textColor=GREY
        )
        self.note = ParagraphStyle("note", fontName=font, fontSize=9, leading=13, textColor=DARK)
        self.indent = ParagraphStyle("indent", parent=self.note, leftIndent=12)
        self.cell = ParagraphStyle("cell", fontName=font, fontSize=cell_size, leading=cell_leading)
        self.center = ParagraphStyle("center", parent=self.cell, alignment=1)
        self.alert = ParagraphStyle("alert", parent=self.cell, textColor=RED)
        self.center_alert = ParagraphStyle("center_alert", parent=self.center, textColor=RED)
        self.head = ParagraphStyle(
            "head", fontName=font, fontSize=8.5, leading=10.5, alignment=1, textColor=white
        )


PAD = 3  # cell padding left and right, points


def _text(value: str, style: ParagraphStyle, width: float) -> Paragraph:
    """A paragraph of plain text broken into lines by `wrap_lines` to fit ``width``."""
    lines = wrap_lines(value, style.fontName, style.fontSize, width - style.leftIndent - 1)
    return Paragraph("<br/>".join(markup(line) for line in lines), style)


def _packed(prefix: str, items: Sequence[str], style: ParagraphStyle, width: float) -> Paragraph:
    """``prefix`` then short items on as few lines as fit ``width``, never breaking an item."""
    lines = [prefix]
    for item in items:
        candidate = lines[-1] + ("" if lines[-1] == prefix else " ") + item
        fits = stringWidth(candidate, style.fontName, style.fontSize) <= width - 1
        if fits or lines[-1] == prefix:
            lines[-1] = candidate
        else:
            lines.append(item)
    return Paragraph("<br/>".join(markup(line) for line in lines), style)


def _para(value: str, style: ParagraphStyle, width: float) -> Paragraph:
    """A cell's paragraph, for a column ``width`` wide (the padding is taken off)."""
    return _text(value, style, width - 2 * PAD)


def _grid(font: str, size: float = 8.5, pad: float = 2.5) -> list[tuple[Any, ...]]:
    """A table with a red header row, a grey grid and centred cells (``pad`` above and below)."""
    return [
        ("FONT", (0, 0), (-1, -1), font, size),
        ("GRID", (0, 0), (-1, -1), 0.4, GRID),
        ("BACKGROUND", (0, 0), (-1, 0), RED),
        ("TEXTCOLOR", (0, 0), (-1, 0), white),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (0, 0), (-1, -1), "CENTER"),
        ("LEFTPADDING", (0, 0), (-1, -1), PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
        ("TOPPADDING", (0, 0), (-1, -1), pad),
        ("BOTTOMPADDING", (0, 0), (-1, -1), pad),
    ]


def _signatures(
    lines: Sequence[tuple[str, bool]],
    width: float,
    styles: _Styles,
    *,
    row_height: float = 13 * mm,
) -> Flowable:
    """Signature lines: (label, with a stamp) → 「label ________ （盖章） 日期：　年　月　日」,
    kept on one page."""
    return KeepTogether(_signature_parts(lines, width, styles, row_height=row_height))


def _signature_parts(
    lines: Sequence[tuple[str, bool]],
    width: float,
    styles: _Styles,
    *,
    row_height: float = 13 * mm,
) -> list[Flowable]:
    """The signature block's flowables, for a caller that keeps them with what precedes them
    (reportlab's KeepTogether does not nest)."""
    date_w = 48 * mm
    stamp_w = 16 * mm
    label_w = max(stringWidth(label, styles.font, 10.5) for label, _ in lines) + 4
    blank_w = width - label_w - stamp_w - date_w
    rows = [
        [label, "", "（盖章）" if stamp else "", "日期：　　年　　月　　日"]
        for label, stamp in lines
    ]
    table = Table(rows, colWidths=[label_w, blank_w, stamp_w, date_w], rowHeights=row_height)
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), styles.font, 10.5),
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LINEBELOW", (1, 0), (1, -1), 0.6, DARK),
                ("ALIGN", (2, 0), (2, -1), "CENTER"),
                ("ALIGN", (3, 0), (3, -1), "RIGHT"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return [Spacer(1, min(4 * mm, row_height / 3)), table]


# ---- page frame: header, footer with 第N页 共M页 -------------------------------------------


def _page_canvas(footer: Callable[[Canvas, int, int], None]) -> type[Canvas]:
    """A canvas that keeps every page until the end, so each footer can give the page count."""

    class PagedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                footer(self, self._pageNumber, total)
                super().showPage()
            super().save()

    return PagedCanvas


def _build(
    path: Path,
    flowables: list[Flowable],
    *,
    title: str,
    header: str,
    pagesize: tuple[float, float],
    printed_on: date | None,
) -> None:
    """Lay ``flowables`` out on A4 pages with the house header and footer; embed the font."""
    font = register_fonts()
    page_w, page_h = pagesize
    printed = printed_on or date.today()

    def head(canvas: Canvas, _doc: Any) -> None:
        canvas.saveState()
        canvas.setFillColor(RED)
        canvas.rect(0, page_h - 4 * mm, page_w, 4 * mm, stroke=0, fill=1)
        canvas.setFont(font, 8.5)
        canvas.setFillColor(GREY)
        canvas.drawString(MARGIN, page_h - 9 * mm, header)
        canvas.drawRightString(page_w - MARGIN, page_h - 9 * mm, title)
        canvas.setStrokeColor(RED)
        canvas.setLineWidth(0.6)
        canvas.line(MARGIN, page_h - 10.5 * mm, page_w - MARGIN, page_h - 10.5 * mm)
        canvas.restoreState()

    def foot(canvas: Canvas, page: int, pages: int) -> None:
        canvas.saveState()
        canvas.setFont(font, 8.5)
        canvas.setFillColor(GREY)
        canvas.drawString(MARGIN, 7 * mm, f"{printed:%Y年%m月%d日}打印")
        canvas.drawCentredString(page_w / 2, 7 * mm, f"第{page}页 共{pages}页")
        canvas.drawRightString(page_w - MARGIN, 7 * mm, "twdesk")
        canvas.restoreState()

    doc = SimpleDocTemplate(
        str(path),
        pagesize=pagesize,
        leftMargin=MARGIN - FRAME_PAD,
        rightMargin=MARGIN - FRAME_PAD,
        topMargin=15 * mm,
        bottomMargin=13 * mm,
        title=title,
        author="twdesk",
        subject="团代表履职考核",
        initialFontName=font,
    )
    doc.build(flowables, onFirstPage=head, onLaterPages=head, canvasmaker=_page_canvas(foot))


def _score(value: Any) -> str:
    return text(value, "")


def _grade_label(d: DelegateResult) -> str:
    if d.quota_tie:
        return TIED
    if d.grade:
        return f"{d.grade}（决定）" if d.decided else d.grade
    return "未评" if d.stage == NOT_STARTED else NONE_MARK


# ---- the station's result sheet -----------------------------------------------------------


def _quota_sentence(station_year: StationYear) -> str:
    scheme = station_year.scheme
    evaluated = sum(1 for d in station_year.delegates if d.total is not None)
    share = fmt(scheme.excellent_quota * 100)
    return (
        f"优秀名额 {station_year.excellent_slots} 人（参评 {evaluated} 人 × {share}%，"
        f"向下取整，有人达到优秀分数线时至少 1 人）"
    )


def _grade_counts(station_year: StationYear) -> str:
    counts = station_year.grade_counts
    parts = [f"{g} {counts.get(g, 0)} 人" for g in GRADE_ORDER]
    tied = sum(1 for d in station_year.delegates if d.quota_tie)
    pending = sum(1 for d in station_year.delegates if d.total is None)
    if tied:
        parts.append(f"{TIED} {tied} 人")
    if pending:
        parts.append(f"未评 {pending} 人")
    return "等次统计：" + "，".join(parts)


def _quota_line_after(station_year: StationYear) -> int:
    """How many ranked rows lie above the 优秀 line, or 0 when the quota does not bite."""
    bands = station_year.scheme.bands
    candidates = sum(
        1
        for d in station_year.delegates
        if d.total is not None and d.total >= bands.excellent and not d.veto
    )
    slots = station_year.excellent_slots
    if 0 < slots < candidates:
        return slots
    return 0


# 名次 姓名 | the indicators | 加分 否决 总分 等次 后续处理
_RESULT_FIXED = (10 * mm, 18 * mm, 10 * mm, 12 * mm, 21 * mm)  # 名次 姓名 加分 总分 等次
_RESULT_TEXT_MIN = (22 * mm, 26 * mm)  # 否决, 后续处理 at their narrowest
INDICATOR_W = 9.5 * mm


def _result_min_width(n_indicators: int) -> float:
    return sum(_RESULT_FIXED) + sum(_RESULT_TEXT_MIN) + n_indicators * INDICATOR_W


def _result_widths(n_indicators: int, available: float) -> list[float]:
    """Column widths filling ``available``: indicators narrow down when there are many, 否决
    and 后续处理 share what is left."""
    rank_w, name_w, bonus_w, total_w, grade_w = _RESULT_FIXED
    room = available - sum(_RESULT_FIXED) - sum(_RESULT_TEXT_MIN)
    ind_w = min(INDICATOR_W, room / n_indicators) if n_indicators else 0
    flexible = available - sum(_RESULT_FIXED) - n_indicators * ind_w
    veto_w = max(_RESULT_TEXT_MIN[0], flexible * 0.42)
    follow_w = flexible - veto_w
    return [rank_w, name_w, *[ind_w] * n_indicators, bonus_w, veto_w, total_w, grade_w, follow_w]


def result_sheet_flowables(station_year: StationYear, width: float) -> list[Flowable]:
    """The result sheet's content for a frame ``width`` points wide."""
    styles = _Styles(register_fonts())
    sy = station_year
    scheme = sy.scheme
    indicators = scheme.indicators
    widths = _result_widths(len(indicators), width)
    veto_col = 3 + len(indicators)
    follow_col = veto_col + 3
    header = [
        "名次",
        "姓名",
        *[
            Paragraph(f"{ind.seq}<br/><font size=6.5>{fmt(ind.points)}分</font>", styles.head)
            for ind in indicators
        ],
        "加分",
        "否决",
        "总分",
        "等次",
        "后续处理",
    ]
    rows: list[list[Any]] = [header]
    style = _grid(styles.font)
    for r, d in enumerate(sy.delegates, 1):
        finals = {i.seq: i.final for i in d.indicators}
        failed = bool(d.veto) or d.grade == Grade.INCOMPETENT
        alert = styles.alert if failed else styles.cell
        grade = styles.center_alert if failed else styles.center
        rows.append(
            [
                str(d.rank) if d.rank is not None else NONE_MARK,
                _para(d.name, styles.center, widths[1]),
                *[_score(finals.get(ind.seq)) for ind in indicators],
                _score(d.bonus) if d.bonus else "",
                _para(d.veto or "", alert, widths[veto_col]),
                text(d.total, NONE_MARK),
                _para(_grade_label(d), grade, widths[follow_col - 1]),
                _para(d.consequence or "", alert, widths[follow_col]),
            ]
        )
        if d.quota_tie:
            style.append(("BACKGROUND", (0, r), (-1, r), TIE_BG))
        elif r % 2 == 0:
            style.append(("BACKGROUND", (0, r), (-1, r), ZEBRA))
        if failed:
            style.append(("TEXTCOLOR", (veto_col, r), (-1, r), RED))
    if not sy.delegates:
        rows.append(["", "本年度没有参评的代表", *[""] * (len(header) - 2)])
        style.append(("SPAN", (1, 1), (-1, 1)))
    line_after = _quota_line_after(sy)
    if line_after:
        style.append(("LINEBELOW", (0, line_after), (-1, line_after), 1.6, RED))
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle(style))

    legend = _packed("指标：", [f"{ind.seq}.{ind.name}" for ind in indicators], styles.note, width)
    status = "已锁定" if sy.locked else "未锁定（锁定前结果仍可能变动）"
    parts: list[Flowable] = [
        _text(f"{sy.year}年度{sy.station}团代表履职考核结果", styles.title, width),
        _text(
            f"考核方案：{scheme.name}；参评代表 {len(sy.delegates)} 人；{status}", styles.sub, width
        ),
        Spacer(1, 3 * mm),
        legend,
        _text(_quota_sentence(sy), styles.note, width),
        Spacer(1, 2 * mm),
        table,
        Spacer(1, 2 * mm),
    ]
    notes = []
    if line_after:
        notes.append("表中红色粗线为优秀名额线。")
    if any(d.quota_tie for d in sy.delegates):
        notes.append(f"“{TIED}”：{TIE_NOTE}")
    past = sum(1 for d in sy.delegates if d.stage == PAST_RESULT)
    if past:
        notes.append(f"其中 {past} 人为{PAST_RESULT}：{PAST_NOTE}。")
    notes.extend(
        f"并列决定：{d.name} 定为{d.grade}，理由：{d.decision_reason}"
        for d in sy.delegates
        if d.decided
    )
    notes.append(_grade_counts(sy))
    parts.extend(_text(n, styles.note, width) for n in notes)
    parts.append(
        _signatures(
            [("联络站负责人签字：", False), ("街镇团（工）委复核意见：", True)], width, styles
        )
    )
    return parts


def write_result_sheet(
    path: Path, station_year: StationYear, *, printed_on: date | None = None
) -> None:
    """The station's ranked result sheet (landscape A4 when the columns need it)."""
    needed = _result_min_width(len(station_year.scheme.indicators))
    pagesize = A4 if needed <= A4[0] - 2 * MARGIN else landscape(A4)
    width = pagesize[0] - 2 * MARGIN
    title = f"{station_year.year}年度{station_year.station}团代表履职考核结果"
    _build(
        Path(path),
        result_sheet_flowables(station_year, width),
        title=title,
        header=station_year.office or "团代表履职考核",
        pagesize=pagesize,
        printed_on=printed_on,
    )


# ---- the consequence list ---------------------------------------------------------------------


def _kinds(d: DelegateResult) -> list[str]:
    return [k for k in (d.consequence or "").split("、") if k]


def _kind_rank(d: DelegateResult) -> int:
    kinds = _kinds(d)
    ranks = [CONSEQUENCE_ORDER.index(k) for k in kinds if k in CONSEQUENCE_ORDER]
    return min(ranks, default=len(CONSEQUENCE_ORDER))


def consequence_list_flowables(
    title: str, rows: Sequence[DelegateResult], width: float
) -> list[Flowable]:
    styles = _Styles(register_fonts())
    ordered = sorted(rows, key=lambda d: (_kind_rank(d), d.station, d.rank or 0, d.name))
    fixed = [9 * mm, 20 * mm, 34 * mm, 21 * mm, 40 * mm]
    widths = [*fixed, width - sum(fixed)]
    data: list[list[Any]] = [["序号", "姓名", "联络站", "等次", "后续处理", "依据"]]
    style = _grid(styles.font, 9)
    for r, d in enumerate(ordered, 1):
        data.append(
            [
                str(r),
                _para(d.name, styles.center, widths[1]),
                _para(d.station, styles.cell, widths[2]),
                _para(_grade_label(d), styles.center, widths[3]),
                _para(d.consequence or "", styles.cell, widths[4]),
                _para("；".join(d.consequence_reasons), styles.cell, widths[5]),
            ]
        )
        if r > 1 and _kind_rank(ordered[r - 2]) != _kind_rank(d):
            style.append(("LINEABOVE", (0, r), (-1, r), 1.2, RED))
    if not ordered:
        data.append(["无", "", "", "", "", ""])
        style.append(("SPAN", (0, 1), (-1, 1)))
    table = Table(data, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle(style))
    counts = "，".join(
        f"{kind} {sum(1 for d in ordered if kind in _kinds(d))} 人" for kind in CONSEQUENCE_ORDER
    )
    return [
        _text(title, styles.title, width),
        _text(f"共 {len(ordered)} 人：{counts}", styles.sub, width),
        Spacer(1, 4 * mm),
        table,
        Spacer(1, 3 * mm),
        _text(
            "依据：不称职者提醒谈话；连续两年不称职者劝辞；本届每年均为优秀者推荐为下届候选人，"
            "其中非党员推优入党。",
            styles.note,
            width,
        ),
        _signatures([("经办人签字：", False), ("街镇团（工）委审核意见：", True)], width, styles),
    ]


def write_consequence_list(
    path: Path,
    title: str,
    rows: Sequence[DelegateResult],
    *,
    printed_on: date | None = None,
) -> None:
    """The consequence list (提醒谈话 / 劝辞 / 推荐…), the most serious first; “无” when empty."""
    width = A4[0] - 2 * MARGIN
    _build(
        Path(path),
        consequence_list_flowables(title, rows, width),
        title=title,
        header="团代表履职考核",
        pagesize=A4,
        printed_on=printed_on,
    )


# ---- one delegate's evaluation sheet --------------------------------------------------------

DELEGATE_SHEET_WIDTH = A4[0] - 2 * MARGIN


def delegate_sheet_flowables(
    result: DelegateResult,
    scheme: Scheme,
    *,
    width: float = DELEGATE_SHEET_WIDTH,
    compact: bool = False,
) -> list[Flowable]:
    """One delegate's evaluation sheet as flowables (the dossier places them in its own
    document): every indicator with its rule, the records counted and each stage's score,
    then bonus, veto, total, grade, consequence, the override reasons and signature blocks.

    ``width``: the frame's width in points (in a `SimpleDocTemplate`, ``doc.width - 12``: its
    frame pads 6 points each side). ``compact``: a smaller cell font, tighter rows and signature
    lines, so that a usual ten-indicator sheet and its signatures share one page inside the
    dossier's official-document margins. Whatever does not fit, the totals, notes and
    signatures move to the next page together: the signature block never stands alone."""
    if compact:
        styles = _Styles(register_fonts(), cell_size=8, cell_leading=9.8)
    else:
        styles = _Styles(register_fonts())
    d = result
    # 序号 指标 分值 | 计分规则 记录依据 share the rest | 建议分 自评 组织评价 复核 最终
    lead, scores = [8 * mm, 22 * mm, 9 * mm], [10 * mm, 10 * mm, 11 * mm, 10 * mm, 10 * mm]
    rest = width - sum(lead) - sum(scores)
    widths = [*lead, rest * 0.45, rest * 0.55, *scores]
    titles = ("序号", "指标", "分值", "计分规则", "记录依据", "建议分", *map(str, STAGES), "最终")
    header = [_para(h, styles.head, w) for h, w in zip(titles, widths, strict=True)]
    data: list[list[Any]] = [header]
    style = _grid(styles.font, pad=1.5 if compact else 2.5)
    style.append(("ALIGN", (3, 1), (4, -1), "LEFT"))
    marked = False
    for r, ind in enumerate(d.indicators, 1):
        suggested = "无排班" if ind.no_duty else text(ind.suggested, NONE_MARK)
        cells: list[Any] = [
            str(ind.seq),
            _para(ind.name, styles.cell, widths[1]),
            fmt(ind.points),
            _para(ind.rule, styles.cell, widths[3]),
            _para(ind.basis, styles.cell, widths[4]),
            suggested,
        ]
        for c, stage in enumerate(STAGES, 6):
            value = _score(ind.score(stage))
            if _adjusted(ind, stage):
                value += "*"
                marked = True
                style.append(("TEXTCOLOR", (c, r), (c, r), RED))
            cells.append(value)
        cells.append(_score(ind.final))
        data.append(cells)
    table = Table(data, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle(style))

    parts: list[Flowable] = [
        _text(f"{d.year}年度团代表履职考核表", styles.title, width),
        Spacer(1, 2 * mm),
        _delegate_info(d, scheme, width, styles),
        Spacer(1, 2 * mm),
        table,
        Spacer(1, 2 * mm),
    ]
    tail: list[Flowable] = [_delegate_summary(d, scheme, width, styles), Spacer(1, 2 * mm)]
    if marked:
        tail.append(_text("标 * 的分数与建议分不同（调整），理由如下：", styles.note, width))
        tail.extend(_text(line, styles.indent, width) for line in _override_lines(d.indicators))
    if d.quota_tie:
        tail.append(_text(f"{TIED}：{TIE_NOTE}", styles.note, width))
    if d.decided:
        tail.append(
            _text(f"并列决定：定为{d.grade}，理由：{d.decision_reason}", styles.note, width)
        )
    if d.notes:
        tail.append(_text(f"备注：{d.notes}", styles.note, width))
    bands = scheme.bands
    tail.append(
        _text(
            f"等次：总分 ≥ {fmt(bands.excellent)} 优秀，≥ {fmt(bands.competent)} 称职，"
            f"≥ {fmt(bands.basic)} 基本称职，其余不称职；有否决情形的为不称职；"
            f"优秀不超过参评人数的 {fmt(scheme.excellent_quota * 100)}%。",
            styles.note,
            width,
        )
    )
    tail.extend(
        _signature_parts(
            [
                ("本人签字：", False),
                ("联络站意见：", True),
                ("街镇团（工）委复核意见：", True),
            ],
            width,
            styles,
            row_height=9 * mm if compact else 13 * mm,
        )
    )
    return [*parts, KeepTogether(tail)]


def _adjusted(ind: IndicatorResult, stage: Stage) -> bool:
    """The stage changed a suggested score (a manual indicator has nothing to change)."""
    return ind.suggested is not None and ind.overridden(stage)


def _override_lines(indicators: Sequence[IndicatorResult]) -> list[str]:
    """One line per adjusted indicator: the suggestion, then each stage's score and reason."""
    lines = []
    for ind in indicators:
        stages = [
            f"{stage} {_score(ind.score(stage))}，理由：{ind.reason(stage) or '（未填）'}"
            for stage in STAGES
            if _adjusted(ind, stage)
        ]
        if stages:
            lines.append(
                f"{ind.seq}.{ind.name}（建议 {text(ind.suggested)}）：" + "；".join(stages)
            )
    return lines


def _delegate_info(d: DelegateResult, scheme: Scheme, width: float, styles: _Styles) -> Flowable:
    label_w = 20 * mm
    value_w = (width - 3 * label_w) / 3
    done = f"{PAST_RESULT}（{PAST_NOTE}）" if d.stage == PAST_RESULT else "、".join(d.stages_done)
    done = done or "无"
    if d.locked:
        done += "（已锁定）"
    name = _para(d.name, styles.cell, value_w)
    station = _para(d.station, styles.cell, value_w)
    scheme_name = _para(scheme.name, styles.cell, 2 * value_w + label_w)
    rows = [
        ["姓名", name, "联络站", station, "考核年度", f"{d.year}年"],
        ["考核方案", scheme_name, "", "", "已完成阶段", _para(done, styles.cell, value_w)],
    ]
    extra = [("SPAN", (1, 1), (3, 1)), ("BACKGROUND", (2, 1), (2, 1), white)]
    return _form_table(rows, [label_w, value_w] * 3, extra, styles)


def _form_table(
    rows: list[list[Any]], widths: list[float], extra: list[tuple[Any, ...]], styles: _Styles
) -> Table:
    """A boxed form: labels in the even columns on a tinted background, values beside them."""
    table = Table(rows, colWidths=widths)
    style: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), styles.font, 9),
        ("GRID", (0, 0), (-1, -1), 0.4, GRID),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
    ]
    style += [("BACKGROUND", (c, 0), (c, -1), HEAD_BG) for c in range(0, len(widths), 2)]
    table.setStyle(TableStyle(style + extra))
    return table


def _delegate_summary(d: DelegateResult, scheme: Scheme, width: float, styles: _Styles) -> Flowable:
    label_w = 20 * mm
    value_w = (width - 4 * label_w) / 4
    grade = _grade_label(d)
    consequence = d.consequence or "无"
    if d.consequence_reasons:
        consequence += f"（{'；'.join(d.consequence_reasons)}）"
    bonus = f"{fmt(d.bonus)}（上限 {fmt(scheme.bonus_cap)} 分）"
    rows = [
        [
            "加分",
            _para(bonus, styles.cell, value_w),
            "总分",
            text(d.total, NONE_MARK),
            "等次",
            grade,
            "当前阶段",
            d.stage,
        ],
        ["否决", _para(d.veto or "无", styles.alert if d.veto else styles.cell, width - label_w)]
        + [""] * 6,
        ["后续处理", _para(consequence, styles.cell, width - label_w), *[""] * 6],
    ]
    extra: list[tuple[Any, ...]] = [("SPAN", (1, 1), (-1, 1)), ("SPAN", (1, 2), (-1, 2))]
    extra += [("BACKGROUND", (c, 1), (c, -1), white) for c in range(2, 8, 2)]
    return _form_table(rows, [label_w, value_w] * 4, extra, styles)


def write_delegate_sheet(
    path: Path,
    result: DelegateResult,
    scheme: Scheme,
    office: str = "",
    *,
    printed_on: date | None = None,
) -> None:
    """One delegate's evaluation sheet as an A4 PDF."""
    _build(
        Path(path),
        delegate_sheet_flowables(result, scheme),
        title=f"{result.year}年度团代表履职考核表（{result.name}）",
        header=office or "团代表履职考核",
        pagesize=A4,
        printed_on=printed_on,
    )
