"""Demo data: deterministic, consistent, covering every state the app shows."""

from __future__ import annotations

import sqlite3
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from twdesk.core.idcard import birth_date_from_id, gender_from_id, validate_id_number
from twdesk.core.vocab import Attendance, OpinionStatus
from twdesk.db.dbfile import open_database
from twdesk.db.demo_file import create_demo_database
from twdesk.services import ledger

TODAY = date(2026, 11, 24)


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    create_demo_database(path, stations=6, delegates=60, years=2, seed=3, today=TODAY)
    return path


@pytest.fixture(scope="module")
def demo(demo_path: Path) -> sqlite3.Connection:
    con = sqlite3.connect(f"file:{demo_path}?mode=ro", uri=True)
    yield con
    con.close()


def rows(con: sqlite3.Connection, sql: str) -> list[tuple]:
    return con.execute(sql).fetchall()


# what differs between two files by design: the office, when the file was made
PER_FILE = {"origin_office_id", "created_at", "updated_at"}
PER_FILE_SETTINGS = {"office_id", "created_at"}


def canonical_dump(con: sqlite3.Connection) -> dict[str, list[tuple]]:
    """Every row of every table in insertion order, each UUID key replaced by the table and
    row number it names, without the per-file office id and creation stamps."""
    tables = [
        r[0]
        for r in rows(
            con, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    columns = {t: [r[1] for r in rows(con, f'PRAGMA table_info("{t}")')] for t in tables}
    label = {
        key: f"{t}#{rowid}"
        for t in tables
        if "id" in columns[t]
        for rowid, key in rows(con, f'SELECT rowid, id FROM "{t}"')
    }
    dump = {}
    for t in sorted(tables):
        keep = [c for c in columns[t] if c not in PER_FILE]
        listed = ", ".join(f'"{c}"' for c in keep)
        dump[t] = [
            tuple(label.get(v, v) for v in row)
            for row in rows(con, f'SELECT {listed} FROM "{t}" ORDER BY rowid')
            if not (t == "setting" and row[0] in PER_FILE_SETTINGS)
        ]
    return dump


def test_same_seed_same_content(tmp_path: Path, demo: sqlite3.Connection) -> None:
    other = tmp_path / "again.sqlite"
    create_demo_database(other, stations=6, delegates=60, years=2, seed=3, today=TODAY)
    con = sqlite3.connect(other)
    again, first = canonical_dump(con), canonical_dump(demo)
    assert sum(map(len, first.values())) > 5000  # every table, not a sample
    for table in first:
        assert again[table] == first[table], table
    # the keys themselves are new in every file, so two demo files can be merged
    assert rows(con, "SELECT id FROM person LIMIT 1") != rows(demo, "SELECT id FROM person LIMIT 1")
    con.close()
    third = tmp_path / "seed4.sqlite"
    create_demo_database(third, stations=6, delegates=60, years=2, seed=4, today=TODAY)
    con = sqlite3.connect(third)
    assert canonical_dump(con)["person"] != first["person"]  # the dump does tell seeds apart
    con.close()


def test_most_delegates_meet_one_plus_hundred(demo_path: Path) -> None:
    """The 1+100 page of the demo looks like a working office: most delegates past the
    target on confirmed 联系青年 entries and a linked branch, some short, a few far behind."""
    db = open_database(demo_path)
    try:
        with db.session() as s:
            for year in (TODAY.year - 1, TODAY.year):
                result = ledger.ledger(s, year, today=TODAY)
                met = [r for r in result if all(r.targets_met.values())]
                assert 0.65 <= len(met) / len(result) <= 0.9, (year, len(met), len(result))
                behind = ledger.behind_target(result)
                assert any(r.youth_contacts < 50 for r in behind)  # far behind
                assert any(70 <= r.youth_contacts < 100 for r in behind)  # nearly there
                linked = sum(r.branches >= 1 for r in result)
                assert linked / len(result) >= 0.8
    finally:
        db.close()


def test_every_state_is_present(demo: sqlite3.Connection) -> None:
    statuses = {r[0] for r in rows(demo, "SELECT status FROM opinion_item")}
    assert statuses == {str(s) for s in OpinionStatus}
    attendance = {r[0] for r in rows(demo, "SELECT attendance FROM duty_assignment")}
    assert attendance == {str(a) for a in Attendance}
    confirmations = {r[0] for r in rows(demo, "SELECT confirmation FROM activity")}
    assert confirmations == {"已确认", "待确认", "已退回"}
    overdue = rows(
        demo,
        f"SELECT count(*) FROM opinion_item WHERE status IN ('已交办','办理中') AND deadline < '{TODAY}'",
    )[0][0]
    assert overdue > 0
    assert {r[0] for r in rows(demo, "SELECT DISTINCT activity_type FROM activity")} >= {
        "会议",
        "联系青年",
    }
    # 整改台账: put right, being followed within its deadline, overdue
    problems = rows(demo, "SELECT closed_on, deadline FROM rectification")
    assert any(closed for closed, _d in problems)
    assert any(not closed and deadline >= f"{TODAY}" for closed, deadline in problems)
    assert any(not closed and deadline < f"{TODAY}" for closed, deadline in problems)
    # 联络站考评: this year's checklist, the inspection item scored at every station
    assert rows(demo, "SELECT count(*) FROM station_check_item")[0][0] == 6
    assert (
        rows(demo, "SELECT count(*) FROM station_check_score")[0][0]
        == rows(demo, "SELECT count(*) FROM station")[0][0]
    )


def test_people_are_consistent(demo: sqlite3.Connection) -> None:
    people = rows(demo, "SELECT id, name, id_number, birth_date, gender, status FROM person")
    for _pid, _name, number, birth, gender, _status in people:
        assert validate_id_number(number, today=TODAY) == []
        assert birth_date_from_id(number).isoformat() == birth
        assert gender_from_id(number) == gender
    latest = dict(
        rows(
            demo,
            "SELECT s.person_id, s.status FROM status_change s WHERE s.changed_on ="
            " (SELECT max(changed_on) FROM status_change t WHERE t.person_id = s.person_id)",
        )
    )
    assert all(latest[pid] == status for pid, *_rest, status in people)
    assert Counter(status for *_r, status in people)["在任"] > len(people) * 0.8
    names = {p[1] for p in people}
    assert {"曾䶮", "王㛃"} <= names


def test_references_and_numbers(demo: sqlite3.Connection) -> None:
    assert rows(demo, "PRAGMA foreign_key_check") == []
    assert rows(demo, "SELECT number FROM opinion_item GROUP BY number HAVING count(*) > 1") == []
    assert (
        rows(demo, "SELECT count(*) FROM evaluation_score")[0][0]
        == 10 * rows(demo, "SELECT count(*) FROM evaluation")[0][0]
    )


def test_excellent_is_capped_per_station(demo: sqlite3.Connection) -> None:
    per = rows(
        demo,
        "SELECT station_id, year, count(*), sum(grade = '优秀') FROM evaluation WHERE locked GROUP BY station_id, year",
    )
    assert per
    for _station, _year, total, excellent in per:
        assert excellent <= max(1, total // 5)


def test_holidays_seeded_from_the_library(demo: sqlite3.Connection) -> None:
    days = dict(rows(demo, "SELECT day, kind FROM holiday"))
    assert (
        days["2026-10-01"] == "休" and days["2026-02-14"] == "班"
    )  # National Day; a Spring Festival make-up Saturday
    assert {r[0] for r in rows(demo, "SELECT year FROM holiday_year")} == {2025, 2026}


def test_nothing_is_dated_after_today(demo: sqlite3.Connection) -> None:
    """A record dated in the future would look like a data-entry error to the office."""
    for table, column in (
        ("opinion_step", "done_on"),
        ("opinion_item", "assigned_on"),
        ("opinion_item", "handled_on"),
        ("opinion_item", "fed_back_on"),
        ("visit", "visit_date"),
        ("activity", "activity_date"),
    ):
        latest = demo.execute(f"SELECT max({column}) FROM {table}").fetchone()[0]
        assert latest is None or latest <= TODAY.isoformat(), (table, column, latest)


def test_the_planner_has_statistics_and_reads_one_delegates_visits_by_index(
    demo: sqlite3.Connection,
) -> None:
    # without statistics SQLite read a whole year of visits through the date index to find
    # one delegate's (0.2 s at 200,000 visits); the demo file is analysed when built
    analysed = {t for (t,) in rows(demo, "SELECT DISTINCT tbl FROM sqlite_stat1")}
    assert {"visit", "opinion_item", "activity", "person"} <= analysed
    plan = " ".join(
        str(r[-1])
        for r in rows(
            demo,
            "EXPLAIN QUERY PLAN SELECT id FROM visit WHERE deleted_at IS NULL AND "
            "received_by_id = 'x' AND visit_date >= '2026-01-01' AND visit_date <= '2026-12-31' "
            "ORDER BY visit_date DESC, id DESC",
        )
    )
    assert "ix_visit_receiver_date" in plan
