"""The roster's columns: the field each maps to and the header names offices use for it.

The exporter writes the first name of each column; the importer accepts all of them.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RosterColumn:
    field: str
    header: str  # what the exporter and the template write
    aliases: tuple[str, ...] = ()
    required: bool = False
    width: int = 12
    text: bool = False  # written as text so Excel never turns it into a number

    @property
    def names(self) -> tuple[str, ...]:
        return (self.header, *self.aliases)


ROSTER_COLUMNS: tuple[RosterColumn, ...] = (
    RosterColumn("name", "姓名", ("名字", "代表姓名", "团代表姓名"), required=True, width=10),
    RosterColumn("gender", "性别", width=6),
    RosterColumn("birth_date", "出生年月", ("出生日期", "出生年月日", "生日"), width=12),
    RosterColumn(
        "id_number",
        "身份证号",
        ("身份证号码", "公民身份号码", "身份证", "证件号码"),
        width=21,
        text=True,
    ),
    RosterColumn(
        "phone", "手机号码", ("手机", "手机号", "联系电话", "电话", "联系方式"), width=14, text=True
    ),
    RosterColumn("ethnicity", "民族", width=8),
    RosterColumn("political_status", "政治面貌", width=12),
    RosterColumn("education", "学历", ("文化程度",), width=10),
    RosterColumn("unit", "工作单位", ("单位", "工作单位及职务", "所在单位"), width=22),
    RosterColumn("position", "职务", ("职位",), width=12),
    RosterColumn("station", "所属联络站", ("联络站", "进站联络站", "所在联络站"), width=22),
    RosterColumn("level", "代表层级", ("层级", "代表级别", "级别"), width=10),
    RosterColumn("sector", "界别", ("领域", "界别领域", "所属界别"), width=12),
    RosterColumn("term", "届次", width=10),
    RosterColumn("groups", "专项小组", ("所在专项小组", "小组"), width=18),
    RosterColumn("wechat", "微信号", ("微信",), width=14, text=True),
    RosterColumn("status", "状态", ("代表状态", "任职状态"), width=8),
    RosterColumn("notes", "备注", width=20),
)

COLUMN_BY_FIELD = {c.field: c for c in ROSTER_COLUMNS}
ALIASES: dict[str, tuple[str, ...]] = {c.field: c.names for c in ROSTER_COLUMNS}

GENDER_WORDS = {"男": "男", "男性": "男", "女": "女", "女性": "女"}
LEVEL_WORDS = {
    "市": "市",
    "市级": "市",
    "市团代表": "市",
    "县": "县",
    "县级": "县",
    "区": "县",
    "区级": "县",
    "县团代表": "县",
    "乡镇": "乡镇",
    "乡镇级": "乡镇",
    "乡": "乡镇",
    "镇": "乡镇",
    "乡级": "乡镇",
    "街道": "乡镇",
}
STATUS_WORDS = {
    "在任": "在任",
    "在职": "在任",
    "免职": "免职",
    "辞职": "辞职",
    "届满": "届满",
    "离任": "届满",
}
GROUP_SEPARATORS = "、，,;；/ "
