"""Visit registers: streamed export (masked or not), import of office spreadsheets with every
error kind, export → import round trip, `twdesk stats` and the streaming xlsx writer."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from python_calamine import CalamineWorkbook
from sqlalchemy import func, select

from tests.helpers import digest, run_twdesk
from twdesk.db.dbfile import Database, create_database, open_database
from twdesk.db.models import OpinionItem, OpinionStep, Visit
from twdesk.excel.fast_xlsx import column_letter, write_table
from twdesk.excel.visit_columns import COLUMNS
from twdesk.services import people, stations, visits
from twdesk.services.roster_import import ImportProblems
from twdesk.services.visit_export import export_rows
from twdesk.services.visit_import import import_visits
from twdesk.services.visits import ItemInput

HEADERS = [h for _f, h, _w, _a in COLUMNS]


@pytest.fixture
def db(any_office_db: Database) -> Database:
    """A station and a delegate, once in a file and once on a PostgreSQL server."""
    with any_office_db.transaction() as s:
        a = stations.save_station(s, {"name": "乔庄镇联络站", "kind": "乡镇街道联络站"}).id
        people.save_person(s, {"name": "曾䶮", "is_delegate": True}, station_id=a)
    return any_office_db


def office_register(path: Path, rows: list[list[object]], header: list[str] | None = None) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["乔庄镇团代表联络站来访登记簿（2026年）"])
    ws.merge_cells("A1:H1")
    ws.append(
        header
        or [
            "来访日期",
            "联络站",
            "坐班代表",
            "姓名",
            "联系电话",
            "身份",
            "诉求类别",
            "诉求内容",
            "意见建议",
            "办理状态",
            "交办部门",
            "办结日期",
            "反馈情况",
            "满意度",
        ]
    )
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


GOOD = [
    [
        date(2026, 3, 4),
        "乔庄镇联络站",
        "曾䶮",
        "张　三",
        "138 1234 5678",
        "青年",
        "就业创业",
        "咨询创业贷款",
        "希望简化贷款手续",
        "已反馈",
        "县人社局",
        "2026.03.10",
        "电话告知",
        "满意",
    ],
    [
        "2026-03-04",
        "乔庄镇联络站",
        "曾䶮",
        "张　三",
        "138 1234 5678",
        "青年",
        "就业创业",
        "咨询创业贷款",
        "建议开设电商培训",
        "已交办",
        "县商务局",
        None,
        None,
        None,
    ],
    [
        "2026年3月11日",
        "乔庄镇联络站",
        "",
        "匿名",
        "",
        "学生",
        "心理健康",
        "考试焦虑",
        "",
        "",
        "",
        "",
        "",
        "",
    ],
]


def test_import_office_register_groups_items_and_stamps_steps(db: Database, tmp_path: Path) -> None:
    path = office_register(tmp_path / "登记簿.xlsx", GOOD)
    with db.transaction() as s:
        summary = import_visits(s, path, today=date(2026, 11, 25))
    assert (summary.visits, summary.items) == (2, 2)
    with db.session() as s:
        first = s.scalars(select(Visit).order_by(Visit.visit_date)).first()
        assert (first.visitor_name, first.phone, first.received_by_id is not None) == (
            "张三",
            "13812345678",
            True,
        )
        items = {i.content: i for i in s.scalars(select(OpinionItem))}
        fed = items["希望简化贷款手续"]
        assert (fed.status, fed.handled_on, fed.feedback_method, fed.satisfaction) == (
            "已反馈",
            date(2026, 3, 10),
            "电话告知",
            "满意",
        )
        assigned = items["建议开设电商培训"]
        assert assigned.deadline == date(2026, 3, 13)  # 7 working days after 4 March
        assert sorted(i.number for i in items.values()) == ["2026-00001", "2026-00002"]
        assert s.scalar(select(func.count()).select_from(OpinionStep)) == 2
        anonymous = s.scalars(select(Visit).order_by(Visit.visit_date.desc())).first()
        assert anonymous.anonymous and anonymous.visitor_name == ""


@pytest.mark.file_only  # looks at the file's bytes
def test_import_reports_every_problem_and_writes_nothing(db: Database, tmp_path: Path) -> None:
    before = digest(db.path)
    rows = [
        [
            "2026-13-40",
            "乔庄镇联络站",
            "曾䶮",
            "甲",
            "",
            "青年",
            "就业创业",
            "事由",
            "",
            "",
            "",
            "",
            "",
            "",
        ],
        [
            "2026-03-04",
            "没有这个站",
            "",
            "乙",
            "",
            "青年",
            "就业创业",
            "事由",
            "",
            "",
            "",
            "",
            "",
            "",
        ],
        [
            "2026-03-04",
            "乔庄镇联络站",
            "王不在",
            "丙",
            "12345",
            "外星人",
            "星际旅行",
            "事由",
            "",
            "",
            "",
            "",
            "",
            "",
        ],
        [
            "2026-03-04",
            "乔庄镇联络站",
            "",
            "丁",
            "",
            "青年",
            "就业创业",
            "事由",
            "意见",
            "已办结",
            "",
            "",
            "",
            "",
        ],
        [
            "2026-03-04",
            "乔庄镇联络站",
            "",
            "戊",
            "",
            "青年",
            "就业创业",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
        ],
        [
            2099,
            "乔庄镇联络站",
            "",
            "己",
            "",
            "",
            "",
            "事由",
            "意见",
            "已反馈",
            "县团委",
            "2026-01-01",
            "",
            "非常满意",
        ],
    ]
    path = office_register(tmp_path / "坏表.xlsx", rows)
    with pytest.raises(ImportProblems) as info, db.transaction() as s:
        import_visits(s, path, today=date(2026, 11, 25))
    texts = [p.text() for p in info.value.problems]
    expected = [
        ("第3行［来访日期］", ""),
        ("第4行［联络站］", "没有这个联络站"),
        ("第5行［坐班代表］", "找不到这位代表"),
        ("第5行［联系电话］", ""),
        ("第5行［身份］", "无法识别"),
        ("第5行［诉求类别］", "类别不在"),
        ("第6行［交办部门］", "没有交办部门"),
        ("第6行［办结日期］", "没有办结日期"),
        ("第7行［诉求内容］", "都为空"),
        ("第8行［满意度］", "无法识别"),
        ("第8行［反馈情况］", "没有反馈情况"),
    ]
    for where, what in expected:
        assert any(t.startswith(where) and what in t for t in texts), (where, texts)
    assert digest(db.path) == before


def test_export_masks_and_round_trips(db: Database, tmp_path: Path) -> None:
    with db.transaction() as s:
        sid = stations.station_tree(s)[0].id
        v = visits.save_visit(
            s,
            {
                "visit_date": date(2026, 5, 6),
                "station_id": sid,
                "visitor_name": "李晓梅",
                "phone": "13912345678",
                "category": "婚恋交友",
                "content": "希望组织联谊",
                "identity": "团员",
                "people_count": 2,
            },
            [ItemInput("组织青年联谊活动"), ItemInput("建立交友平台", "婚恋交友")],
        )
        item = v.items[0].id if v.items else s.scalar(select(OpinionItem.id))
        visits.assign(s, item, "县妇联", on=date(2026, 5, 7))
        visits.handle(s, item, "已举办一场联谊", on=date(2026, 5, 20))
    out = tmp_path / "visits.xlsx"
    with db.session() as s:
        count = write_table(out, "来访登记", [(h, w) for _f, h, w, _a in COLUMNS], export_rows(s))
    assert count == 2
    sheet = CalamineWorkbook.from_path(str(out)).get_sheet_by_index(0).to_python()
    assert sheet[0] == HEADERS
    assert sheet[1][0] == "2026-05-06" and sheet[1][8] == "13912345678" and sheet[1][13] == 2
    ws = openpyxl.load_workbook(out).active
    assert ws.freeze_panes == "A2" and ws["A1"].font.b
    with db.session() as s:
        masked = list(export_rows(s, mask=True))
    assert masked[0][4] == "李某" and masked[0][8] == "139****5678"
    # round trip into a fresh file with the same station
    create_database(tmp_path / "other.sqlite")
    other = open_database(tmp_path / "other.sqlite")
    with other.transaction() as s:
        stations.save_station(s, {"name": "乔庄镇联络站", "kind": "乡镇街道联络站"})
    with other.transaction() as s:
        summary = import_visits(s, out, today=date(2026, 11, 25))
    assert (summary.visits, summary.items) == (1, 2)
    with other.session() as s:
        again = list(export_rows(s))
    other.close()
    with db.session() as s:
        original = list(export_rows(s))
    assert [r[:19] + r[20:] for r in again] == [r[:19] + r[20:] for r in original]


@pytest.mark.file_only  # looks at the file's bytes
def test_cli_import_export_and_stats(db: Database, tmp_path: Path) -> None:
    db_path = db.path
    db.close()
    path = office_register(tmp_path / "登记簿.xlsx", GOOD)
    r = run_twdesk("import", "visits", str(path), "--db", str(db_path))
    assert r.returncode == 0, r.stderr
    assert "来访登记 2 条，意见建议 2 条" in r.stdout
    r = run_twdesk("stats", "--db", str(db_path), "--year", "2026", "--format", "json")
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert {
        k: data[k] for k in ("visits", "visitors", "items", "assigned", "handled", "fed_back")
    } == {
        "visits": 2,
        "visitors": 2,
        "items": 2,
        "assigned": 2,
        "handled": 1,
        "fed_back": 1,
    }
    assert data["by_category"] == {"就业创业": 2} and data["by_month"]["3"] == 2
    assert data["satisfaction_rate"] == 1.0
    r = run_twdesk("stats", "--db", str(db_path), "--year", "2026")
    assert r.returncode == 0 and "接待团员青年 2 人次" in r.stdout
    r = run_twdesk(
        "export",
        "visits",
        "--db",
        str(db_path),
        "--year",
        "2026",
        "--mask",
        "--out",
        str(tmp_path / "out.xlsx"),
    )
    assert r.returncode == 0, r.stderr
    rows = CalamineWorkbook.from_path(str(tmp_path / "out.xlsx")).get_sheet_by_index(0).to_python()
    assert len(rows) == 1 + 3 and rows[1][4] == "张某" and rows[1][8] == "138****5678"
    bad = office_register(
        tmp_path / "bad.xlsx", [["2026-03-04", "没有这个站", "", "甲", "", "", "", "事由"]]
    )
    before = digest(db_path)
    r = run_twdesk("import", "visits", str(bad), "--db", str(db_path))
    assert r.returncode == 1 and "第3行［联络站］" in r.stderr
    assert digest(db_path) == before


def test_fast_xlsx_writer_handles_odd_text(tmp_path: Path) -> None:
    assert [column_letter(i) for i in (0, 25, 26, 701)] == ["A", "Z", "AA", "ZZ"]
    rows = [
        ["<&>\"'", 7, None, "x\x01y", "０５１１８２５"],
        ["5.11825199503071e17", 0, "", True, "末"],
    ]
    out = tmp_path / "t.xlsx"
    assert write_table(out, "表/1", [("a", 5), ("b", 5), ("c", 5), ("d", 5), ("e", 5)], rows) == 2
    data = openpyxl.load_workbook(out).active
    assert [c.value for c in data[2]] == ["<&>\"'", 7, None, "xy", "０５１１８２５"]
    assert data["A3"].value == "5.11825199503071e17" and data["D3"].value == "是"
    assert data["A3"].number_format == "@"
    with pytest.raises(InterruptedError):
        write_table(
            out.with_name("c.xlsx"),
            "s",
            [("a", 5)],
            ([i] for i in range(10000)),
            cancel=lambda: True,
        )
    assert not out.with_name("c.xlsx").exists()
