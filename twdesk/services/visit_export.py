"""The visit register to a spreadsheet: one row per opinion item (a visit without items is one
row), streamed, with the importer's column names so export → import round-trips. The rows are
the visits the register list shows for the same filter. `mask` hides visitors' phones and names
for sharing outside the office, and every ID or phone number typed into the free-text columns."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session, aliased

from twdesk.core.idcard import mask_phone
from twdesk.core.masking import mask_text
from twdesk.db.models import OpinionItem, Person, Station, Visit
from twdesk.excel.fast_xlsx import write_table
from twdesk.excel.visit_columns import COLUMNS
from twdesk.output import write_output
from twdesk.services.visits import VisitFilter

Progress = Callable[[int, int], None]

# Columns people type into freely (COLUMNS order): with `mask`, any ID or phone number in them
# is masked too — 接待代表, 单位或村, 来访事由, 意见建议, 交办部门, 责任人, 办理结果.
FREE_TEXT = frozenset(
    i
    for i, (field, *_rest) in enumerate(COLUMNS)
    if field
    in ("receiver", "unit_or_village", "content", "item", "department", "responsible", "result")
)


def mask_name(name: str) -> str:
    return f"{name[0]}某" if name and name != "匿名" else name


def _filter(
    flt: VisitFilter | None,
    start: date | None,
    end: date | None,
    station_id: str | None,
) -> VisitFilter:
    """`flt` (or no filter) narrowed by the separate start/end/station arguments given."""
    given = {
        k: v
        for k, v in (("start", start), ("end", end), ("station_id", station_id))
        if v is not None
    }
    return dataclasses.replace(flt or VisitFilter(), **given)


def _item_join(flt: VisitFilter, today: date) -> object:
    # with a status or overdue filter only the matching items are rows, as in 意见办理;
    # otherwise every item of each visit (a visit without items is one row)
    return and_(OpinionItem.visit_id == Visit.id, *flt.item_conditions(today))


def export_count(
    session: Session,
    *,
    flt: VisitFilter | None = None,
    start: date | None = None,
    end: date | None = None,
    station_id: str | None = None,
    today: date | None = None,
) -> int:
    """How many rows `export_rows` yields for the same arguments."""
    flt = _filter(flt, start, end, station_id)
    today = today or date.today()
    return (
        session.scalar(
            select(func.count())
            .select_from(Visit)
            .outerjoin(OpinionItem, _item_join(flt, today))
            .where(*flt.visit_conditions(today))
        )
        or 0
    )


def export_rows(
    session: Session,
    *,
    flt: VisitFilter | None = None,
    start: date | None = None,
    end: date | None = None,
    station_id: str | None = None,
    mask: bool = False,
    today: date | None = None,
) -> Iterator[tuple[object, ...]]:
    """Rows in COLUMNS order, streamed from the database in chunks."""
    flt = _filter(flt, start, end, station_id)
    today = today or date.today()
    receiver = aliased(Person)
    query = (
        select(
            Visit.visit_date,
            Visit.visit_time,
            Station.name,
            receiver.name,
            Visit.visitor_name,
            Visit.anonymous,
            Visit.gender,
            Visit.age_group,
            Visit.identity,
            Visit.phone,
            Visit.unit_or_village,
            Visit.channel,
            Visit.category,
            Visit.content,
            Visit.people_count,
            OpinionItem.number,
            OpinionItem.content,
            OpinionItem.status,
            OpinionItem.department,
            OpinionItem.responsible,
            OpinionItem.deadline,
            OpinionItem.handled_on,
            OpinionItem.result,
            OpinionItem.feedback_method,
            OpinionItem.satisfaction,
        )
        .join(Station, Station.id == Visit.station_id)
        .outerjoin(receiver, (receiver.id == Visit.received_by_id) & receiver.deleted_at.is_(None))
        .outerjoin(OpinionItem, _item_join(flt, today))
        .where(*flt.visit_conditions(today))
        .order_by(Visit.visit_date, Visit.id, OpinionItem.number)
        .execution_options(yield_per=5000)
    )
    for r in session.execute(query):
        name = "匿名" if r[5] else r[4]
        phone = r[9]
        if mask:
            name, phone = mask_name(name), mask_phone(phone)
        row = (
            r[0].isoformat(),
            r[1].strftime("%H:%M") if r[1] else "",
            r[2],
            r[3] or "",
            name,
            r[6],
            r[7],
            r[8],
            phone,
            r[10],
            r[11],
            r[12],
            r[13],
            r[14],
            r[15] or "",
            r[16] or "",
            r[17] or "",
            r[18] or "",
            r[19] or "",
            r[20].isoformat() if r[20] else "",
            r[21].isoformat() if r[21] else "",
            r[22] or "",
            r[23] or "",
            r[24] or "",
        )
        if mask:
            row = tuple(mask_text(v) if i in FREE_TEXT else v for i, v in enumerate(row))
        yield row


def export_visits(
    session: Session,
    out: Path,
    *,
    flt: VisitFilter | None = None,
    start: date | None = None,
    end: date | None = None,
    station_id: str | None = None,
    mask: bool = False,
    overwrite: bool = False,
    progress: Progress | None = None,
    cancel: Callable[[], bool] | None = None,
    today: date | None = None,
) -> int:
    """Write the visits the register shows for `flt` (and start/end/station); returns the rows.

    `progress(done, total)` is called as rows are written; when `cancel()` turns true the
    export stops with `twdesk.output.Cancelled` and no file is left behind.
    """
    rows = export_rows(
        session, flt=flt, start=start, end=end, station_id=station_id, mask=mask, today=today
    )
    step = None
    if progress:  # counting reads every row once more: only when someone watches a bar
        total = export_count(
            session, flt=flt, start=start, end=end, station_id=station_id, today=today
        )
        progress(0, total)
        step = lambda done: progress(done, total)  # noqa: E731
    return write_output(
        Path(out),
        lambda tmp: write_table(
            tmp,
            "来访登记",
            [(h, w) for _f, h, w, _a in COLUMNS],
            rows,
            progress=step,
            cancel=cancel,
        ),
        overwrite=overwrite,
    )
