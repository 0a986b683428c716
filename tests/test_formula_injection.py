"""User text that looks like a formula is written as text in every .xlsx the app writes."""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path
from xml.etree import ElementTree

import openpyxl
import pytest

from tests.helpers import run_twdesk
from twdesk.core.duty_rules import parse_rule
from twdesk.core.visit_stats import Stats
from twdesk.db.dbfile import create_database, open_database
from twdesk.excel.problems_export import write_problems
from twdesk.excel.visit_summary import write_summary
from twdesk.services import duty, people, stations, visits
from twdesk.services.duty import RuleSettings
from twdesk.services.roster_export import save_roster_template
from twdesk.services.roster_import import Problem

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
EVIL = ['=HYPERLINK("http://x","y")', "=cmd|' /C calc'!A0", "+1", "-2", "@SUM(A1)"]


def raw_parts(path: Path) -> tuple[str, set[str]]:
    """Every worksheet's raw XML joined, and every text (inline or shared) in the file."""
    with zipfile.ZipFile(path) as zf:
        names = [n for n in zf.namelist() if n.startswith("xl/worksheets/sheet")]
        xml = "".join(zf.read(n).decode("utf-8") for n in names)
        texts: set[str] = set()
        for name in [*names, "xl/sharedStrings.xml"]:
            if name in zf.namelist():
                root = ElementTree.fromstring(zf.read(name))
                texts |= {t.text or "" for t in root.iter(f"{{{MAIN}}}t")}
    return xml, texts


def assert_text_not_formula(path: Path, values: list[str]) -> None:
    xml, texts = raw_parts(path)
    assert "<f>" not in xml and "<f " not in xml, "a cell was written as a formula"
    wb = openpyxl.load_workbook(path)
    cells = {
        c.value: c.data_type
        for ws in wb.worksheets
        for row in ws.iter_rows()
        for c in row
        if c.value is not None
    }
    for value in values:
        assert cells.get(value) == "s", (value, cells.get(value))
        assert value in texts  # the literal text is stored, not a formula and its result


@pytest.fixture
def evil_db(tmp_path: Path) -> Path:
    path = tmp_path / "office.sqlite"
    create_database(path)
    db = open_database(path)
    with db.transaction() as s:
        sid = stations.save_station(s, {"name": "乔庄镇联络站", "kind": "乡镇街道联络站"}).id
        for i, name in enumerate(EVIL):
            people.save_person(
                s,
                {
                    "name": name,
                    "is_delegate": True,
                    "unit": EVIL[-1 - i],
                    "notes": EVIL[i],
                    "phone": f"1381234567{i}",
                },
                station_id=sid,
            )
        duty.generate_plan(
            s, sid, 2026, RuleSettings(parse_rule("weekly:wed")), today=date(2026, 3, 1)
        )
    db.close()
    return path


def test_roster_export_writes_formula_like_names_as_text(evil_db: Path, tmp_path: Path) -> None:
    for extra in ([], ["--mask"]):
        out = tmp_path / f"roster{len(extra)}.xlsx"
        r = run_twdesk("export", "roster", "--db", str(evil_db), "--out", str(out), *extra)
        assert r.returncode == 0, r.stderr
        assert_text_not_formula(out, EVIL)


def test_duty_export_writes_formula_like_names_as_text(evil_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "duty.xlsx"
    r = run_twdesk("export", "duty", "--db", str(evil_db), "--year", "2026", "--out", str(out))
    assert r.returncode == 0, r.stderr
    assert_text_not_formula(out, EVIL)


def test_template_problem_list_and_summary_keep_text(evil_db: Path, tmp_path: Path) -> None:
    db = open_database(evil_db)
    with db.transaction() as s:
        stations.save_station(s, {"name": "=1+2", "kind": "乡镇街道联络站"})
    with db.session() as s:
        template = save_roster_template(s, tmp_path / "template.xlsx")
    db.close()
    assert_text_not_formula(template, ["=1+2"])
    problems = tmp_path / "problems.xlsx"
    write_problems([Problem(2, "姓名", EVIL[0], EVIL[1], EVIL[2])], problems)
    assert_text_not_formula(problems, EVIL[:3])
    summary = tmp_path / "summary.xlsx"
    write_summary(Stats(by_category={"@SUM(A1)": 3}), summary, title="=cmd|' /C calc'!A0")
    assert_text_not_formula(summary, ["@SUM(A1)", "=cmd|' /C calc'!A0"])


def test_streamed_exports_write_formula_like_text_as_text(evil_db: Path, tmp_path: Path) -> None:
    db = open_database(evil_db)
    with db.transaction() as s:
        sid = stations.station_tree(s)[0].id
        for i, text in enumerate(EVIL):
            visits.save_visit(
                s,
                {
                    "visit_date": date(2026, 5, 1 + i),
                    "station_id": sid,
                    "visitor_name": text,
                    "category": "就业创业",
                    "content": text,
                },
                [visits.ItemInput(text)],
            )
    db.close()
    out = tmp_path / "visits.xlsx"
    r = run_twdesk("export", "visits", "--db", str(evil_db), "--out", str(out))
    assert r.returncode == 0, r.stderr
    assert_text_not_formula(out, EVIL)
