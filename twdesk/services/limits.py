"""How long each text field may be — one table for every service and so for every import.

Limits come once from the models' `String(n)`; free-text (`Text`) columns get `TEXT_LIMIT`, or
a longer limit for the few long documents below. The session refuses anything longer anyway
(db/session.py); checking here names the field (and, in an import, the row and column).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from functools import lru_cache
from typing import Any

from sqlalchemy import String

TEXT_LIMIT = 2000  # notes, content, reasons, results
LONG_TEXT_LIMITS = {  # (table, column) → limit, for texts that are documents of their own
    ("station", "duties"): 20_000,
    ("station", "rules"): 20_000,
    ("station", "pledges"): 20_000,
    ("station", "yearly_plan"): 20_000,
    ("project", "description"): 5_000,
}


@lru_cache(maxsize=512)
def max_length(model: Any, column: str) -> int:
    """The most characters `model.column` may hold."""
    col = model.__table__.c[column]
    length = getattr(col.type, "length", None) if isinstance(col.type, String) else None
    return length or LONG_TEXT_LIMITS.get((model.__tablename__, column), TEXT_LIMIT)


def too_long(value: object, limit: int) -> str | None:
    """The message for a value over its limit, or None."""
    if isinstance(value, str) and len(value) > limit:
        return f"太长了：最多 {limit} 个字，现在有 {len(value)} 个字，请删减"
    return None


def refuse_long(
    values: Mapping[str, object],
    model: Any,
    labels: Mapping[str, str],
    error: Callable[[str], Exception],
    *,
    columns: Mapping[str, str] | None = None,
) -> None:
    """For services whose errors are one message: raise `error` naming every field too long."""
    problems: dict[str, str] = {}
    check_lengths(problems, values, model, columns=columns)
    if problems:
        raise error("；".join(f"{labels.get(k, k)}{v}" for k, v in problems.items()) + "。")


def check_lengths(
    problems: dict[str, str],
    values: Mapping[str, object],
    model: Any,
    fields: Iterable[str] | None = None,
    *,
    columns: Mapping[str, str] | None = None,
) -> None:
    """Add a problem for every field of `values` longer than its column allows.

    `fields` defaults to every key of `values` that is a column of `model`; `columns` maps a
    field to a column of another name (a project's "name" checked as `project.name` …).
    """
    table = model.__table__.c
    names = list(fields) if fields is not None else list(values)
    for name in names:
        value = values.get(name)
        if not isinstance(value, str) or not value:
            continue
        column = (columns or {}).get(name, name)
        if column not in table or name in problems:
            continue
        message = too_long(value, max_length(model, column))
        if message:
            problems[name] = message
