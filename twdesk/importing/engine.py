"""The import engine, once for every entity.

An entity brings a `Spec` (its columns: the names offices write, which are required, how to
fix each) and a row function. The engine reads the sheet (any format `excel.reader` knows),
finds the header below title rows, walks the rows with progress and Cancel, and collects every
problem with the row number the spreadsheet shows and the column header as written. The row
function turns cells into values and calls the entity's service check — the same one its save
uses — and `Row.report` maps that check's field problems onto the file's columns. Nothing is
written here: the entity writes only a preview without problems (all or nothing).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, Protocol, TypeVar

from twdesk.core.normalize import clean_text
from twdesk.excel.reader import data_rows, find_header, guess_header, read_rows
from twdesk.importing.problems import ImportCancelled, ImportProblems, Problem

T = TypeVar("T")
P = TypeVar("P", bound="Preview[Any]")
Progress = Callable[[int, int], None]


def check_then_write(progress: Progress | None) -> tuple[Progress | None, Progress | None]:
    """One bar for a whole import: the check fills its first half, the write the second, so
    the bar never jumps back between the two."""
    if progress is None:
        return None, None
    report = progress

    def checking(done: int, total: int) -> None:
        report(done, 2 * max(total, 1))

    def writing(done: int, total: int) -> None:
        report(max(total, 1) + done, 2 * max(total, 1))

    return checking, writing


Cancel = Callable[[], bool]
_UNSET = object()
DEFAULT_HINT = "改正后重新导入"
MAX_SHOWN = 60  # characters of a cell kept in a problem


class FieldErrors(Protocol):
    """What a service check raises: field → message (PersonError, FieldProblems …)."""

    problems: dict[str, str]


@dataclass(frozen=True)
class Spec:
    """An entity's columns: field → the names offices use (the first is the one we write)."""

    aliases: Mapping[str, tuple[str, ...]]
    required: tuple[str, ...] = ()
    hints: Mapping[str, str] = field(default_factory=dict)  # field → how to fix it
    what: str = "表格"  # 名册 / 来访登记表 …, for the missing-header message
    allow_mapping: bool = False  # the user may say which column is which (import dialog)

    def header(self, name: str) -> str:
        names = self.aliases.get(name)
        return names[0] if names else ""

    def hint(self, name: str) -> str:
        return self.hints.get(name, DEFAULT_HINT)


@dataclass
class Preview(Generic[T]):
    """Everything the import dialog shows; `rows` are the entity's checked rows."""

    path: Path
    spec: Spec
    headers: list[str]
    mapping: dict[str, int]  # field → column index
    unknown_headers: list[str] = field(default_factory=list)
    raw_rows: list[tuple[int, list[object]]] = field(default_factory=list)
    rows: list[T] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def column(self, name: str) -> str:
        """The header as written in the file for a field (or the usual name when unmapped)."""
        index = self.mapping.get(name)
        if index is not None and index < len(self.headers) and self.headers[index]:
            return self.headers[index]
        return self.spec.header(name)

    def add(self, row: int, name: str, value: object, message: str, hint: str = "") -> None:
        """A problem found after the row loop (a duplicate in the database, a missing station)."""
        column = self.column(name) if name else ""
        text = clean_text(value)
        if len(text) > MAX_SHOWN:  # a 32,767-character cell is named, not copied around
            text = f"{text[:MAX_SHOWN]}…（共 {len(text)} 个字）"
        self.problems.append(Problem(row, column, text, message, hint or self.spec.hint(name)))

    def sort_problems(self) -> None:
        self.problems.sort(key=lambda p: (p.row, p.column))

    def raise_problems(self) -> None:
        """All or nothing: any problem and the import stops here, before writing."""
        if self.problems:
            self.sort_problems()
            raise ImportProblems(self.problems)


class Row:
    """One data row: its cells by field, and the problems found in it."""

    def __init__(self, preview: Preview[Any], number: int, cells: list[object]) -> None:
        self.preview = preview
        self.number = number
        self.cells = cells
        self.problem_count = 0
        self.reported: set[str] = set()  # fields with a problem already

    def has(self, name: str) -> bool:
        return name in self.preview.mapping

    def raw(self, name: str) -> object:
        index = self.preview.mapping.get(name)
        if index is None or index >= len(self.cells):
            return None
        return self.cells[index]

    def text(self, name: str) -> str:
        return clean_text(self.raw(name))

    def problem(self, name: str, message: str, hint: str = "", *, value: object = _UNSET) -> None:
        shown = self.raw(name) if value is _UNSET else value
        self.preview.add(self.number, name, shown, message, hint)
        self.problem_count += 1
        self.reported.add(name)

    def report(self, exc: FieldErrors, fields: Mapping[str, str] | None = None) -> None:
        """A service check's field problems, each put on the file's column for that field
        (a cell the row function has already reported — a name not found — is not repeated)."""
        for key, message in exc.problems.items():
            name = (fields or {}).get(key, key)
            if name not in self.preview.spec.aliases:
                name = ""
            if name and name in self.reported:
                continue
            self.problem(name, message, value=self.raw(name) if name else "")

    @property
    def ok(self) -> bool:
        return self.problem_count == 0


def check_file(
    path: Path,
    spec: Spec,
    check_row: Callable[[Row], T | None],
    *,
    mapping: dict[str, int] | None = None,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    every: int = 500,
    kind: type[P] = Preview,  # type: ignore[assignment]  # the default is the base class
) -> P:
    """Read the file and check every row; writes nothing. A row with no problems whose
    `check_row` returns a value is kept in `preview.rows`; `kind` is the entity's Preview
    subclass when it shows more (stations to create …)."""
    path = Path(path)
    sheet = read_rows(path)
    header = find_header(sheet.rows, spec.aliases)
    if header is None and spec.allow_mapping and mapping is not None:
        header = guess_header(sheet.rows)
    if header is None:
        guessed = guess_header(sheet.rows) if spec.allow_mapping else None
        preview = kind(path, spec, guessed.headers if guessed else [], {})
        if guessed:
            preview.unknown_headers = guessed.unknown
        names = "”“".join(spec.header(f) for f in spec.required)
        preview.add(
            0,
            "",
            "",
            f"找不到表头行（应包含“{names}”等列名）",
            f"确认选择的是{spec.what}"
            + ("，或在导入界面手动指定各列" if spec.allow_mapping else "，表头写在数据的上方"),
        )
        return preview
    columns = dict(mapping if mapping is not None else header.columns)
    preview = kind(path, spec, header.headers, columns, header.unknown)
    missing = [f for f in spec.required if f not in columns]
    if missing:
        names = "”“".join(spec.header(f) for f in missing)
        preview.add(
            0,
            "",
            "",
            f"缺少“{names}”列",
            f"在表头中加上“{names}”列"
            + ("，或在导入界面指定是哪一列" if spec.allow_mapping else ""),
        )
        return preview
    body = list(data_rows(sheet, header))
    preview.raw_rows = body
    total = len(body)
    for i, (number, cells) in enumerate(body):
        if i % every == 0:
            if cancel and cancel():
                raise ImportCancelled
            if progress:
                progress(i, total)
        row = Row(preview, number, cells)
        checked = check_row(row)
        if row.ok and checked is not None:
            preview.rows.append(checked)
    if progress:
        progress(total, total)
    preview.sort_problems()
    return preview
