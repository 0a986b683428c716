"""Writes tests/data/roster_97.xls, an Excel 97-2003 roster (run once; needs `pip install xlwt`)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import xlwt

from twdesk.core.idcard import make_id_number

OUT = Path(__file__).with_name("roster_97.xls")


def main() -> None:
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("名册")
    sheet.write_merge(0, 0, 0, 4, "某某县团代表名册（2003 格式）")
    for col, title in enumerate(["姓名", "性别", "出生日期", "公民身份号码", "联系电话"]):
        sheet.write(2, col, title)
    rows = [
        [
            "区可",
            "女",
            date(1999, 6, 1),
            make_id_number("440103", date(1999, 6, 1), 7, "女"),
            "020-12345678",
        ],
        [
            "仇明",
            "男",
            date(1993, 9, 9),
            make_id_number("440103", date(1993, 9, 9), 8, "男"),
            13600001111,
        ],
    ]
    date_style = xlwt.easyxf(num_format_str="yyyy-mm-dd")
    for r, row in enumerate(rows, 3):
        for c, value in enumerate(row):
            sheet.write(
                r, c, value, date_style if isinstance(value, date) else xlwt.Style.default_style
            )
    book.save(str(OUT))


if __name__ == "__main__":
    main()
