"""The visit register's columns: the headers export writes and import reads (with the other
names offices use), so export → import round-trips."""

from __future__ import annotations

COLUMNS: tuple[tuple[str, str, int, tuple[str, ...]], ...] = (
    # field, header written, width, other names accepted on import
    ("visit_date", "日期", 12, ("来访日期", "接待日期", "登记日期")),
    ("visit_time", "时间", 8, ("来访时间",)),
    ("station", "联络站", 20, ("所属联络站", "接待联络站")),
    ("receiver", "接待代表", 10, ("坐班代表", "接待人", "值班代表")),
    ("visitor_name", "来访人", 10, ("姓名", "来访人姓名", "来访青年")),
    ("gender", "性别", 6, ()),
    ("age_group", "年龄段", 10, ("年龄",)),
    ("identity", "身份", 8, ("来访人身份",)),
    ("phone", "联系电话", 14, ("电话", "手机", "手机号码")),
    ("unit_or_village", "单位或村", 16, ("单位", "村（社区）", "工作单位")),
    ("channel", "渠道", 6, ("来访方式", "方式")),
    ("category", "类别", 10, ("诉求类别", "问题类别")),
    ("content", "来访事由", 30, ("诉求内容", "反映问题", "事由")),
    ("people_count", "人数", 6, ("来访人数",)),
    ("number", "意见编号", 12, ("编号",)),
    ("item", "意见建议", 30, ("意见", "建议")),
    ("status", "办理状态", 8, ("状态",)),
    ("department", "交办部门", 14, ("承办部门", "交办单位")),
    ("responsible", "责任人", 8, ()),
    ("deadline", "办理期限", 12, ("期限",)),
    ("handled_on", "办结日期", 12, ()),
    ("result", "办理结果", 24, ("办理情况",)),
    ("feedback", "反馈情况", 14, ("反馈方式",)),
    ("satisfaction", "满意度", 8, ("满意情况",)),
)
ALIASES = {f: (h, *more) for f, h, _w, more in COLUMNS}
HEADER_OF = {f: h for f, h, _w, _m in COLUMNS}
