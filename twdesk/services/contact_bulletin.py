"""The quarterly bulletin (季度通报) of 联系青年: per contactor the quarter and the year so far,
the ones behind listed by name; as PDF (twdesk.reports) or .xlsx (twdesk.excel), written
through the one output writer. Only contactors' names and counts: nothing about young people."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from twdesk.core.youth_contacts import (
    Bulletin,
    BulletinRow,
    progress_target,
    quarter_bounds,
)
from twdesk.output import OutputError, write_output
from twdesk.services import contacts
from twdesk.services.contacts import ROLE_CADRE, ContactError
from twdesk.services.overview import office_name


def bulletin(session: Session, year: int, quarter: int, *, today: date | None = None) -> Bulletin:
    if quarter not in (1, 2, 3, 4):
        raise ContactError("季度应为 1 到 4。")
    start, end = quarter_bounds(year, quarter)
    today = today or date.today()
    quarter_rows = {
        r.person_id: r
        for r in contacts.year_counts(
            session, year, start=start, end=end, today=today, with_branches=False
        )
    }
    year_rows = contacts.year_counts(
        session, year, start=date(year, 1, 1), end=end, today=today, with_branches=False
    )
    settings = contacts.settings(session)
    due = progress_target(settings.target, quarter)
    rows = []
    for y in year_rows:
        q = quarter_rows[y.person_id]
        if y.role != ROLE_CADRE and not y.distinct and not y.log_entries:
            continue  # a delegate with no book yet: not in the bulletin
        rate = y.satisfaction
        rows.append(
            BulletinRow(
                name=y.name,
                role=y.role,
                distinct_quarter=q.distinct,
                distinct_year=y.distinct,
                new_quarter=q.new,
                fields_year=len(y.fields),
                log_entries_quarter=q.log_entries,
                repeated_year=y.repeated,
                grassroots=q.grassroots.text() if q.grassroots else "—",
                open_days=q.open_days,
                satisfaction="—" if rate is None else f"{rate * 100:.1f}%",
                met=y.distinct >= due,
            )
        )
    rows.sort(key=lambda r: (r.role != ROLE_CADRE, -r.distinct_year, r.name))
    days = [o for o in contacts.open_days(session, year) if o.day <= end]
    return Bulletin(
        title=f"{year}年第{quarter}季度直接联系青年工作情况通报",
        office=office_name(session),
        year=year,
        quarter=quarter,
        period=f"{start:%Y年%m月%d日}至{end:%Y年%m月%d日}",
        target=settings.target,
        progress_target=due,
        rows=tuple(rows),
        open_days=contacts.open_day_rule(session, year),
        open_day_lines=tuple(
            f"{o.day:%Y-%m-%d} {o.theme}（{o.youth_count}人"
            + (f"，{o.fields}" if o.fields else "")
            + "）"
            for o in days
        ),
    )


def write_bulletin(
    session: Session,
    out: Path,
    year: int,
    quarter: int,
    *,
    today: date | None = None,
    overwrite: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> Path:
    """The bulletin as .pdf or .xlsx, chosen by the file's suffix."""
    out = Path(out).expanduser().absolute()
    suffix = out.suffix.lower()
    if suffix not in (".pdf", ".xlsx"):
        raise OutputError(f"通报只能保存为 .pdf 或 .xlsx，收到的是「{out.name}」。")
    data = bulletin(session, year, quarter, today=today)
    if progress:
        progress(1, 2)
    if suffix == ".pdf":
        from twdesk.reports.contact_bulletin import draw_bulletin

        write_output(out, lambda tmp: draw_bulletin(data, tmp), overwrite=overwrite)
    else:
        from twdesk.excel.contact_bulletin import write_bulletin_xlsx

        write_output(out, lambda tmp: write_bulletin_xlsx(data, tmp), overwrite=overwrite)
    if progress:
        progress(2, 2)
    return out
