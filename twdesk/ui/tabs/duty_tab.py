"""坐班日历: the station and year, the next 14 days of all stations, and four pages — the
month calendar with the day's attendance, the year's list, one delegate, attendance counts; plan
generation, holidays, and the poster, reminder list and Excel export. The tab holds what the
pages share (the station, the year, the loaded days) and assembles them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from twdesk.core.vocab import Attendance
from twdesk.services import duty
from twdesk.services.duty import DutyDayView, DutyError
from twdesk.services.files import Database
from twdesk.services.people import station_choices
from twdesk.ui.actions import (
    DUTY,
    PEOPLE,
    STATIONS,
    ask_save_path,
    run_action,
    run_read,
    show_saved,
)
from twdesk.ui.dialogs.duty_dialogs import HolidayDialog, PlanDialog
from twdesk.ui.i18n import notr, tr
from twdesk.ui.readonly import mark_editing
from twdesk.ui.tabs.duty.common import HOLIDAY_BG, WARN_BG, set_rows, table
from twdesk.ui.tabs.duty.counts_page import CountsPage
from twdesk.ui.tabs.duty.month_page import MonthPage
from twdesk.ui.tabs.duty.person_page import PersonPage
from twdesk.ui.tabs.duty.year_page import YearPage
from twdesk.ui.tabs.lazy import LazyLoad
from twdesk.ui.widgets.combos import refill

__all__ = ["HOLIDAY_BG", "WARN_BG", "DutyTab"]

T = TypeVar("T")


def _on(page: str, name: str) -> Any:
    """An attribute of one of the pages, reachable on the tab as before the split."""
    return property(lambda self: getattr(getattr(self, page), name))


class DutyTab(LazyLoad, QWidget):
    """Reloads itself when duty, people or stations change (the `actions.changes()` bus)."""

    reload_on = frozenset({DUTY, PEOPLE, STATIONS})

    # 月历
    calendar = _on("month_page", "calendar")
    month_label = _on("month_page", "month_label")
    prev_month = _on("month_page", "prev_month")
    next_month = _on("month_page", "next_month")
    day_title = _on("month_page", "day_title")
    seats = _on("month_page", "seats")
    history = _on("month_page", "history")
    month = _on("month_page", "month")
    show_month = _on("month_page", "show_month")
    select_day = _on("month_page", "select_day")
    selected_day = _on("month_page", "selected_day")
    selected_seat = _on("month_page", "selected_seat")
    mark = _on("month_page", "mark")
    substitute = _on("month_page", "substitute")
    swap = _on("month_page", "swap")
    # 全年列表
    year_table = _on("year_page", "year_table")
    # 代表个人
    person = _on("person_page", "person")
    person_summary = _on("person_page", "person_summary")
    person_table = _on("person_page", "person_table")
    away_list = _on("person_page", "away_list")
    add_unavailable = _on("person_page", "add_unavailable")
    remove_unavailable = _on("person_page", "remove_unavailable")
    # 出勤统计
    counts_table = _on("counts_page", "counts_table")

    def __init__(
        self,
        db: Database,
        parent: QWidget | None = None,
        *,
        today: date | None = None,
        lazy: bool = False,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self._today = today
        self.days: list[DutyDayView] = []
        self.holidays: dict[date, tuple[str, str]] = {}
        self.last_message = ""
        self._asked = False

        self.station = QComboBox()
        self.station.setMinimumWidth(200)
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(self.today.year)
        self.year.setSuffix(self.tr(" 年"))
        self.station.currentIndexChanged.connect(lambda _i: self.reload())
        self.year.valueChanged.connect(lambda _v: self.reload())
        plan_button = QPushButton(self.tr("生成/重排计划…"))
        plan_button.clicked.connect(lambda: self.open_plan_dialog())
        holidays_button = QPushButton(self.tr("节假日…"))
        holidays_button.clicked.connect(lambda: self.open_holidays())
        export_button = QPushButton(self.tr("导出 Excel…"))
        export_button.clicked.connect(lambda: self.export_excel())
        poster_button = QPushButton(self.tr("打印公示…"))
        poster_button.clicked.connect(lambda: self.print_poster())
        remind_button = QPushButton(self.tr("提醒名单…"))
        remind_button.clicked.connect(lambda: self.print_reminders())
        mark_editing(plan_button, holidays_button)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("联络站")))
        top.addWidget(self.station)
        top.addWidget(self.year)
        top.addStretch(1)
        for b in (plan_button, holidays_button, export_button, poster_button, remind_button):
            top.addWidget(b)
        self.plan_button = plan_button

        self.upcoming_title = QLabel()
        self.upcoming_title.setStyleSheet("font-weight: bold;")
        self.upcoming = table(
            (
                tr("日期"),
                tr("星期"),
                tr("时间"),
                tr("联络站"),
                tr("坐班代表"),
                tr("联系电话"),
                tr("状态"),
            )
        )
        self.upcoming.setObjectName("upcoming")
        self.upcoming.setMaximumHeight(120)

        self.month_page = MonthPage(self)
        self.year_page = YearPage(self)
        self.person_page = PersonPage(self)
        self.counts_page = CountsPage()
        self.views = QTabWidget()
        self.views.addTab(self.month_page, self.tr("月历"))
        self.views.addTab(self.year_page, self.tr("全年列表"))
        self.views.addTab(self.person_page, self.tr("代表个人"))
        self.views.addTab(self.counts_page, self.tr("出勤统计"))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(top)
        layout.addWidget(self.upcoming_title)
        layout.addWidget(self.upcoming)
        layout.addWidget(self.views, 1)
        self.defer_or_reload(lazy)

    @property
    def today(self) -> date:
        return self._today or date.today()

    # --- loading ------------------------------------------------------------------------------

    def set_database(self, db: Database) -> None:
        self.db = db
        self.mark_stale()

    def full_reload(self) -> None:
        self.reload_stations()

    def reload_stations(self) -> None:
        with self.db.session() as s:
            choices = station_choices(s)
        refill(self.station, choices)
        self.reload()

    @property
    def station_id(self) -> str | None:
        return self.station.currentData()

    def reload(self) -> None:
        year = self.year.value()
        with self.db.session() as s:
            self.days = (
                duty.duty_days(s, station_id=self.station_id, year=year, today=self.today)
                if self.station_id
                else []
            )
            self.holidays = {h.day: (h.kind, h.name) for h in duty.year_holidays(s, year)}
            upcoming = duty.duty_days(
                s, start=self.today, end=self.today + timedelta(days=13), today=self.today
            )
            counts = (
                duty.attendance_counts(s, year, station_id=self.station_id, today=self.today)
                if self.station_id
                else []
            )
            history = duty.swap_history(s, self.station_id, year) if self.station_id else []
        self._fill_upcoming(upcoming)
        self.month_page.show_month(self.month_page.month)
        self.month_page.fill_history(history)
        self.year_page.fill(self.days)
        self.person_page.fill_choices()
        self.counts_page.fill(counts)

    def _fill_upcoming(self, days: list[DutyDayView]) -> None:
        """All stations' duty days of the next 14 days, for the reminder calls."""
        rows = []
        for d in days:
            when = self.tr("今天") if d.day == self.today else f"{d.day:%m-%d}"
            for s in d.seats:
                if s.attendance == Attendance.SUBSTITUTED and s.substitute:
                    who, phone = (
                        self.tr("{0}（替{1}）").format(s.substitute, s.name),
                        s.substitute_phone,
                    )
                else:
                    who, phone = s.name, s.phone
                rows.append((when, d.weekday, d.hours, d.station, who, phone, s.shown))
        self.upcoming_title.setText(
            self.tr("近14天坐班（{0} 至 {1}，全部联络站）：{2} 人次").format(
                f"{self.today:%m-%d}", f"{self.today + timedelta(days=13):%m-%d}", len(rows)
            )
        )
        set_rows(self.upcoming, rows, 6)

    # --- actions ------------------------------------------------------------------------------

    def _write(self, fn: Callable[[Any], object], error_title: str, message: str) -> bool:
        """One write through the action helper; the bus reloads the tab, the day stays selected."""

        def write(s: Any) -> bool:
            fn(s)
            return True

        day = self.selected_day()

        def reload() -> None:  # 重新载入: the day as another PC recorded it
            self.reload()
            if day:
                self.select_day(day.day)

        if not run_action(
            self, self.db, write, changes=[DUTY], error_title=error_title, on_reload=reload
        ):
            return False
        self.last_message = message
        if day:
            self.select_day(day.day)
        return True

    def open_plan_dialog(self) -> PlanDialog | None:
        if not self.station_id:
            QMessageBox.information(
                self,
                self.tr("还没有联络站"),
                self.tr("请先在“联络站与代表”中建立联络站并分配代表。"),
            )
            return None
        dialog = PlanDialog(
            self.db,
            self.station_id,
            self.station.currentText(),
            self.year.value(),
            today=self.today,
            parent=self,
        )
        dialog.accepted.connect(lambda: setattr(self, "last_message", dialog.result_text))
        dialog.open()
        return dialog

    def show_day(self, station_id: str | None, day: date) -> bool:
        """The home page's duty lines: the station's month with the day selected."""
        self.load_now()
        index = self.station.findData(station_id)
        if index >= 0:
            self.station.setCurrentIndex(index)
        self.year.setValue(day.year)
        self.views.setCurrentWidget(self.month_page)
        self.show_month(day.month)
        return bool(self.select_day(day))

    def open_holidays_for(self, year: int) -> HolidayDialog:
        """The home page's "holidays missing" line: that year's holiday editor."""
        self.load_now()
        self.year.setValue(year)
        return self.open_holidays()

    def open_holidays(self) -> HolidayDialog:
        dialog = HolidayDialog(self.db, self.year.value(), self)
        dialog.open()
        return dialog

    def _output(
        self, path: Path | None, kind: str, title: str, default: str, filter_text: str
    ) -> Path | None:
        """The file given, or the one the user picks (in the last folder of this kind)."""
        self._asked = path is None
        return path or ask_save_path(self, kind, title, default, filter_text)

    def _write_output(self, path: Path, write: Callable[[Any], T], message: str) -> T | None:
        """`write(session)` (an output service, the user agreed to replace); then, when the
        user picked the file, where it went (a caller's own path gets no box)."""
        result = run_read(self, self.db, write)
        if result is not None:
            self.last_message = message.format(result)
            if self._asked:
                show_saved(self, path, self.last_message)
        return result

    def export_excel(self, path: Path | None = None) -> int:
        year = self.year.value()
        path = self._output(
            path,
            "duty-excel",
            self.tr("导出坐班安排"),
            notr("{0}{1}年坐班安排.xlsx").format(self.station.currentText(), year),
            self.tr("Excel 文件 (*.xlsx)"),
        )
        if path is None:
            return 0
        # output libraries load on first use, so the window opens fast
        from twdesk.services.duty_outputs import export_duty

        station_id = self.station_id
        return (
            self._write_output(
                path,
                lambda s: export_duty(
                    s, path, year, station_id=station_id, today=self.today, overwrite=True
                ),
                self.tr("已导出 {0} 条坐班安排"),
            )
            or 0
        )

    def print_poster(self, path: Path | None = None, size: str | None = None) -> int:
        if not self.station_id:
            return 0
        if size is None:
            size, ok = QInputDialog.getItem(
                self, self.tr("打印公示"), self.tr("纸张（横向）"), ["A4", "A3"], 0, False
            )
            if not ok:
                return 0
        from twdesk.services.duty_outputs import poster_data, print_poster

        year = self.year.value()
        try:
            with self.db.session() as s:
                data = poster_data(s, self.station_id, year)
        except DutyError as exc:
            QMessageBox.information(self, self.tr("打印公示"), str(exc))
            return 0
        path = self._output(
            path,
            "duty-poster",
            self.tr("保存坐班公示"),
            notr("{0}{1}年坐班公示-{2}.pdf").format(data.station, year, size),
            self.tr("PDF 文件 (*.pdf)"),
        )
        if path is None:
            return 0
        station_id = self.station_id
        pages = self._write_output(
            path,
            lambda s: print_poster(s, path, station_id, year, size=size, overwrite=True),
            self.tr("坐班公示已保存：{0}").format(path.name) + self.tr("（{0} 页）"),
        )
        return pages or 0

    def print_reminders(self, path: Path | None = None, days: int = 14) -> int:
        from twdesk.services.duty_outputs import print_reminders

        path = self._output(
            path,
            "duty-reminders",
            self.tr("保存提醒名单"),
            notr("坐班提醒名单-{0}.pdf").format(f"{self.today:%Y%m%d}"),
            self.tr("PDF 文件 (*.pdf)"),
        )
        if path is None:
            return 0

        message = self.tr("提醒名单已保存：{0}").format(path.name) + self.tr("（{0} 人次）")
        write = lambda s: print_reminders(s, path, self.today, days, overwrite=True)  # noqa: E731
        return self._write_output(path, write, message) or 0
