"""What a year's grade leads to (三类决定), looking across years and the term.

不称职 → 提醒谈话; 不称职 in two consecutive years → 劝辞; 优秀 in every year of the term →
推荐为下届候选人 (and 推优入党 where the person is not a Party member). Past years count
whether they were scored in twdesk or imported from paper: the caller passes grades by year.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from twdesk.core.vocab import Grade


class Consequence(StrEnum):
    REMIND = "提醒谈话"
    ADVISE_RESIGN = "劝辞"
    RECOMMEND = "推荐为下届候选人"
    PARTY = "推优入党"


@dataclass(frozen=True)
class ConsequenceNote:
    kind: Consequence
    reason: str


def _grade(value: Grade | str | None) -> Grade | None:
    return None if value in (None, "") else Grade(value)


def consequences(
    year: int,
    grades_by_year: Mapping[int, Grade | str | None],
    term_years: Iterable[int],
    *,
    party_member: bool,
) -> tuple[ConsequenceNote, ...]:
    """The consequences of ``year``'s grade for one delegate.

    ``grades_by_year`` holds the delegate's grade per year (twdesk's or imported; None or ""
    for a year without one). ``term_years`` are all the years of the current term: the term
    recommendation is made in its last year, when every one of its years is 优秀.
    """
    grades = {y: _grade(g) for y, g in grades_by_year.items()}
    grade = grades.get(year)
    notes: list[ConsequenceNote] = []
    if grade == Grade.INCOMPETENT:
        if grades.get(year - 1) == Grade.INCOMPETENT:
            notes.append(
                ConsequenceNote(Consequence.ADVISE_RESIGN, f"{year - 1}、{year} 年连续两年不称职")
            )
        else:
            notes.append(ConsequenceNote(Consequence.REMIND, f"{year} 年不称职"))
    term = sorted(set(term_years))
    last_of_term = bool(term) and year == term[-1]
    if last_of_term and all(grades.get(y) == Grade.EXCELLENT for y in term):
        span = f"{term[0]}—{term[-1]}" if len(term) > 1 else str(term[0])
        notes.append(ConsequenceNote(Consequence.RECOMMEND, f"本届 {span} 年每年均为优秀"))
        if not party_member:
            notes.append(ConsequenceNote(Consequence.PARTY, "本届每年均为优秀，非党员"))
    return tuple(notes)


def consequence_text(notes: Iterable[ConsequenceNote]) -> str:
    """The consequences as one short text (``推荐为下届候选人、推优入党``), "" for none."""
    return "、".join(note.kind for note in notes)
