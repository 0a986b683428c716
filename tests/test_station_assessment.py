"""Station assessment (联络站考评) and the rectification ledger (issue 16): each checklist
suggestion against hand-computed numbers, entered scores, grades and ranks, the checklist
editor's rules, the records behind a number, rectification states and overdue, the outputs
(PDF text with pypdf, .xlsx read back) and the CLI."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader

from tests.helpers import run_twdesk
from tests.home_files import TODAY, HomeFile, build_home_file
from twdesk.core.station_assessment import (
    CheckItemSpec,
    GradeRule,
    Measure,
    RectState,
    StationFacts,
    ranks,
    rect_state,
    suggest,
)
from twdesk.services import rectification
from twdesk.services import station_assessment as sa
from twdesk.services.rectification import RectificationError


@pytest.fixture
def hf(tmp_path: Path, engine_name: str, request: pytest.FixtureRequest) -> HomeFile:
    """The home file, once in a file and once on a PostgreSQL server."""
    server = request.getfixturevalue("pg_url") if engine_name == "postgresql" else None
    f = build_home_file(tmp_path, server)
    yield f
    f.db.close()


def items_of(result) -> dict[str, sa.ItemScore]:
    return {i.name: i for i in result.items}


def test_suggestions_from_the_records_hand_computed(hf: HomeFile) -> None:
    with hf.db.session() as s:
        rows = {r.station: r for r in sa.assess(s, 2026, today=TODAY)}
    a, b = items_of(rows["乔庄镇联络站"]), items_of(rows["青溪镇联络站"])
    # duty: A opened 1 of 3 past days (09-02 到岗; 09-09 未登记, 09-16 缺席) → 30 × 1/3
    assert a["按时开放坐班"].suggested == Decimal("10.0")
    # B opened 1 of 2 (10-21 替班 counts as open; today's day is not yet due) → 30 × 1/2
    assert b["按时开放坐班"].suggested == Decimal("15.0")
    # register: A's one opened day has a visit; B's opened day has none
    assert a["来访登记规范"].suggested == Decimal("15.0")
    assert b["来访登记规范"].suggested == Decimal("0")
    # overdue: A 1 item (−2), B 2 items (−4); a handled item past its deadline is not overdue
    assert a["意见建议按时办理"].suggested == Decimal("13.0")
    assert b["意见建议按时办理"].suggested == Decimal("11.0")
    # activities: months Jan–Oct due; A confirmed only in March → 20 × 1/10; B none confirmed
    assert a["每月开展活动"].suggested == Decimal("2.0")
    assert b["每月开展活动"].suggested == Decimal("0")
    # 五公开: A has 负责人+电话, 职责, 制度 → 3 of 5
    assert a["五公开上墙"].suggested == Decimal("6.0")
    assert b["五公开上墙"].suggested == Decimal("0")
    assert a["阵地建设（现场检查）"].suggested is None
    assert rows["乔庄镇联络站"].total == Decimal("46.0")
    assert rows["青溪镇联络站"].total == Decimal("26.0")
    assert [r.rank for r in (rows["乔庄镇联络站"], rows["青溪镇联络站"])] == [1, 2]
    assert {r.grade for r in rows.values()} == {"不合格"}


def test_entered_scores_count_and_are_checked(hf: HomeFile) -> None:
    with hf.db.transaction() as s:
        sa.set_score(s, 2026, hf.a, 6, Decimal(10), "阵地规范")
        sa.set_score(s, 2026, hf.a, 1, Decimal(30), "补开放已核实")
    with hf.db.session() as s:
        rows = {r.station: r for r in sa.assess(s, 2026, today=TODAY)}
    a = items_of(rows["乔庄镇联络站"])
    assert a["按时开放坐班"].suggested == Decimal("10.0") and a["按时开放坐班"].score == 30
    assert rows["乔庄镇联络站"].total == Decimal("76.0") and rows["乔庄镇联络站"].grade == "合格"
    with pytest.raises(sa.AssessmentError, match="得分应在 0 到 10"), hf.db.transaction() as s:
        sa.set_score(s, 2026, hf.b, 6, Decimal(11))
    with hf.db.transaction() as s:  # clearing: the suggestion stands again
        sa.set_score(s, 2026, hf.a, 1, None)
    with hf.db.session() as s:
        assert sa.assess(s, 2026, today=TODAY, station_id=hf.a)[0].total == Decimal("56.0")


def test_ties_share_a_rank_and_grades_follow_thresholds() -> None:
    assert ranks([Decimal(80), Decimal(90), Decimal(80), Decimal(70)]) == [2, 1, 2, 4]
    rule = GradeRule()
    assert [rule.grade(Decimal(v)) for v in (95, 90, 89.9, 60, 59)] == [
        "优秀",
        "优秀",
        "合格",
        "合格",
        "不合格",
    ]


def test_pure_suggestions_edge_cases() -> None:
    duty = CheckItemSpec(1, "坐班", Decimal(30), Measure.DUTY_RATE)
    assert suggest(duty, StationFacts())[0] == 0  # nothing planned: nothing earned
    overdue = CheckItemSpec(2, "超期", Decimal(5), Measure.OVERDUE, Decimal(2))
    assert suggest(overdue, StationFacts(overdue_items=9))[0] == 0  # never below zero
    act = CheckItemSpec(3, "活动", Decimal(20), Measure.ACTIVITIES, Decimal(2))
    value, basis = suggest(act, StationFacts(months_due=12, months_active=4))
    assert value == Decimal("6.7") and "4 个月" in basis


def test_checklist_edit_keeps_scores_of_kept_items(hf: HomeFile) -> None:
    with hf.db.transaction() as s:
        sa.set_score(s, 2026, hf.a, 6, Decimal(9))
        items = sa.checklist(s, 2026)
        edited = [i for i in items if i.measure != Measure.FIVE_PUBLIC]  # drop 五公开
        edited = [
            CheckItemSpec(
                i.seq,
                i.name,
                i.points,
                i.measure,
                Decimal(2) if i.measure == Measure.ACTIVITIES else i.param,
            )
            for i in edited
        ]
        saved = sa.save_checklist(s, 2026, edited)
    assert [i.name for i in saved][-1] == "阵地建设（现场检查）" and len(saved) == 5
    with hf.db.session() as s:
        a = items_of(sa.assess(s, 2026, today=TODAY, station_id=hf.a)[0])
        assert "五公开上墙" not in a
        # the inspection item moved up to 5th: its entered score went with it
        assert a["阵地建设（现场检查）"].entered == Decimal(9)
        # now 2 a month: March had 2 confirmed entries, still met
        assert a["每月开展活动"].suggested == Decimal("2.0")
        assert sa.checklist(s, 2027)[0].name == "按时开放坐班"  # a later year copies it
    with pytest.raises(sa.AssessmentError, match="分值应大于 0"), hf.db.transaction() as s:
        sa.save_checklist(s, 2026, [CheckItemSpec(1, "坐班", Decimal(0), Measure.DUTY_RATE)])


def test_records_behind_each_number(hf: HomeFile) -> None:
    with hf.db.session() as s:
        duty = sa.records_behind(s, 2026, hf.a, 1, today=TODAY)
        assert duty.rows == (
            ("2026-09-02", "已开放"),
            ("2026-09-09", "未开放"),
            ("2026-09-16", "未开放"),
        )
        assert duty.basis == "开放 1 天 ÷ 计划 3 天 × 30" and duty.tab == "duty"
        overdue = sa.records_behind(s, 2026, hf.b, 3, today=TODAY)
        assert [r[0] for r in overdue.rows] == ["2026-00005", "2026-00006"]
        months = sa.records_behind(s, 2026, hf.a, 4, today=TODAY)
        assert len(months.rows) == 10 and months.rows[2] == ("3月", "2", "达标")
        board = sa.records_behind(s, 2026, hf.a, 5, today=TODAY)
        assert dict(board.rows)["服务承诺"] == "未填写"


def test_rectification_states_and_overdue(hf: HomeFile) -> None:
    assert rect_state(None, date(2026, 11, 23), TODAY) == RectState.OVERDUE
    assert rect_state(None, TODAY, TODAY) == RectState.OPEN  # due today: not yet overdue
    assert rect_state(date(2026, 12, 1), date(2026, 11, 1), TODAY) == RectState.CLOSED
    with hf.db.session() as s:
        rows = rectification.problems(s, today=TODAY)
    assert [(r.station, r.state) for r in rows] == [
        ("青溪镇联络站", "已超期"),
        ("乔庄镇联络站", "整改中"),
        ("乔庄镇联络站", "已整改"),
    ]
    assert rows[0].overdue and not rows[1].overdue
    with hf.db.transaction() as s:
        r = rectification.add_follow_up(s, hf.problems["late"], "已督办", on=date(2026, 11, 20))
        assert r.follow_up == "2026-11-20 已督办"
        r = rectification.close_problem(s, hf.problems["late"], on=TODAY, note="已更新")
        assert r.state == "已整改" and r.closed_on == TODAY
    with hf.db.session() as s:
        assert rectification.overdue_by_station(s, today=TODAY) == {}
        assert [r.state for r in rectification.problems(s, station_id=hf.b, today=TODAY)] == [
            "已整改"
        ]
    with (
        pytest.raises(RectificationError, match="已于 2026-11-24 整改完成"),
        hf.db.transaction() as s,
    ):
        rectification.close_problem(s, hf.problems["late"], on=TODAY)
    with hf.db.transaction() as s:
        r = rectification.reopen_problem(s, hf.problems["late"], "复查未通过", on=TODAY)
        assert r.state == "已超期" and "重新整改：复查未通过" in r.follow_up


def test_rectification_input_is_checked(hf: HomeFile) -> None:
    with pytest.raises(RectificationError) as caught, hf.db.transaction() as s:
        rectification.save_problem(
            s,
            {
                "station_id": hf.a,
                "description": "",
                "found_on": date(2026, 11, 1),
                "deadline": date(2026, 10, 1),
            },
        )
    assert set(caught.value.problems) == {"description", "deadline"}
    with pytest.raises(RectificationError, match="不能早于发现日期"), hf.db.transaction() as s:
        rectification.close_problem(s, hf.problems["open"], on=date(2026, 1, 1))


def test_assessment_pdf_and_xlsx(hf: HomeFile, tmp_path: Path) -> None:
    with hf.db.session() as s:
        pdf = sa.write_assessment(s, tmp_path / "考评.pdf", 2026, today=TODAY)
        xlsx = sa.write_assessment(s, tmp_path / "考评.xlsx", 2026, today=TODAY)
    text = "".join(p.extract_text() for p in PdfReader(pdf).pages)
    assert "2026年度团代表联络站规范化建设考评结果" in text
    assert "乔庄镇联络站" in text and "46" in text and "第1页 共1页" in text
    ws = openpyxl.load_workbook(xlsx).active
    assert ws["A4"].value == "名次" and ws["C4"].value == "按时开放坐班（30分）"
    assert [ws.cell(5, c).value for c in (1, 2, 3)] == [1, "乔庄镇联络站", 10]
    assert ws.cell(5, 9).value == 46 and ws.cell(5, 10).value == "不合格"


def test_rectification_outputs_never_hold_formulas(hf: HomeFile, tmp_path: Path) -> None:
    with hf.db.transaction() as s:
        rectification.save_problem(
            s,
            {
                "station_id": hf.a,
                "description": '=HYPERLINK("http://x")',
                "found_on": date(2026, 11, 2),
            },
        )
    with hf.db.session() as s:
        xlsx = rectification.write_ledger(s, tmp_path / "台账.xlsx", today=TODAY)
        pdf = rectification.write_ledger(s, tmp_path / "乔庄.pdf", station_id=hf.a, today=TODAY)
    ws = openpyxl.load_workbook(xlsx).active
    values = [ws.cell(r, 4).value for r in range(5, ws.max_row + 1)]
    assert '=HYPERLINK("http://x")' in values
    cell = next(
        ws.cell(r, 4) for r in range(5, ws.max_row + 1) if ws.cell(r, 4).value.startswith("=")
    )
    assert cell.data_type == "s"
    assert [ws.cell(r, 11).value for r in range(5, 9)].count("已超期") == 1
    text = "".join(p.extract_text() for p in PdfReader(pdf).pages)
    assert "乔庄镇联络站整改台账" in text and "来访登记缺联系方式" in text
    assert "五公开栏未更新" not in text  # only this station's problems


@pytest.mark.file_only  # the CLI on a server: test_engines_agree
def test_cli_assess_json_keys_and_export(hf: HomeFile, tmp_path: Path) -> None:
    path = hf.path
    hf.db.close()
    result = run_twdesk(
        "stations", "assess", "--db", str(path), "--year", "2026", "--format", "json"
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert [set(row) for row in data] == [{"station", "items", "total", "grade", "rank"}] * 2
    assert all(set(i) == {"name", "points", "suggested", "score"} for r in data for i in r["items"])
    assert [r["rank"] for r in data] == [1, 2]
    table = run_twdesk("stations", "assess", "--db", str(path), "--year", "2026")
    assert table.returncode == 0 and "乔庄镇联络站" in table.stdout and "等次" in table.stdout
    out = tmp_path / "整改.xlsx"
    done = run_twdesk("export", "rectification", "--db", str(path), "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert openpyxl.load_workbook(out).active["A1"].value == "联络站整改台账"
    bad = run_twdesk("export", "rectification", "--db", str(path), "--out", str(tmp_path / "x.txt"))
    assert bad.returncode == 1 and bad.stderr.startswith("错误：整改台账只能保存为")
    missing = run_twdesk(
        "stations", "assess", "--db", str(path), "--year", "2026", "--station", "无此站"
    )
    assert missing.returncode == 1 and "错误：" in missing.stderr


@pytest.mark.file_only  # copies the file
def test_checklists_scores_and_problems_made_in_two_files_merge(
    hf: HomeFile, tmp_path: Path
) -> None:
    """The county and a station each start the 2026 checklist on their own: merged, it is one
    checklist (matched on year + number) carrying both files' scores and problems."""
    import sqlite3
    from contextlib import closing

    from tests.merge_files import station_copy
    from twdesk.db.dbfile import open_database
    from twdesk.services import merge

    hf.db.close()
    station = station_copy(hf.path, tmp_path / "station.sqlite")
    county = open_database(hf.path)
    with county.transaction() as s:
        sa.set_score(s, 2026, hf.a, 6, Decimal(8))
    county.close()
    other = open_database(station)
    with other.transaction() as s:
        sa.set_score(s, 2026, hf.b, 6, Decimal(7))
        rectification.save_problem(
            s, {"station_id": hf.b, "description": "站点标识缺失", "found_on": date(2026, 11, 2)}
        )
    other.close()
    county = open_database(hf.path)
    try:
        merge.apply_merge(county, station)
        with county.session() as s:
            assert len(sa.checklist(s, 2026)) == 6
            rows = {r.station: items_of(r) for r in sa.assess(s, 2026, today=TODAY)}
            problems = [r.description for r in rectification.problems(s, today=TODAY)]
    finally:
        county.close()
    assert rows["乔庄镇联络站"]["阵地建设（现场检查）"].entered == 8
    assert rows["青溪镇联络站"]["阵地建设（现场检查）"].entered == 7
    assert "站点标识缺失" in problems and len(problems) == 4
    with closing(sqlite3.connect(hf.path)) as con:
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        assert con.execute("SELECT count(*) FROM station_check_item").fetchone()[0] == 6


def test_grade_thresholds_are_an_office_setting(hf: HomeFile) -> None:
    with hf.db.transaction() as s:
        sa.set_grade_rule(
            s, GradeRule((("五星", Decimal(40)), ("三星", Decimal(20)), ("待提升", Decimal(0))))
        )
    with hf.db.session() as s:
        grades = {r.station: r.grade for r in sa.assess(s, 2026, today=TODAY)}
    assert grades == {"乔庄镇联络站": "五星", "青溪镇联络站": "三星"}  # 46 and 26
    with pytest.raises(sa.AssessmentError, match="从高到低"), hf.db.transaction() as s:
        sa.set_grade_rule(s, GradeRule((("合格", Decimal(60)), ("优秀", Decimal(90)))))


@pytest.mark.parametrize(
    ("grades", "message"),
    [
        ((("优秀", 90), ("", 60), ("不合格", 0)), "第 2 行没有填写等次名称"),
        ((("优秀", 90), ("优秀", 60), ("不合格", 0)), "第 2 行的等次「优秀」与前面重复"),
        ((("优秀", 90), ("合格", 90), ("不合格", 0)), "两档分数相同"),
        ((("优秀", 90), ("合格", 60)), "最后一档为 0 分"),
    ],
)
def test_grade_lines_are_checked_and_nothing_is_saved(
    hf: HomeFile, grades: tuple[tuple[str, int], ...], message: str
) -> None:
    rule = GradeRule(tuple((n, Decimal(m)) for n, m in grades))
    with pytest.raises(sa.AssessmentError, match=message), hf.db.transaction() as s:
        sa.set_grade_rule(s, rule)
    with hf.db.session() as s:
        assert sa.grade_rule(s) == GradeRule()


def test_cli_grades_show_and_set(hf: HomeFile) -> None:
    path = hf.path
    hf.db.close()
    shown = run_twdesk("stations", "grades", "--db", str(path), "--format", "json")
    assert shown.returncode == 0, shown.stderr
    assert json.loads(shown.stdout) == [
        {"grade": "优秀", "minimum": 90.0},
        {"grade": "合格", "minimum": 60.0},
        {"grade": "不合格", "minimum": 0.0},
    ]
    done = run_twdesk("stations", "grades", "--db", str(path), "--set", "五星=40，三星=20,待提升=0")
    assert done.returncode == 0, done.stderr
    assert "五星" in done.stdout and "待提升" in done.stdout
    data = json.loads(
        run_twdesk(
            "stations", "assess", "--db", str(path), "--year", "2026", "--format", "json"
        ).stdout
    )
    assert {r["station"]: r["grade"] for r in data} == {
        "乔庄镇联络站": "五星",
        "青溪镇联络站": "三星",
    }
    bad = run_twdesk("stations", "grades", "--db", str(path), "--set", "五星40,待提升=0")
    assert bad.returncode == 1 and "应写成 等次=分数线" in bad.stderr
    wrong = run_twdesk("stations", "grades", "--db", str(path), "--set", "五星=abc,待提升=0")
    assert wrong.returncode == 1 and "不是数字" in wrong.stderr


def test_a_renamed_item_keeps_its_scores_a_new_one_with_an_old_name_does_not(
    hf: HomeFile,
) -> None:
    with hf.db.transaction() as s:
        sa.set_score(s, 2026, hf.a, 6, Decimal(9))
        items = sa.checklist(s, 2026)
        renamed = [
            replace(i, name="阵地建设", was=i.name) if i.seq == 6 else replace(i, was=i.name)
            for i in items
        ]
        sa.save_checklist(s, 2026, renamed)
    with hf.db.session() as s:
        assert items_of(sa.assess(s, 2026, today=TODAY, station_id=hf.a)[0])[
            "阵地建设"
        ].entered == Decimal(9)
    with hf.db.transaction() as s:
        items = sa.checklist(s, 2026)
        # 阵地建设 removed; a new row (loaded with no name) happens to be called 阵地建设
        kept = [replace(i, was=i.name) for i in items if i.seq != 6]
        kept.append(CheckItemSpec(6, "阵地建设", Decimal(10), Measure.INSPECTION, was="\x00new"))
        sa.save_checklist(s, 2026, kept)
    with hf.db.session() as s:
        assert (
            items_of(sa.assess(s, 2026, today=TODAY, station_id=hf.a)[0])["阵地建设"].entered
            is None
        )


def test_a_deleted_station_takes_its_problems_to_the_bin_and_back(hf: HomeFile) -> None:
    from twdesk.services import recycle_bin, stations

    with hf.db.transaction() as s:
        new = stations.save_station(s, {"name": "试点联络站", "kind": "乡镇街道联络站"}).id
        rectification.save_problem(
            s, {"station_id": new, "description": "站牌未挂", "found_on": date(2026, 10, 1)}
        )
        problem_id = rectification.problems(s, station_id=new, today=TODAY)[0].id
        preview = recycle_bin.describe_delete(s, "station", new)
    assert "1 个整改问题" in preview.text
    with hf.db.transaction() as s:
        recycle_bin.delete_record(s, "station", new)
    with hf.db.session() as s:
        assert rectification.problems(s, station_id=new, today=TODAY) == []
        assert "站牌未挂" not in [p.description for p in rectification.problems(s, today=TODAY)]
    # the problem alone cannot come back while its station is in the bin
    with pytest.raises(recycle_bin.BinError, match="联络站"), hf.db.transaction() as s:
        recycle_bin.restore_record(s, "rectification", problem_id)
    with hf.db.transaction() as s:
        recycle_bin.restore_record(s, "station", new)
    with hf.db.session() as s:
        after = [p.description for p in rectification.problems(s, station_id=new, today=TODAY)]
    assert after == ["站牌未挂"]
