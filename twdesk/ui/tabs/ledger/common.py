"""What every ledger page reads: the open file, today, and the tab's year and station."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QComboBox, QSpinBox

from twdesk.services.ledger import DelegateYear, Targets
from twdesk.services.people_search import PeopleIndex
from twdesk.ui.i18n import tr

if TYPE_CHECKING:
    from twdesk.db.dbfile import Database


class LedgerContext:
    def __init__(
        self, db: Database, today: date | None, year: QSpinBox, station: QComboBox
    ) -> None:
        self.db = db
        self.fixed_today = today
        self.year_box = year
        self.station_box = station
        self.index = PeopleIndex([])
        self.goal = Targets()
        self.rows: list[DelegateYear] = []  # the year per delegate, read once per reload

    @property
    def today(self) -> date:
        return self.fixed_today or date.today()

    @property
    def year(self) -> int:
        return self.year_box.value()

    @property
    def station_id(self) -> str | None:
        return self.station_box.currentData()

    def year_range(self) -> tuple[date, date]:
        return date(self.year, 1, 1), date(self.year, 12, 31)


def counted_types_text(goal: Targets) -> str:
    """Which activity types count towards 联系青年人次, said plainly."""
    return tr("计入联系青年人次的活动类型：") + "、".join(goal.youth_types)
