"""The activity register's columns: the headers export writes and import reads (with the other
names offices use), so export → import round-trips."""

from __future__ import annotations

COLUMNS: tuple[tuple[str, str, int, tuple[str, ...]], ...] = (
    ("activity_date", "日期", 12, ("活动日期", "时间")),
    ("activity_type", "活动类型", 12, ("类型", "类别")),
    ("title", "活动名称", 28, ("活动主题", "名称", "主题")),
    ("place", "地点", 16, ("活动地点",)),
    ("participants", "参与代表", 24, ("参加代表", "参与人员", "代表")),
    ("youth_count", "覆盖人次", 10, ("人次", "服务人次", "覆盖青年")),
    ("project", "所属项目", 18, ("项目", "领办项目")),
    ("station", "联络站", 18, ("所属联络站",)),
    ("branch", "团支部", 18, ("联系团支部", "所联系团支部", "走访团支部")),
    ("source", "来源", 8, ()),
    ("confirmation", "确认状态", 8, ()),
    ("notes", "备注", 24, ()),
    ("absent", "无故缺席", 14, ("无故缺席代表", "缺席代表")),
)
ALIASES = {f: (h, *more) for f, h, _w, more in COLUMNS}
HEADER_OF = {f: h for f, h, _w, _m in COLUMNS}
SEPARATORS = "、，,;；/"
