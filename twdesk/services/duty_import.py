"""Attendance from the sign-in sheet (签到表), on the import engine: the duty list exactly as
`export duty` writes it, with 状态 and 替班代表 filled in by hand.

Every row must be a planned seat (联络站 + 日期 + 坐班代表). A blank 状态 — or the 未登记 / 待坐班
the export writes for nothing recorded — leaves the seat as it is, and so does a row that says
what is already recorded, so an exported list reads back unchanged. Every change is checked by
`duty.check_attendance` (the calendar's own rules; but a sheet records what happened, so only
请假 may be for a day still to come) and written by `duty.record_attendance`, so a 替班 makes
the same DutySwap the calendar makes. Any problem → nothing recorded.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from twdesk.core.normalize import clean_name, clean_prose, clean_text, parse_date_precision
from twdesk.core.vocab import Attendance
from twdesk.db.models import Person, Station
from twdesk.excel.duty_columns import ALIASES, STATE_CHOICES
from twdesk.importing.engine import Progress, Row, Spec, check_file, check_then_write
from twdesk.importing.problems import ImportCancelled
from twdesk.services import duty
from twdesk.services.backups import backup_before_import
from twdesk.services.duty import NOT_YET, AttendanceError, DutyDayView, DutySeat
from twdesk.services.duty_outputs import NOTE_SEPARATOR, moved_note

STATES = STATE_CHOICES
KEEP = frozenset({"", str(Attendance.UNRECORDED), NOT_YET})  # the seat stays as it is
# a sign-in sheet records what happened: only leave may be given for a day to come
SHEET_IN_ADVANCE = frozenset({str(Attendance.UNRECORDED), str(Attendance.LEAVE)})
SHOWN_SUBSTITUTIONS = 10

SPEC = Spec(
    ALIASES,
    required=("day", "station", "delegate", "state"),
    hints={
        "day": "写成 2026-03-04 这样的日期，与坐班安排一致",
        "station": "填写已有联络站的全称，与导出的坐班安排一致",
        "delegate": "核对姓名；坐班计划有变动时，请重新导出坐班安排再按签到表填写",
        "state": f"填写{'、'.join(STATES)}之一；留空表示不改动",
        "substitute": "填写实际来坐班的团代表姓名（须已在“联络站与代表”中登记）",
        "notes": "删减备注",
    },
    what="坐班安排（导出的坐班安排，按签到表填写“状态”“替班代表”）",
)
# check_attendance's fields → the list's columns
FIELDS = {"attendance": "state", "substitute_id": "substitute", "attendance_note": "notes"}


@dataclass(frozen=True)
class DutyImportSummary:
    """What a sign-in sheet changed: seats recorded per state, rows left as they were."""

    rows: int
    recorded: Mapping[str, int]  # state → seats recorded (到岗 / 缺席 / 请假 / 替班)
    unchanged: int  # blank 状态, or the same as already recorded
    substitutions: tuple[str, ...]  # "2026-03-04 乔庄镇联络站 曾䶮（王㛃 替班）"

    def one_line(self) -> str:
        done = sum(self.recorded.values())
        text = f"导入完成：坐班安排 {self.rows} 行"
        if not done:
            return text + "，都未填状态或与已登记的相同，没有改动。"
        counts = "、".join(f"{s} {self.recorded[s]}" for s in STATES if self.recorded.get(s))
        text += f"，登记 {done} 人次（{counts}）"
        if self.unchanged:
            text += f"，{self.unchanged} 行未填状态或与已登记的相同，未改动"
        if self.substitutions:
            shown = "；".join(self.substitutions[:SHOWN_SUBSTITUTIONS])
            more = len(self.substitutions) - SHOWN_SUBSTITUTIONS
            text += f"。替班：{shown}" + (f" 等 {len(self.substitutions)} 次" if more > 0 else "")
        return text + "。"


@dataclass(frozen=True)
class _Change:
    assignment_id: str
    state: str
    substitute_id: str | None
    note: str
    label: str  # for the summary's list of substitutions


class _RowChecker:
    """One row of the list → the seat it names and what to record there, or problems."""

    def __init__(self, session: Session, today: date) -> None:
        self.session = session
        self.today = today
        self.stations = dict(
            session.execute(
                select(Station.name, Station.id).where(Station.deleted_at.is_(None))
            ).all()
        )
        self.delegates: dict[str, list[str]] = {}
        for pid, name in session.execute(
            select(Person.id, Person.name).where(
                Person.deleted_at.is_(None), Person.is_delegate.is_(True)
            )
        ):
            self.delegates.setdefault(name, []).append(pid)
        self.plans: dict[int, dict[tuple[str, date], DutyDayView]] = {}
        self.seen: dict[str, int] = {}  # assignment id → the row that named it first

    def plan(self, year: int) -> dict[tuple[str, date], DutyDayView]:
        if year not in self.plans:
            self.plans[year] = {
                (d.station_id, d.day): d
                for d in duty.duty_days(self.session, year=year, today=self.today)
            }
        return self.plans[year]

    def __call__(self, row: Row) -> _Change | None:
        day = self.day(row)
        station = clean_name(row.raw("station"))
        station_id = self.stations.get(station)
        if not station:
            row.problem("station", "请填写联络站")
        elif station_id is None:
            row.problem("station", "数据库中没有这个联络站")
        name = clean_name(row.raw("delegate"))
        if not name:
            row.problem("delegate", "请填写坐班代表")
        view = seat = None
        if day and station_id and name:
            view = self.plan(day.year).get((station_id, day))
            if view is None:
                row.problem("day", f"「{station}」这一天没有安排坐班")
            else:
                seat = self.seat(row, view, name)
        state = clean_text(row.raw("state"))
        substitute = clean_name(row.raw("substitute"))
        if state not in STATES:
            if state not in KEEP:
                row.problem("state", f"没有“{state}”这种状态")
            elif substitute:
                self.not_substituted(row)
            return None  # blank, 未登记, 待坐班: the seat stays as it is
        if (
            seat is not None
            and state == seat.attendance
            and (state != Attendance.SUBSTITUTED or substitute == seat.substitute)
        ):
            return None  # already recorded so (an exported list reads back unchanged)
        substitute_id = None
        if state == Attendance.SUBSTITUTED:
            substitute_id = self.substitute(row, substitute, seat)
        elif substitute:
            self.not_substituted(row)
        if view is None or seat is None or not row.ok:
            return None
        note = clean_prose(row.raw("notes"))  # as the calendar keeps it: ，。 as typed
        moved = moved_note(view)
        if moved and note.startswith(moved):  # the export's own words, not the seat's note
            note = note[len(moved) :].lstrip(NOTE_SEPARATOR)
        try:
            duty.check_attendance(
                view.day,
                seat.person_id,
                state,
                substitute_id=substitute_id,
                note=note,
                today=self.today,
                in_advance=SHEET_IN_ADVANCE,
            )
        except AttendanceError as exc:
            row.report(exc, FIELDS)
            return None
        label = f"{view.day:%Y-%m-%d} {view.station} {seat.name}（{substitute} 替班）"
        return _Change(seat.assignment_id, state, substitute_id, note, label)

    def day(self, row: Row) -> date | None:
        try:
            day, exact = parse_date_precision(row.raw("day"))
        except ValueError as exc:
            row.problem("day", str(exc))
            return None
        if day is None:
            row.problem("day", "请填写坐班日期")
        elif not exact:
            row.problem("day", "请写出是哪一天")
            return None
        return day

    def seat(self, row: Row, view: DutyDayView, name: str) -> DutySeat | None:
        matches = [s for s in view.seats if s.name == name]
        if len(matches) != 1:
            names = "、".join(s.name for s in view.seats) or "无人"
            row.problem(
                "delegate",
                f"这一天的坐班名单（{names}）中没有这位代表"
                if not matches
                else "这一天的坐班名单中有两位同名代表，无法确定是哪一位",
                "" if not matches else "在坐班日历中逐个登记这两位代表",
            )
            return None
        seat = matches[0]
        first = self.seen.setdefault(seat.assignment_id, row.number)
        if first != row.number:
            row.problem("delegate", f"与第{first}行是同一个坐班安排", "删去重复的行")
            return None
        return seat

    def substitute(self, row: Row, name: str, seat: DutySeat | None) -> str | None:
        """The delegate who sat instead, found by name."""
        if not name:
            row.problem("substitute", "状态为“替班”时请填写替班代表（实际来坐班的代表）", value="")
            return None
        found = self.delegates.get(name, [])
        if not found:
            row.problem("substitute", "找不到这位团代表")
        elif len(found) > 1:
            row.problem(
                "substitute",
                "有多位同名的团代表，无法确定是哪一位",
                "这次替班请在坐班日历中手工登记",
            )
        elif seat is not None and found[0] == seat.person_id:
            row.problem(
                "substitute",
                "替班代表不能是坐班代表本人",
                "填写实际来坐班的另一位代表；本人来了请把状态改为“到岗”",
            )
        else:
            return found[0]
        return None

    @staticmethod
    def not_substituted(row: Row) -> None:
        row.problem(
            "substitute",
            "只有状态为“替班”时才填写替班代表",
            "把状态改为“替班”，或删去替班代表",
        )


def import_duty(
    session: Session,
    path: Path,
    *,
    today: date | None = None,
    progress: Progress | None = None,
    cancel: Callable[[], bool] | None = None,
) -> DutyImportSummary:
    """Check the whole list, then record it in the caller's transaction; or raise ImportProblems."""
    today = today or date.today()
    checking, writing = check_then_write(progress)
    preview = check_file(
        Path(path), SPEC, _RowChecker(session, today), progress=checking, cancel=cancel
    )
    preview.raise_problems()
    backup_before_import(session)  # 导入前: the file as it was, kept in the backups
    recorded: Counter[str] = Counter()
    substitutions: list[str] = []
    total = len(preview.rows)
    for i, change in enumerate(preview.rows):
        if i % 200 == 0:
            if cancel and cancel():
                raise ImportCancelled
            if writing:
                writing(i, total)
        duty.record_attendance(
            session,
            change.assignment_id,
            change.state,
            substitute_id=change.substitute_id,
            note=change.note,
            today=today,
        )
        recorded[change.state] += 1
        if change.state == Attendance.SUBSTITUTED:
            substitutions.append(change.label)
    if writing:
        writing(total, total)
    return DutyImportSummary(
        rows=len(preview.raw_rows),
        recorded={s: recorded[s] for s in STATES if recorded[s]},
        unchanged=len(preview.raw_rows) - total,
        substitutions=tuple(substitutions),
    )
