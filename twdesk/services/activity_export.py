"""The activity register to a spreadsheet, with the importer's column names (round trip)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from sqlalchemy.orm import Session

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
            a.source,
            a.confirmation,
            "",
        )
