"""The home page's lines (issue 16) against a file with hand-made counts (tests/home_files.py):
each line's count, station and where its click leads; the station filter; the overview."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.home_files import TODAY, HomeFile, build_home_file
from twdesk.services import backups, evaluation, home, ledger


@pytest.fixture
def hf(tmp_path: Path, engine_name: str, request: pytest.FixtureRequest) -> HomeFile:
    """The home file, once in a file and once on a PostgreSQL server."""
    server = request.getfixturevalue("pg_url") if engine_name == "postgresql" else None
    f = build_home_file(tmp_path, server)
    yield f
    f.db.close()


def by_kind(lines, kind):
    return [line for line in lines if line.kind == kind]


def test_duty_next_14_days_and_unrecorded_past_days(hf: HomeFile) -> None:
    with hf.db.session() as s:
        lines = home.first_lines(s, today=TODAY)
    upcoming = by_kind(lines, "duty_upcoming")
    assert [(x.target["day"], x.station) for x in upcoming] == [
        (TODAY, "青溪镇联络站"),
        (date(2026, 11, 25), "乔庄镇联络站"),
        (date(2026, 12, 2), "乔庄镇联络站"),
    ]  # 12-16 is beyond the 14 days
    assert upcoming[0].text == "今天 青溪镇联络站：单淼" and upcoming[0].tab == "duty"
    unrecorded = {x.station: x for x in by_kind(lines, "duty_unrecorded")}
    assert {k: v.count for k, v in unrecorded.items()} == {"乔庄镇联络站": 1, "青溪镇联络站": 1}
    assert unrecorded["青溪镇联络站"].target == {"station_id": hf.b, "day": date(2026, 10, 14)}
    assert unrecorded["乔庄镇联络站"].target["day"] == date(2026, 9, 9)
    assert all(x.urgent for x in unrecorded.values())


def test_items_overdue_and_due_this_week(hf: HomeFile) -> None:
    with hf.db.session() as s:
        lines = home.first_lines(s, today=TODAY)
    overdue = {x.station: x for x in by_kind(lines, "items_overdue")}
    assert {k: v.count for k, v in overdue.items()} == {"青溪镇联络站": 2, "乔庄镇联络站": 1}
    assert overdue["乔庄镇联络站"].target == {
        "station_id": hf.a,
        "overdue": True,
        "item_number": "2026-00001",
    }
    assert overdue["青溪镇联络站"].target["item_number"] == "2026-00005"
    due = by_kind(lines, "items_due")
    assert [(x.station, x.count, x.target["item_number"]) for x in due] == [
        ("乔庄镇联络站", 1, "2026-00002")
    ]
    # the status bar counts overdue items the same way
    from twdesk.services.overview import record_counts

    with hf.db.session() as s:
        assert record_counts(s, today=TODAY)["overdue"] == 3


def test_pending_ledger_entries_per_station(hf: HomeFile) -> None:
    with hf.db.session() as s:
        pending = by_kind(home.first_lines(s, today=TODAY), "ledger_pending")
    assert [(x.station, x.count, x.tab) for x in pending] == [
        ("乔庄镇联络站", 2, "ledger"),
        ("青溪镇联络站", 1, "ledger"),
    ]
    assert pending[0].target == {"station_id": hf.a, "confirmation": "待确认"}


def test_holidays_missing_from_october_only(hf: HomeFile) -> None:
    with hf.db.session() as s:
        lines = by_kind(home.first_lines(s, today=TODAY), "holidays_missing")
        assert [(x.text[:4], x.target) for x in lines] == [("2027", {"holidays": 2027})]
        assert not by_kind(home.first_lines(s, today=date(2026, 9, 30)), "holidays_missing")
    from twdesk.services import duty

    with hf.db.transaction() as s:
        duty.set_holiday(s, date(2027, 1, 1), "休", "元旦")
        duty.confirm_holiday_year(s, 2027)
    with hf.db.session() as s:
        assert not by_kind(home.first_lines(s, today=TODAY), "holidays_missing")


def test_rectification_overdue_line(hf: HomeFile) -> None:
    with hf.db.session() as s:
        lines = by_kind(home.first_lines(s, today=TODAY), "rectification_overdue")
    assert [(x.station, x.count, x.urgent) for x in lines] == [("青溪镇联络站", 1, True)]
    assert lines[0].tab == "home" and lines[0].target == {
        "page": "rectification",
        "station_id": hf.b,
    }


def test_one_plus_hundred_behind_pro_rata(hf: HomeFile) -> None:
    assert home.pro_rata(100, TODAY) == 89
    with hf.db.session() as s:
        lines = home.more_lines(s, None, today=TODAY)
        counts = ledger.year_counts(s, 2026)
        assert ledger.youth_contacts(s, 2026) == counts.youth  # the same counting
    behind = {x.station: x for x in by_kind(lines, "delegates_behind")}
    # a1 has 100 (on pace), a2 has 10, b1's 500 were returned (not counted)
    assert {k: v.count for k, v in behind.items()} == {"乔庄镇联络站": 1, "青溪镇联络站": 1}
    assert behind["乔庄镇联络站"].target["person_id"] == hf.people["a2"]
    cadres = by_kind(lines, "cadres_behind")
    assert len(cadres) == 1 and cadres[0].count == 1 and "蒋静平" in cadres[0].text
    assert cadres[0].tab == "contacts" and cadres[0].target == {"person_id": hf.people["c1"]}


def test_evaluation_stages_missing_once_the_year_is_opened(hf: HomeFile) -> None:
    with hf.db.session() as s:
        assert not by_kind(home.more_lines(s, None, today=TODAY), "stages_missing")
    with hf.db.transaction() as s:
        evaluation.open_year(s, 2026, today=TODAY)
        # 曾䶮 has done the self-evaluation (the suggestions taken as they are)
        evaluation.save_stage(
            s, 2026, hf.people["a1"], evaluation.Stage.SELF, evaluation.StageEntry()
        )
    with hf.db.session() as s:
        lines = {
            x.station: x for x in by_kind(home.more_lines(s, None, today=TODAY), "stages_missing")
        }
    with hf.db.session() as s:  # the same counts as the evaluation tab's progress view
        gaps = {g.station_id: g.missing for g in evaluation.stage_gaps(s, 2026)}
        for p in evaluation.progress(s, 2026):
            assert gaps[p.station_id] == {k: len(v) for k, v in p.missing.items()}
    assert lines["乔庄镇联络站"].count == 5  # 2 delegates × 3 stages, one done
    assert lines["青溪镇联络站"].count == 3
    assert "自评缺 1 人，组织评价缺 2 人" in lines["乔庄镇联络站"].text
    assert lines["青溪镇联络站"].target == {"station_id": hf.b, "year": 2026}


@pytest.mark.file_only  # backups of the file
def test_backups_older_than_seven_days(hf: HomeFile) -> None:
    lines = home.backup_lines(hf.path, today=TODAY)
    assert [x.kind for x in lines] == ["backup_old"] and "还没有备份" in lines[0].text
    taken = backups.take_backup(hf.path, "手动")
    assert home.backup_lines(hf.path, today=taken.taken_at.date()) == []
    later = home.backup_lines(hf.path, today=taken.taken_at.date().replace(year=2030))
    assert len(later) == 1 and "已超过 7 天" in later[0].text


def test_station_filter_keeps_one_station(hf: HomeFile) -> None:
    with hf.db.session() as s:
        lines = home.all_lines(s, None, today=TODAY, station_id=hf.a)
    stations = {x.station for x in lines if x.station}
    assert stations == {"乔庄镇联络站"}
    assert not by_kind(lines, "cadres_behind")  # cadres have no station
    assert by_kind(lines, "holidays_missing")  # county-wide lines stay


def test_group_totals_and_order(hf: HomeFile) -> None:
    with hf.db.session() as s:
        lines = home.all_lines(s, None, today=TODAY)
    totals = home.group_totals(lines)
    assert totals[home.G_OVERDUE] == 3 and totals[home.G_DUE] == 1
    assert totals[home.G_UNRECORDED] == 2 and totals[home.G_PENDING] == 3
    assert totals[home.G_DUTY] == 3 and totals[home.G_RECT] == 1
    assert lines[0].group == home.G_RECT and lines[-1].group == home.G_DUTY


def test_overview_charts(hf: HomeFile) -> None:
    with hf.db.session() as s:
        charts = {c.title: c for c in home.overview(s, 2026, today=TODAY)}
    visits = dict(charts["来访人次（按月）"].values)
    assert visits["9月"] == 1 and visits["10月"] == 2 and sum(visits.values()) == 3
    opinions = dict(charts["意见建议（按月）"].values)
    assert opinions["9月"] == 4 and opinions["10月"] == 2
    assert dict(charts["意见建议办理状态"].values) == {
        "已登记": 0,
        "已交办": 3,
        "办理中": 2,
        "已办结": 1,
        "已反馈": 0,
    }
    # A: 1 of 3 past days opened; B: 1 of 2
    assert dict(charts["坐班到岗率（按联络站）"].values) == {"乔庄镇": 33, "青溪镇": 50}
    assert dict(charts["1+100 按进度达标率"].values) == {
        "乔庄镇": 50,
        "青溪镇": 0,
        "团干部": 0,
    }
    assert dict(charts["联络站考评等次"].values) == {"优秀": 0, "合格": 0, "不合格": 2}


def test_overview_delegates_grades_follow_the_evaluation(hf: HomeFile) -> None:
    with hf.db.session() as s:
        charts = {c.title: c for c in home.overview(s, 2026, today=TODAY)}
    assert charts["团代表履职考核等次"].values == ()  # the year is not opened: no bars
    with hf.db.transaction() as s:
        evaluation.open_year(s, 2026, today=TODAY)
    with hf.db.session() as s:
        results = evaluation.results(s, 2026)
        charts = {c.title: c for c in home.overview(s, 2026, today=TODAY)}
    bars = dict(charts["团代表履职考核等次"].values)
    assert list(bars)[:4] == ["优秀", "称职", "基本称职", "不称职"]
    assert sum(bars.values()) == len(results) == 3  # every delegate of the year, once
    for grade in ("优秀", "称职", "基本称职", "不称职"):
        assert bars[grade] == sum(1 for d in results if d.grade == grade)


def test_county_summary_pdf_is_one_page(hf: HomeFile, tmp_path: Path) -> None:
    out = tmp_path / "概况.pdf"
    with hf.db.session() as s:
        home.write_county_summary(s, out, hf.path, year=2026, today=TODAY)
    reader = PdfReader(out)
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert "2026年11月团代表联络站工作调度" in text
    assert "意见建议超期：3" in text and "第1页 共1页" in text
    assert "坐班到岗率（按联络站）" in text
