"""来访登记: intake on duty days, the register (paged), opinion handling (交办 → 办结 → 反馈)
with overdue items in red, and statistics with charts, PDF and Excel — one widget per page
(twdesk/ui/tabs/visits/); this tab only assembles them and reloads them when the data changes."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from twdesk.ui.actions import DUTY, PEOPLE, SETTINGS, STATIONS, VISITS, changes
from twdesk.ui.tabs.lazy import LazyLoad
from twdesk.ui.tabs.visits.common import PageContext
from twdesk.ui.tabs.visits.filters import FilterChoices
from twdesk.ui.tabs.visits.intake_page import IntakePage
from twdesk.ui.tabs.visits.items_page import ItemsPage
from twdesk.ui.tabs.visits.register_page import RegisterPage
from twdesk.ui.tabs.visits.stats_page import StatsPage
from twdesk.ui.widgets.intake_form import IntakeForm

if TYPE_CHECKING:
    from twdesk.db.dbfile import Database

# a change to any of these areas can change what the pages show
WATCHED = frozenset({VISITS, PEOPLE, STATIONS, DUTY, SETTINGS})


class VisitsTab(LazyLoad, QWidget):
    def __init__(
        self,
        db: Database,
        parent: QWidget | None = None,
        *,
        today: date | None = None,
        lazy: bool = False,
    ) -> None:
        super().__init__(parent)
        self.ctx = PageContext(db, today)
        self.intake_page = IntakePage(self.ctx, load=not lazy)
        self.register_page = RegisterPage(self.ctx)
        self.items_page = ItemsPage(self.ctx)
        self.stats_page = StatsPage(self.ctx)
        self.register_page.edit_requested.connect(self.edit_visit)
        self.pages = QTabWidget()
        self.pages.addTab(self.intake_page, self.tr("登记"))
        self.pages.addTab(self.register_page, self.tr("来访记录"))
        self.pages.addTab(self.items_page, self.tr("意见办理"))
        self.pages.addTab(self.stats_page, self.tr("统计"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.pages)
        changes().changed.connect(self._data_changed)
        self.defer_or_reload(lazy)

    @property
    def db(self) -> Database:
        return self.ctx.db

    @property
    def intake(self) -> IntakeForm:
        return self.intake_page.form

    # --- loading ------------------------------------------------------------------------------

    def set_database(self, db: Database) -> None:
        self.ctx.db = db
        self.mark_stale()

    def full_reload(self) -> None:
        self.intake_page.reload()
        choices = FilterChoices.load(self.ctx.db)
        self.register_page.fill_choices(choices)
        self.items_page.fill_choices(choices)
        self.stats_page.fill_stations(choices.stations)
        self.reload_lists()

    def reload_lists(self) -> None:
        self.register_page.refresh()
        self.items_page.refresh()
        self.stats_page.refresh()

    def _data_changed(self, areas: frozenset[str]) -> None:
        if not areas & WATCHED:
            return
        if not self.isVisible() or self._stale:
            self._stale = True  # reloaded when next shown
        elif areas <= {VISITS}:
            self.reload_lists()  # the form keeps what is being typed
        else:
            self.full_reload()

    def edit_visit(self, visit_id: str) -> None:
        """Double-click in the register: correct that visit in the intake form."""
        self.intake.load_visit(visit_id)
        self.pages.setCurrentWidget(self.intake_page)

    def show_items(
        self, station_id: str | None, item_number: str | None = None, *, overdue: bool = False
    ) -> bool:
        """The home page's opinion lines: 意见办理 filtered to the station (and 超期), with the
        item selected."""
        self.load_now()
        bar = self.items_page.filter
        for widget in (bar.station, bar.person, bar.category, bar.status, bar.overdue):
            widget.blockSignals(True)
        bar.station.setCurrentIndex(max(bar.station.findData(station_id), 0))
        for combo in (bar.person, bar.category, bar.status):
            combo.setCurrentIndex(0)
        bar.overdue.setChecked(overdue)
        bar.use_start.setChecked(False)
        bar.use_end.setChecked(False)
        bar.text.clear()
        for widget in (bar.station, bar.person, bar.category, bar.status, bar.overdue):
            widget.blockSignals(False)
        bar.typing.stop()
        self.items_page.refresh()
        self.pages.setCurrentWidget(self.items_page)
        return self.items_page.select_item(item_number) if item_number else True

    def shutdown(self) -> None:
        """Wait for background counts (a fraction of a second) before the file is closed."""
        self.register_page.shutdown()
