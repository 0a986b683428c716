"""首页, the first tab: what needs doing today across the county (each line a click away from
its record), the county overview's charts, the station assessment and the rectification ledger.

The station assessment lives here rather than in 联络站与代表: it is the county office's view
across all stations (ranked against each other, with its overdue rectifications feeding the
home page's lines), while 联络站与代表 edits one station and its people.

Start-up is never delayed: the tab reads the file only after the window has painted (LazyLoad),
the cheap lines first, the rest in a worker thread; the other pages load when first shown.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from twdesk.core.home_view import TAB_HOME, HomeLine
from twdesk.ui.actions import EVERYTHING
from twdesk.ui.tabs.home.assessment_page import AssessmentPage
from twdesk.ui.tabs.home.common import HomeContext, load_stations, tr
from twdesk.ui.tabs.home.overview_page import OverviewPage
from twdesk.ui.tabs.home.rectification_page import RectificationPage
from twdesk.ui.tabs.home.today_page import TodayPage
from twdesk.ui.tabs.lazy import LazyLoad

if TYPE_CHECKING:
    from twdesk.db.dbfile import Database


class HomeTab(LazyLoad, QWidget):
    reload_on = EVERYTHING  # anything another tab changes can change a line
    line_activated = Signal(object)  # a HomeLine owned by another tab

    def __init__(
        self,
        db: Database,
        parent: QWidget | None = None,
        *,
        today: date | None = None,
        lazy: bool = False,
    ) -> None:
        super().__init__(parent)
        self.ctx = HomeContext(db, today)
        self.today_page = TodayPage(self.ctx)
        self.overview_page = OverviewPage(self.ctx)
        self.assessment_page = AssessmentPage(self.ctx)
        self.rectification_page = RectificationPage(self.ctx)
        self.pages = QTabWidget()
        self.pages.addTab(self.today_page, tr("今日待办"))
        self.pages.addTab(self.overview_page, tr("全县概况"))
        self.pages.addTab(self.assessment_page, tr("联络站考评"))
        self.pages.addTab(self.rectification_page, tr("整改台账"))
        self.pages.currentChanged.connect(lambda _i: self._load_page())
        self.today_page.line_activated.connect(self._line)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.pages)
        self.defer_or_reload(lazy)

    @property
    def db(self) -> Database:
        return self.ctx.db

    def set_database(self, db: Database) -> None:
        self.shutdown()
        self.ctx.db = db
        self.mark_stale()

    def shutdown(self) -> None:
        """Wait for the worker counting the rest of the lines (before the file is closed)."""
        self.today_page.wait()

    def full_reload(self) -> None:
        self.ctx.stations = load_stations(self.ctx.db)
        self.today_page.fill_stations()
        self.rectification_page.fill_stations()
        for page in (self.overview_page, self.assessment_page, self.rectification_page):
            page.loaded = False
        self.today_page.refresh()
        self._load_page()

    def _load_page(self) -> None:
        page = self.pages.currentWidget()
        if page is self.overview_page:
            self.overview_page.station_id = self.today_page.station_id
        if page is not self.today_page and not getattr(page, "loaded", True):
            page.refresh()  # type: ignore[attr-defined]

    def _line(self, line: HomeLine) -> None:
        if line.tab == TAB_HOME:
            self.show_rectification(line.target.get("station_id"))
        else:
            self.line_activated.emit(line)

    def show_rectification(self, station_id: str | None) -> None:
        self.load_now()
        self.rectification_page.loaded = True  # show_station reads it
        self.pages.setCurrentWidget(self.rectification_page)
        self.rectification_page.show_station(station_id)
