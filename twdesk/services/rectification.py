"""The rectification ledger (整改台账): problems found at stations (by the assessment or an
inspection), their follow-up and closing; overdue ones are flagged on the home page; the
ledger prints per station (PDF) or exports for the county (.xlsx)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, ClassVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from twdesk.core.normalize import clean_prose
from twdesk.core.station_assessment import RectState, rect_state
from twdesk.db.models import Rectification, Station
from twdesk.db.versions import check_version
from twdesk.output import OutputError, write_output
from twdesk.services.errors import FieldProblems
from twdesk.services.overview import office_name


class RectificationError(FieldProblems):
    title = "整改台账"
    labels: ClassVar[dict[str, str]] = {
        "station_id": "联络站",
        "description": "问题描述",
        "found_on": "发现日期",
        "deadline": "整改期限",
        "follow_up": "跟进情况",
        "closed_on": "整改完成日期",
    }


@dataclass(frozen=True)
class RectRow:
    id: str
    station_id: str
    station: str
    item: str
    description: str
    found_on: date
    deadline: date | None
    responsible: str
    follow_up: str
    closed_on: date | None
    closing_note: str
    state: str
    row_version: int | None = None  # as loaded: hand it back to save_problem(expected_version=)

    @property
    def overdue(self) -> bool:
        return self.state == RectState.OVERDUE


def _check(values: dict[str, Any]) -> dict[str, Any]:
    problems: dict[str, str] = {}
    clean = {
        "station_id": values.get("station_id") or None,
        "item": clean_prose(values.get("item"))[:100],
        "description": clean_prose(values.get("description")),
        "found_on": values.get("found_on"),
        "deadline": values.get("deadline") or None,
        "responsible": clean_prose(values.get("responsible"))[:50],
    }
    if not clean["station_id"]:
        problems["station_id"] = "请选择发现问题的联络站。"
    if not clean["description"]:
        problems["description"] = "请写明发现的问题。"
    if not isinstance(clean["found_on"], date):
        problems["found_on"] = "请填写发现日期。"
    elif clean["deadline"] is not None and clean["deadline"] < clean["found_on"]:
        problems["deadline"] = "整改期限不能早于发现日期。"
    if problems:
        raise RectificationError(problems)
    return clean


def _row(session: Session, row_id: str) -> Rectification:
    row = session.get(Rectification, row_id)
    if row is None or row.deleted_at is not None:
        raise RectificationError({"": "这条整改问题已不存在。"})
    return row


def _view(row: Rectification, station: str, today: date) -> RectRow:
    return RectRow(
        row.id,
        row.station_id,
        station,
        row.item,
        row.description,
        row.found_on,
        row.deadline,
        row.responsible,
        row.follow_up,
        row.closed_on,
        row.closing_note,
        str(rect_state(row.closed_on, row.deadline, today)),
        row.row_version,
    )


def save_problem(
    session: Session,
    values: dict[str, Any],
    problem_id: str | None = None,
    *,
    today: date | None = None,
    expected_version: int | None = None,
) -> RectRow:
    """Add a problem (or edit one): station, item, description, found on, deadline, who.
    `expected_version`: the `row_version` the editor loaded (RectRow.row_version);
    StaleRecordError when someone else saved the problem since."""
    clean = _check(values)
    station = session.get(Station, clean["station_id"])
    if station is None or station.deleted_at is not None:
        raise RectificationError({"station_id": "这个联络站已不存在。"})
    if problem_id is None:
        row = Rectification(follow_up="", closing_note="", **clean)
        session.add(row)
    else:
        row = _row(session, problem_id)
        check_version(row, expected_version)
        for key, value in clean.items():
            setattr(row, key, value)
    session.flush()
    return _view(row, station.name, today or date.today())


def add_follow_up(
    session: Session, problem_id: str, text: str, *, on: date | None = None
) -> RectRow:
    """A dated line of follow-up (督办、整改进展)."""
    text = clean_prose(text)
    if not text:
        raise RectificationError({"follow_up": "请写明跟进情况。"})
    row = _row(session, problem_id)
    on = on or date.today()
    line = f"{on:%Y-%m-%d} {text}"
    row.follow_up = f"{row.follow_up}\n{line}" if row.follow_up else line
    session.flush()
    return _view(row, row_station(session, row), on)


def close_problem(
    session: Session, problem_id: str, *, on: date | None = None, note: str = ""
) -> RectRow:
    """整改完成: the closing date (not before the problem was found) and what was done."""
    row = _row(session, problem_id)
    on = on or date.today()
    if row.closed_on is not None:
        raise RectificationError({"closed_on": f"这个问题已于 {row.closed_on:%Y-%m-%d} 整改完成。"})
    if on < row.found_on:
        raise RectificationError({"closed_on": "整改完成日期不能早于发现日期。"})
    row.closed_on, row.closing_note = on, clean_prose(note)
    session.flush()
    return _view(row, row_station(session, row), on)


def reopen_problem(
    session: Session, problem_id: str, reason: str, *, on: date | None = None
) -> RectRow:
    """A problem closed too early: open again, the reason kept in the follow-up."""
    reason = clean_prose(reason)
    if not reason:
        raise RectificationError({"follow_up": "请说明重新打开的原因。"})
    row = _row(session, problem_id)
    on = on or date.today()
    row.closed_on, row.closing_note = None, ""
    line = f"{on:%Y-%m-%d} 重新整改：{reason}"
    row.follow_up = f"{row.follow_up}\n{line}" if row.follow_up else line
    session.flush()
    return _view(row, row_station(session, row), on)


def problem(session: Session, problem_id: str, *, today: date | None = None) -> RectRow:
    """One problem as saved now (an editor's 重新载入)."""
    row = _row(session, problem_id)
    return _view(row, row_station(session, row), today or date.today())


def row_station(session: Session, row: Rectification) -> str:
    return session.scalar(select(Station.name).where(Station.id == row.station_id)) or ""


def problems(
    session: Session,
    *,
    station_id: str | None = None,
    state: str | None = None,
    today: date | None = None,
) -> list[RectRow]:
    """The ledger, open problems first (overdue at the top), then by date found."""
    today = today or date.today()
    query = (
        select(Rectification, Station.name)
        .join(Station, Station.id == Rectification.station_id)
        .where(Rectification.deleted_at.is_(None))
    )
    if station_id:
        query = query.where(Rectification.station_id == station_id)
    rows = [_view(r, name, today) for r, name in session.execute(query)]
    if state:
        rows = [r for r in rows if r.state == state]
    order = {str(RectState.OVERDUE): 0, str(RectState.OPEN): 1, str(RectState.CLOSED): 2}
    rows.sort(key=lambda r: (order[r.state], r.deadline or date.max, r.found_on, r.station))
    return rows


def overdue_by_station(
    session: Session, *, today: date | None = None, station_id: str | None = None
) -> Counter[str]:
    """Open problems past their deadline, per station id."""
    today = today or date.today()
    query = (
        select(Rectification.station_id, func.count())
        .where(
            Rectification.deleted_at.is_(None),
            Rectification.closed_on.is_(None),
            Rectification.deadline < today,
        )
        .group_by(Rectification.station_id)
    )
    if station_id:
        query = query.where(Rectification.station_id == station_id)
    return Counter({sid: n for sid, n in session.execute(query)})


@dataclass(frozen=True)
class RectLedger:
    """Plain data for printing / exporting the ledger."""

    title: str
    office: str
    printed_on: date
    rows: tuple[RectRow, ...]


def write_ledger(
    session: Session,
    out: Path,
    *,
    station_id: str | None = None,
    today: date | None = None,
    overwrite: bool = False,
) -> Path:
    """The ledger as .xlsx (the county's, or one station's) or .pdf (printable per station)."""
    out = Path(out).expanduser().absolute()
    suffix = out.suffix.lower()
    if suffix not in (".pdf", ".xlsx"):
        raise OutputError(f"整改台账只能保存为 .pdf 或 .xlsx，收到的是「{out.name}」。")
    today = today or date.today()
    rows = problems(session, station_id=station_id, today=today)
    name = (
        session.scalar(select(Station.name).where(Station.id == station_id)) if station_id else ""
    )
    data = RectLedger(
        f"{name}整改台账" if name else "联络站整改台账", office_name(session), today, tuple(rows)
    )
    if suffix == ".pdf":
        from twdesk.reports.station_reports import draw_rectification

        write_output(out, lambda tmp: draw_rectification(data, tmp), overwrite=overwrite)
    else:
        from twdesk.excel.station_reports import write_rectification_xlsx

        write_output(out, lambda tmp: write_rectification_xlsx(data, tmp), overwrite=overwrite)
    return out
