"""The evaluation's rules: every rule kind against hand-computed fixtures, rounding, totals,
grades, the 优秀 quota, consequences across years, and scheme validation (core only)."""

from __future__ import annotations

import dataclasses
import json
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from twdesk.core.default_scheme import DEFAULT_SCHEME, INDICATORS, stored_rule
from twdesk.core.errors import UserError
from twdesk.core.evaluation_consequences import (
    Consequence,
    ConsequenceNote,
    consequence_text,
    consequences,
)
from twdesk.core.evaluation_rules import (
    Decision,
    GradeBands,
    Indicator,
    QuotaEntry,
    QuotaError,
    QuotaResult,
    RecordSummary,
    Rule,
    RuleKind,
    SchemeError,
    Source,
    apply_quota,
    check_scheme,
    excellent_slots,
    grade_for,
    round_half_up,
    scheme_from_dict,
    scheme_problems,
    scheme_to_dict,
    suggest,
    suggest_one,
    total_score,
)
from twdesk.core.vocab import Grade

D = Decimal
BANDS = GradeBands()
BY_SEQ = {ind.seq: ind for ind in INDICATORS}


def score(seq: int, **records: Any) -> Decimal | None:
    return suggest_one(BY_SEQ[seq], RecordSummary(**records)).score


def explain(seq: int, **records: Any) -> str:
    return suggest_one(BY_SEQ[seq], RecordSummary(**records)).explanation


# ---- rounding -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (D("0.25"), "0.3"),  # round(0.25, 1) == 0.2 (banker's rounding)
        (2.45, "2.5"),
        (0.15, "0.2"),  # round(0.15, 1) == 0.1 (0.15 is 0.1499… as a float)
        (1.45, "1.5"),  # round(1.45, 1) == 1.4
        (5.25, "5.3"),  # round(5.25, 1) == 5.2
        ("13.125", "13.1"),
        (10, "10.0"),
    ],
)
def test_round_half_up(value: Any, expected: str) -> None:
    assert str(round_half_up(value)) == expected


def test_float_round_would_be_wrong() -> None:
    # the cases above really are ones float round() gets wrong
    assert round(0.25, 1) == 0.2 and round(0.15, 1) == 0.1 and round(5.25, 1) == 5.2


# ---- per_item --------------------------------------------------------------------------------


def test_meetings_per_item_with_cap_and_penalty() -> None:
    # 3 meetings × 2 = 6
    assert score(1, activities={"会议": 3}) == D("6.0")
    assert explain(1, activities={"会议": 3}) == "会议 3 次 × 2 = 6"
    # 7 × 2 = 14, capped at 10
    assert score(1, activities={"会议": 7}) == D("10.0")
    assert "封顶 10" in explain(1, activities={"会议": 7})
    # 7 × 2 = 14 → cap 10, then one recorded unexcused absence −2 → 8
    assert score(1, activities={"会议": 7}, unexcused_absences={"会议": 1}) == D("8.0")
    # 1 × 2 = 2, three absences −6 → floor 0
    zero = explain(1, activities={"会议": 1}, unexcused_absences={"会议": 3})
    assert score(1, activities={"会议": 1}, unexcused_absences={"会议": 3}) == D("0.0")
    assert "无故缺席 3 次 × 2 = −6" in zero and "不低于 0" in zero
    # absences of other types do not count for meetings
    assert score(1, activities={"会议": 2}, unexcused_absences={"宣讲": 4}) == D("4.0")


def test_training_talks_volunteer_opinions() -> None:
    # 学习培训: 3 × 2.5 = 7.5; 5 × 2.5 = 12.5 → cap 10
    assert score(2, activities={"学习培训": 3}) == D("7.5")
    assert score(2, activities={"学习培训": 5}) == D("10.0")
    # 宣讲: cap 5 — 1 × 2.5 = 2.5; 3 × 2.5 = 7.5 → 5
    assert score(9, activities={"宣讲": 1}) == D("2.5")
    assert score(9, activities={"宣讲": 3}) == D("5.0")
    # 志愿服务 2 + 专项小组活动 1 = 3 × 2 = 6; other types ignored
    assert score(8, activities={"志愿服务": 2, "专项小组活动": 1, "调研": 9}) == D("6.0")
    # 意见建议: 4 items × 2 = 8; 6 × 2 = 12 → 10
    assert score(6, opinion_items=4) == D("8.0")
    assert explain(6, opinion_items=4) == "意见建议 4 条 × 2 = 8"
    assert score(6, opinion_items=6) == D("10.0")
    assert score(6) == D("0.0")


def test_projects_lead_and_join() -> None:
    # leading 6 + 1 joined × 2 = 8
    assert score(7, projects_led=1, projects_joined=1) == D("8.0")
    assert explain(7, projects_led=1, projects_joined=1) == "领办 6 + 参与 1 个 × 2 = 8"
    # leading counts once: 6 + 3 × 2 = 12 → cap 10
    assert score(7, projects_led=2, projects_joined=3) == D("10.0")
    # joining only: 2 × 2 = 4
    assert score(7, projects_joined=2) == D("4.0")


# ---- ratio: the duty rule ------------------------------------------------------------------


def test_duty_all_present() -> None:
    # 5 assigned, 4 到岗, 1 请假: 4 ÷ (5 − 1) × 15 = 15.0
    s = suggest_one(BY_SEQ[3], RecordSummary(duty_assigned=5, duty_attended=4, duty_leave=1))
    assert s.score == D("15.0")
    assert s.explanation == "到岗 4 ÷ (排班 5 − 请假 1) × 15 = 15.0"


def test_duty_absence_penalty_and_rounding() -> None:
    # 8 assigned, 7 到岗, 1 缺席: 15 × 7 ÷ 8 = 13.125 → 13.1, −3 = 10.1
    s = suggest_one(BY_SEQ[3], RecordSummary(duty_assigned=8, duty_attended=7, duty_absent=1))
    assert s.score == D("10.1")
    assert s.explanation == "到岗 7 ÷ (排班 8 − 请假 0) × 15 = 13.1；缺席 1 次 × 3 = −3，得 10.1"


def test_duty_floor_zero() -> None:
    # 4 assigned, 1 到岗, 3 缺席: 15 × 1/4 = 3.75 → 3.8, −9 → floor 0
    assert score(3, duty_assigned=4, duty_attended=1, duty_absent=3) == D("0.0")


def test_duty_substitution_counts_as_leave_and_as_present_for_the_substitute() -> None:
    # A: 4 assigned, 3 到岗, 1 sat by B (替班) → 3 ÷ (4 − 1) × 15 = 15.0
    assert score(3, duty_assigned=4, duty_attended=3, duty_substituted=1) == D("15.0")
    # B: 4 assigned, 2 到岗 on own days, 2 缺席, sat once for A → (2 + 1) ÷ 4 × 15 = 11.25
    #    → 11.3, −2 × 3 = 5.3
    b = suggest_one(
        BY_SEQ[3],
        RecordSummary(duty_assigned=4, duty_attended=2, duty_absent=2, duty_sat_for_others=1),
    )
    assert b.score == D("5.3")
    assert b.explanation.startswith("到岗 3 ÷ (排班 4 − 请假 0) × 15 = 11.3")
    # sitting for others never lifts the ratio above 1: (4 + 2) ÷ 4 → 15
    assert score(3, duty_assigned=4, duty_attended=4, duty_sat_for_others=2) == D("15.0")


def test_duty_no_assigned_day_and_all_leave() -> None:
    s = suggest_one(BY_SEQ[3], RecordSummary(duty_sat_for_others=2))
    assert s.score is None and s.no_duty and s.explanation == "无排班"
    # every assigned day on leave: nothing to divide by, no suggestion (entered by hand)
    s = suggest_one(BY_SEQ[3], RecordSummary(duty_assigned=2, duty_leave=1, duty_substituted=1))
    assert s.score is None and not s.no_duty and "无应到天数" in s.explanation


# ---- ratio over youth, threshold over branches, manual -------------------------------------


def test_youth_ratio() -> None:
    # 15 × min(1, 35 ÷ 100) = 5.25 → 5.3 (float round would give 5.2)
    assert score(4, youth_count=35, youth_target=100) == D("5.3")
    assert explain(4, youth_count=35) == "15 × min(1, 联系青年人次 35 ÷ 目标 100) = 5.3"
    # 15 × 1/3 = 5 exactly; over target → 15
    assert score(4, youth_count=10, youth_target=30) == D("5.0")
    assert score(4, youth_count=250, youth_target=100) == D("15.0")
    assert score(4, youth_count=5, youth_target=0) is None


def test_branch_threshold() -> None:
    assert score(5, branches=1, branch_target=1) == D("5.0")
    assert score(5, branches=3, branch_target=4) == D("0.0")
    assert explain(5, branches=3, branch_target=4) == "联系团支部 3 个，未达到目标 4，得 0"


def test_manual_has_no_suggestion() -> None:
    s = suggest_one(BY_SEQ[10], RecordSummary(activities={"会议": 5}))
    assert s.score is None and s.explanation == "手工评定"


def test_generic_kinds_over_other_sources() -> None:
    # an office's own rules: ratio over activities with a target, threshold over opinions
    ratio = Indicator(
        1, "开放日", D(10), Rule(RuleKind.RATIO, Source.ACTIVITIES, ("开放日",), target=4)
    )
    # 10 × min(1, 3 ÷ 4) = 7.5
    assert suggest_one(ratio, RecordSummary(activities={"开放日": 3})).score == D("7.5")
    threshold = Indicator(2, "意见", D(5), Rule(RuleKind.THRESHOLD, Source.OPINIONS, target=3))
    assert suggest_one(threshold, RecordSummary(opinion_items=3)).score == D("5.0")
    assert suggest_one(threshold, RecordSummary(opinion_items=2)).score == D("0.0")


def test_suggest_whole_default_scheme() -> None:
    records = RecordSummary(
        activities={"会议": 3, "学习培训": 2, "志愿服务": 1, "宣讲": 1},
        duty_assigned=5,
        duty_attended=4,
        duty_leave=1,
        opinion_items=2,
        youth_count=100,
        branches=1,
        projects_joined=1,
    )
    got = [s.score for s in suggest(DEFAULT_SCHEME, records)]
    # 6, 5, 15, 15, 5, 4, 2, 2, 2.5, None
    assert got == [D(x) if x else None for x in ("6.0", "5.0", "15.0", "15.0", "5.0", "4.0")] + [
        D("2.0"),
        D("2.0"),
        D("2.5"),
        None,
    ]
    # 56.5 + 10 (entered by hand) + bonus 4 = 70.5 → 基本称职
    total = total_score([*got[:9], D(10)], bonus=4)
    assert total == D("70.5") and grade_for(total, BANDS) == Grade.BASIC


counts = st.integers(min_value=0, max_value=60)


@given(
    meetings=counts,
    absences=counts,
    assigned=counts,
    attended=counts,
    leave=counts,
    absent=counts,
    subst=counts,
    sat=counts,
    youth=st.integers(min_value=0, max_value=500),
    target=st.integers(min_value=0, max_value=200),
    items=counts,
    led=counts,
    joined=counts,
)
def test_scores_stay_within_points(
    meetings: int,
    absences: int,
    assigned: int,
    attended: int,
    leave: int,
    absent: int,
    subst: int,
    sat: int,
    youth: int,
    target: int,
    items: int,
    led: int,
    joined: int,
) -> None:
    records = RecordSummary(
        activities={t: meetings for t in ("会议", "学习培训", "志愿服务", "宣讲")},
        unexcused_absences={"会议": absences},
        duty_assigned=assigned,
        duty_attended=attended,
        duty_leave=leave,
        duty_absent=absent,
        duty_substituted=subst,
        duty_sat_for_others=sat,
        opinion_items=items,
        youth_count=youth,
        youth_target=target,
        branches=items,
        branch_target=target,
        projects_led=led,
        projects_joined=joined,
    )
    for s in suggest(DEFAULT_SCHEME, records):
        if s.score is not None:
            assert D(0) <= s.score <= s.points
            assert s.score == s.score.quantize(D("0.1"))
        assert s.explanation


# ---- totals and grades -----------------------------------------------------------------------


def test_total_bonus_cap_and_grades() -> None:
    # 85 + bonus 12 capped at 10 = 95
    assert total_score([D(80), D(5)], bonus=12) == D("95.0")
    assert total_score([D(80), None], bonus=3, bonus_cap=2) == D("82.0")
    assert [grade_for(t, BANDS) for t in (90, D("89.9"), 75, D("74.9"), 60, D("59.9"))] == [
        Grade.EXCELLENT,
        Grade.COMPETENT,
        Grade.COMPETENT,
        Grade.BASIC,
        Grade.BASIC,
        Grade.INCOMPETENT,
    ]
    assert grade_for(100, BANDS, vetoed=True) == Grade.INCOMPETENT


# ---- the 优秀 quota ----------------------------------------------------------------------------


def entries(*totals: str, vetoed: tuple[str, ...] = ()) -> list[QuotaEntry]:
    return [QuotaEntry(f"d{i}", D(t), f"d{i}" in vetoed) for i, t in enumerate(totals, 1)]


def by_id(results: tuple[QuotaResult, ...]) -> dict[str, QuotaResult]:
    return {r.delegate_id: r for r in results}


def test_five_delegates_one_excellent() -> None:
    # ⌊5 × 20 %⌋ = 1; three reach 90, only the highest is 优秀, the others are 称职
    got = by_id(apply_quota(entries("95", "92", "91", "80", "50"), BANDS))
    assert [got[f"d{i}"].grade for i in range(1, 6)] == [
        Grade.EXCELLENT,
        Grade.COMPETENT,
        Grade.COMPETENT,
        Grade.COMPETENT,
        Grade.INCOMPETENT,
    ]
    assert [got[f"d{i}"].rank for i in range(1, 6)] == [1, 2, 3, 4, 5]
    assert not any(r.quota_tie for r in got.values())


def test_ten_delegates_tie_across_the_cap_then_decided() -> None:
    # ⌊10 × 20 %⌋ = 2 places; d1 95 is in; d2, d3 tie at 92 for the one place left
    totals = ("95", "92", "92", "91", "88", "80", "77", "70", "65", "55")
    got = by_id(apply_quota(entries(*totals), BANDS))
    assert got["d1"].grade == Grade.EXCELLENT and not got["d1"].quota_tie
    for tied in ("d2", "d3"):
        assert got[tied].grade is None and got[tied].quota_tie and got[tied].rank == 2
    assert got["d4"].grade == Grade.COMPETENT and got["d4"].rank == 4  # 91, below the line
    # the station decides d3 is 优秀: the last place is filled, so d2 is 称职
    decisions = {"d3": Decision(Grade.EXCELLENT, "全年坐班无缺席，意见建议被采纳")}
    got = by_id(apply_quota(entries(*totals), BANDS, decisions=decisions))
    assert got["d3"].grade == Grade.EXCELLENT and got["d3"].decided
    assert got["d2"].grade == Grade.COMPETENT and not got["d2"].quota_tie
    assert not any(r.quota_tie for r in got.values())
    # deciding d2 称职 instead leaves exactly one undecided for one place: d3 is 优秀
    got = by_id(
        apply_quota(entries(*totals), BANDS, decisions={"d2": Decision(Grade.COMPETENT, "x")})
    )
    assert got["d2"].grade == Grade.COMPETENT and got["d3"].grade == Grade.EXCELLENT


def test_tie_decisions_are_checked() -> None:
    totals = entries("95", "92", "92", "92", "50", "50", "50", "50", "50", "50")
    both = {"d2": Decision(Grade.EXCELLENT, "甲"), "d3": Decision(Grade.EXCELLENT, "乙")}
    with pytest.raises(QuotaError, match="只剩 1 个优秀名额，但决定了 2 人为优秀"):
        apply_quota(totals, BANDS, decisions=both)
    with pytest.raises(QuotaError, match="需要填写理由"):
        apply_quota(totals, BANDS, decisions={"d2": Decision(Grade.EXCELLENT, " ")})
    with pytest.raises(QuotaError, match="只能定为优秀或称职"):
        apply_quota(totals, BANDS, decisions={"d2": Decision(Grade.BASIC, "理由")})
    # three tied for one place: one 称职 decision is not enough, the other two stay tied
    got = by_id(apply_quota(totals, BANDS, decisions={"d4": Decision(Grade.COMPETENT, "理由")}))
    assert got["d2"].quota_tie and got["d3"].quota_tie and got["d4"].grade == Grade.COMPETENT
    # a decision for someone who is not tied changes nothing
    got = by_id(apply_quota(totals, BANDS, decisions={"d1": Decision(Grade.COMPETENT, "理由")}))
    assert got["d1"].grade == Grade.EXCELLENT and not got["d1"].decided


def test_nobody_reaches_ninety() -> None:
    got = apply_quota(entries("89.9", "80", "70"), BANDS)
    assert excellent_slots(3, 0) == 0
    assert not any(r.grade == Grade.EXCELLENT or r.quota_tie for r in got)


def test_everyone_reaches_ninety() -> None:
    # 12 delegates all ≥ 90, distinct totals: ⌊12 × 0.2⌋ = 2
    got = apply_quota(entries(*(str(100 - i) for i in range(12))), BANDS)
    assert [r.grade for r in got].count(Grade.EXCELLENT) == 2
    # 3 delegates: ⌊0.6⌋ = 0 → at least 1
    got = apply_quota(entries("99", "95", "91"), BANDS)
    assert [r.grade for r in got] == [Grade.EXCELLENT, Grade.COMPETENT, Grade.COMPETENT]
    # everyone equal: all tied at the line, nobody promoted or demoted
    got = apply_quota(entries(*["93"] * 5), BANDS)
    assert all(r.grade is None and r.quota_tie and r.rank == 1 for r in got)


def test_veto_is_not_excellent_and_does_not_take_a_place() -> None:
    # d1 has the best total but a veto: 不称职; d2 takes the one place
    got = by_id(apply_quota(entries("98", "94", "92", "80", "70", vetoed=("d1",)), BANDS))
    assert got["d1"].grade == Grade.INCOMPETENT and got["d1"].rank == 1
    assert got["d2"].grade == Grade.EXCELLENT and got["d3"].grade == Grade.COMPETENT


def test_quota_from_the_scheme() -> None:
    assert excellent_slots(10, 5, D("0.3")) == 3
    assert excellent_slots(10, 5, D("1")) == 10


# ---- consequences across years --------------------------------------------------------------


def kinds(notes: tuple[ConsequenceNote, ...]) -> list[Consequence]:
    return [n.kind for n in notes]


def test_reminder_then_resignation_across_an_imported_year() -> None:
    # 2024 was imported from paper (just 总分 and 等次); 2025 scored in twdesk
    assert kinds(consequences(2025, {2025: "不称职"}, [], party_member=True)) == [
        Consequence.REMIND
    ]
    notes = consequences(2025, {2024: "不称职", 2025: Grade.INCOMPETENT}, [], party_member=True)
    assert kinds(notes) == [Consequence.ADVISE_RESIGN]
    assert notes[0].reason == "2024、2025 年连续两年不称职"
    # not consecutive: 2023 and 2025 → only a reminder
    notes = consequences(
        2025, {2023: "不称职", 2024: "称职", 2025: "不称职"}, [], party_member=True
    )
    assert kinds(notes) == [Consequence.REMIND]
    assert consequences(2025, {2025: "基本称职"}, [], party_member=True) == ()


def test_term_recommendation() -> None:
    term = range(2021, 2026)
    all_excellent = {y: "优秀" for y in term}
    notes = consequences(2025, all_excellent, term, party_member=True)
    assert kinds(notes) == [Consequence.RECOMMEND]
    notes = consequences(2025, all_excellent, term, party_member=False)
    assert kinds(notes) == [Consequence.RECOMMEND, Consequence.PARTY]
    assert consequence_text(notes) == "推荐为下届候选人、推优入党"
    # one year 称职, or a missing year, or not the term's last year: no recommendation
    assert consequences(2025, {**all_excellent, 2023: "称职"}, term, party_member=False) == ()
    assert (
        consequences(2025, {y: "优秀" for y in range(2022, 2026)}, term, party_member=False) == ()
    )
    assert consequences(2024, all_excellent, term, party_member=False) == ()


# ---- schemes -----------------------------------------------------------------------------------


def test_default_scheme_is_valid_and_round_trips_through_storage() -> None:
    assert scheme_problems(DEFAULT_SCHEME) == ()
    assert sum(ind.points for ind in INDICATORS) == 100
    for ind in INDICATORS:
        stored = json.loads(json.dumps(ind.params, ensure_ascii=False))
        assert stored_rule(ind.rule_key, stored) == ind.rule
    # files seeded before rules were data: the old keys map to the default rules
    assert stored_rule("duty", {"unexcused_penalty": 3}) == BY_SEQ[3].rule
    with pytest.raises(SchemeError, match="无法识别的计分规则"):
        Rule.from_params("lottery", {})


def test_scheme_validation_messages() -> None:
    first = dataclasses.replace(
        INDICATORS[0], points=D(5), rule=dataclasses.replace(INDICATORS[0].rule, cap=D(8))
    )
    talks = dataclasses.replace(INDICATORS[8], rule=Rule(RuleKind.PER_ITEM, Source.ACTIVITIES))
    duty_threshold = dataclasses.replace(INDICATORS[2], rule=Rule(RuleKind.THRESHOLD, Source.DUTY))
    scheme = dataclasses.replace(
        DEFAULT_SCHEME,
        indicators=(
            first,
            *INDICATORS[1:2],
            duty_threshold,
            *INDICATORS[3:8],
            talks,
            INDICATORS[9],
        ),
        bands=GradeBands(D(75), D(90), D(60)),
        excellent_quota=D("1.5"),
        bonus_cap=D(-1),
    )
    problems = scheme_problems(scheme)
    assert problems == (
        "各项指标分值合计为 95 分，应为 100 分。",
        "指标1“参加会议”的封顶分为 8，应在 0 到 5 分之间。",
        "指标3“驻站坐班”：驻站坐班不能按“threshold”计分。",
        "指标9“宣讲与思想引领”按项计分，但每项得分为 0。",
        "指标9“宣讲与思想引领”没有选择计入的活动类型。",
        "等次分数线应从高到低：优秀 75 > 称职 90 > 基本称职 60，且在 0 到 100 分之间。",
        "优秀比例为 150%，应大于 0% 且不超过 100%。",
        "加分上限为 -1，不能为负数。",
    )
    with pytest.raises(UserError) as caught:
        check_scheme(scheme)
    assert str(caught.value).startswith("考核方案不能使用：\n各项指标分值合计为 95 分")
    zero_quota = dataclasses.replace(DEFAULT_SCHEME, excellent_quota=D(0))
    assert scheme_problems(zero_quota) == ("优秀比例为 0%，应大于 0% 且不超过 100%。",)


def test_scheme_snapshot_round_trips() -> None:
    text = json.dumps(scheme_to_dict(DEFAULT_SCHEME), ensure_ascii=False, sort_keys=True)
    again = scheme_from_dict(json.loads(text))
    assert again == DEFAULT_SCHEME
    assert json.dumps(scheme_to_dict(again), ensure_ascii=False, sort_keys=True) == text
    with pytest.raises(SchemeError, match="快照无法读取"):
        scheme_from_dict({"name": "x"})


def test_rules_describe_themselves() -> None:
    assert [ind.rule.describe(ind.points) for ind in INDICATORS] == [
        "会议每次 2 分，最高 10 分；每次无故缺席扣 2 分",
        "学习培训每次 2.5 分，最高 10 分",
        "15 × 到岗 ÷ (排班 − 请假)；每次无故缺席扣 3 分，不低于 0 分",
        "15 × min(1, 联系青年人次 ÷ 目标)，不低于 0 分",
        "联系团支部达到目标得 5 分",
        "意见建议每条 2 分，最高 10 分",
        "领办 6 分，参与项目每个 2 分，最高 10 分",
        "志愿服务、专项小组活动每次 2 分，最高 10 分",
        "宣讲每次 2.5 分，最高 5 分",
        "手工评定",
    ]
