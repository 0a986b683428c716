"""What every 联系青年 page reads: the open file, today, the tab's year, the contactors and the
year's counts (read once per reload)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QSpinBox

from twdesk.services.contact_counts import ContactSettings
from twdesk.services.contacts import Contactor, ContactorYear

if TYPE_CHECKING:
    from twdesk.db.dbfile import Database

# a change to any of these makes the pages read again (ui.actions areas)
CHANGES = ("contacts", "ledger")


class ContactsContext:
    def __init__(self, db: Database, today: date | None, year: QSpinBox) -> None:
        self.db = db
        self.fixed_today = today
        self.year_box = year
        self.contactors: list[Contactor] = []
        self.rows: list[ContactorYear] = []
        self.fields: list[str] = []
        self.settings = ContactSettings()

    @property
    def today(self) -> date:
        return self.fixed_today or date.today()

    @property
    def year(self) -> int:
        return self.year_box.value()

    def cadres(self) -> list[Contactor]:
        return [c for c in self.contactors if c.role == "团干部"]


def date_edit(day: date) -> QDateEdit:
    edit = QDateEdit(QDate(day.year, day.month, day.day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit
