"""Rules of merging two offices' files, in plain Python: which version of a record wins, what a
conflict is, how values travel in the conflict table, and the next free opinion item number.

A record carries `updated_at` and, for tables with a recycle bin, `deleted_at`. "Since they last
met" is one moment (`since`): a side changed a record when its `updated_at` is later.
"""

from __future__ import annotations

import base64
import json
import re
from dataclasses import dataclass
from datetime import date, datetime, time
from enum import Enum
from typing import Any

from twdesk.core.idcard import mask_id_number, mask_phone

# What the user sees for each table that travels in a merge.
TABLE_LABELS: dict[str, str] = {
    "audit_log": "修改记录",
    "eval_scheme": "考核办法",
    "holiday": "节假日",
    "holiday_year": "节假日年份",
    "lookup_value": "可选项",
    "person": "人员",
    "station": "联络站",
    "commendation": "表彰",
    "committee_link": "两联",
    "duty_rule": "坐班规则",
    "eval_bonus_item": "加分项",
    "eval_indicator": "考核指标",
    "eval_veto_item": "否决项",
    "evaluation": "年度考核",
    "mentorship": "联系指导",
    "person_photo": "照片",
    "project": "领办项目",
    "special_group": "专项小组",
    "station_membership": "进站",
    "status_change": "任职状态",
    "unavailability": "不能坐班",
    "youth_branch": "团支部",
    "activity": "履职记录",
    "branch_contact": "联系团支部",
    "duty_day": "坐班日",
    "evaluation_bonus": "考核加分",
    "evaluation_score": "考核得分",
    "evaluation_unlock": "考核解锁",
    "evaluation_veto": "考核否决",
    "group_membership": "小组成员",
    "project_member": "项目成员",
    "activity_participant": "活动参与",
    "attachment": "附件",
    "duty_assignment": "坐班安排",
    "visit": "来访登记",
    "duty_swap": "换班替班",
    "opinion_item": "意见建议",
    "opinion_step": "办理步骤",
    "young_person": "青年",
    "contact_book_entry": "联系青年名册",
    "contact_log_entry": "联系青年日志",
    "grassroots_day": "基层工作日",
    "open_day": "专题开放日",
    "satisfaction_round": "满意度测评",
    "satisfaction_ballot": "满意度测评票",
    "station_check_item": "联络站考评项目",
    "station_check_score": "联络站考评得分",
    "rectification": "整改问题",
}

# What the user sees for the fields that most often meet in a conflict (others by their name).
FIELD_LABELS: dict[str, str] = {
    "name": "姓名/名称",
    "notes": "备注",
    "phone": "电话",
    "unit": "工作单位",
    "position": "职务",
    "address": "地址",
    "status": "状态",
    "level": "层级",
    "deleted_at": "删除",
    "content": "内容",
    "category": "类别",
    "number": "编号",
    "department": "交办部门",
    "responsible": "责任人",
    "deadline": "办理期限",
    "result": "办理结果",
    "title": "标题",
    "activity_date": "日期",
    "visit_date": "来访日期",
    "attendance": "出勤",
    "station_id": "联络站",
    "youth_count": "覆盖人次",
    "id_number": "身份证号",
    "wechat": "微信",
    "grade": "等次",
    "final_score": "总分",
}

# Tables that stay with their file: its own facts (office id …) and the exchange's own records.
LOCAL_TABLES = frozenset({"setting", "merge_conflict", "sync_peer", "alembic_version"})

BOTH_CHANGED = "双方修改"
DELETED_AND_CHANGED = "删除与修改"
RENUMBERED = "重新编号"

KEEP = "保留"
CHOSE_OTHER = "采用另一版本"

WHOLE_RECORD = "（整条记录）"  # the field of a conflict about a record deleted outright
DELETED_TEXT = "（已删除）"
KEPT_TEXT = "（保留，未删除）"

_MASKED = {"id_number": mask_id_number, "phone": mask_phone}
_ISO_DATETIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?")


def table_label(table: str) -> str:
    return TABLE_LABELS.get(table, table)


def field_label(field: str) -> str:
    return FIELD_LABELS.get(field, field)


class Outcome(Enum):
    UNCHANGED = "unchanged"  # the target's version stays, nothing to report
    TAKE = "take"  # the source's version replaces the target's
    KEEP_CONFLICT = "keep_conflict"  # both changed: the target's version wins, a conflict kept
    TAKE_CONFLICT = "take_conflict"  # both changed: the source's version wins, a conflict kept


@dataclass(frozen=True)
class Decision:
    outcome: Outcome
    kind: str = ""  # BOTH_CHANGED or DELETED_AND_CHANGED for a conflict


def changed_since(stamp: datetime | None, since: datetime | None) -> bool:
    """Whether a version dated `stamp` was made after the files last met (never met: yes)."""
    return since is None or stamp is None or stamp > since


def decide(
    *,
    source_time: datetime | None,
    target_time: datetime | None,
    since: datetime | None,
    source_deleted: bool,
    target_deleted: bool,
    source_wins_tie: bool,
) -> Decision:
    """Which version of a record that differs between the two files stays in the target.

    Changed on one side only → that change. Changed on neither (a change the other file has not
    seen yet) → the later one. Changed on both → a conflict: a record deleted on one side and
    changed on the other stays alive (never a silent loss); otherwise the later change wins,
    `source_wins_tie` deciding equal times the same way in both directions.
    """
    source_changed = changed_since(source_time, since)
    target_changed = changed_since(target_time, since)
    if source_changed and not target_changed:
        return Decision(Outcome.TAKE)
    if target_changed and not source_changed:
        return Decision(Outcome.UNCHANGED)
    if not source_changed and not target_changed:
        later = _later(source_time, target_time, source_wins_tie)
        return Decision(Outcome.TAKE if later else Outcome.UNCHANGED)
    if source_deleted != target_deleted:
        win = Outcome.KEEP_CONFLICT if source_deleted else Outcome.TAKE_CONFLICT
        return Decision(win, DELETED_AND_CHANGED)
    later = _later(source_time, target_time, source_wins_tie)
    return Decision(Outcome.TAKE_CONFLICT if later else Outcome.KEEP_CONFLICT, BOTH_CHANGED)


def _later(source_time: datetime | None, target_time: datetime | None, tie: bool) -> bool:
    """True when the source's version is the later one."""
    if source_time == target_time or source_time is None or target_time is None:
        return tie if source_time == target_time else source_time is not None
    return source_time > target_time


def tie_key(row: dict[str, Any]) -> str:
    """A stable order of two versions with the same time (the same in both directions)."""
    return json.dumps({k: encode_value(v) for k, v in sorted(row.items())}, ensure_ascii=False)


# --- values in the conflict table ---------------------------------------------------------------


def encode_value(value: Any) -> Any:
    """A JSON-able form of a column value (decoded again with the column's type)."""
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return value


def to_json(value: Any) -> str:
    return json.dumps(encode_value(value), ensure_ascii=False)


def from_json(text: str | None, python_type: type | None) -> Any:
    """The column value stored by `to_json`, back in the column's Python type."""
    if text is None:
        return None
    value = json.loads(text)
    if value is None or python_type is None:
        return value
    if python_type is bytes:
        return base64.b64decode(value)
    if python_type is datetime:
        return datetime.fromisoformat(value)
    if python_type is date:
        return date.fromisoformat(value)
    if python_type is time:
        return time.fromisoformat(value)
    if python_type is bool:
        return bool(value)
    return value


def shown_value(field: str, text: str | None) -> str:
    """A stored value as the review list shows it: ID and phone numbers masked."""
    if text is None:
        return ""
    value = json.loads(text)
    if field == "deleted_at":
        return "未删除" if value is None else f"已删除（{str(value).replace('T', ' ')[:16]}）"
    if value is None:
        return "（空）"
    if isinstance(value, bool):
        return "是" if value else "否"
    if field in {"data", "thumbnail", "leader_photo"}:
        return f"<{len(base64.b64decode(value))} 字节>"
    value = str(value)
    if field in _MASKED and value:
        return _MASKED[field](value)
    if _ISO_DATETIME.fullmatch(value):
        value = value.replace("T", " ")
    return value


# --- opinion item numbers -----------------------------------------------------------------------


def number_year(number: str) -> str:
    """The year part of an item number "2026-00042" ("" when it has none)."""
    head, sep, _tail = number.partition("-")
    return head if sep else ""


def next_free_number(year: str, taken: set[str]) -> str:
    """The number after the highest of the year among `taken` (as services.visits numbers)."""
    prefix = f"{year}-"
    highest = 0
    for number in taken:
        if number.startswith(prefix):
            tail = number[len(prefix) :]
            if tail.isdigit():
                highest = max(highest, int(tail))
    return f"{prefix}{highest + 1:05d}"
