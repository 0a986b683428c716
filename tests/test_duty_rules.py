"""Duty rules against the real 2026 holidays, and the rotation's fairness as properties."""

from __future__ import annotations

import itertools
from datetime import date, timedelta
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from twdesk.core.duty_rules import RuleError, candidate_days, parse_rule, place_days
from twdesk.core.holidays import WorkCalendar, library_holidays
from twdesk.core.rotation import Candidate, plan_rotation, seat_counts
from twdesk.core.vocab import DutyRuleKind

CAL_2026 = WorkCalendar((e.day, str(e.kind)) for e in library_holidays(2026) or [])


def test_parse_rules_and_explain_bad_ones() -> None:
    assert parse_rule("weekly:wed").weekday == 2
    assert parse_rule(" Monthly:15 ").month_day == 15
    first_wed = parse_rule("monthly:first-wed")
    assert (first_wed.kind, first_wed.nth, first_wed.weekday) == (
        DutyRuleKind.MONTHLY_NTH_WEEKDAY,
        1,
        2,
    )
    assert parse_rule("monthly:last-fri").nth == -1
    assert parse_rule("dates:2026-03-04,2026-01-07").dates == (date(2026, 1, 7), date(2026, 3, 4))
    assert parse_rule("weekly:wed").describe() == "每周三"
    assert parse_rule("monthly:last-fri").describe() == "每月最后一个星期五"
    for bad in ("weekly:wednesday", "monthly:32", "daily", "monthly:fifth-mon", "dates:2026-13-01"):
        with pytest.raises(RuleError) as info:
            parse_rule(bad)
        assert "weekly:wed" in str(info.value) or "2026-01-07" in str(info.value)


def test_known_2026_holidays_and_make_up_days() -> None:
    # Spring Festival: 15–23 February off, Saturday 14 and Saturday 28 February are workdays
    assert not any(CAL_2026.is_workday(date(2026, 2, d)) for d in range(15, 24))
    assert CAL_2026.is_workday(date(2026, 2, 14)) and CAL_2026.is_workday(date(2026, 2, 28))
    # National Day week 1–7 October (with Mid-autumn 25–27 September), Sun 20 Sep and Sat 10 Oct work
    assert not any(CAL_2026.is_workday(date(2026, 10, d)) for d in range(1, 8))
    assert CAL_2026.is_workday(date(2026, 9, 20)) and CAL_2026.is_workday(date(2026, 10, 10))
    assert CAL_2026.is_workday(date(2026, 10, 8))


def test_weekly_wednesday_moves_off_holidays_2026() -> None:
    days = candidate_days(parse_rule("weekly:wed"), 2026)
    assert len(days) == 52 and days[0] == date(2026, 1, 7)
    nxt = {p.day: p.moved_from for p in place_days(days, CAL_2026, "next", 2026)}
    assert nxt[date(2026, 2, 24)] == date(2026, 2, 18)  # 春节: to Tuesday after the break
    assert nxt[date(2026, 10, 8)] == date(2026, 10, 7)  # 国庆: to Thursday 8 October
    assert date(2026, 2, 18) not in nxt and date(2026, 10, 7) not in nxt
    prev = {p.day: p.moved_from for p in place_days(days, CAL_2026, "prev", 2026)}
    assert prev[date(2026, 2, 14)] == date(2026, 2, 18)  # back to the make-up Saturday (调休)
    assert prev[date(2026, 9, 30)] is None  # 30 Sep is a Wednesday anyway: 7 Oct is dropped
    assert date(2026, 10, 7) not in prev
    skip = place_days(days, CAL_2026, "skip", 2026)
    off_wednesdays = [d for d in days if not CAL_2026.is_workday(d)]
    assert len(skip) == 52 - len(off_wednesdays)
    assert all(CAL_2026.is_workday(d) for d in nxt) and all(CAL_2026.is_workday(d) for d in prev)


def test_monthly_rules_2026() -> None:
    fifteenth = place_days(candidate_days(parse_rule("monthly:15"), 2026), CAL_2026, "next", 2026)
    by_month = {p.day.month: p for p in fifteenth}
    assert by_month[2].day == date(2026, 2, 24)  # Sunday 15 Feb in the Spring Festival break
    assert by_month[3].day == date(2026, 3, 16)  # Sunday → Monday
    assert by_month[4].day == date(2026, 4, 15) and by_month[4].moved_from is None
    assert len(fifteenth) == 12
    assert candidate_days(parse_rule("monthly:last-fri"), 2026)[0] == date(2026, 1, 30)
    assert candidate_days(parse_rule("monthly:first-wed"), 2026)[9] == date(2026, 10, 7)
    assert candidate_days(parse_rule("monthly:31"), 2026)[1] == date(2026, 2, 28)
    # a December date moved past New Year's Eve is dropped, never put into the next year
    cal = WorkCalendar([(date(2026, 12, 31), "休")])
    assert place_days([date(2026, 12, 31)], cal, "next", 2026) == []


# --- rotation properties --------------------------------------------------------------------

weekly_days = [date(2026, 1, 7) + timedelta(weeks=i) for i in range(52)]


def people(n: int, levels: str = "市县乡") -> list[Candidate]:
    return [Candidate(f"p{i:02d}", level=levels[i % len(levels)]) for i in range(n)]


@settings(max_examples=80, deadline=None)
@given(n=st.integers(1, 20), per_day=st.integers(1, 3), count=st.integers(1, 60))
def test_everyone_active_gets_a_share_within_one(n: int, per_day: int, count: int) -> None:
    days = weekly_days[:count] if count <= 52 else [*weekly_days, date(2026, 12, 31)]
    crowd = people(n)
    plan = plan_rotation(days, crowd, per_day)
    counts = seat_counts(plan, [c.id for c in crowd])
    assert max(counts.values()) - min(counts.values()) <= 1
    for seated in plan.values():
        assert len(seated) == min(per_day, n) and len(set(seated)) == len(seated)
    assert plan == plan_rotation(days, crowd, per_day)  # same input, same plan


@settings(max_examples=80, deadline=None)
@given(n=st.integers(2, 15), per_day=st.integers(1, 3))
def test_nobody_sits_twice_in_a_row_when_avoidable(n: int, per_day: int) -> None:
    plan = plan_rotation(weekly_days, people(n), per_day)
    ordered = [plan[d] for d in sorted(plan)]
    for before, after in itertools.pairwise(ordered):
        overlap = set(before) & set(after)
        # avoidable when there are enough people who did not sit the day before
        if n - len(before) >= len(after):
            assert not overlap


@settings(max_examples=60, deadline=None)
@given(
    n=st.integers(2, 12),
    blocked=st.lists(
        st.tuples(st.integers(0, 11), st.integers(0, 51), st.integers(1, 6)), max_size=12
    ),
)
def test_unavailable_dates_are_always_respected(
    n: int, blocked: list[tuple[int, int, int]]
) -> None:
    away: dict[str, set[date]] = {}
    for person, start, length in blocked:
        if person < n:
            away.setdefault(f"p{person:02d}", set()).update(weekly_days[start : start + length])
    crowd = [
        Candidate(c.id, c.level, unavailable=frozenset(away.get(c.id, set()))) for c in people(n)
    ]
    plan = plan_rotation(weekly_days, crowd, 1)
    for day, seated in plan.items():
        for pid in seated:
            assert day not in away.get(pid, set())
        everyone_away = all(day in away.get(c.id, set()) for c in crowd)
        assert seated or everyone_away
    # short absences well before the year's end are caught up: shares differ by at most one
    # (an absence in the last weeks leaves no days to catch up on)
    if all(len(v) <= 3 and max(v) < weekly_days[40] for v in away.values() if v) and n <= 8:
        counts = seat_counts(plan, [c.id for c in crowd])
        assert max(counts.values()) - min(counts.values()) <= 1


@settings(max_examples=60, deadline=None)
@given(n=st.integers(3, 12), join=st.integers(1, 50), leave=st.integers(1, 50))
def test_joining_and_leaving_mid_year_is_fair_for_the_time_present(
    n: int, join: int, leave: int
) -> None:
    crowd = people(n)
    crowd[0] = Candidate("p00", active_from=weekly_days[join])
    crowd[1] = Candidate("p01", active_to=weekly_days[leave])
    plan = plan_rotation(weekly_days, crowd, 1)
    counts = seat_counts(plan, [c.id for c in crowd])
    assert all(day >= weekly_days[join] for day, s in plan.items() if "p00" in s)
    assert all(day <= weekly_days[leave] for day, s in plan.items() if "p01" in s)
    for c in crowd:
        expected = sum(
            Fraction(1, sum(1 for o in crowd if o.active_on(d)))
            for d in weekly_days
            if c.active_on(d)
        )
        assert abs(counts[c.id] - expected) < 2, (c.id, counts[c.id], float(expected))


def test_mixed_groups_mix_levels_and_fixed_days_are_kept() -> None:
    crowd = (
        [Candidate(f"s{i}", "市") for i in range(3)]
        + [Candidate(f"x{i}", "县") for i in range(3)]
        + [Candidate(f"t{i}", "乡镇") for i in range(3)]
    )
    level = {c.id: c.level for c in crowd}
    plan = plan_rotation(weekly_days, crowd, 3, mix_levels=True)
    assert all(len({level[p] for p in seated}) == 3 for seated in plan.values())
    counts = seat_counts(plan, level)
    assert max(counts.values()) - min(counts.values()) <= 1
    fixed = {weekly_days[0]: ["s0", "s1", "s2"]}
    again = plan_rotation(weekly_days, crowd, 3, mix_levels=True, fixed=fixed)
    assert again[weekly_days[0]] == ["s0", "s1", "s2"]
    counts = seat_counts(again, level)
    assert max(counts.values()) - min(counts.values()) <= 1
