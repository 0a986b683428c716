"""The default 10-indicator evaluation scheme (100 points), bonus and veto items (DOMAIN.md).

Every office may edit its own copy in the database; this is only what a new file starts with.
Each indicator's rule is data (`twdesk.core.evaluation_rules.Rule`), stored in the database as
``rule_key`` (the kind) and ``rule_params`` (JSON of `Rule.to_params`).
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from twdesk.core.evaluation_rules import (
    GradeBands,
    Indicator,
    Rule,
    RuleKind,
    Scheme,
    Source,
    check_scheme,
)

SCHEME_NAME = "团代表年度履职考核（默认十项指标）"

IndicatorDef = Indicator  # the name seed.py and older code use

D = Decimal


def _activities(*types: str, per: str, penalty: str = "0") -> Rule:
    return Rule(RuleKind.PER_ITEM, Source.ACTIVITIES, types, per_item=D(per), penalty=D(penalty))


INDICATORS: tuple[Indicator, ...] = (
    Indicator(
        1,
        "参加会议",
        D(10),
        _activities("会议", per="2", penalty="2"),
        "每参加一次会议 2 分，满分 10 分；无故缺席一次扣 2 分",
    ),
    Indicator(
        2,
        "学习培训",
        D(10),
        _activities("学习培训", per="2.5"),
        "每参加一次学习培训 2.5 分，满分 10 分",
    ),
    Indicator(
        3,
        "驻站坐班",
        D(15),
        Rule(RuleKind.RATIO, Source.DUTY, penalty=D(3)),
        "15 × 到岗次数 ÷ (排班次数 − 请假次数)；无故缺席一次扣 3 分，不低于 0 分；"
        "他人替班的一天算本人请假、替班者到岗；无排班者不给建议分",
    ),
    Indicator(
        4,
        "联系青年（1+100）",
        D(15),
        Rule(RuleKind.RATIO, Source.YOUTH),
        "15 × min(1, 联系青年人次 ÷ 目标)",
    ),
    Indicator(
        5,
        "联系团支部",
        D(5),
        Rule(RuleKind.THRESHOLD, Source.BRANCHES),
        "联系团支部达到目标数得 5 分",
    ),
    Indicator(
        6,
        "收集反映意见建议",
        D(10),
        Rule(RuleKind.PER_ITEM, Source.OPINIONS, per_item=D(2)),
        "每收集一条意见建议 2 分，满分 10 分",
    ),
    Indicator(
        7,
        "领办项目",
        D(10),
        Rule(RuleKind.PER_ITEM, Source.PROJECTS, per_item=D(2), lead_points=D(6)),
        "领办项目 6 分，参与一个项目 2 分，满分 10 分",
    ),
    Indicator(
        8,
        "志愿服务与专项小组活动",
        D(10),
        _activities("志愿服务", "专项小组活动", per="2"),
        "每参加一次活动 2 分，满分 10 分",
    ),
    Indicator(
        9,
        "宣讲与思想引领",
        D(5),
        _activities("宣讲", per="2.5"),
        "每次宣讲 2.5 分，满分 5 分",
    ),
    Indicator(
        10,
        "组织评价 / 青年满意度",
        D(10),
        Rule(RuleKind.MANUAL),
        "由联络站根据满意度测评和日常表现评定",
    ),
)

BONUS_ITEMS: tuple[tuple[str, float], ...] = (
    ("获县级表彰", 2),
    ("获市级表彰", 4),
    ("获省级表彰", 6),
    ("获国家级表彰", 8),
    ("意见建议被部门采纳（每条）", 2),
)

VETO_ITEMS: tuple[str, ...] = (
    "无故连续两次不参加会议",
    "全年无故未参加驻站坐班",
    "全年无任何履职记录",
    "受到党纪政务处分或违法犯罪",
    "有违背公序良俗的言行",
    "联络站认定的其他严重不当行为",
)

DEFAULT_SCHEME = Scheme(
    name=SCHEME_NAME,
    indicators=INDICATORS,
    bonus_items=tuple((name, D(points)) for name, points in BONUS_ITEMS),
    bonus_cap=D(10),
    veto_items=VETO_ITEMS,
    bands=GradeBands(),
    excellent_quota=D("0.2"),
)
check_scheme(DEFAULT_SCHEME)

# rule keys a file seeded before rules were data holds, by indicator
_LEGACY_RULE_KEYS: dict[str, Rule] = dict(
    zip(
        (
            "meetings",
            "training",
            "duty",
            "youth",
            "branches",
            "opinions",
            "projects",
            "volunteer",
            "talks",
        ),
        (ind.rule for ind in INDICATORS[:9]),
        strict=True,
    )
)


def stored_rule(rule_key: str, params: Mapping[str, Any]) -> Rule:
    """The rule an ``eval_indicator`` row stores; the keys of older files map to the defaults."""
    if rule_key in _LEGACY_RULE_KEYS:
        return _LEGACY_RULE_KEYS[rule_key]
    return Rule.from_params(rule_key, params)
