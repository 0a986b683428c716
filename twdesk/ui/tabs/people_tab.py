"""联络站与代表: the station page (tree, board, groups) beside the people page (search, filters,
table, editor, import and export). The tab only assembles them, loads the file's people once
per reload and filters them as the user types."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

from twdesk.services.files import Database
from twdesk.services.people_search import PeopleIndex, PersonEntry
from twdesk.ui.actions import PEOPLE, STATIONS
from twdesk.ui.tabs.lazy import LazyLoad
from twdesk.ui.tabs.people.people_panel import PeoplePanel
from twdesk.ui.tabs.people.station_panel import StationPanel


def _on(page: str, name: str) -> Any:
    """An attribute of one of the pages, reachable on the tab as before the split."""
    return property(lambda self: getattr(getattr(self, page), name))


class PeopleTab(LazyLoad, QWidget):
    """Reloads itself when people or stations change (the `actions.changes()` bus)."""

    reload_on = frozenset({PEOPLE, STATIONS})

    # the station page
    tree = _on("stations", "tree")
    show_retired = _on("stations", "show_retired")
    board = _on("stations", "board")
    groups = _on("stations", "groups")
    add_group_button = _on("stations", "add_group_button")
    station_names = _on("stations", "station_names")
    selected_station_id = _on("stations", "selected_station_id")
    select_station = _on("stations", "select_station")
    add_station = _on("stations", "add_station")
    edit_station = _on("stations", "edit_station")
    retire_station = _on("stations", "retire_station")
    add_group = _on("stations", "add_group")
    remove_group = _on("stations", "remove_group")
    delete_station = _on("stations", "delete_station")
    # the people page
    search = _on("people", "search")
    level = _on("people", "level")
    status = _on("people", "status")
    role = _on("people", "role")
    count_label = _on("people", "count_label")
    model = _on("people", "model")
    table = _on("people", "table")
    edit_person_button = _on("people", "edit_person_button")
    selected_person_id = _on("people", "selected_person_id")
    select_person = _on("people", "select_person")
    person_dialog = _on("people", "person_dialog")
    add_person = _on("people", "add_person")
    edit_person = _on("people", "edit_person")
    delete_person = _on("people", "delete_person")
    import_roster = _on("people", "import_roster")
    export_roster = _on("people", "export_roster")
    save_template = _on("people", "save_template")
    last_message = _on("people", "last_message")

    def __init__(self, db: Database, parent: QWidget | None = None, *, lazy: bool = False) -> None:
        super().__init__(parent)
        self.db = db
        self.stations = StationPanel(db)
        self.people = PeoplePanel(db, self.stations)
        self.stations.filters_changed.connect(lambda: self.apply_filters())
        self.people.filters_changed.connect(lambda: self.apply_filters())
        splitter = QSplitter()
        splitter.addWidget(self.stations)
        splitter.addWidget(self.people)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([300, 900])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(splitter)
        self.defer_or_reload(lazy)

    @property
    def index(self) -> PeopleIndex:
        return self.people.index

    # --- loading ------------------------------------------------------------------------------

    def full_reload(self) -> None:
        self.reload()

    def set_database(self, db: Database) -> None:
        self.db = self.stations.db = self.people.db = db
        self.mark_stale()

    def reload(self, select_person: str | None = None) -> None:
        with self.db.session() as s:
            self.people.index = PeopleIndex.load(s)
        self.reload_stations()  # filters the people too
        if select_person:
            self.select_person(select_person)

    def reload_stations(self) -> None:
        entries = self.people.index.entries
        total = sum(1 for e in entries if e.status == "在任" and "团代表" in e.roles)
        self.stations.reload_stations(total)

    def apply_filters(self) -> list[PersonEntry]:
        results = self.people.index.search(
            self.people.search.text(),
            station=self.stations.selected_station_name(),
            group=self.stations.selected_group_name(),
            **self.people.filters(),
        )
        self.people.show_entries(results)
        return results
