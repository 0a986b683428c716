"""Roster import on real spreadsheets: all-or-nothing, every problem named, duplicates, round trip."""

from __future__ import annotations

import zipfile
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, select

from tests.helpers import digest, run_twdesk
from twdesk.core.idcard import make_id_number
from twdesk.db.dbfile import Database, create_database, open_database
from twdesk.db.models import (
    GroupMembership,
    Person,
    SpecialGroup,
    Station,
    StationMembership,
    StatusChange,
)
from twdesk.services.roster_export import export_roster
from twdesk.services.roster_import import ImportCancelled, ImportProblems, import_roster

ID_A = make_id_number("511825", date(1995, 3, 7), 1, "男")
ID_B = make_id_number("511825", date(1998, 11, 20), 2, "女")
ID_C = make_id_number("510822", date(2000, 1, 2), 3, "男")


@pytest.fixture
def db(any_office_db: Database) -> Database:
    """A new office database, once in a file and once on a PostgreSQL server."""
    return any_office_db


def write_xlsx(
    path: Path, header: list[str], rows: list[list[object]], *, title: bool = True
) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    if title:
        ws.append(["青川县团代表名册"])
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
        ws.append(["填报单位：县团委", None, None, "填报日期：2026年3月"])
    ws.append(header)
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


HEADER = [
    "序号",
    "姓 名",
    "性别",
    "出生年月",
    "身份证号码（必填）",
    "手机号码",
    "所属联络站",
    "代表层级",
    "专项小组",
]


def good_rows() -> list[list[object]]:
    return [
        [
            1,
            "张　三",
            "男",
            "1995.03",
            ID_A,
            "138 1234 5678",
            "乔庄镇团代表联络站",
            "乡镇级",
            "志愿服务小组、思想引领小组",
        ],
        [
            2,
            " 曾䶮 ",
            "女",
            "1998年11月",
            ID_B.lower(),
            "0839-7202201",
            "乔庄镇团代表联络站",
            "县级",
            "",
        ],
        [None, None, None, None, None, None, None, None, None],
        [
            3,
            "单雪",
            "",
            datetime(2000, 1, 2),
            "５１０８２２" + ID_C[6:],
            "19912345678",
            "教育系统行业分站",
            "市",
            "创新创业小组",
        ],
        ["合计", "3人", None, None, None, None, None, None, None],
    ]


def count(db: Database, model: type) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(model)) or 0


def test_messy_sheet_imports_with_everything_normalised(db: Database, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "名册.xlsx", HEADER, good_rows())
    with db.transaction() as s:
        summary = import_roster(s, path)
    assert (summary.added, summary.updated, summary.skipped) == (3, 0, 0)
    assert summary.new_stations == ["乔庄镇团代表联络站", "教育系统行业分站"]
    assert "新建联络站 2 个" in summary.one_line()
    with db.session() as s:
        people = {p.name: p for p in s.scalars(select(Person))}
        assert set(people) == {"张三", "曾䶮", "单雪"}
        zhang, zeng, shan = people["张三"], people["曾䶮"], people["单雪"]
        assert (
            zhang.phone == "13812345678"
            and zhang.level == "乡镇"
            and zhang.birth_date == date(1995, 3, 7)
        )
        assert zeng.id_number == ID_B and zeng.level == "县" and zeng.phone == "0839-7202201"
        assert zeng.name_pinyin == "zeng yan" and shan.name_initials == "sx"
        assert shan.id_number == ID_C and shan.gender == "男"  # gender derived from the ID number
        kinds = dict(s.execute(select(Station.name, Station.kind)).all())
        assert kinds == {"乔庄镇团代表联络站": "乡镇街道联络站", "教育系统行业分站": "行业分站"}
        groups = set(s.scalars(select(SpecialGroup.name)))
        assert groups == {"志愿服务小组", "思想引领小组", "创新创业小组"}
        assert s.scalar(select(func.count()).select_from(GroupMembership)) == 3
        assert s.scalar(select(func.count()).select_from(StationMembership)) == 3
        assert set(s.scalars(select(StatusChange.status))) == {"在任"}


@pytest.mark.file_only  # looks at the file's bytes
def test_every_problem_is_reported_and_nothing_is_written(db: Database, tmp_path: Path) -> None:
    bad_check = ID_A[:-1] + ("0" if ID_A[-1] != "0" else "1")
    rows = [
        [1, "", "男", "", "", "", "", "", ""],  # row 4: no name
        [2, "李四", "男", "", bad_check, "", "", "", ""],  # row 5: check digit
        [3, "王五", "男", "", 5.11825199503071e17, "", "", "", ""],  # row 6: Excel-rounded ID
        [4, "赵六", "男", "1996.05", ID_A, "", "", "", ""],  # row 7: birth date mismatch
        [5, "钱七", "女", "", ID_C, "1381234", "", "", ""],  # row 8: gender mismatch + bad phone
        [6, "孙八", "男", "", ID_A, "", "", "省级", ""],  # row 9: duplicate of row 7 + bad level
        [7, "周九", "未知", "1995-13-01", "", "", "", "", ""],  # row 10: gender, date
    ]
    path = write_xlsx(tmp_path / "bad.xlsx", HEADER, rows)
    before = digest(db.path)
    with pytest.raises(ImportProblems) as info, db.transaction() as s:
        import_roster(s, path)
    problems = info.value.problems
    text = "\n".join(p.text() for p in problems)
    assert "第4行［姓 名］" in text and "姓名为空" in text
    assert "第5行［身份证号码（必填）］" in text and "校验位应为" in text
    assert "第6行" in text and "末尾几位已经丢失" in text and "文本" in text
    assert "第7行［出生年月］" in text and "不一致" in text
    assert "第8行［性别］" in text and "第8行［手机号码］" in text
    assert "第9行" in text and "与第7行的身份证号重复" in text and "代表层级无法识别" in text
    assert "第10行［性别］" in text and "第10行［出生年月］" in text
    assert all(p.hint for p in problems)
    assert count(db, Person) == 0 and count(db, Station) == 0
    assert digest(db.path) == before


def test_duplicates_in_the_database_fail_skip_or_update(db: Database, tmp_path: Path) -> None:
    first = write_xlsx(tmp_path / "first.xlsx", HEADER, good_rows())
    with db.transaction() as s:
        import_roster(s, first)
    changed = good_rows()
    changed[0][5] = "13900001111"  # 张三's new phone
    changed[0][6] = "青溪镇团代表联络站"
    again = write_xlsx(tmp_path / "again.xlsx", HEADER, changed)
    with pytest.raises(ImportProblems) as info, db.transaction() as s:
        import_roster(s, again)
    assert sum("数据库中已有" in p.message for p in info.value.problems) == 3
    with db.transaction() as s:
        skipped = import_roster(s, again, on_duplicate="skip")
    assert (skipped.added, skipped.skipped) == (0, 3)
    with db.session() as s:
        assert s.scalar(select(Person.phone).where(Person.name == "张三")) == "13812345678"
    with db.transaction() as s:
        updated = import_roster(s, again, on_duplicate="update")
    assert (updated.added, updated.updated) == (0, 3)
    with db.session() as s:
        zhang = s.scalars(select(Person).where(Person.name == "张三")).one()
        assert zhang.phone == "13900001111"
        stations = set(
            s.scalars(
                select(Station.name)
                .join(StationMembership, StationMembership.station_id == Station.id)
                .where(StationMembership.person_id == zhang.id)
            )
        )
        assert stations == {"乔庄镇团代表联络站", "青溪镇团代表联络站"}
    assert count(db, Person) == 3


def test_unknown_station_is_a_problem_when_creation_is_off(db: Database, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "s.xlsx", HEADER, good_rows())
    with pytest.raises(ImportProblems) as info, db.transaction() as s:
        import_roster(s, path, create_stations=False)
    assert any(p.message == "联络站不存在" and p.row == 4 for p in info.value.problems)


def test_cancel_rolls_everything_back(db: Database, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "c.xlsx", HEADER, good_rows())
    with pytest.raises(ImportCancelled), db.transaction() as s:
        import_roster(s, path, cancel=lambda: True)
    assert count(db, Person) == 0 and count(db, Station) == 0


def test_gbk_and_bom_csv(db: Database, tmp_path: Path) -> None:
    text = "姓名,身份证号,手机\n张三," + ID_A + ",13812345678\n李华," + ID_B + ",\n"
    gbk = tmp_path / "gbk.csv"
    gbk.write_bytes(text.encode("gbk"))
    bom = tmp_path / "bom.csv"
    bom.write_bytes(
        text.replace("张三", "王芳")
        .replace(ID_A, ID_C)
        .replace(ID_B + ",", ",")
        .encode("utf-8-sig")
    )
    with db.transaction() as s:
        assert import_roster(s, gbk).added == 2
    with db.transaction() as s:
        assert import_roster(s, bom).added == 2
    with db.session() as s:
        assert set(s.scalars(select(Person.name))) == {"张三", "李华", "王芳"}


def test_export_then_import_round_trips(db: Database, tmp_path: Path) -> None:
    with db.transaction() as s:
        import_roster(s, write_xlsx(tmp_path / "in.xlsx", HEADER, good_rows()))
    out = tmp_path / "out.xlsx"
    with db.session() as s:
        assert export_roster(s, out) == 3
    sheet = openpyxl.load_workbook(out).active
    header = [c.value for c in sheet[1]]
    assert header[:8] == [
        "姓名",
        "性别",
        "出生年月",
        "身份证号",
        "手机号码",
        "民族",
        "政治面貌",
        "学历",
    ]
    id_cells = [row[3] for row in sheet.iter_rows(min_row=2)]
    assert all(c.data_type == "s" and c.number_format == "@" for c in id_cells)
    assert sheet.freeze_panes == "B2"

    other_path = tmp_path / "other.sqlite"
    create_database(other_path)
    other = open_database(other_path)
    try:
        with other.transaction() as s:
            assert import_roster(s, out).added == 3
        again = tmp_path / "again.xlsx"
        with other.session() as s:
            export_roster(s, again)
    finally:
        other.close()

    def values(path: Path) -> list[tuple]:
        return [
            tuple(c.value for c in row) for row in openpyxl.load_workbook(path).active.iter_rows()
        ]

    assert values(again) == values(out)


def test_masked_export_hides_numbers(db: Database, tmp_path: Path) -> None:
    with db.transaction() as s:
        import_roster(s, write_xlsx(tmp_path / "in.xlsx", HEADER, good_rows()))
    out = tmp_path / "share.xlsx"
    with db.session() as s:
        export_roster(s, out, mask=True, station="乔庄镇团代表联络站")
    cells = [
        str(c.value)
        for row in openpyxl.load_workbook(out).active.iter_rows()
        for c in row
        if c.value
    ]
    joined = " ".join(cells)
    assert "已脱敏" in joined
    assert ID_A not in joined and "13812345678" not in joined
    assert ID_A[:6] + "********" + ID_A[-4:] in joined and "138****5678" in joined
    assert "单雪" not in joined  # another station


def test_cli_import_and_export(tmp_path: Path) -> None:
    db_path = tmp_path / "cli.sqlite"
    create_database(db_path)
    good = write_xlsx(tmp_path / "good.xlsx", HEADER, good_rows())
    result = run_twdesk("import", "roster", str(good), "--db", str(db_path))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("导入完成：新增 3 人")
    bad_rows = good_rows()
    bad_rows[1][4] = 5.11825199503071e17
    bad = write_xlsx(tmp_path / "bad.xlsx", HEADER, bad_rows)
    before = digest(db_path)
    result = run_twdesk(
        "import", "roster", str(bad), "--db", str(db_path), "--on-duplicate", "skip"
    )
    assert result.returncode == 1
    assert (
        "没有导入任何数据" in result.stderr
        and "第5行" in result.stderr
        and "Traceback" not in result.stderr
    )
    assert digest(db_path) == before
    out = tmp_path / "out.xlsx"
    result = run_twdesk("export", "roster", "--db", str(db_path), "--out", str(out), "--mask")
    assert result.returncode == 0 and "已导出 3 名" in result.stdout
    sheet = openpyxl.load_workbook(out).active
    cells = {str(c) for row in sheet.iter_rows(values_only=True) for c in row if c}
    for number in (ID_A, ID_B, ID_C):
        assert number[:6] + "********" + number[-4:] in cells
    assert {"138****5678", "199****5678", "0839-*****01"} <= cells
    with zipfile.ZipFile(out) as package:  # no full number anywhere in the file
        xml = "".join(package.read(n).decode() for n in package.namelist() if n.endswith(".xml"))
    for secret in (ID_A, ID_B, ID_C, "13812345678", "19912345678", "7202201"):
        assert secret not in xml, secret
