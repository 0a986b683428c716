"""One delegate's dossier (一人一册一档案) as plain data: what `twdesk.services.dossier` reads
from the file and `twdesk.reports.dossier` prints. Nothing here touches the database.

The dossier is about the delegate: visitors appear only as a visit's date, category and number
of people — never their names or phones.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from twdesk.core.evaluation_rules import Scheme
from twdesk.core.evaluation_view import DelegateResult

MONTHS = 12


@dataclass(frozen=True)
class PersonInfo:
    """基本信息. ``id_number`` is already masked or full, as the office setting decided."""

    name: str
    gender: str = ""
    birth: date | None = None
    ethnicity: str = ""
    politics: str = ""
    education: str = ""
    id_number: str = ""
    id_masked: bool = True
    phone: str = ""
    unit: str = ""
    position: str = ""
    level: str = ""
    sector: str = ""
    term: str = ""  # 届次
    station: str = ""
    status: str = ""
    photo: bytes | None = None


@dataclass(frozen=True)
class StatusLine:
    changed_on: date
    status: str
    reason: str


@dataclass(frozen=True)
class Links:
    """两联 and the other current links."""

    committee: tuple[str, ...] = ()  # 委员 who contact the delegate
    mentors: tuple[str, ...] = ()  # 往届团代表 who mentor the delegate
    branches: tuple[str, ...] = ()  # 团支部 the delegate is paired with


@dataclass(frozen=True)
class YouthContacts:
    """Youth contacts (1+100) and branches against the targets; ``by_month`` has 12 entries.

    ``unit``: 人次 (the activities' youth counts, the default) or 人 (distinct young people from
    the contact book, when the office counts that way; ``by_month`` then holds the people first
    met in each month)."""

    total: int
    target: int
    by_month: tuple[int, ...]
    branches: tuple[str, ...] = ()  # branches contacted in the year
    branch_target: int = 1
    unit: str = "人次"

    @property
    def share(self) -> float:
        """Progress towards the target, 0..1 (1 when there is no target)."""
        return min(1.0, self.total / self.target) if self.target else 1.0


@dataclass(frozen=True)
class DutyLine:
    day: date
    weekday: str
    station: str
    state: str  # 到岗 / 缺席 / 请假 / 替班 / 未登记 / 待坐班 / 代他人坐班
    substitute: str = ""  # who sat instead, or whom the delegate sat for
    note: str = ""


@dataclass(frozen=True)
class DutyTotals:
    assigned: int = 0
    attended: int = 0
    absent: int = 0
    leave: int = 0
    substituted: int = 0
    unrecorded: int = 0
    sat_for_others: int = 0


@dataclass(frozen=True)
class OpinionLine:
    number: str
    category: str
    state: str
    department: str
    satisfaction: str


@dataclass(frozen=True)
class VisitLine:
    """A visit the delegate received (no visitor's name or phone)."""

    day: date
    station: str
    category: str
    channel: str
    people: int
    items: tuple[OpinionLine, ...] = ()


@dataclass(frozen=True)
class ActivityLine:
    day: date
    kind: str
    title: str
    youth: int
    project: str = ""
    state: str = ""  # 已确认 / 待确认 / 已退回


@dataclass(frozen=True)
class ProjectLine:
    name: str
    role: str  # 领办 / 参与
    start: date | None
    end: date | None
    youth_served: int
    activities: int


@dataclass(frozen=True)
class DossierYear:
    """The yearly sections."""

    year: int
    youth: YouthContacts
    duty: tuple[DutyLine, ...]
    duty_totals: DutyTotals
    visits: tuple[VisitLine, ...]
    activity_counts: tuple[tuple[str, int], ...]  # confirmed activities by type
    activities: tuple[ActivityLine, ...]
    projects: tuple[ProjectLine, ...]
    evaluation: DelegateResult | None  # None: the year is not evaluated yet
    scheme: Scheme | None

    @property
    def opinions(self) -> tuple[OpinionLine, ...]:
        return tuple(item for visit in self.visits for item in visit.items)


@dataclass(frozen=True)
class TermRow:
    """One year of the term summary."""

    year: int
    activities: int
    youth: int
    duty_attended: int  # own seats attended (到岗), of
    duty_assigned: int
    total: str  # the evaluation's total, "" when none
    grade: str  # the grade, "未考核" when not evaluated


@dataclass(frozen=True)
class Dossier:
    person: PersonInfo
    history: tuple[StatusLine, ...]
    links: Links
    years: tuple[DossierYear, ...]  # one for a yearly dossier, each year of the term otherwise
    office: str
    printed_on: date
    term: bool = False
    term_note: str = ""  # how the term's years were chosen
    summary: tuple[TermRow, ...] = ()  # term dossiers only

    @property
    def period(self) -> str:
        """「2026年度」 or 「2024—2026年（本届）」, as printed on the cover and footers."""
        if not self.term:
            return f"{self.years[0].year}年度"
        if not self.years:
            return "本届"
        first, last = self.years[0].year, self.years[-1].year
        span = f"{first}年" if first == last else f"{first}—{last}年"
        return f"{span}（本届）"
