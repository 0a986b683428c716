"""The fixed words of the domain, stored as these Chinese strings in the database.

Lists an office may edit (categories, activity types, group kinds) only have defaults here;
the editable copies live in the `lookup_value` table.
"""

from __future__ import annotations

from enum import StrEnum


class StationKind(StrEnum):
    COUNTY = "县级联络站"
    TOWNSHIP = "乡镇街道联络站"
    SECTOR = "行业分站"


class Gender(StrEnum):
    MALE = "男"
    FEMALE = "女"


class DelegateLevel(StrEnum):
    CITY = "市"
    COUNTY = "县"
    TOWNSHIP = "乡镇"


class PersonStatus(StrEnum):
    ACTIVE = "在任"
    REMOVED = "免职"
    RESIGNED = "辞职"
    TERM_ENDED = "届满"


class Attendance(StrEnum):
    UNRECORDED = "未登记"
    PRESENT = "到岗"
    ABSENT = "缺席"
    LEAVE = "请假"
    SUBSTITUTED = "替班"


class OnHoliday(StrEnum):
    NEXT = "next"
    PREV = "prev"
    SKIP = "skip"


class DutyRuleKind(StrEnum):
    WEEKLY = "weekly"
    MONTHLY_DAY = "monthly_day"
    MONTHLY_NTH_WEEKDAY = "monthly_nth_weekday"
    MANUAL = "manual"


class HolidayKind(StrEnum):
    HOLIDAY = "休"  # statutory day off
    WORKDAY = "班"  # make-up workday (调休)


class Channel(StrEnum):
    VISIT = "来访"
    PHONE = "电话"
    WECHAT = "微信"
    MAILBOX = "信箱"
    OUTREACH = "走访"
    ONLINE = "线上"


class VisitorIdentity(StrEnum):
    MEMBER = "团员"
    YOUTH = "青年"
    STUDENT = "学生"
    PARENT = "家长"
    OTHER = "其他"


class AgeGroup(StrEnum):
    UNDER_18 = "18岁以下"
    AGE_18_28 = "18-28岁"
    AGE_29_35 = "29-35岁"
    OVER_35 = "35岁以上"


class OpinionStatus(StrEnum):
    REGISTERED = "已登记"
    ASSIGNED = "已交办"
    IN_PROGRESS = "办理中"
    HANDLED = "已办结"
    FED_BACK = "已反馈"


OPINION_FLOW: tuple[OpinionStatus, ...] = tuple(OpinionStatus)


class Satisfaction(StrEnum):
    SATISFIED = "满意"
    BASICALLY = "基本满意"
    UNSATISFIED = "不满意"


class ActivitySource(StrEnum):
    STATION = "总账本"  # recorded by the station
    SELF = "分账本"  # self-reported by a delegate


class Confirmation(StrEnum):
    PENDING = "待确认"
    CONFIRMED = "已确认"
    RETURNED = "已退回"


class Grade(StrEnum):
    EXCELLENT = "优秀"
    COMPETENT = "称职"
    BASIC = "基本称职"
    INCOMPETENT = "不称职"


class CommendationLevel(StrEnum):
    COUNTY = "县"
    CITY = "市"
    PROVINCE = "省"
    NATION = "国家"


class LookupKind(StrEnum):
    VISIT_CATEGORY = "visit_category"
    ACTIVITY_TYPE = "activity_type"
    GROUP_KIND = "group_kind"
    SECTOR = "sector"
    YOUTH_FIELD = "youth_field"  # 联系青年的领域


DEFAULT_VISIT_CATEGORIES = (
    "就业创业",
    "技能培训",
    "心理健康",
    "婚恋交友",
    "法律维权",
    "助学帮困",
    "志愿服务",
    "社区治理",
    "其他",
)

DEFAULT_ACTIVITY_TYPES = (
    "会议",
    "学习培训",
    "坐班接待",
    "联系青年",
    "联系团支部",
    "领办项目",
    "志愿服务",
    "宣讲",
    "调研",
    "专项小组活动",
    "开放日",
    "其他",
)

DEFAULT_GROUP_KINDS = ("志愿服务", "创新创业", "思想引领", "关心关爱", "基层建设")

DEFAULT_SECTORS = (
    "农业农村",
    "工业企业",
    "教育",
    "卫生健康",
    "机关事业",
    "非公经济",
    "社会组织",
    "新兴领域",
    "文化体育",
    "个体经营",
)

DEFAULT_YOUTH_FIELDS = (
    "农村青年",
    "企业青年",
    "新兴领域青年",
    "学生",
    "机关事业单位青年",
    "社会组织青年",
    "进城务工青年",
    "个体从业者",
    "其他",
)

DEFAULT_LOOKUPS: dict[LookupKind, tuple[str, ...]] = {
    LookupKind.VISIT_CATEGORY: DEFAULT_VISIT_CATEGORIES,
    LookupKind.ACTIVITY_TYPE: DEFAULT_ACTIVITY_TYPES,
    LookupKind.GROUP_KIND: DEFAULT_GROUP_KINDS,
    LookupKind.SECTOR: DEFAULT_SECTORS,
    LookupKind.YOUTH_FIELD: DEFAULT_YOUTH_FIELDS,
}
