"""What the home page (首页) shows, as plain data: the lines of what needs doing, where each
one leads, and the county overview's chart series and one-page summary."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# the tab a line opens (the GUI maps these to its tabs; "backups" opens the backups dialog)
TAB_PEOPLE = "people"
TAB_DUTY = "duty"
TAB_VISITS = "visits"
TAB_LEDGER = "ledger"
TAB_CONTACTS = "contacts"
TAB_EVALUATION = "evaluation"
TAB_HOME = "home"  # the home tab's own pages (assessment, rectification)
TAB_BACKUPS = "backups"


@dataclass(frozen=True)
class HomeLine:
    """One line: what needs doing, how many, where (station), and where a click leads.

    `target` carries what the owning tab needs to show the record: a record id
    (`assignment_id`, `item_number`, `activity_id`, `person_id`, `problem_id`) and/or a filter
    (`station_id`, `day`, `year`, `overdue`, `due_until`, `confirmation`, `page`)."""

    kind: str  # duty_today, duty_unrecorded, items_overdue, items_due, ledger_pending, …
    group: str  # the heading the line is listed under
    text: str
    count: int
    tab: str
    target: dict[str, Any] = field(default_factory=dict)
    station_id: str | None = None
    station: str = ""
    urgent: bool = False  # shown in red


@dataclass(frozen=True)
class Chart:
    title: str
    values: tuple[tuple[str, int], ...]
    unit: str = ""  # "%" for rates


@dataclass(frozen=True)
class CountySummary:
    """The one-page county summary (月调度、季总结)."""

    title: str
    office: str
    period: str
    facts: tuple[str, ...]  # one sentence per home-page heading
    charts: tuple[Chart, ...]
