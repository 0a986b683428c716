"""联系青年花名册 and 满意度测评票 columns: the headers we write and the other names offices use."""

from __future__ import annotations

CONTACT_COLUMNS: tuple[tuple[str, str, int, tuple[str, ...]], ...] = (
    ("contactor", "联系人", 10, ("联系代表", "联系团干部", "团代表", "团干部", "所属联系人")),
    ("name", "姓名", 10, ("青年姓名", "联系青年", "青年")),
    ("gender", "性别", 6, ()),
    ("birth_year", "出生年份", 8, ("出生年", "出生年月")),
    ("age_group", "年龄段", 8, ("年龄",)),
    ("field", "领域", 14, ("所属领域", "青年类别", "类别", "界别")),
    (
        "organisation",
        "单位或村",
        18,
        ("工作单位", "单位", "村（社区）", "村社区", "学校", "所在单位"),
    ),
    ("phone", "联系电话", 14, ("电话", "手机", "手机号", "手机号码")),
    ("wechat", "微信/QQ", 14, ("微信", "QQ", "微信号", "QQ号")),
    ("first_contact_date", "首次联系日期", 12, ("联系日期", "首次联系时间", "建立联系日期")),
    ("first_contact_way", "首次联系方式", 10, ("联系方式", "联系途径")),
    ("notes", "备注", 20, ()),
)
CONTACT_ALIASES = {f: (h, *more) for f, h, _w, more in CONTACT_COLUMNS}

BALLOT_COLUMNS: tuple[tuple[str, str, int, tuple[str, ...]], ...] = (
    ("person", "被测评人", 12, ("姓名", "测评对象", "被评人")),
    ("result", "测评结果", 10, ("结果", "评价", "满意度", "测评意见")),
)
BALLOT_ALIASES = {f: (h, *more) for f, h, _w, more in BALLOT_COLUMNS}
