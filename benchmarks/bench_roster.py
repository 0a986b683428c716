"""Roster figures: importing a 10,000-row sheet, and one search keystroke at 10,000 people."""

from __future__ import annotations

import random
import statistics
import time
from datetime import date
from pathlib import Path

from openpyxl import Workbook

from twdesk.core.idcard import make_id_number
from twdesk.db.dbfile import create_database, open_database
from twdesk.services.people_search import PeopleIndex
from twdesk.services.roster_import import import_roster

Row = tuple[str, float, str, str]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗曾单区仇"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红"


def write_sheet(path: Path, rows: int) -> None:
    rng = random.Random(5)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("名册")
    ws.append(["某县团代表名册"])
    ws.append(
        ["姓名", "性别", "出生年月", "身份证号", "手机号码", "所属联络站", "代表层级", "专项小组"]
    )
    for i in range(rows):
        gender = rng.choice("男女")
        born = date(rng.randint(1986, 2004), rng.randint(1, 12), rng.randint(1, 28))
        ws.append(
            [
                rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN),
                gender,
                f"{born.year}.{born.month:02d}",
                make_id_number(f"51{i // 100 % 100:02d}{i // 10000:02d}", born, i % 100, gender),
                f"1{rng.choice('3589')}{rng.randrange(10**9):09d}",
                f"第{i % 40 + 1}镇团代表联络站",
                rng.choice(["乡镇", "县", "市"]),
                rng.choice(["志愿服务小组", "创新创业小组", ""]),
            ]
        )
    wb.save(path)


def bench_roster(tmp_dir: Path, rows: int = 10_000) -> list[Row]:
    sheet = tmp_dir / "roster-10k.xlsx"
    write_sheet(sheet, rows)
    db_path = tmp_dir / "roster-bench.sqlite"
    for suffix in ("", "-journal", ".lock"):
        Path(str(db_path) + suffix).unlink(missing_ok=True)
    create_database(db_path)
    db = open_database(db_path)
    try:
        started = time.perf_counter()
        with db.transaction() as s:
            summary = import_roster(s, sheet)
        seconds = time.perf_counter() - started
        with db.session() as s:
            started = time.perf_counter()
            index = PeopleIndex.load(s)
            load = time.perf_counter() - started
        queries = [
            "z",
            "zh",
            "zha",
            "zhang",
            "张",
            "王芳",
            "138",
            "1381",
            "2011",
            "ws",
            "li",
            "曾",
        ] * 5
        timings = []
        for q in queries:
            t = time.perf_counter()
            index.search(q)
            timings.append(time.perf_counter() - t)
        gui = gui_keystrokes(db)
    finally:
        db.close()
    return [
        (
            f"import roster ({rows:,} rows, validate + write)",
            seconds,
            "≤ 3 s",
            f"{summary.added:,} added",
        ),
        ("people search index load (10,000 people)", load, "-", "once per tab open"),
        (
            "search keystroke at 10,000 people",
            statistics.median(timings),
            "≤ 0.03 s",
            f"median of {len(timings)}",
        ),
        (
            "keystroke → filtered table painted (GUI)",
            statistics.median(gui),
            "≤ 0.03 s",
            f"median of {len(gui)}, max {max(gui) * 1000:.0f} ms",
        ),
    ]


def gui_keystrokes(db: object) -> list[float]:
    """Type into the 联络站与代表 tab's search box: key event → filter → table repainted."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from twdesk.ui.app import make_application
    from twdesk.ui.tabs.people_tab import PeopleTab

    app = make_application()
    tab = PeopleTab(db)  # type: ignore[arg-type]
    tab.resize(1200, 800)
    tab.show()
    app.processEvents()
    timings = []
    for word in ("zhang", "wangf", "138", "lis", "2011"):
        for ch in word:
            t = time.perf_counter()
            QTest.keyClick(tab.search, ch)
            tab.table.viewport().repaint()
            app.processEvents()
            timings.append(time.perf_counter() - t)
        for _ in word:
            QTest.keyClick(tab.search, Qt.Key.Key_Backspace)
            app.processEvents()
    tab.close()
    QApplication.processEvents()
    return timings
