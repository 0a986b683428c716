"""What a tab of the main window is called and for (its title shows before the file is open)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TabPlan:
    title: str
    summary: str
    features: tuple[str, ...]
