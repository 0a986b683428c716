"""The same data gives the same answers on SQLite and on PostgreSQL.

A small demo office (every kind of record, an evaluation year opened) is built in a file and
copied row for row, ids and all, into a server database. Every export, statistic, ledger,
evaluation, contact count, bulletin and station assessment is then produced from both, through
the command line as a user runs it, and compared: the same JSON, the same spreadsheet cells, the
same PDF text. Then every import reads the exported spreadsheets into a new database on each
engine, and what they export again is compared too.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pytest

from twdesk.cli import main

pytestmark = pytest.mark.postgresql

TODAY = date(2026, 11, 24)
YEAR, LAST_YEAR = TODAY.year, TODAY.year - 1


@dataclass
class Pair:
    file: str  # the SQLite file
    server: str  # the PostgreSQL copy
    folder: Path


@pytest.fixture(scope="module")
def pair(pg_cluster, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Pair]:
    from tests.pgserver import copy_rows
    from twdesk.db.demo_file import create_demo_database
    from twdesk.db.engine import make_engine
    from twdesk.services.demo_evaluation import open_demo_year

    folder = tmp_path_factory.mktemp("agree")
    path = folder / "demo.sqlite"
    create_demo_database(
        path,
        stations=3,
        delegates=24,
        years=2,
        seed=7,
        visits=120,
        today=TODAY,
        finish=open_demo_year,
    )
    _add_what_the_demo_lacks(path)
    url = pg_cluster.new_database(migrated=False)
    engine = make_engine(path, readonly=True)
    try:
        copy_rows(engine, url)
    finally:
        engine.dispose()
    yield Pair(str(path), url, folder)
    pg_cluster.drop_url(url)


def _add_what_the_demo_lacks(path: Path) -> None:
    """Station assessment scores and rectification problems (the demo has none)."""
    from decimal import Decimal

    from twdesk.db.dbfile import open_database
    from twdesk.services import rectification, station_assessment
    from twdesk.services.people import station_choices

    db = open_database(path)
    try:
        with db.transaction() as s:
            items = station_assessment.checklist(s, YEAR)
            for n, (station_id, _name) in enumerate(station_choices(s)):
                for item in items[: 2 + n]:
                    score = min(item.points, Decimal(n + 2))
                    station_assessment.set_score(s, YEAR, station_id, item.seq, score)
                rectification.save_problem(
                    s,
                    {
                        "station_id": station_id,
                        "item": items[n % len(items)].name,
                        "description": f"问题{n}",
                        "found_on": date(YEAR, 9, 1) + timedelta(days=n),
                        "deadline": date(YEAR, 10, 1) + timedelta(days=20 * n),
                        "responsible": "站长",
                    },
                    today=TODAY,
                )
    finally:
        db.close()


def run(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    code = main(list(args))
    captured = capsys.readouterr()
    assert code == 0, (args, captured.err)
    return captured.out


def xlsx_cells(path: Path) -> dict[str, list[tuple]]:
    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=True)
    try:
        return {ws.title: [tuple(row) for row in ws.iter_rows(values_only=True)] for ws in wb}
    finally:
        wb.close()


def pdf_text(path: Path) -> list[str]:
    from pypdf import PdfReader

    return [page.extract_text() for page in PdfReader(path).pages]


def contents(path: Path) -> object:
    return xlsx_cells(path) if path.suffix == ".xlsx" else pdf_text(path)


def sorted_contents(path: Path) -> dict[str, list[tuple]]:
    return {k: sorted(v, key=repr) for k, v in xlsx_cells(path).items()}


# (name, arguments after --db …): commands printing JSON
REPORTS = [
    ("stats", ["stats", "--year", str(YEAR), "--format", "json"]),
    ("stats last year", ["stats", "--year", str(LAST_YEAR), "--format", "json"]),
    ("ledger", ["ledger", "--year", str(YEAR), "--format", "json"]),
    ("ledger last year", ["ledger", "--year", str(LAST_YEAR), "--format", "json"]),
    ("evaluation", ["evaluate", "--year", str(YEAR), "--format", "json"]),
    ("contacts", ["contacts", "--year", str(YEAR), "--format", "json"]),
    ("stations assess", ["stations", "assess", "--year", str(YEAR), "--format", "json"]),
]

# (file name, arguments): commands writing a file
FILES = [
    ("roster.xlsx", ["export", "roster"]),
    ("roster-masked.xlsx", ["export", "roster", "--mask"]),
    ("duty.xlsx", ["export", "duty", "--year", str(YEAR)]),
    ("visits.xlsx", ["export", "visits"]),
    ("visits-year.xlsx", ["export", "visits", "--year", str(LAST_YEAR), "--mask"]),
    ("activities.xlsx", ["export", "activities"]),
    ("evaluation.xlsx", ["export", "evaluation", "--year", str(YEAR)]),
    ("evaluation-form.xlsx", ["export", "evaluation", "--year", str(YEAR), "--form"]),
    ("rectification.xlsx", ["export", "rectification"]),
    ("bulletin.xlsx", ["bulletin", "--year", str(YEAR), "--quarter", "3"]),
    ("bulletin.pdf", ["bulletin", "--year", str(YEAR), "--quarter", "3"]),
    ("assess.xlsx", ["stations", "assess", "--year", str(YEAR)]),
]


def test_every_report_and_export_agrees(pair: Pair, capsys: pytest.CaptureFixture[str]) -> None:
    compared = 0
    for name, args in REPORTS:
        on_file = json.loads(run(capsys, *args, "--db", pair.file))
        on_server = json.loads(run(capsys, *args, "--db", pair.server))
        assert on_file == on_server, name
        assert on_file, f"{name}: nothing to compare"
        compared += 1
    for name, args in FILES:
        a, b = pair.folder / "file" / name, pair.folder / "server" / name
        a.parent.mkdir(exist_ok=True)
        b.parent.mkdir(exist_ok=True)
        run(capsys, *args, "--out", str(a), "--db", pair.file)
        run(capsys, *args, "--out", str(b), "--db", pair.server)
        assert contents(a) == contents(b), name
        compared += 1
    assert compared == len(REPORTS) + len(FILES)


def test_the_demo_data_is_rich_enough_to_compare(pair: Pair) -> None:
    """A comparison of empty outputs would prove nothing: the data has every kind of record."""
    from twdesk.db.check import check_server
    from twdesk.db.location import parse_location

    report = check_server(parse_location(pair.server))
    counts = {
        line.split()[0]: int(line.split()[1].replace(",", ""))
        for line in report.lines
        if line.startswith("  ")
    }
    for table in (
        "person",
        "station",
        "visit",
        "opinion_item",
        "activity",
        "duty_day",
        "evaluation",
        "contact_book_entry",
        "contact_log_entry",
        "satisfaction_ballot",
        "station_check_score",
        "rectification",
    ):
        assert counts.get(table, 0) > 0, table


IMPORTS = [
    # (import command, file, the export that writes it): last year's activities only (each
    # activity is a few statements: the whole register would double the test's time)
    ("roster", "roster.xlsx", ["export", "roster"]),
    ("visits", "visits.xlsx", ["export", "visits"]),
    ("activities", "activities.xlsx", ["export", "activities", "--year", str(LAST_YEAR)]),
]


def test_every_import_reads_the_same_on_both_engines(
    pair: Pair, pg_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The demo's own exports imported into a new database on each engine: the same people,
    visits and activities come out of both again."""
    from twdesk.db.dbfile import create_database

    exported = tmp_path / "exported"
    exported.mkdir()
    for _command, name, args in IMPORTS:
        run(capsys, *args, "--out", str(exported / name), "--db", pair.file)
    new_file = tmp_path / "new.sqlite"
    create_database(new_file)
    for target in (str(new_file), pg_url):
        for command, name, _args in IMPORTS:
            run(capsys, "import", command, str(exported / name), "--db", target)
    for name, args in FILES[:6]:
        a, b = tmp_path / "a" / name, tmp_path / "b" / name
        a.parent.mkdir(exist_ok=True)
        b.parent.mkdir(exist_ok=True)
        run(capsys, *args, "--out", str(a), "--db", str(new_file))
        run(capsys, *args, "--out", str(b), "--db", pg_url)
        # the same rows; ties in the order may fall differently (new random ids on each side)
        assert sorted_contents(a) == sorted_contents(b), name
    for _name, args in REPORTS[:4]:
        assert json.loads(run(capsys, *args, "--db", str(new_file))) == json.loads(
            run(capsys, *args, "--db", pg_url)
        )


def test_what_the_screens_show_agrees(pair: Pair, tmp_path: Path) -> None:
    """The numbers behind the tabs, from the services themselves: home page lines and charts,
    the register's pages and filters, statistics, contact books, the county summary PDF."""
    from twdesk.db.dbfile import open_database
    from twdesk.services import contacts, home, visits
    from twdesk.services.overview import record_counts

    def screens(location: str, out: Path) -> dict[str, object]:
        db = open_database(location, read_only=True)
        try:
            with db.session() as s:
                start, end = visits.year_range(YEAR)
                everything = visits.VisitFilter()
                shown: dict[str, object] = {
                    "counts": record_counts(s, today=TODAY),
                    "home": home.all_lines(s, None, today=TODAY),
                    "overview": home.overview(s, YEAR, today=TODAY),
                    "visits": visits.visit_page(s, everything, limit=100_000, today=TODAY),
                    "overdue": visits.visit_page(
                        s, visits.VisitFilter(overdue=True), limit=100_000, today=TODAY
                    ),
                    "searched": visits.visit_page(
                        s, visits.VisitFilter(text="青年"), limit=100_000, today=TODAY
                    ),
                    "items": visits.item_page(s, everything, limit=100_000, today=TODAY),
                    "stats": visits.visit_stats(s, start=start, end=end, today=TODAY),
                    "contactors": contacts.contactors(s),
                    "shared": contacts.shared_people(s),
                }
                shown["books"] = [
                    contacts.book(s, c.id, year=YEAR)
                    for c in shown["contactors"]  # type: ignore[attr-defined]
                ]
                home.write_county_summary(s, out, None, year=YEAR, today=TODAY)
            shown["summary"] = pdf_text(out)
            return shown
        finally:
            db.close()

    on_file = screens(pair.file, tmp_path / "file.pdf")
    on_server = screens(pair.server, tmp_path / "server.pdf")
    for key, value in on_file.items():
        assert value == on_server[key], key
        assert value, f"{key}: nothing to compare"
