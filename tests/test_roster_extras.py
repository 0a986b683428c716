"""Template, problem list and people search."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest

from twdesk.core.idcard import make_id_number
from twdesk.db.dbfile import Database, create_database, open_database
from twdesk.db.models import Person, Station, StationMembership
from twdesk.excel.problems_export import write_problems
from twdesk.services.people_search import PeopleIndex
from twdesk.services.roster_export import save_roster_template
from twdesk.services.roster_import import Problem


@pytest.fixture
def db(tmp_path: Path) -> Database:
    path = tmp_path / "office.sqlite"
    create_database(path)
    database = open_database(path)
    with database.transaction() as s:
        s.add(Station(id="st1", name="乔庄镇团代表联络站", kind="乡镇街道联络站"))
        s.add(Station(id="st2", name="青溪镇团代表联络站", kind="乡镇街道联络站"))
        people = [
            (
                "张三",
                "zhang san",
                "zs",
                "13812345678",
                make_id_number("511825", date(1995, 3, 7), 1, "男"),
                "st1",
                "乡镇",
            ),
            (
                "曾小明",
                "zeng xiao ming",
                "zxm",
                "13900001111",
                make_id_number("511825", date(1996, 1, 2), 2, "男"),
                "st1",
                "县",
            ),
            (
                "单雪",
                "shan xue",
                "sx",
                "0839-7202201",
                make_id_number("511825", date(1997, 5, 5), 4, "女"),
                "st2",
                "乡镇",
            ),
            ("张珊", "zhang shan", "zs", "", "", "st2", "市"),
        ]
        for name, pinyin, initials, phone, number, station, level in people:
            p = Person(
                name=name,
                name_pinyin=pinyin,
                name_initials=initials,
                phone=phone,
                id_number=number,
                level=level,
            )
            s.add(p)
            s.flush()
            s.add(StationMembership(station_id=station, person_id=p.id))
    yield database
    database.close()


def names(entries: list) -> set[str]:
    return {e.name for e in entries}


def test_search_by_name_pinyin_phone_and_id_tail(db: Database) -> None:
    with db.session() as s:
        index = PeopleIndex.load(s)
    assert names(index.search("zs")) == {"张三", "张珊"}
    assert names(index.search("zhangsan")) == {"张三"}
    assert names(index.search("zeng")) == {"曾小明"}  # 曾 read as zeng, not ceng
    assert names(index.search("shan")) == {"单雪"}  # 单 read as shan, not dan
    assert names(index.search("张")) == {"张三", "张珊"}
    assert names(index.search("1390000")) == {"曾小明"}
    tail = make_id_number("511825", date(1997, 5, 5), 4, "女")[-4:]
    assert names(index.search(tail)) == {"单雪"}
    assert names(index.search("", station="青溪镇团代表联络站")) == {"单雪", "张珊"}
    assert names(index.search("zs", level="市")) == {"张珊"}
    entry = index.search("单雪")[0]
    assert "*" in entry.id_masked and entry.id_masked[-4:] == tail


def test_template_has_text_id_column_and_drop_downs(db: Database, tmp_path: Path) -> None:
    out = tmp_path / "模板.xlsx"
    with db.session() as s:
        save_roster_template(s, out)
    wb = openpyxl.load_workbook(out)
    ws = wb["团代表名册"]
    header = [c.value for c in ws[2]]
    id_col = header.index("身份证号") + 1
    assert ws.cell(row=10, column=id_col).number_format == "@"
    validations = {str(dv.sqref): dv.formula1 for dv in ws.data_validations.dataValidation}
    assert len(validations) == 5
    gender_letter = ws.cell(row=2, column=header.index("性别") + 1).column_letter
    assert any(ref.startswith(f"{gender_letter}3:") for ref in validations)
    lists = wb["下拉选项"]
    values = {c.value for row in lists.iter_rows() for c in row if c.value}
    assert {"男", "女", "乡镇", "乔庄镇团代表联络站", "志愿服务小组", "届满"} <= values
    assert lists.sheet_state == "hidden"


def test_problem_list_as_xlsx(tmp_path: Path) -> None:
    out = tmp_path / "问题.xlsx"
    problems = [
        Problem(5, "身份证号码", "5.11825E+17", "身份证号被 Excel 当成数字保存", "把列设为文本"),
        Problem(0, "", "", "找不到表头行", "确认文件"),
    ]
    assert write_problems(problems, out) == 2
    rows = [[c.value for c in row] for row in openpyxl.load_workbook(out).active.iter_rows()]
    assert rows[0] == ["行号", "列", "内容", "问题", "修改建议"]
    assert rows[1][:3] == ["第5行", "身份证号码", "5.11825E+17"]
    assert rows[2][0] == "整个文件"
