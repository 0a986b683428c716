"""Duty plans on a real file: holidays, generation, regeneration, swaps, attendance, counts."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest
from sqlalchemy import func, select

from twdesk.core.duty_rules import parse_rule
from twdesk.db.dbfile import Database
from twdesk.db.models import DutyAssignment, DutyDay, DutySwap
from twdesk.services import duty, people, stations
from twdesk.services.duty import DutyError, HolidayDataMissing, RuleSettings

WEEKLY_WED = RuleSettings(parse_rule("weekly:wed"))
TODAY = date(2026, 6, 10)


def make_station(db: Database, n: int, levels: str = "市县乡镇") -> tuple[str, list[str]]:
    with db.transaction() as s:
        sid = stations.save_station(s, {"name": "乔庄镇联络站", "kind": "乡镇街道联络站"}).id
        ids = [
            people.save_person(
                s,
                {
                    "name": f"代表{chr(0x4E00 + i)}",
                    "is_delegate": True,
                    "level": ("市", "县", "乡镇")[i % 3],
                },
                station_id=sid,
                on=date(2025, 12, 1),
            ).id
            for i in range(n)
        ]
    return sid, ids


def seats_by_person(db: Database, sid: str, year: int = 2026) -> Counter[str]:
    with db.session() as s:
        return Counter(
            seat.person_id
            for d in duty.duty_days(s, station_id=sid, year=year, today=TODAY)
            for seat in d.seats
        )


def test_first_plan_covers_the_whole_year_fairly_around_holidays(office_db: Database) -> None:
    sid, ids = make_station(office_db, 5)
    with office_db.transaction() as s:
        result = duty.generate_plan(s, sid, 2026, WEEKLY_WED, today=TODAY)
    assert result.created == 52 and result.kept == 0
    days = {d.day: d for d in result.days}
    assert min(days) == date(2026, 1, 7)  # past days included in a first plan
    assert days[date(2026, 2, 24)].moved_from == date(2026, 2, 18)  # 春节
    assert days[date(2026, 10, 8)].moved_from == date(2026, 10, 7)  # 国庆
    counts = seats_by_person(office_db, sid)
    assert set(counts) == set(ids) and max(counts.values()) - min(counts.values()) <= 1
    assert "乔庄镇联络站 2026年坐班计划（每周三）" in result.one_line()
    shown = {d.day: d.seats[0].shown for d in result.days}
    assert shown[date(2026, 1, 7)] == "未登记" and shown[date(2026, 12, 30)] == "待坐班"


def test_same_input_gives_the_same_plan(office_db: Database, tmp_path) -> None:
    from twdesk.db.dbfile import create_database, open_database

    plans = []
    for name in ("a.sqlite", "b.sqlite"):
        create_database(tmp_path / name)
        db = open_database(tmp_path / name)
        sid, _ = make_station(db, 7)
        with db.transaction() as s:
            result = duty.generate_plan(s, sid, 2026, WEEKLY_WED, today=TODAY)
            plans.append([(d.day, [x.name for x in d.seats]) for d in result.days])
        db.close()
    assert plans[0] == plans[1]


def test_year_without_holiday_data_is_refused_until_entered(office_db: Database) -> None:
    sid, _ = make_station(office_db, 3)
    before = None
    with pytest.raises(HolidayDataMissing) as info, office_db.transaction() as s:
        duty.generate_plan(s, sid, 2099, WEEKLY_WED, today=TODAY)
    assert "2099年的法定节假日" in str(info.value) and "录入" in str(info.value)
    with office_db.session() as s:
        assert s.scalar(select(func.count()).select_from(DutyDay)) == 0
        assert duty.holiday_year_source(s, 2099) is before
    with pytest.raises(DutyError), office_db.transaction() as s:
        duty.confirm_holiday_year(s, 2099)  # nothing entered yet
    with pytest.raises(DutyError), office_db.transaction() as s:
        duty.set_holiday(s, date(2099, 1, 7), "班", "")  # a Wednesday is a workday anyway
    with office_db.transaction() as s:
        duty.set_holiday(s, date(2099, 1, 7), "休", "元旦")
        duty.set_holiday(s, date(2099, 1, 10), "班", "元旦调休上班")  # a Saturday
        duty.confirm_holiday_year(s, 2099)
    with office_db.transaction() as s:
        result = duty.generate_plan(s, sid, 2099, WEEKLY_WED, today=TODAY)
    first = result.days[0]
    assert (first.day, first.moved_from) == (date(2099, 1, 8), date(2099, 1, 7))


def test_regenerate_keeps_past_and_attended_days_and_takes_in_a_newcomer(
    office_db: Database,
) -> None:
    sid, _ids = make_station(office_db, 4)
    with office_db.transaction() as s:
        duty.generate_plan(s, sid, 2026, WEEKLY_WED, today=TODAY)
    with office_db.session() as s:
        before = {d.day: [x.person_id for x in d.seats] for d in duty.duty_days(s, station_id=sid)}
        future = [d for d in duty.duty_days(s, station_id=sid) if d.day > TODAY]
    # leave recorded in advance for a future day: that day is kept as it is
    with office_db.transaction() as s:
        duty.record_attendance(
            s, future[2].seats[0].assignment_id, "请假", note="出差", today=TODAY
        )
        newcomer = people.save_person(
            s,
            {"name": "新代表", "is_delegate": True},
            station_id=sid,
            joined_on=date(2026, 6, 1),
        ).id
    with office_db.transaction() as s:
        result = duty.generate_plan(s, sid, 2026, WEEKLY_WED, today=TODAY)
    assert result.kept == sum(1 for d in before if d < TODAY) + 1
    with office_db.session() as s:
        after = {d.day: [x.person_id for x in d.seats] for d in duty.duty_days(s, station_id=sid)}
    assert set(after) == set(before)
    for day in before:
        if day < TODAY or day == future[2].day:
            assert after[day] == before[day]
    new_days = [d for d, p in after.items() if newcomer in p]
    assert new_days and min(new_days) >= date(2026, 6, 1)
    # the newcomer's share of the remaining days is fair: about one in five
    remaining = [d for d in after if d >= TODAY]
    assert abs(len(new_days) - len(remaining) / 5) <= 1.5


def test_person_who_resigned_is_not_planned_after_leaving(office_db: Database) -> None:
    sid, ids = make_station(office_db, 3)
    with office_db.transaction() as s:
        people.change_status(s, ids[0], "辞职", date(2026, 3, 31), "工作调动")
        duty.generate_plan(s, sid, 2026, WEEKLY_WED, today=TODAY)
    with office_db.session() as s:
        days = duty.duty_days(s, station_id=sid, person_id=ids[0])
    assert days and max(d.day for d in days) <= date(2026, 3, 31)


def test_unavailability_is_respected(office_db: Database) -> None:
    sid, ids = make_station(office_db, 3)
    with office_db.transaction() as s:
        duty.add_unavailability(s, ids[0], date(2026, 7, 1), date(2026, 8, 31), "产假")
        duty.generate_plan(s, sid, 2026, WEEKLY_WED, today=TODAY)
    with office_db.session() as s:
        days = [d.day for d in duty.duty_days(s, station_id=sid, person_id=ids[0])]
    assert days and not any(date(2026, 7, 1) <= d <= date(2026, 8, 31) for d in days)


def test_swap_substitute_attendance_and_counts(office_db: Database) -> None:
    sid, _ids = make_station(office_db, 3)
    with office_db.transaction() as s:
        duty.generate_plan(s, sid, 2026, RuleSettings(parse_rule("monthly:15")), today=TODAY)
    with office_db.session() as s:
        days = duty.duty_days(s, station_id=sid, today=TODAY)
    jan, feb, mar = days[0].seats[0], days[1].seats[0], days[2].seats[0]
    jul, aug = days[6].seats[0], days[7].seats[0]
    with office_db.transaction() as s:
        duty.record_attendance(s, jan.assignment_id, "到岗", today=TODAY)
        duty.record_attendance(s, feb.assignment_id, "缺席", note="未请假", today=TODAY)
        duty.record_attendance(
            s, mar.assignment_id, "替班", substitute_id=jan.person_id, note="临时出差", today=TODAY
        )
    with pytest.raises(DutyError) as info, office_db.transaction() as s:
        duty.record_attendance(s, jul.assignment_id, "到岗", today=TODAY)
    assert "还没到" in str(info.value)
    with pytest.raises(DutyError) as info, office_db.transaction() as s:
        duty.swap_assignments(s, jan.assignment_id, aug.assignment_id, "协商")
    assert "已发生" in str(info.value)
    with pytest.raises(DutyError), office_db.transaction() as s:
        duty.swap_assignments(s, jul.assignment_id, aug.assignment_id, "")
    with office_db.transaction() as s:
        duty.swap_assignments(s, jul.assignment_id, aug.assignment_id, "单位培训，协商换班")
    with office_db.session() as s:
        days = {d.day: d for d in duty.duty_days(s, station_id=sid, today=TODAY)}
        assert days[date(2026, 7, 15)].seats[0].person_id == aug.person_id
        assert days[date(2026, 8, 17)].seats[0].person_id == jul.person_id  # 15 Aug is a Saturday
        history = duty.swap_history(s, sid, 2026)
        assert [(h[1], h[4]) for h in history] == [
            ("替班", "临时出差"),
            ("换班", "单位培训，协商换班"),
        ]
        counts = {c.person_id: c for c in duty.attendance_counts(s, 2026, today=TODAY)}
        assert s.scalar(select(func.count()).select_from(DutySwap)) == 2
    assert counts[jan.person_id].attended == 1 and counts[jan.person_id].sat_for_others == 1
    assert counts[feb.person_id].absent == 1
    assert counts[mar.person_id].substituted == 1
    total_due = sum(c.due for c in counts.values())
    assert total_due == 5  # January to May (the June day is on the 15th, after "today")
    unrecorded = sum(c.unrecorded for c in counts.values())
    assert unrecorded == 2  # April and May passed with nothing recorded
    assert sum(c.assigned for c in counts.values()) == 12


def test_station_without_delegates_says_so(office_db: Database) -> None:
    with office_db.transaction() as s:
        sid = stations.save_station(s, {"name": "空站", "kind": "行业分站"}).id
    with pytest.raises(DutyError) as info, office_db.transaction() as s:
        duty.generate_plan(s, sid, 2026, WEEKLY_WED, today=TODAY)
    assert "没有进站的团代表" in str(info.value)
    with office_db.session() as s:
        assert s.scalar(select(func.count()).select_from(DutyAssignment)) == 0
