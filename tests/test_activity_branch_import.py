"""`import activities` reads a 团支部 column: the branch a 联系团支部 activity contacted, found by
name or created (and named in the summary), stored on the activity so the ledger counts it for
the branch target; `export activities` writes the column, so export → import round-trips."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, select

from tests.helpers import digest, run_twdesk
from twdesk.db.dbfile import Database
from twdesk.db.models import Activity, YouthBranch
from twdesk.excel.activity_columns import HEADER_OF
from twdesk.services import ledger, links, people, stations
from twdesk.services.activity_export import export_activities
from twdesk.services.activity_import import import_activities

TODAY = date(2026, 6, 30)


@pytest.fixture
def setup(any_office_db: Database) -> Database:
    office_db = any_office_db  # once on a file, once on a PostgreSQL server
    with office_db.transaction() as s:
        sid = stations.save_station(s, {"name": "乔庄镇联络站", "kind": "乡镇街道联络站"}).id
        for name in ("曾䶮", "王㛃"):
            people.save_person(s, {"name": name, "is_delegate": True}, station_id=sid)
        links.add_branch(s, "乔庄中学团支部")
    return office_db


def register(path: Path, rows: list[list[object]]) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["乔庄镇联络站活动登记簿"])
    ws.append(["日期", "活动类型", "活动名称", "参与代表", "覆盖人次", "联络站", "团支部"])
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


ROWS = [
    [
        "2026-03-04",
        "联系团支部",
        "走访东风村团支部",
        "曾䶮、王㛃",
        12,
        "乔庄镇联络站",
        "东风村团支部",
    ],
    ["2026-04-09", "联系团支部", "参加主题团日", "曾䶮", 30, "乔庄镇联络站", "乔庄中学团支部"],
    ["2026-05-20", "联系团支部", "回访东风村", "王㛃", 8, "", " 东风村团支部 "],
    ["2026-05-21", "联系青年", "走访返乡青年", "曾䶮", 5, "", ""],
]


def branch_names(db: Database) -> dict[str, str]:
    with db.session() as s:
        return dict(
            s.execute(
                select(YouthBranch.id, YouthBranch.name).where(YouthBranch.deleted_at.is_(None))
            ).all()
        )


def test_branches_are_found_or_created_linked_and_counted(setup: Database, tmp_path: Path) -> None:
    db = setup
    with db.transaction() as s:
        summary = import_activities(s, register(tmp_path / "登记簿.xlsx", ROWS), today=TODAY)
    assert summary.activities == 4 and summary.new_branches == ["东风村团支部"]
    assert summary.one_line() == "导入完成：履职记录 4 条；新建团支部：东风村团支部。"
    names = branch_names(db)
    assert sorted(names.values()) == ["东风村团支部", "乔庄中学团支部"]
    with db.session() as s:
        linked = {
            title: names.get(bid or "")
            for title, bid in s.execute(select(Activity.title, Activity.branch_id))
        }
        assert linked == {
            "走访东风村团支部": "东风村团支部",
            "参加主题团日": "乔庄中学团支部",
            "回访东风村": "东风村团支部",
            "走访返乡青年": None,
        }
        year = {r.name: r for r in ledger.ledger(s, 2026, today=TODAY)}
    assert year["曾䶮"].branches == 2 and year["王㛃"].branches == 1
    assert year["王㛃"].targets_met["branches"]  # the default target is one branch
    # and so the 联系团支部 indicator of the evaluation
    from twdesk.services import evaluation

    with db.transaction() as s:
        evaluation.open_year(s, 2026, today=TODAY)
    with db.session() as s:
        branch_score = {
            r.name: next(i.suggested for i in r.indicators if i.name == "联系团支部")
            for r in evaluation.results(s, 2026)
        }
    assert branch_score == {"曾䶮": 5, "王㛃": 5}


def test_export_writes_the_branch_and_reads_back(setup: Database, tmp_path: Path) -> None:
    db = setup
    with db.transaction() as s:
        import_activities(s, register(tmp_path / "in.xlsx", ROWS), today=TODAY)
    out = tmp_path / "out.xlsx"
    with db.session() as s:
        assert export_activities(s, out, year=2026) == 4
    values = list(openpyxl.load_workbook(out).active.iter_rows(values_only=True))
    header = list(values[0])
    column = header.index(HEADER_OF["branch"])
    assert header[column] == "团支部"
    by_title = {r[header.index("活动名称")]: r[column] for r in values[1:]}
    assert by_title["参加主题团日"] == "乔庄中学团支部" and by_title["走访返乡青年"] in ("", None)
    with db.transaction() as s:
        again = import_activities(s, out, today=TODAY)
    assert again.activities == 4 and again.new_branches == []
    assert "团支部" not in again.one_line()
    assert len(branch_names(db)) == 2
    with db.session() as s:
        assert (
            s.scalar(
                select(func.count()).select_from(Activity).where(Activity.branch_id.is_not(None))
            )
            == 6
        )


@pytest.mark.file_only  # looks at the file's bytes
def test_a_branch_name_too_long_is_named_and_nothing_is_written(
    setup: Database, tmp_path: Path
) -> None:
    db = setup
    path = register(tmp_path / "long.xlsx", [ROWS[0], [*ROWS[1][:6], "团" * 300]])
    db_path = db.path
    db.close()
    before = digest(db_path)
    r = run_twdesk("import", "activities", str(path), "--db", str(db_path))
    assert r.returncode == 1
    assert "第4行［团支部］" in r.stderr and "团支部名称太长了：最多 100 个字" in r.stderr
    assert digest(db_path) == before
    r = run_twdesk(
        "import", "activities", str(register(tmp_path / "ok.xlsx", ROWS)), "--db", str(db_path)
    )
    assert r.returncode == 0, r.stderr
    assert "新建团支部：东风村团支部" in r.stdout


@pytest.mark.file_only  # looks at the file's bytes
def test_absences_without_leave_come_in_and_go_out_with_the_register(
    setup: Database, tmp_path: Path
) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["日期", "活动类型", "活动名称", "参与代表", "无故缺席", "联络站"])
    ws.append(["2026-03-04", "会议", "一季度例会", "曾䶮", "王㛃", "乔庄镇联络站"])
    ws.append(["2026-06-04", "会议", "二季度例会", "曾䶮", "曾䶮", "乔庄镇联络站"])
    wb.save(tmp_path / "absent.xlsx")
    before = digest(setup.path)
    with pytest.raises(Exception) as err, setup.transaction() as s:
        import_activities(s, tmp_path / "absent.xlsx", today=TODAY)
    assert "第3行［无故缺席］「曾䶮」" in str(err.value)
    assert digest(setup.path) == before
    ws.delete_rows(3)
    wb.save(tmp_path / "absent.xlsx")
    with setup.transaction() as s:
        import_activities(s, tmp_path / "absent.xlsx", today=TODAY)
    with setup.session() as s:
        (row,) = ledger.activity_rows(s)
        counts = ledger.year_counts(s, 2026)
    assert row.participants == ("曾䶮",) and row.absent == ("王㛃",)
    assert sum(sum(c.values()) for c in counts.unexcused.values()) == 1
    out = tmp_path / "out.xlsx"
    with setup.session() as s:
        export_activities(s, out)
    sheet = openpyxl.load_workbook(out).active
    headers = [c.value for c in next(sheet.iter_rows(min_row=1, max_row=5)) if c.value]
    values = [c.value for r in sheet.iter_rows() for c in r]
    assert HEADER_OF["absent"] in values and "王㛃" in values, headers
