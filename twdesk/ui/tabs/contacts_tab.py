"""联系青年: delegates' 1+100 and cadres' direct contact with young people — progress per
contactor, one contactor's book and contact log, shared young people, grassroots days, open
days, satisfaction ballots, the quarterly bulletin and the settings, one widget per page
(twdesk/ui/tabs/contacts/); this tab holds the year they share and reads the year once."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QHBoxLayout, QLabel, QSpinBox, QTabWidget, QVBoxLayout, QWidget

from twdesk.services import contacts
from twdesk.ui.actions import CONTACTS, LEDGER, PEOPLE, SETTINGS, run_read
from twdesk.ui.tabs.contacts.ballots_page import BallotsPage
from twdesk.ui.tabs.contacts.book_page import BookPage
from twdesk.ui.tabs.contacts.bulletin_page import BulletinPage
from twdesk.ui.tabs.contacts.common import ContactsContext
from twdesk.ui.tabs.contacts.grassroots_page import GrassrootsPage
from twdesk.ui.tabs.contacts.open_days_page import OpenDaysPage
from twdesk.ui.tabs.contacts.progress_page import ProgressPage
from twdesk.ui.tabs.contacts.shared_page import SharedPage
from twdesk.ui.tabs.lazy import LazyLoad

if TYPE_CHECKING:
    from twdesk.db.dbfile import Database


class ContactsTab(LazyLoad, QWidget):
    reload_on = frozenset({CONTACTS, PEOPLE, SETTINGS, LEDGER})

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
        self.ctx = ContactsContext(db, today, self.year)
        self.year.setValue(self.ctx.today.year)
        self.year.valueChanged.connect(lambda _v: self.full_reload())
        self.progress_page = ProgressPage(self.ctx, self.open_book)
        self.book_page = BookPage(self.ctx)
        self.shared_page = SharedPage(self.ctx)
        self.grassroots_page = GrassrootsPage(self.ctx)
        self.open_days_page = OpenDaysPage(self.ctx)
        self.ballots_page = BallotsPage(self.ctx)
        self.bulletin_page = BulletinPage(self.ctx)
        self.pages = QTabWidget()
        self.pages.addTab(self.progress_page, self.tr("联系人进度"))
        self.pages.addTab(self.book_page, self.tr("联系青年名册"))
        self.pages.addTab(self.shared_page, self.tr("共有青年"))
        self.pages.addTab(self.grassroots_page, self.tr("下基层"))
        self.pages.addTab(self.open_days_page, self.tr("专题开放日"))
        self.pages.addTab(self.ballots_page, self.tr("满意度测评"))
        self.pages.addTab(self.bulletin_page, self.tr("季度通报与设置"))
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("年度")))
        top.addWidget(self.year)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(top)
        layout.addWidget(self.pages)
        self.defer_or_reload(lazy)

    @property
    def db(self) -> Database:
        return self.ctx.db

    def set_database(self, db: Database) -> None:
        self.ctx.db = db
        self.mark_stale()

    def full_reload(self) -> None:
        """The contactors, the fields, the settings and the year's counts; then every page."""
        year, today = self.ctx.year, self.ctx.today

        def read(s):  # type: ignore[no-untyped-def]
            return (
                contacts.contactors(s),
                contacts.youth_fields(s),
                contacts.settings(s),
                contacts.year_counts(s, year, today=today),
            )

        loaded = run_read(self, self.ctx.db, read)
        if loaded is None:
            return
        self.ctx.contactors, self.ctx.fields, self.ctx.settings, self.ctx.rows = loaded
        self.progress_page.refresh()
        self.book_page.refresh()
        self.shared_page.refresh()
        self.grassroots_page.refresh()
        self.open_days_page.refresh()
        self.ballots_page.refresh()
        self.bulletin_page.refresh()

    def open_book(self, person_id: str) -> None:
        self.load_now()
        self.book_page.select_contactor(person_id)
        self.pages.setCurrentWidget(self.book_page)
