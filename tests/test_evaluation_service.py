"""The evaluation service on a real file: suggestions from hand-made records, stages, the quota,
consequences across years, locking and the audit log."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from tests.helpers import digest
from twdesk.core.evaluation_view import PAST_RESULT, Stage
from twdesk.db.models import (
    Activity,
    ActivityParticipant,
    AuditEntry,
    DutyAssignment,
    DutyDay,
    EvaluationUnlock,
    OpinionItem,
    Person,
    Project,
    ProjectMember,
    Station,
    StationMembership,
    Visit,
)
from twdesk.services import evaluation as ev
from twdesk.services.evaluation import EvaluationError, StageEntry

YEAR = 2026
TODAY = date(2026, 11, 20)
D = Decimal
EIGHT = Decimal(8)


def _station(s, name: str) -> str:
    row = Station(name=name, kind="乡镇")
    s.add(row)
    s.flush()
    return row.id


def _delegate(s, name: str, station_id: str, *, start=None, end=None, politics="共青团员") -> str:
    person = Person(name=name, name_pinyin=name, political_status=politics)
    s.add(person)
    s.flush()
    s.add(
        StationMembership(
            station_id=station_id, person_id=person.id, start_date=start, end_date=end
        )
    )
    return person.id


def _activity(
    s, kind: str, day: date, people: list[str], *, youth=0, confirmation="已确认"
) -> None:
    act = Activity(
        activity_type=kind,
        activity_date=day,
        title=f"{kind}{day}",
        youth_count=youth,
        confirmation=confirmation,
    )
    s.add(act)
    s.flush()
    for pid in people:
        s.add(ActivityParticipant(activity_id=act.id, person_id=pid))


def _duty(s, station_id: str, day: date, person: str, state: str, substitute: str | None = None):
    d = DutyDay(station_id=station_id, day=day)
    s.add(d)
    s.flush()
    s.add(
        DutyAssignment(
            duty_day_id=d.id, person_id=person, attendance=state, substitute_id=substitute
        )
    )


def _opinions(s, station_id: str, person: str, count: int) -> None:
    visit = Visit(station_id=station_id, received_by_id=person, visit_date=date(YEAR, 5, 6))
    s.add(visit)
    s.flush()
    for i in range(count):
        s.add(OpinionItem(visit_id=visit.id, number=f"{YEAR}-{person[:4]}-{i}", content="建议"))


@pytest.fixture
def year_db(any_office_db):
    """A station with hand-made records for 张三 and 李四, and 王五 who has none."""
    office_db = any_office_db  # once on a file, once on a PostgreSQL server
    ids: dict[str, str] = {}
    with office_db.transaction() as s:
        st = _station(s, "城关镇团代表联络站")
        other = _station(s, "河口镇团代表联络站")
        ids["station"], ids["other"] = st, other
        a = ids["张三"] = _delegate(s, "张三", st)
        b = ids["李四"] = _delegate(s, "李四", st)
        ids["王五"] = _delegate(s, "王五", st)
        # moved from 河口 (Jan–Mar) to 城关 (Apr–): evaluated at 城关
        mover = ids["赵六"] = _delegate(s, "赵六", other, end=date(YEAR, 3, 31))
        s.add(StationMembership(station_id=st, person_id=mover, start_date=date(YEAR, 4, 1)))
        for month in (3, 5, 7):
            _activity(s, "会议", date(YEAR, month, 1), [a, b])
        _activity(s, "会议", date(YEAR, 9, 1), [a], confirmation="待确认")  # not counted
        _activity(s, "会议", date(YEAR - 1, 9, 1), [a])  # last year: not counted
        for month in range(1, 6):
            _activity(s, "学习培训", date(YEAR, month, 15), [a])  # 5 × 2.5 = 12.5 → cap 10
        _activity(s, "联系青年", date(YEAR, 4, 2), [a], youth=60)
        _activity(s, "宣讲", date(YEAR, 6, 2), [a])
        _duty(s, st, date(YEAR, 1, 7), a, "到岗")
        _duty(s, st, date(YEAR, 2, 4), a, "到岗")
        _duty(s, st, date(YEAR, 3, 4), a, "请假")
        _duty(s, st, date(YEAR, 4, 1), a, "缺席")
        _duty(s, st, date(YEAR, 5, 6), a, "替班", substitute=b)  # 请假 for 张三, 到岗 for 李四
        _duty(s, st, date(YEAR, 12, 2), a, "未登记")  # still to come: not yet due
        _duty(s, st, date(YEAR, 6, 3), b, "到岗")
        _opinions(s, st, a, 2)
        project = Project(name="青年夜校", leader_id=a)
        joined = Project(name="助农直播")
        s.add_all([project, joined])
        s.flush()
        s.add(ProjectMember(project_id=joined.id, person_id=a, role="参与"))
    return office_db, ids


def _open(db, **kw):
    with db.transaction() as s:
        return ev.open_year(s, YEAR, today=TODAY, **kw)


def _result(db, name_id: str):
    with db.session() as s:
        return ev.delegate_result(s, YEAR, name_id)


def test_suggestions_follow_the_records_exactly(year_db):
    db, ids = year_db
    summary = _open(db)
    assert summary.created == 4
    r = _result(db, ids["张三"])
    got = {i.seq: i.suggested for i in r.indicators}
    # 会议 3 × 2; 培训 capped; 坐班 15 × 2 ÷ (5 − 2) − 3 = 7; 青年 15 × 60/100; 支部 0 of 1;
    # 意见 2 × 2; 项目 6 + 2; 志愿 0; 宣讲 2.5; 组织评价 by hand
    assert got == {
        1: D(6),
        2: D(10),
        3: D(7),
        4: D(9),
        5: D(0),
        6: D(4),
        7: D(8),
        8: D(0),
        9: D("2.5"),
        10: None,
    }
    duty = next(i for i in r.indicators if i.seq == 3)
    assert "到岗 2" in duty.basis and "请假 2" in duty.basis and "缺席 1 次" in duty.basis
    assert r.station == "城关镇团代表联络站" and r.stage == "未评" and r.total is None
    li = {i.seq: i for i in _result(db, ids["李四"]).indicators}
    assert li[3].suggested == D(15)  # own day + the day sat for 张三, nothing due missed
    wang = {i.seq: i for i in _result(db, ids["王五"]).indicators}
    assert wang[3].suggested is None and wang[3].no_duty and wang[3].basis == "无排班"


def test_a_delegate_who_moved_is_evaluated_where_most_of_the_year_was_spent(year_db):
    db, ids = year_db
    _open(db)
    assert _result(db, ids["赵六"]).station == "城关镇团代表联络站"
    with db.session() as s:
        assert [n for _i, n in ev.station_choices(s, YEAR)] == ["城关镇团代表联络站"]


def _all_suggested(db, person_id: str, stage=Stage.STATION, manual=EIGHT, **kw) -> None:
    with db.transaction() as s:
        ev.save_stage(s, YEAR, person_id, stage, StageEntry(scores={10: manual}, **kw))


@pytest.mark.file_only  # looks at the file's bytes
def test_an_override_needs_a_reason_and_nothing_is_half_written(year_db):
    db, ids = year_db
    _open(db)
    before = digest(db.path)
    with pytest.raises(EvaluationError) as err, db.transaction() as s:
        ev.save_stage(s, YEAR, ids["张三"], Stage.SELF, StageEntry(scores={1: D(10), 10: D(9)}))
    assert "指标1“参加会议”" in str(err.value) and "理由" in str(err.value)
    assert digest(db.path) == before
    with db.transaction() as s:
        r = ev.save_stage(
            s,
            YEAR,
            ids["张三"],
            Stage.SELF,
            StageEntry(scores={1: D(10), 10: D(9)}, reasons={1: "另参加两次县级会议"}),
        )
    first = r.indicators[0]
    assert first.self_score == D(10) and first.overridden(Stage.SELF)
    assert first.reason(Stage.SELF) == "另参加两次县级会议"
    # 10 + 10 + 7 + 9 + 0 + 4 + 8 + 0 + 2.5 + 9
    assert r.total == D("59.5") and r.grade == "不称职" and r.stage == "自评"
    assert r.consequence == "提醒谈话"
    with db.session() as s:
        audit = s.scalars(
            select(AuditEntry).where(
                AuditEntry.table_name == "evaluation_score", AuditEntry.field == "self_score"
            )
        ).all()
    assert any(a.new_value == "10.0" for a in audit)


def test_the_final_score_is_the_latest_completed_stage(year_db):
    db, ids = year_db
    _open(db)
    _all_suggested(db, ids["张三"], Stage.SELF, manual=D(10))
    with db.transaction() as s:
        r = ev.save_stage(
            s,
            YEAR,
            ids["张三"],
            Stage.REVIEW,
            StageEntry(
                scores={10: D(5), 5: D(5)}, reasons={5: "联系了村团支部，台账漏记"}, bonus=D(12)
            ),
        )
    assert r.stage == "复核" and r.stages_done == (Stage.SELF, Stage.REVIEW)
    final = {i.seq: i.final for i in r.indicators}
    assert final[10] == D(5) and final[5] == D(5)
    # 6+10+7+9+5+4+8+0+2.5+5 = 56.5, bonus 12 capped at 10
    assert r.total == D("66.5") and r.grade == "基本称职"


def test_a_veto_makes_the_grade_incompetent(year_db):
    db, ids = year_db
    _open(db)
    with db.transaction() as s:
        r = ev.save_stage(
            s,
            YEAR,
            ids["李四"],
            Stage.STATION,
            StageEntry(
                scores={i: D(10) for i in (1, 2, 6, 7, 8, 10)} | {4: D(15), 5: D(5), 9: D(5)},
                reasons={i: "按实际" for i in range(1, 11)},
                veto="3",
            ),
        )
    assert r.total == D(100) and r.veto == "全年无任何履职记录" and r.grade == "不称职"
    with pytest.raises(EvaluationError, match="否决情形"), db.transaction() as s:
        ev.save_stage(s, YEAR, ids["李四"], Stage.STATION, StageEntry(veto="99"))


def _station_of_ten(db) -> tuple[str, list[str]]:
    """Ten delegates at a new station scored straight in 组织评价: totals 95, 93, 93, 93, 80…"""
    with db.transaction() as s:
        st = _station(s, "十人站")
        people = [_delegate(s, f"代表{i}", st) for i in range(10)]
    _open(db)
    totals = [95, 93, 93, 93, 80, 80, 70, 60, 50, 91]
    for pid, total in zip(people, totals, strict=True):
        with db.transaction() as s:
            ev.save_stage(s, YEAR, pid, Stage.STATION, _entry_for_total(D(total)))
    return st, people


def _entry_for_total(total: Decimal) -> StageEntry:
    """Scores that add up to ``total``, each reason given."""
    points = {1: 10, 2: 10, 3: 15, 4: 15, 5: 5, 6: 10, 7: 10, 8: 10, 9: 5, 10: 10}
    scores, left = {}, total
    for seq, p in points.items():
        take = min(D(p), left)
        scores[seq] = take
        left -= take
    return StageEntry(scores=scores, reasons={seq: "纸质评分" for seq in points})


def test_ten_delegates_tie_across_the_quota_until_someone_decides(year_db):
    db, _ids = year_db
    st, people = _station_of_ten(db)
    with db.session() as s:
        sy = ev.station_year(s, YEAR, st)
    assert sy.excellent_slots == 2
    by_name = {d.name: d for d in sy.delegates}
    assert by_name["代表0"].grade == "优秀" and by_name["代表0"].rank == 1
    tied = sorted(d.name for d in sy.delegates if d.quota_tie)
    assert tied == ["代表1", "代表2", "代表3"]
    assert all(by_name[n].grade is None for n in tied)
    assert by_name["代表9"].grade == "称职"  # 91, below the tied line
    with pytest.raises(EvaluationError, match="并列待定"), db.transaction() as s:
        ev.lock_year(s, YEAR, st)
    with pytest.raises(EvaluationError, match="理由"), db.transaction() as s:
        ev.decide_tie(s, YEAR, people[1], "优秀", " ")
    with db.transaction() as s:
        ev.decide_tie(s, YEAR, people[1], "优秀", "集体研究：全年坐班全勤")
    with db.session() as s:
        sy = ev.station_year(s, YEAR, st)
    grades = {d.name: (d.grade, d.quota_tie, d.decided) for d in sy.delegates}
    assert grades["代表1"] == ("优秀", False, True)
    assert grades["代表2"][:2] == ("称职", False) and grades["代表3"][:2] == ("称职", False)
    with pytest.raises(EvaluationError, match="没有在优秀名额线上"), db.transaction() as s:
        ev.decide_tie(s, YEAR, people[9], "优秀", "想给")
    with db.transaction() as s:
        assert ev.lock_year(s, YEAR, st) == 10


def test_consecutive_years_count_an_imported_past_year(year_db):
    db, ids = year_db
    with db.transaction() as s:
        ev.save_past_result(s, YEAR - 1, ids["王五"], D(55), "不称职", "2025 年纸质考核")
    _open(db)
    _all_suggested(db, ids["王五"], manual=D(0))
    r = _result(db, ids["王五"])
    assert r.grade == "不称职" and r.consequence == "劝辞"
    assert r.consequence_reasons == (f"{YEAR - 1}、{YEAR} 年连续两年不称职",)
    with db.session() as s:
        past = ev.results(s, YEAR - 1)
    assert [(p.name, p.stage, p.total, p.grade) for p in past] == [
        ("王五", PAST_RESULT, D(55), "不称职")
    ]
    with pytest.raises(EvaluationError, match="不能再按指标录入"), db.transaction() as s:
        ev.save_stage(s, YEAR - 1, ids["王五"], Stage.SELF, StageEntry())


def test_excellent_all_term_is_recommended_and_put_forward_for_the_party(year_db):
    db, ids = year_db
    with db.transaction() as s:
        ev.set_term_years(s, YEAR - 1, YEAR)
        ev.save_past_result(s, YEAR - 1, ids["李四"], D(96), "优秀")
    _open(db)
    with db.transaction() as s:
        ev.save_stage(s, YEAR, ids["李四"], Stage.STATION, _entry_for_total(D(97)))
    r = _result(db, ids["李四"])
    assert r.grade == "优秀" and r.consequence == "推荐为下届候选人、推优入党"


def test_reopening_recomputes_suggestions_and_keeps_entered_scores(year_db):
    db, ids = year_db
    _open(db)
    _all_suggested(db, ids["张三"], Stage.SELF, manual=D(10))
    with db.transaction() as s:
        _activity(s, "志愿服务", date(YEAR, 8, 8), [ids["张三"]])
    summary = _open(db)
    assert summary.created == 0 and summary.refreshed == 4
    r = _result(db, ids["张三"])
    volunteer = next(i for i in r.indicators if i.seq == 8)
    assert volunteer.suggested == D(2) and volunteer.self_score == D(0)  # entered score kept


@pytest.mark.file_only  # looks at the file's bytes
def test_lock_freezes_the_year_against_imports_scheme_edits_and_records(year_db):
    db, ids = year_db
    _open(db)
    for name in ("张三", "李四", "王五", "赵六"):
        _all_suggested(db, ids[name])
    with db.transaction() as s:
        assert ev.lock_year(s, YEAR, ids["station"]) == 4

    def frozen() -> str:
        with db.session() as s:
            return json.dumps([d.as_json() for d in ev.results(s, YEAR)], ensure_ascii=False)

    locked = frozen()
    assert all(d["locked"] for d in json.loads(locked))
    before = digest(db.path)
    with pytest.raises(EvaluationError, match="已经锁定"), db.transaction() as s:
        ev.save_stage(s, YEAR, ids["张三"], Stage.REVIEW, StageEntry(scores={10: D(1)}))
    assert digest(db.path) == before
    # the office edits its scheme and the records change: the locked year stays byte-identical
    with db.transaction() as s:
        scheme = ev.current_scheme(s)
        first = replace(scheme.indicators[0], name="参加各类会议", points=D(12))
        second = replace(scheme.indicators[1], points=D(8))
        ev.save_scheme(s, replace(scheme, indicators=(first, second, *scheme.indicators[2:])))
        _activity(s, "会议", date(YEAR, 10, 1), [ids["张三"]])
    _open(db)
    assert frozen() == locked
    with db.session() as s:
        assert ev.current_scheme(s).indicators[0].name == "参加各类会议"
    with pytest.raises(EvaluationError, match="理由"), db.transaction() as s:
        ev.unlock_year(s, YEAR, ids["station"], "")
    with db.transaction() as s:
        assert ev.unlock_year(s, YEAR, ids["station"], "复核发现坐班记录有误") == 4
    with db.session() as s:
        unlocks = s.scalars(select(EvaluationUnlock)).all()
        audit = s.scalars(
            select(AuditEntry).where(
                AuditEntry.table_name == "evaluation", AuditEntry.field == "locked"
            )
        ).all()
    assert len(unlocks) == 4 and {u.reason for u in unlocks} == {"复核发现坐班记录有误"}
    assert {(a.old_value, a.new_value) for a in audit} == {("False", "True"), ("True", "False")}
    _open(db)  # unlocked: reopening takes the new scheme
    assert _result(db, ids["张三"]).indicators[0].name == "参加各类会议"


def test_progress_lists_who_is_missing_which_stage(year_db):
    db, ids = year_db
    _open(db)
    _all_suggested(db, ids["张三"], Stage.SELF)
    with db.session() as s:
        (row,) = ev.progress(s, YEAR)
    assert row.delegates == 4
    assert set(row.missing[Stage.SELF]) == {"李四", "王五", "赵六"}
    assert set(row.missing[Stage.STATION]) == {"张三", "李四", "王五", "赵六"}


def test_the_records_behind_a_number(year_db):
    db, ids = year_db
    _open(db)
    with db.session() as s:
        duty = ev.records_behind(s, YEAR, ids["李四"], 3)
        meetings = ev.records_behind(s, YEAR, ids["张三"], 1)
        opinions = ev.records_behind(s, YEAR, ids["张三"], 6)
        projects = ev.records_behind(s, YEAR, ids["张三"], 7)
    assert ("2026-05-06", "城关镇团代表联络站", "替 张三 坐班", "到岗", "") in duty.rows
    assert len(meetings.rows) == 3 and meetings.basis.startswith("会议 3 次")
    assert len(opinions.rows) == 2
    assert sorted(projects.rows) == [("助农直播", "参与", "", ""), ("青年夜校", "领办", "", "")]


def test_find_delegate_and_station_say_what_is_wrong(year_db):
    db, ids = year_db
    _open(db)
    with db.session() as s:
        assert ev.find_delegate(s, YEAR, "张三") == ids["张三"]
        assert ev.find_station(s, "城关镇团代表联络站") == ids["station"]
        with pytest.raises(EvaluationError, match="没有名为“张飞”"):
            ev.find_delegate(s, YEAR, "张飞")
        with pytest.raises(EvaluationError, match="是不是：城关镇团代表联络站"):
            ev.find_station(s, "城关")


def test_opening_writes_suggestions_without_audit_noise(year_db):
    """Opening writes suggestions in bulk: no audit rows for them (they are not entered scores)."""
    db, _ids = year_db
    with db.session() as s:
        before = len(s.scalars(select(AuditEntry)).all())
    _open(db)
    with db.session() as s:
        assert len(s.scalars(select(AuditEntry)).all()) == before


def test_the_demo_opens_its_year_from_its_own_records(tmp_path):
    from twdesk.db.dbfile import open_database
    from twdesk.db.demo_file import create_demo_database
    from twdesk.services.demo_evaluation import open_demo_year

    path = tmp_path / "demo.sqlite"
    create_demo_database(
        path, stations=3, delegates=30, years=2, seed=2, today=TODAY, finish=open_demo_year
    )
    db = open_database(path)
    try:
        with db.session() as s:
            now_year = ev.results(s, YEAR)
            last_year = ev.results(s, YEAR - 1)
            progress = ev.progress(s, YEAR)
    finally:
        db.close()
    assert len(now_year) >= 25 and not any(d.locked for d in now_year)
    assert all(any(i.suggested is not None for i in d.indicators) for d in now_year)
    stages = {d.stage for d in now_year}
    assert {"未评", "自评", "组织评价"} <= stages
    assert sum(len(p.missing[Stage.SELF]) for p in progress) > 0
    assert last_year and all(d.locked and d.grade and d.total is not None for d in last_year)


@pytest.mark.file_only  # looks at the file's bytes
def test_a_scoring_sheet_saves_many_at_once_or_none(year_db):
    db, ids = year_db
    _open(db)
    good = StageEntry(scores={10: D(9)})
    bad = StageEntry(scores={1: D(11)})
    before = digest(db.path)
    with pytest.raises(ev.StageProblems) as err, db.transaction() as s:
        ev.save_stages(s, YEAR, Stage.SELF, [(ids["张三"], good), (ids["李四"], bad)])
    assert list(err.value.problems) == [ids["李四"]]
    assert "11 分超出范围" in err.value.problems[ids["李四"]]
    assert digest(db.path) == before
    with db.transaction() as s:
        assert ev.save_stages(s, YEAR, Stage.SELF, [(ids["张三"], good), (ids["李四"], good)]) == 2
    assert _result(db, ids["李四"]).grade is not None


def test_a_locked_year_keeps_its_quota_line(year_db):
    db, _ids = year_db
    st, people = _station_of_ten(db)
    with db.transaction() as s:
        ev.decide_tie(s, YEAR, people[2], "优秀", "集体研究")
        ev.lock_year(s, YEAR, st)
    with db.session() as s:
        sy = ev.station_year(s, YEAR, st)
    assert sy.locked and sy.excellent_slots == 2
    assert sorted(d.name for d in sy.delegates if d.grade == "优秀") == ["代表0", "代表2"]
    manual = next(i for i in sy.delegates[0].indicators if i.seq == 10)
    assert manual.suggested is None and not manual.overridden(Stage.STATION)


def test_an_unexcused_absence_from_a_meeting_costs_two_points(year_db):
    from twdesk.services import ledger

    db, ids = year_db
    values = {"activity_date": date(YEAR, 10, 10), "activity_type": "会议", "title": "季度例会"}
    with pytest.raises(ledger.LedgerError) as err, db.transaction() as s:
        ledger.save_activity(s, values, [ids["李四"]], absent_ids=[ids["李四"]], today=TODAY)
    assert "既参与又无故缺席" in str(err.value)
    with db.transaction() as s:
        detail = ledger.save_activity(
            s, values, [ids["李四"]], absent_ids=[ids["张三"]], today=TODAY
        )
    assert [n for _i, n in detail.participants] == ["李四"]
    assert [n for _i, n in detail.absent] == ["张三"]
    _open(db)
    first = _result(db, ids["张三"]).indicators[0]
    # 3 meetings attended × 2 = 6, one unexcused absence −2
    assert first.suggested == D(4) and "无故缺席 1 次" in first.basis
    li = _result(db, ids["李四"]).indicators[0]
    assert li.suggested == D(8)  # the absentee's meeting counts for the one who came
    with db.session() as s:
        rows = ev.records_behind(s, YEAR, ids["张三"], 1).rows
        year = {r.person_id: r for r in ledger.ledger(s, YEAR, today=TODAY)}
    assert ("2026-10-10", "会议", "季度例会", "", "0", "无故缺席") in rows
    assert year[ids["张三"]].by_type["会议"] == 3
