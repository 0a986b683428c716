"""Chinese statutory holidays and make-up workdays (调休), and working-day arithmetic.

chinesecalendar knows 2004 up to the year it was released for; later years are published
each November and must be entered by hand into the holiday table (see the duty calendar).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from twdesk.core.vocab import HolidayKind

HOLIDAY_NAMES_ZH = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "抗战胜利70周年纪念日",
}


@dataclass(frozen=True)
class HolidayEntry:
    day: date
    kind: HolidayKind
    name: str


def library_holidays(year: int) -> list[HolidayEntry] | None:
    """The year's days off and make-up workdays from chinesecalendar; None if it lacks the year."""
    import chinese_calendar

    entries: list[HolidayEntry] = []
    day = date(year, 1, 1)
    try:
        while day.year == year:
            is_holiday, name = chinese_calendar.get_holiday_detail(day)
            weekend = day.weekday() >= 5
            if name and is_holiday:
                entries.append(
                    HolidayEntry(day, HolidayKind.HOLIDAY, HOLIDAY_NAMES_ZH.get(name, name))
                )
            elif weekend and not is_holiday:
                entries.append(
                    HolidayEntry(
                        day,
                        HolidayKind.WORKDAY,
                        f"{HOLIDAY_NAMES_ZH.get(name, name or '')}调休上班",
                    )
                )
            day += timedelta(days=1)
    except NotImplementedError:
        return None
    return entries


class WorkCalendar:
    """Working days given the stored holidays (休) and make-up workdays (班)."""

    def __init__(self, entries: Iterable[tuple[date, str]]) -> None:
        entries = list(entries)  # may be a generator: read it once
        self.days_off = {d for d, kind in entries if kind == HolidayKind.HOLIDAY}
        self.workdays = {d for d, kind in entries if kind == HolidayKind.WORKDAY}

    def is_workday(self, day: date) -> bool:
        if day in self.workdays:
            return True
        return day.weekday() < 5 and day not in self.days_off

    def add_workdays(self, start: date, n: int) -> date:
        """The n-th working day after `start` (7 → the default 交办 deadline)."""
        day = start
        while n > 0:
            day += timedelta(days=1)
            if self.is_workday(day):
                n -= 1
        return day

    def next_workday(self, day: date) -> date:
        while not self.is_workday(day):
            day += timedelta(days=1)
        return day

    def previous_workday(self, day: date) -> date:
        while not self.is_workday(day):
            day -= timedelta(days=1)
        return day
