"""The import dialog's 保存问题清单: the problems of a refused import as .xlsx, for the person
who has to fix the spreadsheet."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from twdesk.excel.problems_export import write_problems
from twdesk.output import write_output
from twdesk.services.roster_import import Problem


def save_problem_list(problems: Iterable[Problem], out: Path, *, overwrite: bool = False) -> Path:
    """Write one row per problem (row, column, value, what is wrong, how to fix it)."""
    rows = list(problems)
    out = Path(out).expanduser().absolute()
    write_output(out, lambda tmp: write_problems(rows, tmp), overwrite=overwrite)
    return out
