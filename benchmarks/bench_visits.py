"""来访登记 at 200,000 visits: the list opening, filtering, the streamed export, statistics."""

from __future__ import annotations

import os
import tempfile
import time
from datetime import date
from pathlib import Path

Row = tuple[str, float, str, str]


def _best(fn, runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return min(times)


def bench_visits(path: Path) -> list[Row]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from twdesk.db.dbfile import open_database
    from twdesk.services import visits
    from twdesk.services.visit_export import export_visits
    from twdesk.services.visits import VisitFilter
    from twdesk.ui.app import make_application
    from twdesk.ui.tabs.visits_tab import VisitsTab

    db = open_database(path)
    rows: list[Row] = []
    try:
        with db.session() as s:
            total = visits.visit_count(s, VisitFilter())
        app = make_application()
        tab = VisitsTab(db, lazy=True)
        tab.resize(1300, 800)
        tab.pages.setCurrentIndex(1)
        tab.show()
        app.processEvents()
        page = tab.register_page
        bar = page.filter

        def open_list() -> None:
            page.refresh()
            page.view.viewport().repaint()

        rows.append(
            (
                f"visit list opens ({total:,} visits: count + first page, painted)",
                _best(open_list),
                "≤ 0.3 s",
                "GUI, no filter",
            )
        )
        filters = {
            "station": lambda: bar.station.setCurrentIndex(2),
            "category + this year": lambda: (
                bar.category.setCurrentIndex(2),
                bar.use_start.setChecked(True),
            ),
            "overdue": lambda: bar.overdue.setChecked(True),
            "text search": lambda: (
                bar.text.setText("培训"),
                bar.text.returnPressed.emit(),
            ),
        }
        year_start = date(date.today().year, 1, 1)
        bar.start.setDate(year_start)
        timings = {}
        for name, apply in filters.items():
            bar.blockSignals(True)
            bar.station.setCurrentIndex(0)
            bar.category.setCurrentIndex(0)
            bar.use_start.setChecked(False)
            bar.overdue.setChecked(False)
            bar.text.clear()
            bar.blockSignals(False)
            bar.blockSignals(True)
            apply()
            bar.blockSignals(False)
            timings[name] = _best(open_list)
        rows.append(
            (
                "visit list filter (worst of station / category+year / overdue / text)",
                max(timings.values()),
                "≤ 0.2 s",
                ", ".join(f"{k} {v * 1000:.0f} ms" for k, v in timings.items()),
            )
        )
        tab.shutdown()
        tab.close()
        tab.deleteLater()
        app.processEvents()
        with db.session() as s:
            seconds = _best(
                lambda: visits.visit_stats(
                    s, start=date(date.today().year, 1, 1), end=date(date.today().year, 12, 31)
                ),
                1,
            )
        rows.append(("statistics for one year (all stations)", seconds, "-", "stats / 统计 page"))
        out = Path(tempfile.mkdtemp()) / "visits.xlsx"
        started = time.perf_counter()
        with db.session() as s:
            count = export_visits(s, out)  # what 导出 Excel… and `twdesk export visits` run
        rows.append(
            (
                f"export visits ({total:,} visits → {count:,} rows .xlsx)",
                time.perf_counter() - started,
                "≤ 15 s",
                f"{out.stat().st_size / 2**20:.0f} MB",
            )
        )
    finally:
        db.close()
    return rows


if __name__ == "__main__":
    import sys

    for name, seconds, goal, note in bench_visits(Path(sys.argv[1])):
        print(f"{name:<72} {seconds:8.3f} {goal:>8}  {note}")
