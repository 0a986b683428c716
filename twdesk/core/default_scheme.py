"""The default 10-indicator evaluation scheme (100 points), bonus and veto items (DOMAIN.md).

Every office may edit its own copy in the database; this is only what a new file starts with.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

SCHEME_NAME = "团代表年度履职考核（默认十项指标）"


@dataclass(frozen=True)
class IndicatorDef:
    seq: int
    name: str
    points: float
    rule_key: str
    params: dict[str, Any] = field(default_factory=dict)
    description: str = ""


INDICATORS: tuple[IndicatorDef, ...] = (
    IndicatorDef(
        1,
        "参加会议",
        10,
        "meetings",
        {"per": 2, "unexcused_penalty": 2},
        "每参加一次会议 2 分，满分 10 分；无故缺席一次扣 2 分",
    ),
    IndicatorDef(
        2, "学习培训", 10, "training", {"per": 2.5}, "每参加一次学习培训 2.5 分，满分 10 分"
    ),
    IndicatorDef(
        3,
        "驻站坐班",
        15,
        "duty",
        {"unexcused_penalty": 3},
        "15 × 到岗次数 ÷ 排班次数；无故缺席一次扣 3 分",
    ),
    IndicatorDef(4, "联系青年（1+100）", 15, "youth", {}, "15 × min(1, 联系青年人次 ÷ 目标)"),
    IndicatorDef(5, "联系团支部", 5, "branches", {}, "联系团支部达到目标数得 5 分"),
    IndicatorDef(
        6, "收集反映意见建议", 10, "opinions", {"per": 2}, "每收集一条意见建议 2 分，满分 10 分"
    ),
    IndicatorDef(
        7,
        "领办项目",
        10,
        "projects",
        {"lead": 6, "join": 2},
        "领办项目 6 分，参与一个项目 2 分，满分 10 分",
    ),
    IndicatorDef(
        8, "志愿服务与专项小组活动", 10, "volunteer", {"per": 2}, "每参加一次活动 2 分，满分 10 分"
    ),
    IndicatorDef(9, "宣讲与思想引领", 5, "talks", {"per": 2.5}, "每次宣讲 2.5 分，满分 5 分"),
    IndicatorDef(
        10, "组织评价 / 青年满意度", 10, "manual", {}, "由联络站根据满意度测评和日常表现评定"
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

assert sum(i.points for i in INDICATORS) == 100
