"""履职考核 at 10,000 delegates: opening a year with suggestions, reopening it, one station's
results, and the tab showing a 500-delegate station.

Everything runs inside one transaction that is rolled back: the kept demo file is not changed.
"""

from __future__ import annotations

import os
import time
from datetime import date
from pathlib import Path

from sqlalchemy import delete, select, update

Row = tuple[str, float, str, str]


def bench_evaluation(path: Path) -> list[Row]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from twdesk.db.dbfile import open_database
    from twdesk.db.models import Evaluation, EvaluationScore, EvaluationVeto
    from twdesk.services import evaluation

    db = open_database(path)
    rows: list[Row] = []
    session = db.session()
    try:
        session.begin()
        year = session.scalar(select(Evaluation.year).order_by(Evaluation.year.desc())) or 2026
        today = date(year, 12, 31)
        ids = select(Evaluation.id).where(Evaluation.year == year)
        session.execute(delete(EvaluationScore).where(EvaluationScore.evaluation_id.in_(ids)))
        session.execute(delete(EvaluationVeto).where(EvaluationVeto.evaluation_id.in_(ids)))
        session.execute(delete(Evaluation).where(Evaluation.year == year))
        started = time.perf_counter()
        summary = evaluation.open_year(session, year, today=today)
        seconds = time.perf_counter() - started
        rows.append(
            (
                f"open {year} evaluation ({summary.created:,} delegates, suggestions)",
                seconds,
                "≤ 2 s",
                "records counted, evaluations and scores written",
            )
        )
        started = time.perf_counter()
        again = evaluation.open_year(session, year, today=today)
        rows.append(
            (
                f"reopen {year} ({again.refreshed:,} recomputed)",
                time.perf_counter() - started,
                "-",
                "entered scores untouched",
            )
        )
        # one station holding 500 delegates
        station_id, _name = evaluation.station_choices(session, year)[0]
        here = len(
            session.scalars(
                select(Evaluation.id).where(
                    Evaluation.year == year, Evaluation.station_id == station_id
                )
            ).all()
        )
        first = list(
            session.scalars(
                select(Evaluation.id)
                .where(Evaluation.year == year, Evaluation.station_id != station_id)
                .limit(max(0, 500 - here))
            )
        )
        session.execute(
            update(Evaluation).where(Evaluation.id.in_(first)).values(station_id=station_id)
        )
        session.flush()
        started = time.perf_counter()
        sy = evaluation.station_year(session, year, station_id)
        rows.append(
            (
                f"station results ({len(sy.delegates)} delegates)",
                time.perf_counter() - started,
                "-",
                "ranked, quota, consequences",
            )
        )
        rows.append(_bench_tab_table(session, year, station_id))
    finally:
        session.rollback()
        session.close()
        db.close()
    return rows


def _bench_tab_table(session: object, year: int, station_id: str) -> Row:
    """What the tab does when a station is chosen: read its year, fill the table, paint it
    (measured on the second showing: the first one also loads the fonts, as the window's first
    paint does in the app)."""
    from PySide6.QtWidgets import QApplication

    from twdesk.core.evaluation_view import Stage
    from twdesk.services import evaluation
    from twdesk.ui.app import make_application
    from twdesk.ui.tabs.evaluation.results_view import ResultsView

    make_application()
    view = ResultsView()
    view.resize(1000, 560)
    view.show()
    runs = []
    for _ in range(2):
        view.results.set_year(None, Stage.SELF)
        QApplication.processEvents()
        started = time.perf_counter()
        sy = evaluation.station_year(session, year, station_id)  # type: ignore[arg-type]
        view.results.set_year(sy, Stage.SELF)
        view.fit()
        view.repaint()
        QApplication.processEvents()
        runs.append(time.perf_counter() - started)
    view.close()
    return (
        f"the tab showing a {len(sy.delegates)}-delegate station",
        runs[-1],
        "≤ 300 ms",
        f"read, ranked, table filled and painted (first showing {runs[0] * 1000:.0f} ms)",
    )
