"""A fair duty rotation: who sits on which duty day.

Each person earns a share of every duty day while they are active at the station (per_day ÷
people active that day); each seat they take costs one. On each day the seats go to the people
with the most credit — a weighted round robin. With everybody active all year the counts
differ by at most one; somebody who joins mid-year earns only from their first day, somebody
who leaves stops earning; somebody unavailable for a while keeps earning and catches up later.

Ties and order never depend on chance: the same input gives the same plan.

Rules, in priority order, for each seat:
1. never someone unavailable or inactive that day;
2. not someone who sat on the previous duty day, when anyone else can sit — unless they are a
   whole seat behind the others (back from an absence, with too few people to catch up otherwise);
3. with `mix_levels`, someone of a level not yet on that day's group, among people whose
   credit is within one seat of the best;
4. the most credit, then the fewest seats so far, then the given order.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction


@dataclass(frozen=True)
class Candidate:
    id: str
    level: str = ""
    active_from: date | None = None
    active_to: date | None = None
    unavailable: frozenset[date] = field(default_factory=frozenset)

    def active_on(self, day: date) -> bool:
        if self.active_from and day < self.active_from:
            return False
        return not (self.active_to and day > self.active_to)


@dataclass
class RotationState:
    credit: dict[str, Fraction]
    seats: dict[str, int]
    previous: frozenset[str] = frozenset()


def _earn(state: RotationState, active: list[Candidate], per_day: int) -> None:
    if not active:
        return
    share = Fraction(min(per_day, len(active)), len(active))
    for c in active:
        state.credit[c.id] += share


def _take(state: RotationState, person_id: str) -> None:
    state.credit[person_id] -= 1
    state.seats[person_id] += 1


def plan_rotation(
    days: list[date],
    people: list[Candidate],
    per_day: int = 1,
    *,
    mix_levels: bool = False,
    fixed: dict[date, list[str]] | None = None,
) -> dict[date, list[str]]:
    """Seats for every day in `days` (sorted). Days in `fixed` keep their people (already held
    or attended) but still count towards everybody's share, so a regenerated plan stays fair."""
    fixed = fixed or {}
    order = {c.id: i for i, c in enumerate(people)}
    by_id = {c.id: c for c in people}
    state = RotationState({c.id: Fraction(0) for c in people}, {c.id: 0 for c in people})
    plan: dict[date, list[str]] = {}
    for day in sorted(days):
        active = [c for c in people if c.active_on(day)]
        _earn(state, active, per_day)
        if day in fixed:
            chosen = [pid for pid in fixed[day] if pid in state.credit]
            for pid in chosen:
                _take(state, pid)
            plan[day] = list(fixed[day])
            state.previous = frozenset(fixed[day])
            continue
        available = [c for c in active if day not in c.unavailable]
        chosen = _choose(available, per_day, state, order, mix_levels, by_id)
        for pid in chosen:
            _take(state, pid)
        plan[day] = chosen
        state.previous = frozenset(chosen)
    return plan


def _choose(
    available: list[Candidate],
    per_day: int,
    state: RotationState,
    order: dict[str, int],
    mix_levels: bool,
    by_id: dict[str, Candidate],
) -> list[str]:
    chosen: list[str] = []
    pool = list(available)

    def fairness(c: Candidate) -> tuple[Fraction, int, int]:
        return (-state.credit[c.id], state.seats[c.id], order[c.id])

    while pool and len(chosen) < per_day:
        pool.sort(key=fairness)
        fresh = [c for c in pool if c.id not in state.previous]
        candidates = pool
        # rule 2: someone who sat the day before only when nobody else can, or when they are
        # a whole seat behind (catching up after an absence would otherwise never happen)
        if fresh and state.credit[pool[0].id] - state.credit[fresh[0].id] < 1:
            candidates = fresh
        pick = candidates[0]
        if mix_levels and chosen:
            levels = {by_id[pid].level for pid in chosen}
            best = state.credit[pick.id]
            new_level = [
                c for c in candidates if c.level not in levels and state.credit[c.id] > best - 1
            ]
            if new_level:
                pick = new_level[0]
        chosen.append(pick.id)
        pool.remove(pick)
    return chosen


def seat_counts(plan: dict[date, list[str]], ids: Iterable[str]) -> dict[str, int]:
    counts = {pid: 0 for pid in ids}
    for seated in plan.values():
        for pid in seated:
            if pid in counts:
                counts[pid] += 1
    return counts
