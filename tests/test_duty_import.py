"""`import duty` on real files: the list `export duty` writes, filled in from the sign-in sheet
with openpyxl, read back; every problem named by row and column with the database untouched; the
command line; the 导入签到表… button clicked on the 全年列表 page."""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox
from sqlalchemy import func, select

from tests.helpers import digest, run_twdesk
from twdesk.core.duty_rules import parse_rule
from twdesk.db.dbfile import Database, create_database, open_database
from twdesk.db.models import DutySwap, Person
from twdesk.excel.duty_columns import COLUMNS
from twdesk.importing.problems import ImportProblems
from twdesk.services import duty, ledger, people, stations
from twdesk.services.duty import RuleSettings
from twdesk.services.duty_import import DutyImportSummary, import_duty
from twdesk.services.duty_outputs import export_duty

# a past year, so the command line (which uses the real date) sees every day as past
YEAR = 2025
TODAY = date(2025, 6, 10)  # a Tuesday; Wednesdays after it are still to come
NAMES = ["曾䶮", "王㛃", "单雪", "李晓梅"]
HEADERS = [h for _f, h, _w, _a in COLUMNS]


@pytest.fixture
def planned(tmp_path: Path) -> Path:
    path = tmp_path / "office.sqlite"
    create_database(path)
    _plan(path)
    return path


@pytest.fixture
def planned_any(any_db_location: str) -> str:
    """The planned year once in a file and once on a PostgreSQL server (what --db takes)."""
    _plan(any_db_location)
    return any_db_location


def _plan(location: Path | str) -> None:
    db = open_database(location)
    with db.transaction() as s:
        sid = stations.save_station(s, {"name": "乔庄镇联络站", "kind": "乡镇街道联络站"}).id
        stations.save_station(s, {"name": "城关镇联络站", "kind": "乡镇街道联络站"})
        for i, name in enumerate(NAMES):
            people.save_person(
                s, {"name": name, "is_delegate": True, "phone": f"1381234567{i}"}, station_id=sid
            )
        people.save_person(s, {"name": "赵工作人员", "is_cadre": True})
        duty.generate_plan(
            s, sid, YEAR, RuleSettings(parse_rule("weekly:wed")), today=date(YEAR, 1, 1)
        )
    db.close()


@contextlib.contextmanager
def opened(where: Path | str | Database) -> Iterator[Database]:
    """The database open in the test (the tab's), or the file opened for the moment."""
    if isinstance(where, Database):
        yield where
        return
    db = open_database(where)
    try:
        yield db
    finally:
        db.close()


def export(where: Path | str | Database, out: Path, today: date = TODAY) -> Path:
    with opened(where) as db, db.session() as s:
        export_duty(s, out, YEAR, today=today, overwrite=True)
    return out


def rows_of(path: Path) -> list[dict[str, object]]:
    ws = openpyxl.load_workbook(path).active
    values = list(ws.iter_rows(values_only=True))
    assert list(values[0]) == HEADERS
    return [dict(zip(HEADERS, row, strict=True)) for row in values[1:]]


def fill(path: Path, changes: dict[int, dict[str, object]]) -> Path:
    """Write cells by sheet row number (2 = the first data row) and header."""
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    for number, cells in changes.items():
        for header, value in cells.items():
            ws.cell(row=number, column=HEADERS.index(header) + 1, value=value)
    wb.save(path)
    return path


def row_number(rows: list[dict[str, object]], day: date) -> int:
    return next(i for i, r in enumerate(rows, 2) if r["日期"] == day.isoformat())


def run_import(where: Path | str | Database, path: Path, today: date = TODAY) -> DutyImportSummary:
    with opened(where) as db, db.transaction() as s:
        return import_duty(s, path, today=today)


def seats_by_day(where: Path | str | Database) -> dict[date, duty.DutySeat]:
    with opened(where) as db, db.session() as s:
        return {d.day: d.seats[0] for d in duty.duty_days(s, year=YEAR, today=TODAY)}


def swaps(where: Path | str | Database) -> int:
    with opened(where) as db, db.session() as s:
        return s.scalar(select(func.count()).select_from(DutySwap)) or 0


def test_the_filled_list_records_attendance_and_substitutions(
    planned_any: str, tmp_path: Path
) -> None:
    planned = planned_any
    sheet = export(planned, tmp_path / "坐班安排.xlsx")
    rows = rows_of(sheet)
    assert {r["状态"] for r in rows} == {"未登记", "待坐班"} and not any(
        r["替班代表"] for r in rows
    )
    # an exported list, imported as it is, changes nothing
    assert run_import(planned, sheet).one_line() == (
        f"导入完成：坐班安排 {len(rows)} 行，都未填状态或与已登记的相同，没有改动。"
    )
    days = seats_by_day(planned)
    present, absent, leave, substituted = (date(YEAR, 5, d) for d in (7, 14, 21, 28))
    future_leave = date(YEAR, 6, 18)
    sitter = next(n for n in NAMES if n != days[substituted].name)
    fill(
        sheet,
        {
            row_number(rows, present): {"状态": "到岗"},
            row_number(rows, absent): {"状态": "缺席"},
            row_number(rows, leave): {"状态": "请假", "备注": "外出培训"},
            row_number(rows, substituted): {"状态": " 替班 ", "替班代表": sitter},
            row_number(rows, future_leave): {"状态": "请假", "备注": "已报备出差"},
        },
    )
    summary = run_import(planned, sheet)
    assert summary.recorded == {"到岗": 1, "缺席": 1, "请假": 2, "替班": 1}
    assert summary.unchanged == len(rows) - 5 and summary.rows == len(rows)
    assert summary.substitutions == (
        f"{substituted:%Y-%m-%d} 乔庄镇联络站 {days[substituted].name}（{sitter} 替班）",
    )
    assert "登记 5 人次（到岗 1、缺席 1、请假 2、替班 1）" in summary.one_line()
    after = seats_by_day(planned)
    assert after[present].attendance == "到岗" and after[absent].attendance == "缺席"
    assert (after[leave].attendance, after[leave].note) == ("请假", "外出培训")
    assert (after[future_leave].attendance, after[future_leave].note) == ("请假", "已报备出差")
    assert (after[substituted].attendance, after[substituted].substitute) == ("替班", sitter)
    # the same substitute record the calendar makes: 请假 for one, 到岗 for the other
    db = open_database(planned)
    try:
        with db.session() as s:
            swap = s.scalars(select(DutySwap)).one()
            assert (swap.kind, swap.from_person_id, swap.to_person_id) == (
                "替班",
                days[substituted].person_id,
                after[substituted].substitute_id,
            )
            counts = {c.name: c for c in duty.attendance_counts(s, YEAR, today=TODAY)}
            assert counts[sitter].sat_for_others == 1
            assert counts[days[substituted].name].substituted == 1
            year = {r.name: r for r in ledger.ledger(s, YEAR, today=TODAY)}
            assert year[sitter].duty_attended == counts[sitter].attended + 1
    finally:
        db.close()
    # exported again, the list shows what was recorded and reads back unchanged
    again = rows_of(export(planned, tmp_path / "再次导出.xlsx"))
    row = again[row_number(again, substituted) - 2]
    assert (row["状态"], row["替班代表"]) == ("替班", sitter)
    assert run_import(planned, tmp_path / "再次导出.xlsx").recorded == {}
    assert swaps(planned) == 1


def test_a_substitution_from_the_sheet_counts_in_the_evaluation(
    planned_any: str, tmp_path: Path
) -> None:
    """请假 for the one who was away, 到岗 for the one who sat (DOMAIN: 驻站坐班)."""
    planned = planned_any
    from twdesk.services import evaluation

    sheet = export(planned, tmp_path / "list.xlsx")
    away = str(rows_of(sheet)[0]["坐班代表"])
    sitter = next(n for n in NAMES if n != away)
    run_import(planned, fill(sheet, {2: {"状态": "替班", "替班代表": sitter}}))
    with opened(planned) as db:
        with db.transaction() as s:
            evaluation.open_year(s, YEAR, today=TODAY)
        with db.session() as s:
            duty_of = {
                r.name: next(i for i in r.indicators if i.seq == 3)
                for r in evaluation.results(s, YEAR)
            }
    assert duty_of[away].basis.startswith("到岗 0 ÷") and "请假 1)" in duty_of[away].basis
    assert duty_of[sitter].basis.startswith("到岗 1 ÷") and "请假 0)" in duty_of[sitter].basis
    assert duty_of[sitter].suggested and duty_of[sitter].suggested > 0


def test_an_arrangement_made_in_the_calendar_reads_back_unchanged(
    planned_any: str, tmp_path: Path
) -> None:
    """The calendar may record a 替班 ahead of the day; its exported row is not refused."""
    planned = planned_any
    ahead = date(YEAR, 7, 2)
    seat = seats_by_day(planned)[ahead]
    sitter = next(n for n in NAMES if n != seat.name)
    with opened(planned) as db, db.transaction() as s:
        sitter_id = next(p for p, n in s.execute(select(Person.id, Person.name)) if n == sitter)
        duty.record_attendance(
            s, seat.assignment_id, "替班", substitute_id=sitter_id, note="换届培训", today=TODAY
        )
    sheet = export(planned, tmp_path / "list.xlsx")
    row = rows_of(sheet)[row_number(rows_of(sheet), ahead) - 2]
    assert (row["状态"], row["替班代表"], row["备注"]) == ("替班", sitter, "换届培训")
    assert run_import(planned, sheet).recorded == {}
    assert swaps(planned) == 1


def test_a_moved_day_keeps_only_the_seats_own_note(planned_any: str, tmp_path: Path) -> None:
    planned = planned_any
    sheet = export(planned, tmp_path / "list.xlsx", today=date(YEAR, 12, 31))
    rows = rows_of(sheet)
    moved = next(r for r in rows if str(r["备注"] or "").startswith("原定"))
    number = rows.index(moved) + 2
    fill(sheet, {number: {"状态": "请假", "备注": f"{moved['备注']}；家中有事"}})
    run_import(planned, sheet, today=date(YEAR, 12, 31))
    day = date.fromisoformat(str(moved["日期"]))
    assert seats_by_day(planned)[day].note == "家中有事"


def test_every_problem_is_named_by_row_and_column_and_nothing_is_recorded(
    planned: Path, tmp_path: Path
) -> None:
    sheet = export(planned, tmp_path / "list.xlsx")
    rows = rows_of(sheet)
    planned_days = {r["日期"] for r in rows}
    past = [i for i, r in enumerate(rows, 2) if str(r["日期"]) < TODAY.isoformat()]
    future = [i for i, r in enumerate(rows, 2) if str(r["日期"]) > TODAY.isoformat()]

    def name(number: int) -> str:
        return str(rows[number - 2]["坐班代表"])

    def day_after(number: int) -> str:
        return (date.fromisoformat(str(rows[number - 2]["日期"])) + timedelta(days=1)).isoformat()

    no_duty = next(  # the day after a duty day, not one itself
        (number, day_after(number)) for number in past[8:] if day_after(number) not in planned_days
    )
    cases = {
        (past[0], "状态"): ({"状态": "迟到"}, "没有“迟到”这种状态"),
        (past[1], "替班代表"): ({"状态": "替班"}, "请填写替班代表"),
        (past[2], "替班代表"): ({"状态": "替班", "替班代表": "张无忌"}, "找不到这位团代表"),
        # a person who is not a delegate cannot sit
        (past[3], "替班代表"): ({"状态": "替班", "替班代表": "赵工作人员"}, "找不到这位团代表"),
        (past[4], "替班代表"): (
            {"状态": "替班", "替班代表": name(past[4])},
            "不能是坐班代表本人",
        ),
        (past[5], "替班代表"): (
            {"状态": "到岗", "替班代表": "单雪"},
            "只有状态为“替班”时才填写替班代表",
        ),
        (past[6], "坐班代表"): (
            {"坐班代表": "李四", "状态": "到岗"},
            f"坐班名单（{name(past[6])}）中没有这位代表",
        ),
        (past[7], "联络站"): ({"联络站": "不存在联络站", "状态": "到岗"}, "没有这个联络站"),
        (no_duty[0], "日期"): ({"日期": no_duty[1], "状态": "到岗"}, "这一天没有安排坐班"),
        (future[0], "状态"): (
            {"状态": "到岗"},
            f"{rows[future[0] - 2]['日期']} 还没到，不能登记“到岗”；可以提前登记请假",
        ),
        (future[1], "状态"): ({"状态": "缺席"}, "还没到，不能登记“缺席”"),
        (future[2], "状态"): (
            {"状态": "替班", "替班代表": next(x for x in NAMES if x != name(future[2]))},
            "还没到，不能登记“替班”",
        ),
    }
    bad_date = next(n for n in past[8:] if n != no_duty[0])
    cases[(bad_date, "日期")] = ({"日期": "三月十二", "状态": "到岗"}, "三月十二")
    fill(sheet, {number: cells for (number, _c), (cells, _w) in cases.items()})
    wb = openpyxl.load_workbook(sheet)
    ws = wb.active
    again = [c.value for c in ws[past[0]]]  # 迟到's seat once more, at the end
    again[HEADERS.index("状态")] = "到岗"
    ws.append(again)
    cases[(ws.max_row, "坐班代表")] = ({}, f"与第{past[0]}行是同一个坐班安排")
    good = next(n for n in past[8:] if n not in (no_duty[0], bad_date))
    ws.cell(row=good, column=HEADERS.index("状态") + 1, value="到岗")  # valid: not written either
    wb.save(sheet)
    before = digest(planned)
    with pytest.raises(ImportProblems) as info:
        run_import(planned, sheet)
    assert digest(planned) == before
    found = {(p.row, p.column): p for p in info.value.problems}
    assert set(found) == set(cases), sorted(found)
    for where, (_cells, words) in cases.items():
        assert words in found[where].message + found[where].value, (where, found[where])
    assert "到岗、缺席、请假、替班" in found[(past[0], "状态")].hint
    text = str(info.value)
    assert f"第{past[0]}行［状态］「迟到」" in text and "未导入任何数据" in text


def test_a_list_without_the_state_column_is_refused(planned: Path, tmp_path: Path) -> None:
    path = tmp_path / "no-state.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["日期", "联络站", "坐班代表"])
    wb.active.append(["2025-01-08", "乔庄镇联络站", "曾䶮"])
    wb.save(path)
    with pytest.raises(ImportProblems) as info:
        run_import(planned, path)
    assert [p.text() for p in info.value.problems] == ["文件：缺少“状态”列 —— 在表头中加上“状态”列"]


def test_the_command_line_imports_or_names_every_problem(planned: Path, tmp_path: Path) -> None:
    sheet = export(planned, tmp_path / "list.xlsx")
    rows = rows_of(sheet)
    shutil.copy(sheet, tmp_path / "bad.xlsx")
    fill(tmp_path / "bad.xlsx", {2: {"状态": "到了"}, 3: {"状态": "替班"}})
    fill(sheet, {2: {"状态": "到岗"}, 3: {"状态": "缺席"}})
    before = digest(planned)
    r = run_twdesk("import", "duty", str(tmp_path / "bad.xlsx"), "--db", str(planned))
    assert r.returncode == 1, r.stderr
    assert "坐班安排「bad.xlsx」有 2 处问题，没有导入任何数据" in r.stderr
    assert "第2行［状态］「到了」：没有“到了”这种状态" in r.stderr
    assert "第3行［替班代表］" in r.stderr
    assert digest(planned) == before
    r = run_twdesk("import", "duty", str(sheet), "--db", str(planned))
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == (
        f"导入完成：坐班安排 {len(rows)} 行，登记 2 人次（到岗 1、缺席 1），"
        f"{len(rows) - 2} 行未填状态或与已登记的相同，未改动。"
    )
    r = run_twdesk("import", "duty", str(tmp_path / "missing.xlsx"), "--db", str(planned))
    assert r.returncode == 1 and "找不到坐班安排文件" in r.stderr


# --- the button ---------------------------------------------------------------------------------


@pytest.fixture
def tab(qtbot, planned: Path):
    from twdesk.ui.app import make_application
    from twdesk.ui.tabs.duty_tab import DutyTab

    make_application()
    db = open_database(planned)
    widget = DutyTab(db, today=TODAY)
    qtbot.addWidget(widget)
    widget.resize(1300, 800)
    widget.show()
    widget.views.setCurrentWidget(widget.year_page)
    yield widget
    widget.close()
    db.close()


def click_import(qtbot, tab, monkeypatch: pytest.MonkeyPatch, answer: str) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *_a, **_k: (answer, ""))
    )
    for kind in ("information", "warning"):
        monkeypatch.setattr(
            QMessageBox,
            kind,
            staticmethod(lambda _p, title, text, *_a, k=kind: shown.append(f"{k}:{text}")),
        )
    qtbot.mouseClick(tab.year_page.import_button, Qt.MouseButton.LeftButton)
    return shown


def test_the_button_imports_the_sheet_and_the_page_shows_it(
    qtbot, tab, planned: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sheet = export(tab.db, tmp_path / "list.xlsx")
    rows = rows_of(sheet)
    substitute = next(n for n in NAMES if n != rows[0]["坐班代表"])
    fill(sheet, {2: {"状态": "替班", "替班代表": substitute}, 3: {"状态": "到岗"}})
    assert tab.year_table.item(0, 5).text() == "未登记"
    shown = click_import(qtbot, tab, monkeypatch, str(sheet))
    qtbot.waitUntil(lambda: bool(shown), timeout=20000)
    assert shown == [f"information:{tab.last_message}"]
    assert "登记 2 人次（到岗 1、替班 1）" in tab.last_message
    with tab.db.session() as s:
        counts = {c.name: c for c in duty.attendance_counts(s, YEAR, today=TODAY)}
    assert counts[substitute].sat_for_others == 1
    # the page reloaded through the change bus
    qtbot.waitUntil(lambda: tab.year_table.item(0, 5).text() == "替班")
    assert f"{substitute}替班" in tab.year_table.item(0, 6).text()
    assert tab.year_table.item(1, 5).text() == "到岗"


def test_the_button_shows_the_problems_and_records_nothing(
    qtbot, tab, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sheet = fill(export(tab.db, tmp_path / "list.xlsx"), {2: {"状态": "到岗啦"}})
    before = swaps(tab.db), seats_by_day(tab.db)
    shown = click_import(qtbot, tab, monkeypatch, str(sheet))
    qtbot.waitUntil(lambda: bool(shown), timeout=20000)
    assert len(shown) == 1 and shown[0].startswith("warning:")
    assert "第2行［状态］「到岗啦」：没有“到岗啦”这种状态" in shown[0]
    assert (swaps(tab.db), seats_by_day(tab.db)) == before


def test_the_button_does_nothing_when_the_dialog_is_cancelled(
    qtbot, tab, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown = click_import(qtbot, tab, monkeypatch, "")
    qtbot.wait(50)
    assert shown == [] and tab.last_message == ""
