"""Every file the app writes comes from one service function writing through twdesk.output."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader
from python_calamine import CalamineWorkbook
from sqlalchemy import select

from twdesk.db.dbfile import Database
from twdesk.db.models import OpinionItem
from twdesk.output import Cancelled, OutputExists
from twdesk.services import people, stations, visits
from twdesk.services.import_problems import save_problem_list
from twdesk.services.roster_import import Problem
from twdesk.services.visit_export import export_visits
from twdesk.services.visit_outputs import export_visit_summary, print_slips, print_visit_summary
from twdesk.services.visits import ItemInput, VisitFilter

TODAY = date(2026, 7, 1)


@pytest.fixture
def register(office_db: Database) -> tuple[Database, str, str, str]:
    """30 visits over two stations, one delegate, two categories; some items assigned."""
    with office_db.transaction() as s:
        a = stations.save_station(s, {"name": "乔庄镇联络站", "kind": "乡镇街道联络站"}).id
        b = stations.save_station(s, {"name": "青溪镇联络站", "kind": "乡镇街道联络站"}).id
        p = people.save_person(s, {"name": "曾䶮", "is_delegate": True}, station_id=a).id
        for i in range(30):
            visits.save_visit(
                s,
                {
                    "visit_date": date(2026, 1 + i % 6, 1 + i % 28),
                    "station_id": a if i % 3 else b,
                    "visitor_name": "张三",
                    "category": "心理健康" if i % 5 == 0 else "就业创业",
                    "content": f"事由{i:02d} {'心理' if i % 5 == 0 else '就业'}",
                    "received_by_id": p if i % 3 else None,
                },
                [ItemInput(f"意见{i:02d}")] if i % 2 else [],
            )
        items = list(s.scalars(select(OpinionItem.id).order_by(OpinionItem.number)))
        for item in items[:6]:
            visits.assign(s, item, "县团委", on=date(2026, 3, 2))
    return office_db, a, b, p


def exported_contents(path: Path) -> set[str]:
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    assert rows[0][12] == "来访事由"
    return {r[12] for r in rows[1:]}


def test_visit_export_honours_every_filter_field_like_the_register(register, tmp_path) -> None:
    db, a, b, p = register
    filters = {
        "station": VisitFilter(station_id=b),
        "delegate": VisitFilter(person_id=p),
        "category": VisitFilter(category="心理健康"),
        "status": VisitFilter(status="已交办"),
        "dates": VisitFilter(start=date(2026, 2, 1), end=date(2026, 3, 31)),
        "overdue": VisitFilter(overdue=True),
        "text": VisitFilter(text="心理"),
        "combined": VisitFilter(station_id=a, category="就业创业", text="就业"),
    }
    with db.session() as s:
        everything = {r.content for r in visits.visit_page(s, VisitFilter(), limit=100)}
        for name, flt in filters.items():
            shown = {r.content for r in visits.visit_page(s, flt, limit=100, today=TODAY)}
            out = tmp_path / f"{name}.xlsx"
            export_visits(s, out, flt=flt, today=TODAY)
            got = exported_contents(out)
            assert got == shown, name
            assert got and got != everything, name  # each filter really narrows the export


def test_visit_export_status_filter_keeps_only_matching_items(register, tmp_path) -> None:
    db, *_ = register
    out = tmp_path / "assigned.xlsx"
    with db.session() as s:
        count = export_visits(s, out, flt=VisitFilter(status="已交办"), today=TODAY)
    rows = CalamineWorkbook.from_path(str(out)).get_sheet_by_index(0).to_python()[1:]
    assert count == len(rows) == 6 and {r[16] for r in rows} == {"已交办"}


def test_visit_export_reports_progress_and_cancel_leaves_no_file(register, tmp_path) -> None:
    db, *_ = register
    seen: list[tuple[int, int]] = []
    out = tmp_path / "all.xlsx"
    with db.session() as s:
        assert export_visits(s, out, progress=lambda d, t: seen.append((d, t))) == 30
    assert seen[0] == (0, 30) and seen[-1] == (30, 30)
    cancelled = tmp_path / "cancelled.xlsx"
    with db.session() as s, pytest.raises(Cancelled):
        export_visits(s, cancelled, cancel=lambda: True, progress=lambda d, t: None)
    assert not cancelled.exists()
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".xlsx") == ["all.xlsx"]


def test_outputs_refuse_an_existing_file_unless_told(register, tmp_path) -> None:
    db, *_ = register
    out = tmp_path / "visits.xlsx"
    out.write_bytes(b"old")
    with db.session() as s:
        with pytest.raises(OutputExists):
            export_visits(s, out)
        assert out.read_bytes() == b"old"
        assert export_visits(s, out, overwrite=True) == 30
    assert out.read_bytes()[:2] == b"PK"


def test_slips_and_summaries_are_written_with_their_content(register, tmp_path) -> None:
    db, *_ = register
    with db.session() as s:
        item = s.scalar(select(OpinionItem.id).order_by(OpinionItem.number))
        assert print_slips(s, tmp_path / "slip.pdf", [item]) == 1
        pdf = print_visit_summary(
            s, tmp_path / "sum.pdf", start=date(2026, 1, 1), end=date(2026, 12, 31), today=TODAY
        )
        xlsx = export_visit_summary(
            s, tmp_path / "sum.xlsx", start=date(2026, 1, 1), end=date(2026, 12, 31), today=TODAY
        )
    slip = "".join(page.extract_text() for page in PdfReader(tmp_path / "slip.pdf").pages)
    assert "2026-00001" in slip and "张某" in slip and "张三" not in slip
    summary = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "全部联络站来访接待情况统计" in summary and "30" in summary
    ws = openpyxl.load_workbook(xlsx)["统计"]
    assert ws["A1"].value.startswith("全部联络站来访接待情况统计")
    assert [ws["A5"].value, ws["B5"].value] == ["来访登记（次）", 30]


def test_problem_list_is_saved_through_the_writer(tmp_path) -> None:
    problems = [Problem(3, "姓名", "=1+1", "姓名不能是公式", "改成真实姓名")]
    out = save_problem_list(problems, tmp_path / "问题.xlsx")
    ws = openpyxl.load_workbook(out).active
    assert [c.value for c in ws[2]] == ["第3行", "姓名", "=1+1", "姓名不能是公式", "改成真实姓名"]
    with pytest.raises(OutputExists):
        save_problem_list(problems, out)
