"""The evaluation's files: the results spreadsheet and the three printouts (result sheet,
consequence list, one delegate's sheet). Read through the evaluation service, written through
the one output writer (temporary file, rename; never over a database). One function per kind:
the tab and the command line both call these."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sqlalchemy.orm import Session

from twdesk.core.errors import Cancelled
from twdesk.core.evaluation_view import StationYear
from twdesk.excel.evaluation_export import write_results
from twdesk.output import write_output
from twdesk.reports.evaluation_sheets import (
    write_consequence_list,
    write_delegate_sheet,
    write_result_sheet,
)
from twdesk.services import evaluation
from twdesk.services.evaluation import EvaluationError

Progress = Callable[[int, int], None]


def _stations(session: Session, year: int, station_id: str | None) -> list[StationYear]:
    """Every station's year (or the one given); EvaluationError when the year is not opened."""
    if station_id is not None:
        return [evaluation.station_year(session, year, station_id)]
    stations = evaluation.station_years(session, year)
    if not stations:
        raise EvaluationError(f"{year}年还没有开始考核：请先开启这一年的考核，再导出或打印。")
    return stations


def export_results(
    session: Session,
    year: int,
    path: Path,
    *,
    station_id: str | None = None,
    overwrite: bool = False,
    progress: Progress | None = None,
    cancel: Callable[[], bool] | None = None,
) -> int:
    """The year's results as .xlsx, one sheet per station (every station of the year, or the
    one given); returns the rows written. Cancel stops it with `Cancelled`, leaving no file."""
    stations = _stations(session, year, station_id)

    def step(done: int, total: int) -> None:
        if progress:
            progress(done, total)
        if cancel and cancel():
            raise Cancelled()

    return write_output(
        Path(path), lambda tmp: write_results(tmp, stations, progress=step), overwrite=overwrite
    )


def print_result_sheet(
    session: Session, year: int, station_id: str, path: Path, *, overwrite: bool = False
) -> Path:
    """The station's ranked result sheet (PDF) with grades and signature lines."""
    station = evaluation.station_year(session, year, station_id)
    write_output(Path(path), lambda tmp: write_result_sheet(tmp, station), overwrite=overwrite)
    return Path(path)


def print_consequences(
    session: Session,
    year: int,
    path: Path,
    *,
    station_id: str | None = None,
    overwrite: bool = False,
) -> int:
    """The consequence list (PDF): every delegate of the year (or the station) with a
    consequence, the most serious first; returns how many are listed (0 prints “无”)."""
    stations = _stations(session, year, station_id)
    rows = [d for sy in stations for d in sy.delegates if d.consequence]
    where = stations[0].station if station_id else ""
    title = f"{year}年度{where}团代表履职考核后续处理名单"
    write_output(
        Path(path), lambda tmp: write_consequence_list(tmp, title, rows), overwrite=overwrite
    )
    return len(rows)


def print_delegate_sheet(
    session: Session, year: int, person_id: str, path: Path, *, overwrite: bool = False
) -> Path:
    """One delegate's evaluation sheet (PDF), scored with the scheme of their station's year
    (a locked year's snapshot, or the current scheme)."""
    result = evaluation.delegate_result(session, year, person_id)
    scheme = evaluation.delegate_scheme(session, year, person_id)
    office = next(
        (
            evaluation.station_year(session, year, sid).office
            for sid, name in evaluation.station_choices(session, year)
            if name == result.station
        ),
        "",
    )
    write_output(
        Path(path),
        lambda tmp: write_delegate_sheet(tmp, result, scheme, office),
        overwrite=overwrite,
    )
    return Path(path)
