"""The activity register to a spreadsheet, with the importer's column names (round trip)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from twdesk.excel.activity_columns import COLUMNS
from twdesk.excel.fast_xlsx import write_table
from twdesk.output import write_output
from twdesk.services.ledger import activity_rows


def export_rows(session: Session, *, year: int | None = None) -> Iterator[tuple[object, ...]]:
    start = date(year, 1, 1) if year else None
    end = date(year, 12, 31) if year else None
    for a in reversed(activity_rows(session, start=start, end=end)):
        yield (
            a.activity_date.isoformat(),
            a.activity_type,
            a.title,
            a.place,
            "、".join(a.participants),
            a.youth_count,
            a.project,
            a.station,
            a.branch,
            a.source,
            a.confirmation,
            "",
            "、".join(a.absent),
        )


def export_activities(
    session: Session, out: Path, *, year: int | None = None, overwrite: bool = False
) -> int:
    """Write the activity register (one year's when `year` is given); returns the rows."""
    rows = export_rows(session, year=year)
    return write_output(
        Path(out),
        lambda tmp: write_table(tmp, "履职记录", [(h, w) for _f, h, w, _a in COLUMNS], rows),
        overwrite=overwrite,
    )
