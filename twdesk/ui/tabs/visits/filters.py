"""The filter bar of the register and of 意见办理: station, delegate, category, status, period,
overdue and a search box that filters as the user types."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from twdesk.core.vocab import OpinionStatus
from twdesk.services import visits
from twdesk.services.people import station_choices
from twdesk.services.visits import VisitFilter
from twdesk.ui.widgets.combos import refill

if TYPE_CHECKING:
    from twdesk.db.dbfile import Database

TYPING_PAUSE_MS = 250  # the search runs this long after the last keystroke
SEARCH_MIN_WIDTH = 220


@dataclass(frozen=True)
class FilterChoices:
    stations: list[tuple[str, str]]
    people: list[tuple[str, str]]
    categories: list[str]

    @staticmethod
    def load(db: Database) -> FilterChoices:
        """What the filter lists offer, read once for all the bars of a tab."""
        with db.session() as s:
            return FilterChoices(
                station_choices(s), visits.receiver_choices(s), visits.categories(s)
            )


class FilterBar(QWidget):
    """Builds a VisitFilter; `changed` when any part changes (the text a moment after typing)."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.station = QComboBox()
        self.person = QComboBox()
        self.category = QComboBox()
        self.status = QComboBox()
        self.use_start = QCheckBox(self.tr("从"))
        self.start = QDateEdit()
        self.use_end = QCheckBox(self.tr("到"))
        self.end = QDateEdit()
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setDate(QDate.currentDate())
            edit.dateChanged.connect(lambda _d: self.changed.emit())
        self.overdue = QCheckBox(self.tr("只看超期"))
        self.text = QLineEdit()
        self.text.setPlaceholderText(self.tr("搜索内容或来访人（边输入边筛选）"))
        self.text.setClearButtonEnabled(True)
        self.text.setMinimumWidth(SEARCH_MIN_WIDTH)
        self.typing = QTimer(self)
        self.typing.setSingleShot(True)
        self.typing.setInterval(TYPING_PAUSE_MS)
        self.typing.timeout.connect(lambda: self.changed.emit())
        self.text.textChanged.connect(lambda _t: self.typing.start())
        self.text.returnPressed.connect(lambda: self._search_now())
        for combo in (self.station, self.person, self.category, self.status):
            combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        for box in (self.use_start, self.use_end, self.overdue):
            box.toggled.connect(lambda _on: self.changed.emit())
        # two rows: the lists keep their full names ("全部接待代表") and the search box has room
        # at the default window width, also beside 意见办理's side panel
        lists, period = QHBoxLayout(), QHBoxLayout()
        for w in (self.station, self.person, self.category, self.status, self.overdue):
            lists.addWidget(w)
        lists.addStretch(1)
        for w in (self.use_start, self.start, self.use_end, self.end):
            period.addWidget(w)
        period.addWidget(self.text, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(lists)
        layout.addLayout(period)

    def _search_now(self) -> None:
        self.typing.stop()
        self.changed.emit()

    def fill(self, choices: FilterChoices) -> None:
        refill(self.station, choices.stations, first=self.tr("全部联络站"))
        refill(self.person, choices.people, first=self.tr("全部接待代表"))
        refill(self.category, [(n, n) for n in choices.categories], first=self.tr("全部类别"))
        statuses = [(str(s), str(s)) for s in OpinionStatus]
        refill(self.status, statuses, first=self.tr("全部状态"))

    def value(self) -> VisitFilter:
        return VisitFilter(
            station_id=self.station.currentData(),
            person_id=self.person.currentData(),
            category=self.category.currentData(),
            status=self.status.currentData(),
            start=self.start.date().toPython() if self.use_start.isChecked() else None,
            end=self.end.date().toPython() if self.use_end.isChecked() else None,
            overdue=self.overdue.isChecked(),
            text=self.text.text(),
        )
