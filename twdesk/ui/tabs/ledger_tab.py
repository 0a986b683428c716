"""履职记录: the station's register (总账本) with confirm / return of self-reports, one delegate's
ledger (分账本) with 1+100 progress and duty days from the calendar, monthly / quarterly
summaries, delegates behind target, projects and the targets themselves — one widget per page
(twdesk/ui/tabs/ledger/); this tab holds the year and station they share and assembles them."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from twdesk.services import ledger
from twdesk.services.people import group_choices, station_choices
from twdesk.services.people_search import PeopleIndex
from twdesk.ui.actions import DUTY, LEDGER, PEOPLE, SETTINGS, STATIONS, changes
from twdesk.ui.tabs.lazy import LazyLoad
from twdesk.ui.tabs.ledger.behind_page import BehindPage
from twdesk.ui.tabs.ledger.common import LedgerContext
from twdesk.ui.tabs.ledger.delegate_page import DelegatePage
from twdesk.ui.tabs.ledger.projects_page import ProjectsPage
from twdesk.ui.tabs.ledger.register_page import RegisterPage
from twdesk.ui.tabs.ledger.summary_page import SummaryPage
from twdesk.ui.tabs.ledger.targets_page import TargetsPage
from twdesk.ui.widgets.combos import refill

if TYPE_CHECKING:
    from twdesk.db.dbfile import Database

# a change to any of these areas can change what the pages show
WATCHED = frozenset({LEDGER, PEOPLE, STATIONS, DUTY, SETTINGS})


class LedgerTab(LazyLoad, QWidget):
    def __init__(
        self,
        db: Database,
        parent: QWidget | None = None,
        *,
        today: date | None = None,
        lazy: bool = False,
    ) -> None:
        super().__init__(parent)
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setSuffix(self.tr(" 年"))
        self.station = QComboBox()
        self.station.setMinimumWidth(200)
        self.ctx = LedgerContext(db, today, self.year, self.station)
        self.year.setValue(self.ctx.today.year)
        self.year.valueChanged.connect(lambda _v: self.reload())
        self.station.currentIndexChanged.connect(lambda _i: self.reload())
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("联络站")))
        top.addWidget(self.station)
        top.addWidget(self.year)
        top.addStretch(1)
        self.register_page = RegisterPage(self.ctx)
        self.delegate_page = DelegatePage(self.ctx)
        self.summary_page = SummaryPage(self.ctx)
        self.behind_page = BehindPage(self.ctx)
        self.projects_page = ProjectsPage(self.ctx)
        self.targets_page = TargetsPage(self.ctx)
        self.pages = QTabWidget()
        self.pages.addTab(self.register_page, self.tr("活动登记簿（总账本）"))
        self.pages.addTab(self.delegate_page, self.tr("代表履职手册（分账本）"))
        self.pages.addTab(self.summary_page, self.tr("月度 / 季度汇总"))
        self.pages.addTab(self.behind_page, self.tr("未达标代表"))
        self.pages.addTab(self.projects_page, self.tr("领办项目"))
        self.pages.addTab(self.targets_page, self.tr("目标设置"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(top)
        layout.addWidget(self.pages)
        changes().changed.connect(self._data_changed)
        self.defer_or_reload(lazy)

    @property
    def db(self) -> Database:
        return self.ctx.db

    def set_database(self, db: Database) -> None:
        self.ctx.db = db
        self.mark_stale()

    def full_reload(self) -> None:
        """The choices (stations, types, people, groups) and then every page."""
        with self.ctx.db.session() as s:
            stations = station_choices(s)
            types = ledger.activity_types(s)
            self.ctx.index = PeopleIndex.load(s)
            groups = group_choices(s)
        refill(self.station, stations, first=self.tr("全部联络站"))
        self.register_page.fill_choices(
            types,
            [(e.id, e.name) for e in self.ctx.index.entries if "团代表" in e.roles],
            [(g, f"{st}·{n}") for g, n, st in groups],
        )
        self.reload()
        self.targets_page.fill(types)

    def show_entries(self, station_id: str | None, confirmation: str | None) -> None:
        """The home page's 待确认 line: this year's register of the station, that state only."""
        self.load_now()
        self.year.setValue(self.ctx.today.year)
        self.station.setCurrentIndex(max(self.station.findData(station_id), 0))
        page = self.register_page
        page.state_filter.setCurrentIndex(max(page.state_filter.findData(confirmation), 0))
        self.pages.setCurrentWidget(page)

    def show_behind(self, station_id: str | None) -> None:
        """The home page's 1+100 line: the station's delegates behind their targets."""
        self.load_now()
        self.year.setValue(self.ctx.today.year)
        self.station.setCurrentIndex(max(self.station.findData(station_id), 0))
        self.pages.setCurrentWidget(self.behind_page)

    def reload(self) -> None:
        """Every page for the year and station; the year per delegate is computed once."""
        with self.ctx.db.session() as s:
            self.ctx.goal = ledger.targets(s)
            self.ctx.rows = ledger.ledger(
                s, self.ctx.year, station_id=self.ctx.station_id, today=self.ctx.today
            )
        self.register_page.refresh()
        self.delegate_page.refresh()
        self.summary_page.refresh()
        self.behind_page.refresh()
        self.projects_page.refresh()

    def _data_changed(self, areas: frozenset[str]) -> None:
        if not areas & WATCHED:
            return
        if not self.isVisible() or self._stale:
            self._stale = True  # reloaded when next shown
        elif areas <= {LEDGER}:
            self.reload()  # the filters and the targets being edited stay as they are
        else:
            self.full_reload()
