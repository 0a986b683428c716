"""The evaluation's files from a real database: open a year, score it, then export the results
spreadsheet and print the result sheet, the consequence list and a delegate's sheet through the
one output writer."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader

from tests.helpers import digest
from twdesk.core.errors import Cancelled
from twdesk.core.evaluation_view import Stage
from twdesk.db.models import (
    Activity,
    ActivityParticipant,
    Person,
    Setting,
    Station,
    StationMembership,
)
from twdesk.output import OutputError, OutputExists
from twdesk.services import evaluation as ev
from twdesk.services.evaluation import EvaluationError, StageEntry
from twdesk.services.evaluation_outputs import (
    export_results,
    print_consequences,
    print_delegate_sheet,
    print_result_sheet,
)

YEAR = 2026
D = Decimal
POINTS = {1: 10, 2: 10, 3: 15, 4: 15, 5: 5, 6: 10, 7: 10, 8: 10, 9: 5, 10: 10}


def _entry(total: int, **kw: object) -> StageEntry:
    """Scores adding up to ``total``, each with its reason (they differ from the suggestions)."""
    scores, left = {}, D(total)
    for seq, points in POINTS.items():
        scores[seq] = min(D(points), left)
        left -= scores[seq]
    return StageEntry(scores=scores, reasons={seq: "纸质评分" for seq in POINTS}, **kw)


def squeeze(text: str) -> str:
    return re.sub(r"\s", "", text)


def pdf_text(path: Path) -> str:
    return "".join(page.extract_text() for page in PdfReader(path).pages)


@pytest.fixture
def scored(office_db):
    """城关 (five delegates: excellent all term, competent, a veto, a second year of 不称职, one
    not yet scored) and 河口 (one delegate, competent)."""
    ids: dict[str, str] = {}
    with office_db.transaction() as s:
        office = s.get(Setting, "office_name")
        if office is None:
            s.add(Setting(key="office_name", value="共青团某某县委员会"))
        else:
            office.value = "共青团某某县委员会"
        for name in ("城关镇团代表联络站", "河口镇团代表联络站"):
            station = Station(name=name, kind="乡镇")
            s.add(station)
            s.flush()
            ids[name] = station.id
        for name, station in (
            ("王䶮", "城关镇团代表联络站"),
            ("李四", "城关镇团代表联络站"),
            ("赵六", "城关镇团代表联络站"),
            ("王五", "城关镇团代表联络站"),
            ("孙八", "城关镇团代表联络站"),
            ("钱七", "河口镇团代表联络站"),
        ):
            person = Person(name=name, name_pinyin=name, political_status="共青团员")
            s.add(person)
            s.flush()
            ids[name] = person.id
            s.add(StationMembership(station_id=ids[station], person_id=person.id))
        for month in (3, 5, 7):
            act = Activity(
                activity_type="会议",
                activity_date=date(YEAR, month, 1),
                title=f"会议{month}",
                confirmation="已确认",
            )
            s.add(act)
            s.flush()
            s.add(ActivityParticipant(activity_id=act.id, person_id=ids["王䶮"]))
        ev.set_term_years(s, YEAR - 1, YEAR)
        ev.save_past_result(s, YEAR - 1, ids["王䶮"], D(95), "优秀")
        ev.save_past_result(s, YEAR - 1, ids["王五"], D(50), "不称职")
    with office_db.transaction() as s:
        ev.open_year(s, YEAR, today=date(YEAR, 12, 1))
    with office_db.transaction() as s:
        ev.save_stage(s, YEAR, ids["王䶮"], Stage.STATION, _entry(98))
        ev.save_stage(s, YEAR, ids["李四"], Stage.STATION, _entry(80))
        ev.save_stage(s, YEAR, ids["赵六"], Stage.STATION, _entry(85, veto="1"))
        ev.save_stage(s, YEAR, ids["王五"], Stage.STATION, _entry(40))
        ev.save_stage(s, YEAR, ids["钱七"], Stage.STATION, _entry(77))
    return office_db, ids


def test_export_results_one_sheet_per_station(scored, tmp_path: Path) -> None:
    db, ids = scored
    out = tmp_path / "考核结果.xlsx"
    seen: list[tuple[int, int]] = []
    with db.session() as s:
        assert export_results(s, YEAR, out, progress=lambda d, t: seen.append((d, t))) == 6
    assert seen[-1] == (6, 6)
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["城关镇团代表联络站", "河口镇团代表联络站"]
    ws = wb["城关镇团代表联络站"]
    assert [ws.cell(1, c).value for c in (1, 2, 3, 4)] == ["名次", "姓名", "联络站", "1.参加会议"]
    assert [ws.cell(2, c).value for c in range(4, 9)] == [
        "建议",
        "自评",
        "组织评价",
        "复核",
        "最终",
    ]
    rows = {r[1]: r for r in ws.iter_rows(min_row=3, values_only=True)}
    assert set(rows) == {"王䶮", "李四", "赵六", "王五", "孙八"}
    star = rows["王䶮"]
    assert star[0] == 1 and star[3:8] == (6, None, 10, None, 10)  # 会议 3 × 2 suggested
    assert star[55:61] == (98, "优秀", None, "推荐为下届候选人、推优入党", "组织评价", "否")
    assert rows["赵六"][54] == "无故连续两次不参加会议" and rows["赵六"][56] == "不称职"
    assert rows["王五"][58] == "劝辞" and rows["孙八"][59] == "未评"
    with db.session() as s:
        one = tmp_path / "河口.xlsx"
        assert export_results(s, YEAR, one, station_id=ids["河口镇团代表联络站"]) == 1
    assert openpyxl.load_workbook(one).sheetnames == ["河口镇团代表联络站"]


def test_export_results_cancel_leaves_no_file_and_refuses_to_overwrite(
    scored, tmp_path: Path
) -> None:
    db, _ids = scored
    out = tmp_path / "r.xlsx"
    with db.session() as s, pytest.raises(Cancelled):
        export_results(s, YEAR, out, cancel=lambda: True)
    assert not any(p.name.endswith(".xlsx") for p in tmp_path.iterdir())
    out.write_bytes(b"old")
    with db.session() as s, pytest.raises(OutputExists):
        export_results(s, YEAR, out)
    assert out.read_bytes() == b"old"
    with db.session() as s:
        assert export_results(s, YEAR, out, overwrite=True) == 6
    before = digest(db.path)
    with db.session() as s, pytest.raises(OutputError):
        export_results(s, YEAR, db.path, overwrite=True)  # never over the database
    assert digest(db.path) == before


def test_a_year_not_opened_is_refused(scored, tmp_path: Path) -> None:
    db, ids = scored
    with db.session() as s:
        with pytest.raises(EvaluationError, match="2020年还没有开始考核"):
            export_results(s, 2020, tmp_path / "x.xlsx")
        with pytest.raises(EvaluationError, match="2020年还没有开始考核"):
            print_consequences(s, 2020, tmp_path / "x.pdf")
        with pytest.raises(EvaluationError, match="2020 年度"):
            print_delegate_sheet(s, 2020, ids["王䶮"], tmp_path / "x.pdf")
    assert not any(p.suffix in (".xlsx", ".pdf") for p in tmp_path.iterdir())


def test_print_result_sheet(scored, tmp_path: Path) -> None:
    db, ids = scored
    out = tmp_path / "结果.pdf"
    with db.session() as s:
        assert print_result_sheet(s, YEAR, ids["城关镇团代表联络站"], out) == out
    text = pdf_text(out)
    assert "2026年度城关镇团代表联络站团代表履职考核结果" in text
    assert "共青团某某县委员会" in text
    for name in ("王䶮", "李四", "赵六", "王五", "孙八"):
        assert name in text
    assert "钱七" not in text
    assert "98" in text and "优秀名额 1 人" in text and "劝辞" in text and "提醒谈话" in text
    assert "联络站负责人签字" in text and "第1页 共1页" in text


def test_print_consequences(scored, tmp_path: Path) -> None:
    db, ids = scored
    out = tmp_path / "后续处理.pdf"
    with db.session() as s:
        assert print_consequences(s, YEAR, out) == 3
        assert (
            print_consequences(s, YEAR, tmp_path / "h.pdf", station_id=ids["河口镇团代表联络站"])
            == 0
        )
    text = pdf_text(out)
    assert "2026年度团代表履职考核后续处理名单" in text
    assert text.index("王五") < text.index("赵六") < text.index("王䶮")  # 劝辞, 提醒谈话, 推荐
    assert "2025、2026 年连续两年不称职" in text
    assert "李四" not in text and "钱七" not in text
    empty = pdf_text(tmp_path / "h.pdf")
    assert "2026年度河口镇团代表联络站团代表履职考核后续处理名单" in empty
    assert "无" in [line.strip() for line in empty.splitlines()]


def test_print_delegate_sheet(scored, tmp_path: Path) -> None:
    db, ids = scored
    out = tmp_path / "王䶮.pdf"
    with db.session() as s:
        assert print_delegate_sheet(s, YEAR, ids["王䶮"], out) == out
        with pytest.raises(OutputExists):
            print_delegate_sheet(s, YEAR, ids["王䶮"], out)
        print_delegate_sheet(s, YEAR, ids["王䶮"], out, overwrite=True)
    assert PdfReader(out).metadata.title == "2026年度团代表履职考核表（王䶮）"
    text = pdf_text(out)
    assert "王䶮" in text and "城关镇团代表联络站" in text and "共青团某某县委员会" in text
    assert "会议 3 次 × 2 = 6" in text  # the records the suggestion counted
    assert "纸质评分" in text  # the override reasons
    assert "推荐为下届候选人、推优入党" in squeeze(text)
    assert "本人签字" in text and "街镇团（工）委复核意见" in text


def test_a_past_year_from_paper_prints_its_total_and_grade(scored, tmp_path: Path) -> None:
    db, ids = scored
    with db.session() as s:
        station = ev.find_station(s, "城关镇团代表联络站")
        print_result_sheet(s, YEAR - 1, station, tmp_path / "2025.pdf")
        print_delegate_sheet(s, YEAR - 1, ids["王五"], tmp_path / "王五2025.pdf")
    sheet = pdf_text(tmp_path / "2025.pdf")
    assert "2025年度城关镇团代表联络站团代表履职考核结果" in sheet
    assert "王䶮" in sheet and "95" in sheet and "王五" in sheet and "50" in sheet
    assert "其中 2 人为往年结果：从纸质考核结果导入，只有总分和等次。" in sheet
    one = squeeze(pdf_text(tmp_path / "王五2025.pdf"))
    assert "往年结果（从纸质考核结果导入，只有总分和等次）" in one
    assert "总分50" in one and "等次不称职" in one
