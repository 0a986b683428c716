"""The duty list's columns: the headers `export duty` writes and `import duty` reads back (with
the other names offices use), so export → fill in from the sign-in sheet → import round-trips."""

from __future__ import annotations

from twdesk.core.vocab import Attendance

COLUMNS: tuple[tuple[str, str, int, tuple[str, ...]], ...] = (
    # field, header written, width, other names accepted on import
    ("day", "日期", 12, ("坐班日期", "值班日期")),
    ("weekday", "星期", 6, ()),
    ("hours", "时间", 12, ("坐班时间",)),
    ("station", "联络站", 22, ("所属联络站", "坐班联络站")),
    ("delegate", "坐班代表", 10, ("值班代表", "代表姓名", "姓名")),
    ("phone", "联系电话", 14, ("电话", "手机")),
    ("wechat", "微信号", 16, ("微信",)),
    ("state", "状态", 8, ("出勤", "出勤状态", "签到情况", "坐班情况")),
    ("substitute", "替班代表", 10, ("替班人", "代班代表")),
    ("notes", "备注", 30, ("说明",)),
)
ALIASES = {f: (h, *more) for f, h, _w, more in COLUMNS}
HEADER_OF = {f: h for f, h, _w, _m in COLUMNS}
TEXT_FIELDS = ("day", "phone", "wechat")  # written as text so every Excel shows them the same
# what 状态 may say when filled in from the sign-in sheet (blank: leave the seat as it is)
STATE_CHOICES = tuple(str(a) for a in Attendance if a != Attendance.UNRECORDED)
