"""The scoring sheet (考核评分表): indicator columns matched however offices head them, the blank
form read back, and the import on a real file — all or nothing, every problem by row and
column, past years' 总分/等次, a locked year refused with the database byte-identical."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from twdesk.core.default_scheme import DEFAULT_SCHEME
from twdesk.core.evaluation_view import Stage
from twdesk.excel.evaluation_columns import (
    aliases,
    column_fields,
    indicator_field,
    indicator_header,
    indicator_seq,
    looks_like_indicator,
)
from twdesk.excel.evaluation_form import write_form
from twdesk.excel.reader import find_header, read_rows

INDICATORS = DEFAULT_SCHEME.indicators
ALIASES = aliases(INDICATORS)


def matched(*headers: object) -> dict[str, int]:
    """The columns the import engine finds for a header row (姓名 first, as offices write it)."""
    found = find_header([["姓名", *headers], ["张三", *([""] * len(headers))]], ALIASES)
    assert found is not None
    return found.columns


@pytest.mark.parametrize(
    "header",
    [
        "3",
        3,
        3.0,  # a header typed as a number in Excel reads back as 3.0
        "指标3",
        "第3项",
        "3.驻站坐班",
        "3．驻站坐班",  # full-width dot
        "3、驻站坐班",
        "3 驻站坐班",
        "驻站坐班",
        "3.驻站坐班（满分15）",
        "3.驻站坐班(满分15)",
        "指标3：驻站坐班",
        " 驻站坐班 ",
    ],
)
def test_every_spelling_of_an_indicator_matches_it(header: object) -> None:
    assert matched(header) == {"name": 0, indicator_field(3): 1}


@pytest.mark.parametrize(
    ("header", "seq"),
    [
        ("联系青年", 4),
        ("联系青年（1+100）", 4),
        ("4.联系青年（1+100）（满分15）", 4),
        ("组织评价 / 青年满意度", 10),
        ("组织评价", 10),
        ("青年满意度", 10),
        ("10", 10),
        ("指标10", 10),
        ("1", 1),
        ("8.志愿服务与专项小组活动", 8),
    ],
)
def test_names_with_notes_and_parts_match(header: str, seq: int) -> None:
    assert matched(header)[indicator_field(seq)] == 1


def test_the_form_headers_and_fixed_columns_all_match() -> None:
    headers = ["联络站", *(indicator_header(i) for i in INDICATORS), "加分", "否决", "备注"]
    columns = matched(*headers)
    assert [indicator_seq(f) for f in columns if indicator_seq(f)] == list(range(1, 11))
    assert {"name", "station", "bonus", "veto", "notes"} <= set(columns)
    assert indicator_header(INDICATORS[2]) == "3.驻站坐班（满分15）"


def test_a_number_and_a_name_of_different_indicators_match_nothing() -> None:
    columns = matched("联络站", "3.学习培训", "11", "指标12")
    assert columns == {"name": 0, "station": 1}
    for header in ("3.学习培训", "11", "指标12", "驻站坐班（满分20）", "3.5"):
        assert looks_like_indicator(header, INDICATORS), header
    for header in ("性别", "联系电话", "2026年", "单位"):
        assert not looks_like_indicator(header, INDICATORS), header


def test_the_same_indicator_twice_is_found() -> None:
    headers = ["姓名", "3", "驻站坐班", "备注", "说明"]
    fields = column_fields(headers, ALIASES)
    assert fields[indicator_field(3)] == [1, 2]
    assert fields["notes"] == [3, 4]


def test_fixed_columns_win_over_an_indicator_of_the_same_name() -> None:
    from dataclasses import replace

    odd = (*INDICATORS[:9], replace(INDICATORS[9], name="备注"))
    names = aliases(odd)
    assert matched_with(names, "备注") == {"name": 0, "notes": 1}
    assert matched_with(names, "10") == {"name": 0, indicator_field(10): 1}


def matched_with(names: dict[str, tuple[str, ...]], *headers: str) -> dict[str, int]:
    found = find_header([["姓名", *headers]], names)
    assert found is not None
    return found.columns


def test_the_blank_form_reads_back(tmp_path: Path) -> None:
    path = tmp_path / "form.xlsx"
    rows = [("曾䶮", "乔庄镇联络站"), ("=HYPERLINK(1)", "城关联络站")]
    assert write_form(path, title="2026年评分表", scheme=DEFAULT_SCHEME, rows=rows) == 2
    sheet = read_rows(path)
    header = find_header(sheet.rows, ALIASES)
    assert header is not None and header.row_index == 1  # below the title
    assert len(header.columns) == 2 + 10 + 3 and header.unknown == []
    assert sheet.rows[2][:2] == ["曾䶮", "乔庄镇联络站"]
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["评分表", "说明"]
    assert wb["评分表"]["A4"].data_type == "s"  # a name is never a formula
    notes = [str(c) for row in wb["说明"].iter_rows(values_only=True) for c in row if c]
    assert "驻站坐班" in notes and "全年无故未参加驻站坐班" in notes
    assert any("按纸质评分表录入" in n for n in notes)
    validations = wb["评分表"].data_validations.dataValidation
    assert {v.formula2 for v in validations if v.formula2} >= {"15", "10", "5"}


# -- on a real file, through the evaluation service ------------------------------------------

YEAR = 2026


@pytest.fixture
def office(any_office_db):
    """Two stations; 曾䶮 and two namesakes 王㛃 (one per station); 李四 alone in 城关."""
    office_db = any_office_db  # once on a file, once on a PostgreSQL server
    from datetime import date

    from twdesk.services import evaluation, people, stations

    joined = date(YEAR - 2, 1, 1)
    with office_db.transaction() as s:
        a = stations.save_station(s, {"name": "乔庄镇联络站", "kind": "乡镇街道联络站"}).id
        b = stations.save_station(s, {"name": "城关联络站", "kind": "乡镇街道联络站"}).id
        ids = {}
        for name, sid in (("曾䶮", a), ("王㛃", a), ("王㛃 ", b), ("李四", b)):
            ref = people.save_person(
                s, {"name": name, "is_delegate": True}, station_id=sid, joined_on=joined
            )
            ids[(name.strip(), sid)] = ref.id
        evaluation.open_year(s, YEAR, today=date(YEAR, 12, 20))
    return office_db, a, b, ids


def sheet(path: Path, rows: list[list[object]]) -> Path:
    wb = openpyxl.Workbook()
    for row in rows:
        wb.active.append(row)
    wb.save(path)
    return path


def run_import(db, path: Path, *, year: int = YEAR, stage: str = "组织评价"):
    from twdesk.services.evaluation_import import import_evaluation

    with db.transaction() as s:
        return import_evaluation(s, path, year=year, stage=stage)


def result(db, person_id: str, year: int = YEAR):
    from twdesk.services import evaluation

    with db.session() as s:
        return evaluation.delegate_result(s, year, person_id)


def test_form_fill_import_round_trip(office, tmp_path: Path) -> None:
    from twdesk.services.evaluation_import import export_form

    db, a, _b, ids = office
    form = tmp_path / "评分表.xlsx"
    with db.session() as s:
        assert export_form(s, YEAR, form, station_id=a) == 2
    wb = openpyxl.load_workbook(form)
    ws = wb["评分表"]
    headers = [c.value for c in ws[2]]
    assert headers[:3] == ["姓名", "联络站", "1.参加会议（满分10）"]
    assert headers[-3:] == ["加分", "否决", "备注"]
    column = {h: i + 1 for i, h in enumerate(headers)}
    rows = {ws.cell(r, 1).value: r for r in range(3, ws.max_row + 1)}
    assert set(rows) == {"曾䶮", "王㛃"}  # namesakes told apart by the station column
    zeng = rows["曾䶮"]
    ws.cell(zeng, column["1.参加会议（满分10）"], 8)  # no meeting recorded: suggested 0
    ws.cell(zeng, column["3.驻站坐班（满分15）"], 12)  # no duty day: no suggestion (无排班)
    ws.cell(zeng, column["10.组织评价 / 青年满意度（满分10）"], 9)
    ws.cell(zeng, column["加分"], 4)
    ws.cell(zeng, column["备注"], "坐班记录有缺漏，按签到簿")
    ws.cell(rows["王㛃"], column["否决"], 3)
    wb.save(form)
    summary = run_import(db, form)
    assert summary.delegates == 2 and summary.vetoes == 1
    assert "2026年组织评价 2 位代表" in summary.message()
    zeng_id = ids[("曾䶮", a)]
    got = result(db, zeng_id)
    meetings, duty = got.indicators[0], got.indicators[2]
    assert meetings.suggested == 0 and meetings.station_score == 8
    assert meetings.reason(Stage.STATION) == "坐班记录有缺漏，按签到簿"
    assert duty.no_duty and duty.station_score == 12 and duty.reason(Stage.STATION) == ""
    assert next(i for i in got.indicators if i.seq == 10).station_score == 9
    assert got.bonus == 4 and got.stage == "组织评价"
    wang = result(db, ids[("王㛃", a)])
    assert wang.veto == "全年无任何履职记录" and wang.grade == "不称职"


def test_an_override_without_notes_gets_the_paper_reason(office, tmp_path: Path) -> None:
    db, a, _b, ids = office
    path = sheet(tmp_path / "s.xlsx", [["姓名", "联络站", "1"], ["曾䶮", "乔庄镇联络站", 2]])
    summary = run_import(db, path)
    assert summary.default_reasons == summary.overrides == 1
    assert "按纸质评分表录入" in summary.message()
    meetings = result(db, ids[("曾䶮", a)]).indicators[0]
    assert meetings.station_score == 2 and meetings.reason(Stage.STATION) == "按纸质评分表录入"
    # the same score again keeps the reason already recorded
    with db.transaction() as s:
        from twdesk.services import evaluation
        from twdesk.services.evaluation import StageEntry

        evaluation.save_stage(
            s, YEAR, ids[("曾䶮", a)], Stage.STATION, StageEntry({1: Decimal(2)}, {1: "会议签到簿"})
        )
    summary = run_import(db, path)
    assert summary.overrides == 1 and summary.default_reasons == 0
    assert result(db, ids[("曾䶮", a)]).indicators[0].reason(Stage.STATION) == "会议签到簿"


def test_all_or_nothing_every_problem_by_row_and_column(office, tmp_path: Path) -> None:
    from twdesk.importing.problems import ImportProblems

    db, a, _b, ids = office
    path = sheet(
        tmp_path / "bad.xlsx",
        [
            ["2026年评分表"],
            ["姓名", "联络站", "1", "指标2", "3.驻站坐班", "11", "加分", "否决", "备注"],
            ["曾䶮", "", 8, "", "", "", "", "", ""],  # fine on its own
            ["王㛃", "", 6, "", "", "", "", "", ""],  # a namesake without 联络站
            ["李四", "", "很好", 11, 16, "", -1, 9, ""],
            ["李四", "城关联络站", 3, "", "", "", "", "", ""],  # the same delegate twice
            ["赵六", "", 2, "", "", "", "", "", ""],  # not evaluated
            ["王㛃", "火星联络站", 2, "", "", "", "", "", ""],
            ["曾䶮 ", "乔庄镇联络站", 7.55, "", "", "", "", "", ""],
        ],
    )
    before = result(db, ids[("曾䶮", a)])
    with pytest.raises(ImportProblems) as caught:
        run_import(db, path)
    text = [p.text() for p in caught.value.problems]
    for where in (
        "文件［11］",
        "第4行［姓名］「王㛃」",
        "第5行［1］「很好」",
        "第5行［指标2］「11」",
        "第5行［3.驻站坐班］「16」",
        "第5行［加分］「-1」",
        "第5行［否决］「9」",
        "第6行［姓名］「李四」",
        "第7行［姓名］「赵六」",
        "第8行［联络站］「火星联络站」",
        "第9行［姓名］",
        "第9行［1］「7.55」",
    ):
        assert any(t.startswith(where) for t in text), (where, text)
    assert result(db, ids[("曾䶮", a)]) == before  # nothing written, not even row 3


def test_past_year_total_and_grade(office, tmp_path: Path) -> None:
    """A year before the app: 总分 and 等次 from paper, for delegates with no evaluation that year;
    two 不称职 years in a row then make 劝辞."""
    from twdesk.importing.problems import ImportProblems

    db, _a, b, ids = office
    bad = sheet(
        tmp_path / "bad.xlsx",
        [
            ["姓名", "联络站", "总分", "等次"],
            ["王㛃", "", 55, "不称职"],
            ["曾䶮", "", "", "良好"],
        ],
    )
    with pytest.raises(ImportProblems) as caught:
        run_import(db, bad, year=YEAR - 1)
    text = [p.text() for p in caught.value.problems]
    assert any(t.startswith("第2行［姓名］「王㛃」") and "联络站" in t for t in text), text
    assert any(t.startswith("第3行［总分］") for t in text)
    assert any(t.startswith("第3行［等次］「良好」") for t in text)
    good = sheet(
        tmp_path / "past.xlsx",
        [
            ["姓名", "联络站", "总分", "等次", "备注"],
            ["王㛃", "城关联络站", 55, "不称职", "2025年纸质结果"],
            ["曾䶮", "", 92.5, "优秀", ""],
        ],
    )
    summary = run_import(db, good, year=YEAR - 1)
    assert summary.delegates == 2 and "往年考核结果 2 位代表" in summary.message()
    wang = ids[("王㛃", b)]
    past = result(db, wang, YEAR - 1)
    assert past.total == 55 and past.grade == "不称职" and past.stage == "往年结果"
    scores = sheet(tmp_path / "scores.xlsx", [["姓名", "联络站", "1"], ["王㛃", "城关联络站", 2]])
    with pytest.raises(ImportProblems) as caught:
        run_import(db, scores, year=YEAR - 1)
    assert "只有从纸质结果导入的总分和等次" in caught.value.problems[0].text()
    # this year, scored low on paper: 不称职 again → 劝辞
    zeros = sheet(
        tmp_path / "zeros.xlsx",
        [
            ["姓名", "联络站", *(str(n) for n in range(1, 11))],
            ["王㛃", "城关联络站", *([0] * 10)],
        ],
    )
    run_import(db, zeros)
    now = result(db, wang)
    assert now.grade == "不称职" and now.consequence == "劝辞"


@pytest.mark.file_only  # looks at the file's bytes
def test_a_locked_year_refuses_the_whole_file(office, tmp_path: Path) -> None:
    from tests.helpers import digest
    from twdesk.db.dbfile import open_database
    from twdesk.importing.problems import ImportProblems
    from twdesk.services import evaluation

    db, a, _b, _ids = office
    run_import(
        db,
        sheet(
            tmp_path / "ok.xlsx",
            [["姓名", "联络站", "1"], ["曾䶮", "", ""], ["王㛃", "乔庄镇联络站", ""]],
        ),
    )
    with db.transaction() as s:
        assert evaluation.lock_year(s, YEAR, a) == 2
    path = sheet(
        tmp_path / "s.xlsx",
        [["姓名", "联络站", "1"], ["李四", "城关联络站", 2], ["曾䶮", "乔庄镇联络站", 2]],
    )
    db_path = db.path
    db.close()
    before = digest(db_path)
    again = open_database(db_path)
    try:
        with pytest.raises(ImportProblems) as caught:
            run_import(again, path)
    finally:
        again.close()
    assert [p.row for p in caught.value.problems] == [3]
    assert "已锁定" in caught.value.problems[0].message
    assert digest(db_path) == before


def test_a_kept_score_the_records_overtook_needs_a_reason(office, tmp_path: Path) -> None:
    """A stage score equal to the suggestion when typed becomes an override once new records
    change the suggestion: a blank cell keeps it only with 备注, and the refusal names the
    column."""
    from datetime import date

    from twdesk.importing.problems import ImportProblems
    from twdesk.services import evaluation, ledger

    db, a, _b, ids = office
    zeng = ids[("曾䶮", a)]
    run_import(db, sheet(tmp_path / "first.xlsx", [["姓名", "1.参加会议"], ["曾䶮", 0]]))
    with db.transaction() as s:
        values = {"activity_date": date(YEAR, 3, 4), "activity_type": "会议", "title": "全委会"}
        ledger.save_activity(s, values, [zeng])
        evaluation.open_year(s, YEAR, today=date(YEAR, 12, 20))
    meetings = result(db, zeng).indicators[0]
    assert meetings.suggested == 2 and meetings.station_score == 0
    blank = [["姓名", "1.参加会议", "2.学习培训", "备注"], ["曾䶮", "", 0, ""]]
    with pytest.raises(ImportProblems) as caught:
        run_import(db, sheet(tmp_path / "blank.xlsx", blank))
    (problem,) = caught.value.problems
    assert (problem.row, problem.column) == (2, "1.参加会议")
    assert "请填写调整理由" in problem.message and "备注" in problem.hint
    blank[1][3] = "会议未签到，按原分"
    run_import(db, sheet(tmp_path / "noted.xlsx", blank))
    meetings = result(db, zeng).indicators[0]
    assert meetings.station_score == 0 and meetings.reason(Stage.STATION) == "会议未签到，按原分"


def test_progress_runs_once_and_cancel_writes_nothing(office, tmp_path: Path) -> None:
    from twdesk.core.errors import Cancelled
    from twdesk.services.evaluation_import import import_evaluation

    db, a, _b, ids = office
    path = sheet(tmp_path / "s.xlsx", [["姓名", "联络站", "1"], ["曾䶮", "", 2], ["李四", "", 4]])
    seen: list[tuple[int, int]] = []
    with db.transaction() as s:
        import_evaluation(
            s, path, year=YEAR, stage="复核", progress=lambda d, t: seen.append((d, t))
        )
    assert seen[-1][0] == seen[-1][1] and all(t == seen[0][1] for _d, t in seen)
    assert [d for d, _t in seen] == sorted(d for d, _t in seen)  # never jumps back
    before = result(db, ids[("曾䶮", a)])
    calls = iter([False, False, True])  # checked; 曾䶮 written; cancelled before 李四
    with pytest.raises(Cancelled), db.transaction() as s:
        import_evaluation(s, path, year=YEAR, stage="自评", cancel=lambda: next(calls, True))
    assert result(db, ids[("曾䶮", a)]) == before
