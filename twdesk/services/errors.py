"""The error a service raises when a user's input cannot be saved."""

from __future__ import annotations

from typing import ClassVar

from twdesk.core.errors import UserError


class FieldProblems(UserError, ValueError):
    """`problems` maps field → message, all shown at once; a plain message has the key ""."""

    labels: ClassVar[dict[str, str]] = {}  # field → the label the user sees

    def __init__(self, problems: dict[str, str] | str) -> None:
        self.problems = problems if isinstance(problems, dict) else {"": problems}
        super().__init__(
            "；".join(f"{self.labels.get(k, k)}：{v}" if k else v for k, v in self.problems.items())
        )
