"""The demo file's year in progress, opened the way an office would: suggestions from the demo's
own records, most delegates' 自评 entered, some stations' 组织评价 too (past years come locked)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from twdesk.core.evaluation_view import Stage
from twdesk.services import evaluation
from twdesk.services.files import Database


def open_demo_year(db: Database, today: date) -> None:
    """Open ``today``'s year on the demo file and enter part of its stages (deterministic)."""
    with db.transaction() as s:
        evaluation.open_year(s, today.year, today=today)
        own: list[tuple[str, evaluation.StageEntry]] = []
        station: list[tuple[str, evaluation.StageEntry]] = []
        for n, (station_id, _name) in enumerate(evaluation.station_choices(s, today.year)):
            sy = evaluation.station_year(s, today.year, station_id)
            for i, delegate in enumerate(sy.delegates):
                if i % 4 == 3:
                    continue  # a quarter have not handed in their 履职手册 yet
                manual = {
                    ind.seq: Decimal(7 + (i + ind.seq) % 4)
                    for ind in delegate.indicators
                    if ind.suggested is None
                }
                entry = evaluation.StageEntry(scores=manual)
                own.append((delegate.person_id, entry))
                if n % 3 == 0:  # every third station has already scored its delegates
                    station.append((delegate.person_id, entry))
        evaluation.save_stages(s, today.year, Stage.SELF, own)
        evaluation.save_stages(s, today.year, Stage.STATION, station)
