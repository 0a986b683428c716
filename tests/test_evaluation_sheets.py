"""The evaluation's printouts and results spreadsheet, from hand-built plain data: real PDFs with
their text extracted and fonts checked, a real .xlsx read back with openpyxl."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader

from twdesk.core.default_scheme import DEFAULT_SCHEME
from twdesk.core.evaluation_rules import RecordSummary, suggest, total_score
from twdesk.core.evaluation_view import (
    STAGES,
    DelegateResult,
    IndicatorResult,
    Stage,
    StationYear,
)
from twdesk.excel.evaluation_export import write_results
from twdesk.reports.evaluation_sheets import (
    delegate_sheet_flowables,
    wrap_lines,
    write_consequence_list,
    write_delegate_sheet,
    write_result_sheet,
)
from twdesk.reports.fonts import register_fonts, uncovered

D = Decimal
PRINTED = date(2026, 12, 20)
# a delegate who did everything: every indicator's suggestion is full except 驻站坐班
RICH = RecordSummary(
    activities={"会议": 5, "学习培训": 4, "志愿服务": 3, "专项小组活动": 2, "宣讲": 2},
    duty_assigned=6,
    duty_attended=5,
    duty_absent=1,
    opinion_items=5,
    youth_count=120,
    youth_target=100,
    branches=2,
    projects_led=1,
    projects_joined=2,
)
# 84 from the records: 志愿服务与专项小组活动 only 2 activities
TIED = replace(
    RICH, activities={**RICH.activities, "志愿服务": 2, "专项小组活动": 0}, duty_absent=0
)
TIED = replace(TIED, duty_attended=6)
# 74.5 from the records
COMPETENT = replace(
    TIED, activities={"会议": 5, "学习培训": 2, "志愿服务": 1, "宣讲": 1}, duty_absent=0
)
WEAK = RecordSummary(
    activities={"会议": 1},
    unexcused_absences={"会议": 1},
    duty_assigned=6,
    duty_attended=2,
    duty_absent=4,
    youth_count=10,
    branches=0,
)


def indicators(
    records: RecordSummary,
    manual: float,
    *,
    stages: tuple[Stage, ...] = STAGES,
    overrides: dict[tuple[int, Stage], tuple[float, str]] | None = None,
) -> tuple[IndicatorResult, ...]:
    """Every default indicator with its real rule and what it counted; each completed stage
    takes the suggestion (``manual`` for the manual indicator) except the overrides
    ((seq, stage) → (score, reason)); the final score is the latest completed stage's."""
    overrides = overrides or {}
    out = []
    for ind, sug in zip(DEFAULT_SCHEME.indicators, suggest(DEFAULT_SCHEME, records), strict=True):
        scores: dict[Stage, Decimal | None] = {}
        reasons = []
        for stage in STAGES:
            value = sug.score if sug.score is not None else D(str(manual))
            if (ind.seq, stage) in overrides:
                score, reason = overrides[ind.seq, stage]
                value = D(str(score))
                reasons.append((stage, reason))
            scores[stage] = value if stage in stages else None
        out.append(
            IndicatorResult(
                seq=ind.seq,
                name=ind.name,
                points=ind.points,
                rule=ind.rule.describe(ind.points),
                basis=sug.explanation,
                suggested=sug.score,
                self_score=scores[Stage.SELF],
                station_score=scores[Stage.STATION],
                review_score=scores[Stage.REVIEW],
                final=scores[stages[-1]] if stages else None,
                no_duty=sug.no_duty,
                reasons=tuple(reasons),
            )
        )
    return tuple(out)


def delegate(
    name: str,
    inds: tuple[IndicatorResult, ...],
    grade: str | None,
    rank: int,
    *,
    bonus: float = 0,
    **kw: object,
) -> DelegateResult:
    return DelegateResult(
        evaluation_id=f"e-{name}",
        person_id=f"p-{name}",
        name=name,
        station="乔庄镇联络站",
        year=2026,
        indicators=inds,
        bonus=D(str(bonus)),
        total=total_score([i.final for i in inds], D(str(bonus))),
        grade=grade,
        rank=rank,
        stage="复核",
        stages_done=STAGES,
        **kw,  # type: ignore[arg-type]
    )


STAR_OVERRIDES = {
    (3, Stage.SELF): (15, "缺席那天由本人补坐班，登记漏记"),
    (3, Stage.STATION): (13, "补坐班经核实为半天"),
    (3, Stage.REVIEW): (13, "同意联络站意见"),
}


def sample_station(locked: bool = False) -> StationYear:
    """11 delegates: 王䶮 excellent and recommended, two tied at 92 across the 2-person quota,
    six competent ones, a veto (提醒谈话) and a second year of 不称职 (劝辞)."""
    star = delegate(
        "王䶮",
        indicators(RICH, 9, overrides=STAR_OVERRIDES),
        "优秀",
        1,
        bonus=2,
        consequence="推荐为下届候选人、推优入党",
        consequence_reasons=("本届 2024—2026 年每年均为优秀", "本届每年均为优秀，非党员"),
    )
    tied = [
        delegate(n, indicators(TIED, 8), None, 2, quota_tie=True) for n in ("李晓梅", "欧阳娜娜")
    ]
    competent = [
        delegate(f"代表{i}", indicators(COMPETENT, 8 - i), "称职", 4 + i) for i in range(6)
    ]
    veto = delegate(
        "赵大勇",
        indicators(COMPETENT, 1),
        "不称职",
        10,
        veto="无故连续两次不参加会议",
        consequence="提醒谈话",
        consequence_reasons=("2026 年不称职",),
    )
    weak = delegate(
        "钱七",
        indicators(WEAK, 5),
        "不称职",
        11,
        consequence="劝辞",
        consequence_reasons=("2025、2026 年连续两年不称职",),
    )
    return StationYear(
        station_id="s1",
        station="乔庄镇联络站",
        year=2026,
        scheme=DEFAULT_SCHEME,
        delegates=(star, *tied, *competent, veto, weak),
        excellent_slots=2,
        locked=locked,
        office="共青团某某县委员会",
    )


def pdf_text(path: Path) -> str:
    return "".join(page.extract_text() for page in PdfReader(path).pages)


def squeeze(text: str) -> str:
    """Text without any white space (where a wrapped line breaks does not matter)."""
    return re.sub(r"\s", "", text)


def cells_after(text: str, first: str, n: int) -> list[str]:
    """The ``n`` table cells from the one reading ``first`` (pypdf gives a cell per line)."""
    lines = [line.strip() for line in text.splitlines()]
    start = lines.index(first)
    return lines[start : start + n]


def assert_font_embedded(path: Path) -> None:
    """Every font the pages use is the bundled one, with its TrueType program embedded."""
    fonts = [
        font.get_object()
        for page in PdfReader(path).pages
        for font in page["/Resources"]["/Font"].values()
    ]
    assert fonts
    for font in fonts:
        assert "LXGWWenKai" in str(font["/BaseFont"])
        assert "/FontFile2" in font["/FontDescriptor"].get_object()


def test_rare_name_characters_are_in_the_bundled_font() -> None:
    assert uncovered("王䶮欧阳娜娜赵大勇钱七并列待定劝辞提醒谈话推优入党（）：，。") == set()


def test_result_sheet(tmp_path: Path) -> None:
    out = tmp_path / "result.pdf"
    write_result_sheet(out, sample_station(), printed_on=PRINTED)
    reader = PdfReader(out)
    assert reader.metadata.title == "2026年度乔庄镇联络站团代表履职考核结果"
    assert float(reader.pages[0].mediabox.width) == pytest.approx(841.89, abs=1)  # landscape
    text = pdf_text(out)
    assert "2026年度乔庄镇联络站团代表履职考核结果" in text
    for name in ("王䶮", "李晓梅", "欧阳娜娜", "代表0", "代表5", "赵大勇", "钱七"):
        assert name in text
    # 名次 姓名 | ten indicators | 加分 总分 等次 后续处理 (empty cells are not extracted)
    scores = ["10", "10", "13", "15", "5", "10", "10", "10", "5", "9"]
    assert cells_after(text, "王䶮", 15) == [
        "王䶮",
        *scores,
        *["2", "99", "优秀", "推荐为下届候选人、推优入党"],
    ]
    for name in ("李晓梅", "欧阳娜娜"):
        assert cells_after(text, name, 13)[-2:] == ["92", "并列待定"]
    assert cells_after(text, "赵大勇", 15)[-4:] == [
        "无故连续两次不参加会议",
        "75.5",
        "不称职",
        "提醒谈话",
    ]
    assert cells_after(text, "钱七", 14)[-3:] == ["6.5", "不称职", "劝辞"]
    assert "优秀名额 2 人（参评 11 人 × 20%" in text
    assert "红色粗线为优秀名额线" in text and "须由联络站决定等次" in text
    assert squeeze("指标：1.参加会议 2.学习培训") in squeeze(text)  # the legend
    assert "10.组织评价/青年满意度" in squeeze(text)
    assert "等次统计：优秀 1 人，称职 6 人，基本称职 0 人，不称职 2 人，并列待定 2 人" in text
    assert "联络站负责人签字" in text and "街镇团（工）委复核意见" in text
    assert "（盖章）" in text and "日期" in text
    assert "第1页 共1页" in text and "2026年12月20日打印" in text
    assert "共青团某某县委员会" in text and "未锁定" in text
    assert_font_embedded(out)


def test_result_sheet_long_station_repeats_the_header(tmp_path: Path) -> None:
    base = sample_station(locked=True)
    many = tuple(
        replace(base.delegates[3], name=f"代表{i:03d}", rank=i + 1, person_id=f"p{i}")
        for i in range(60)
    )
    out = tmp_path / "long.pdf"
    write_result_sheet(out, replace(base, delegates=many), printed_on=PRINTED)
    reader = PdfReader(out)
    pages = len(reader.pages)
    assert pages >= 2
    for i, page in enumerate(reader.pages, 1):
        page_text = page.extract_text()
        assert f"第{i}页 共{pages}页" in page_text
        assert "名次" in page_text and "后续处理" in page_text  # the header row on every page
    text = pdf_text(out)
    assert "已锁定" in text and "代表000" in text and "代表059" in text
    assert "红色粗线" not in text  # nobody reaches 优秀: no quota line


def test_consequence_list(tmp_path: Path) -> None:
    station = sample_station()
    rows = [d for d in station.delegates if d.consequence]
    out = tmp_path / "consequences.pdf"
    write_consequence_list(out, "2026年度团代表履职考核后续处理名单", rows, printed_on=PRINTED)
    text = pdf_text(out)
    assert PdfReader(out).metadata.title == "2026年度团代表履职考核后续处理名单"
    assert "共 3 人：劝辞 1 人，提醒谈话 1 人，推荐为下届候选人 1 人，推优入党 1 人" in text
    # the most serious first: 劝辞, then 提醒谈话, then the recommendation
    assert text.index("钱七") < text.index("赵大勇") < text.index("王䶮")
    assert "2025、2026 年连续两年不称职" in text and "2026 年不称职" in text
    assert "本届 2024—2026 年每年均为优秀" in text
    assert "乔庄镇联络站" in text and "第1页 共1页" in text and "经办人签字" in text
    assert "李晓梅" not in text and "代表0" not in text
    assert_font_embedded(out)

    empty = tmp_path / "none.pdf"
    write_consequence_list(empty, "2026年度后续处理名单", [], printed_on=PRINTED)
    lines = pdf_text(empty).splitlines()
    assert "共 0 人：劝辞 0 人，提醒谈话 0 人，推荐为下届候选人 0 人，推优入党 0 人" in [
        line.strip() for line in lines
    ]
    assert "无" in lines


def test_delegate_sheet(tmp_path: Path) -> None:
    star = sample_station().delegates[0]
    out = tmp_path / "delegate.pdf"
    write_delegate_sheet(out, star, DEFAULT_SCHEME, "共青团某某县委员会", printed_on=PRINTED)
    assert PdfReader(out).metadata.title == "2026年度团代表履职考核表（王䶮）"
    text = pdf_text(out)
    assert "2026年度团代表履职考核表" in text and "王䶮" in text and "乔庄镇联络站" in text
    assert "共青团某某县委员会" in text and "自评、组织评价、复核" in text
    for ind in DEFAULT_SCHEME.indicators:
        assert ind.name[:4] in text
    # the rule and the records counted, for every indicator
    assert "会议每次 2 分，最高 10 分" in text and "会议 5 次 × 2 = 10" in text
    flat = squeeze(text)
    assert squeeze("到岗 5 ÷ (排班 6 − 请假 0) × 15 = 12.5；缺席 1 次 × 3 = −3，得 9.5") in flat
    assert "领办 6 + 参与 2 个 × 2 = 10" in text and "手工评定" in text
    # the adjusted 驻站坐班: suggested 9.5, self 15, station 13, review 13, final 13
    assert "得 9.5\n9.5\n15*\n13*\n13*\n13\n" in text
    assert (
        squeeze(
            "3.驻站坐班（建议 9.5）：自评 15，理由：缺席那天由本人补坐班，登记漏记；"
            "组织评价 13，理由：补坐班经核实为半天；复核 13，理由：同意联络站意见"
        )
        in flat
    )
    assert "同意联络站意见" in text
    assert "9*" not in text  # the manual indicator is not an adjustment
    assert "2（上限 10 分）" in text and "99" in text and "优秀" in text
    assert "推荐为下届候选人、推优入党" in text and "本届每年均为优秀，非党员" in text
    for label in ("本人签字", "联络站意见", "街镇团（工）委复核意见", "（盖章）", "日期"):
        assert label in text
    assert "第1页 共1页" in text
    assert "1381" not in text  # no phone numbers, no ID numbers on the sheet
    assert_font_embedded(out)


def test_delegate_sheet_veto_tie_and_missing_stages(tmp_path: Path) -> None:
    station = sample_station()
    veto, tied = station.delegates[-2], station.delegates[1]
    pending = replace(
        tied,
        indicators=indicators(TIED, 8, stages=(Stage.SELF,)),
        stage="自评",
        stages_done=(Stage.SELF,),
        quota_tie=False,
        total=None,
        grade=None,
        notes="组织评价待联络站会议后填写",
    )
    no_duty = replace(
        tied,
        indicators=indicators(replace(TIED, duty_assigned=0, duty_attended=0), 8),
        quota_tie=False,
        grade="优秀",
        decided=True,
        decision_reason="全年联系青年人次最多",
    )
    texts = []
    for i, result in enumerate((veto, tied, pending, no_duty)):
        out = tmp_path / f"d{i}.pdf"
        write_delegate_sheet(out, result, DEFAULT_SCHEME, printed_on=PRINTED)
        texts.append(pdf_text(out))
        assert result.name in texts[-1]
    assert "无故连续两次不参加会议" in texts[0] and "提醒谈话（2026 年不称职）" in texts[0]
    assert "并列待定" in texts[1] and "须由联络站决定等次" in texts[1]
    assert "组织评价待联络站会议后填写" in texts[2] and "已完成阶段\n自评\n" in texts[2]
    assert "无排班" in texts[3] and "优秀（决定）" in texts[3]
    assert "并列决定：定为优秀，理由：全年联系青年人次最多" in texts[3]


def test_delegate_sheet_flowables_fit_another_document(tmp_path: Path) -> None:
    """The dossier places the sheet in its own document: the flowables stand alone."""
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import PageBreak, SimpleDocTemplate

    star = sample_station().delegates[0]
    out = tmp_path / "dossier.pdf"
    doc = SimpleDocTemplate(str(out), pagesize=A4)
    width = doc.width - 12  # the frame's own padding
    doc.build(
        [
            *delegate_sheet_flowables(star, DEFAULT_SCHEME, width=width),
            PageBreak(),
            *delegate_sheet_flowables(star, DEFAULT_SCHEME, width=width),
        ]
    )
    assert pdf_text(out).count("2026年度团代表履职考核表") == 2


def test_wrap_lines_keeps_numbers_whole_and_punctuation_off_the_line_start() -> None:
    font = register_fonts()
    value = "会议三次乘以二等于六，封顶十分。会议 10 次 × 2 = 20，封顶 10（含补记）。" * 3
    for width in range(40, 220, 5):
        lines = wrap_lines(value, font, 10, width)
        assert "".join(lines).replace(" ", "") == value.replace(" ", "")
        for line in lines[1:]:
            assert line[:1] not in "，。、；：） "
        for line in lines[:-1]:
            assert line[-1:] != "（"
        for token in ("10", "20"):
            assert sum(line.count(token) for line in lines) == value.count(token)


def test_results_spreadsheet(tmp_path: Path) -> None:
    first = sample_station(locked=True)
    second = replace(
        first, station_id="s2", station="城关镇联络站", delegates=first.delegates[:3], locked=False
    )
    second = replace(second, delegates=tuple(replace(d, locked=False) for d in second.delegates))
    first = replace(first, delegates=tuple(replace(d, locked=True) for d in first.delegates))
    out = tmp_path / "results.xlsx"
    calls: list[tuple[int, int]] = []
    assert write_results(out, [first, second], progress=lambda d, t: calls.append((d, t))) == 14
    assert calls[-1] == (14, 14)
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["乔庄镇联络站", "城关镇联络站"]
    ws = wb["乔庄镇联络站"]
    top = [c.value for c in ws[1]]
    sub = [c.value for c in ws[2]]
    assert top[:3] == ["名次", "姓名", "联络站"]
    assert (
        top[3] == "1.参加会议" and top[8] == "2.学习培训" and top[48] == "10.组织评价 / 青年满意度"
    )
    assert sub[3:8] == ["建议", "自评", "组织评价", "复核", "最终"]
    tail = ["加分", "否决", "总分", "等次", "并列待定", "后续处理", "阶段", "已锁定"]
    assert top[53:61] == tail and len(top) == 61
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert {"A1:A2", "B1:B2", "D1:H1", "I1:M1", "AW1:BA1", "BI1:BI2"} <= merged
    assert ws.freeze_panes == "D3"
    star = [c.value for c in ws[3]]
    assert star[:3] == [1, "王䶮", "乔庄镇联络站"]
    assert star[13:18] == [9.5, 15, 13, 13, 13]  # 驻站坐班: suggested, self, station, review, final
    assert star[48:53] == [None, 9, 9, 9, 9]  # the manual indicator has no suggestion
    assert star[53:61] == [2, None, 99, "优秀", None, "推荐为下届候选人、推优入党", "复核", "是"]
    assert ws.cell(3, 15).fill.fgColor.rgb.endswith("FFF2C2")  # the override is highlighted
    tied = [c.value for c in ws[4]]
    assert tied[1] == "李晓梅" and tied[55:58] == [92, None, "是"]
    veto = [c.value for c in ws[12]]
    assert veto[1] == "赵大勇" and veto[54] == "无故连续两次不参加会议" and veto[56] == "不称职"
    other = wb["城关镇联络站"]
    assert other.max_row == 5 and other["BI3"].value == "否"
    for sheet in wb.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f"


def test_results_spreadsheet_keeps_formula_text_as_text(tmp_path: Path) -> None:
    station = sample_station()
    evil = replace(station.delegates[0], name='=HYPERLINK("http://x")', station="=1+1")
    out = tmp_path / "evil.xlsx"
    assert write_results(out, [replace(station, delegates=(evil,), station="a/b:c")]) == 1
    wb = openpyxl.load_workbook(out)
    ws = wb.worksheets[0]
    assert ws.title == "a_b_c"
    assert ws["B3"].value == '=HYPERLINK("http://x")' and ws["B3"].data_type == "s"
    assert ws["C3"].value == "=1+1" and ws["C3"].data_type == "s"


@pytest.mark.parametrize(("count", "landscape"), [(4, False), (10, True), (20, True)])
def test_result_sheet_page_fits_the_scheme(tmp_path: Path, count: int, landscape: bool) -> None:
    """Few indicators: portrait; many: landscape with narrower indicator columns, never wider
    than the page."""
    from reportlab.platypus import Table

    from twdesk.reports.evaluation_sheets import MARGIN, result_sheet_flowables

    base = DEFAULT_SCHEME.indicators
    inds = tuple(replace(base[i % len(base)], seq=i + 1) for i in range(count))
    station = replace(sample_station(), scheme=replace(DEFAULT_SCHEME, indicators=inds))
    out = tmp_path / "r.pdf"
    write_result_sheet(out, station, printed_on=PRINTED)
    page = PdfReader(out).pages[0]
    assert (page.mediabox.width > page.mediabox.height) is landscape
    width = float(page.mediabox.width) - 2 * MARGIN
    table = next(f for f in result_sheet_flowables(station, width) if isinstance(f, Table))
    assert sum(table._colWidths) == pytest.approx(width)
    assert f"{count}.{inds[-1].name}"[:6] in squeeze(pdf_text(out))


def test_a_decided_tie_shows_the_grade_and_the_reason(tmp_path: Path) -> None:
    station = sample_station()
    first, second = station.delegates[1:3]
    decided = (
        replace(first, quota_tie=False, grade="优秀", decided=True, decision_reason="坐班全勤"),
        replace(second, quota_tie=False, grade="称职", decided=True, decision_reason="坐班全勤"),
    )
    delegates = (station.delegates[0], *decided, *station.delegates[3:])
    out = tmp_path / "decided.pdf"
    write_result_sheet(out, replace(station, delegates=delegates), printed_on=PRINTED)
    text = pdf_text(out)
    assert cells_after(text, "李晓梅", 13)[-2:] == ["92", "优秀（决定）"]
    assert cells_after(text, "欧阳娜娜", 13)[-2:] == ["92", "称职（决定）"]
    assert "并列决定：李晓梅 定为优秀，理由：坐班全勤" in text
    assert "并列决定：欧阳娜娜 定为称职，理由：坐班全勤" in text
    assert "并列待定" not in text
    assert "等次统计：优秀 2 人，称职 7 人，基本称职 0 人，不称职 2 人" in text
