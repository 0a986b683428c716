"""Scoring sheets from paper (考核评分表): the blank form, and its import on the import engine.

One row per delegate (姓名, and 联络站 to tell namesakes apart), one column per indicator
matched by its number or name, optional 加分, 否决 (the veto situation's number or text) and
备注. Every row is checked before anything is written (all or nothing), each problem named by
row and column; the rows are then written through `evaluation.save_stage` — the rules the tab
uses — so an override still needs a reason: 备注 is the reason for every override in its row,
and “按纸质评分表录入” when 备注 is blank.

A past year may give just 总分 and 等次 per delegate (no indicator columns): those rows go to
`evaluation.save_past_result`, so consecutive-year consequences work from the first year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TypeVar

from sqlalchemy.orm import Session

from twdesk.core.errors import UserError
from twdesk.core.evaluation_rules import Scheme, dec, fmt, round_half_up
from twdesk.core.evaluation_view import PAST_RESULT, DelegateResult, IndicatorResult, Stage
from twdesk.core.normalize import clean_name, clean_prose, clean_text
from twdesk.core.vocab import Grade
from twdesk.excel.evaluation_columns import (
    HEADER_OF,
    aliases,
    column_fields,
    indicator_field,
    indicator_seq,
    looks_like_indicator,
)
from twdesk.excel.evaluation_form import DEFAULT_REASON, write_form
from twdesk.excel.reader import header_key
from twdesk.importing.engine import (
    Cancel,
    Preview,
    Progress,
    Row,
    Spec,
    check_file,
    check_then_write,
)
from twdesk.importing.problems import ImportCancelled, ImportProblems, Problem
from twdesk.output import write_output
from twdesk.services import evaluation
from twdesk.services.backups import backup_before_import
from twdesk.services.evaluation import EvaluationError, StageEntry, StageProblems
from twdesk.services.people_search import PeopleIndex

T = TypeVar("T")
DELEGATE_ROLES = ("团代表", "往届团代表")
_VETO_NUMBER = re.compile(r"^(?:第)?(\d{1,2})(?:项|条|\.0|\.)?$")
_SCORE_SUFFIX = re.compile(r"分$")


class EvaluationImportError(UserError):
    title = "导入考核评分表"


@dataclass(frozen=True)
class EvaluationImportSummary:
    year: int
    stage: str  # the stage imported, or PAST_RESULT for 总分/等次 rows
    delegates: int = 0
    scores: int = 0  # indicator scores entered
    overrides: int = 0  # of which differ from the suggestion
    default_reasons: int = 0  # overrides whose row had no 备注
    vetoes: int = 0

    def message(self) -> str:
        if self.stage == PAST_RESULT:
            return f"导入完成：{self.year}年往年考核结果 {self.delegates} 位代表（总分、等次）。"
        text = f"导入完成：{self.year}年{self.stage} {self.delegates} 位代表；填写分数 {self.scores} 项"
        if self.overrides:
            text += f"，其中与建议分不同 {self.overrides} 项"
        if self.default_reasons:
            text += f"（{self.default_reasons} 项备注为空，理由记为“{DEFAULT_REASON}”）"
        text += "，其余指标采用建议分或保留原分"
        if self.vetoes:
            text += f"；否决 {self.vetoes} 人"
        return text + "。"

    def one_line(self) -> str:
        """The name every `twdesk import …` prints (cli.common.run_import)."""
        return self.message()


def export_form(
    session: Session,
    year: int,
    path: Path,
    *,
    station_id: str | None = None,
    overwrite: bool = False,
) -> int:
    """The blank scoring sheet of ``year`` (one row per evaluated delegate, of one station or
    all) that `import_evaluation` reads back; returns the number of rows."""
    scheme = evaluation.current_scheme(session)
    delegates = evaluation.results(session, year, station_id=station_id)
    rows = [(d.name, d.station) for d in delegates]
    where = delegates[0].station if station_id and delegates else ""
    title = f"{year}年团代表履职考核评分表{f'（{where}）' if where else ''}"
    return write_output(
        Path(path),
        lambda tmp: write_form(tmp, title=title, scheme=scheme, rows=rows),
        overwrite=overwrite,
    )


def spec(scheme: Scheme) -> Spec:
    """The scoring sheet's columns for ``scheme`` (indicator columns depend on it)."""
    scores = {
        indicator_field(ind.seq): f"填写 0 到 {fmt(ind.points)} 之间的数字，最多一位小数；"
        "留空表示采用建议分"
        for ind in scheme.indicators
    }
    return Spec(
        aliases(scheme.indicators),
        required=("name",),
        hints={
            **scores,
            "name": "核对姓名，与名册一致",
            "station": "填写代表参加考核的联络站全称",
            "bonus": "填写加分合计，如 4；没有加分的留空",
            "veto": "填写否决情形的序号（见评分表的“说明”页）或原文；没有否决的留空",
            "total": "填写总分，如 86.5",
            "grade": "填写 优秀、称职、基本称职 或 不称职",
        },
        what="考核评分表",
    )


@dataclass
class _StageRow:
    row: int
    person_id: str
    entry: StageEntry
    overrides: int
    default_reasons: int


@dataclass
class _PastRow:
    row: int
    person_id: str
    total: Decimal
    grade: str
    notes: str


class EvaluationPreview(Preview[_StageRow | _PastRow]):
    """The checked sheet; ``past`` when it gives 总分 and 等次 instead of indicator scores."""

    @property
    def past(self) -> bool:
        return _is_past(self.mapping)


def _indicator_fields(mapping: dict[str, int]) -> list[str]:
    return [f for f in mapping if indicator_seq(f) is not None]


def _is_past(mapping: dict[str, int]) -> bool:
    """No indicator column, but 总分 or 等次: a past year's result from paper."""
    return not _indicator_fields(mapping) and ("total" in mapping or "grade" in mapping)


def _number(row: Row, name: str, what: str) -> Decimal | None:
    """A cell as a number with at most one decimal (7.5, "8", "８分"); None when blank."""
    value = row.raw(name)
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        row.problem(name, f"{what}应填数字")
        return None
    try:
        if isinstance(value, (int, float)):
            number = dec(value)
        else:
            number = Decimal(_SCORE_SUFFIX.sub("", clean_text(value)).strip())
        if not number.is_finite():
            raise InvalidOperation
    except (InvalidOperation, ValueError):
        row.problem(name, f"{what}应填数字")
        return None
    if number < 0:
        row.problem(name, f"{what}不能为负数")
        return None
    if number != number.quantize(Decimal("0.1")):
        row.problem(
            name, f"{what}最多保留一位小数", f"改为一位小数，如 {fmt(round_half_up(number))}"
        )
        return None
    return number


class _Checker:
    """One sheet row → a stage entry (or a past result) for one delegate."""

    def __init__(self, session: Session, year: int, stage: Stage, scheme: Scheme) -> None:
        self.session = session
        self.year = year
        self.stage = stage
        self.scheme = scheme
        self.results = evaluation.results(session, year)
        self.by_name: dict[str, list[DelegateResult]] = {}
        for d in self.results:
            self.by_name.setdefault(d.name, []).append(d)
        self._people: PeopleIndex | None = None
        self.seen: dict[str, int] = {}  # person id → the first row naming them

    def __call__(self, row: Row) -> _StageRow | _PastRow | None:
        if _is_past(row.preview.mapping):
            return self.past_row(row)
        if not self.results or not _indicator_fields(row.preview.mapping):
            return None  # reported once for the whole file
        delegate = self.delegate(row)
        if delegate is not None and self.first(row, delegate.person_id):
            self.not_locked(row, delegate)
        return self.stage_row(row, delegate)

    # -- who the row is about --------------------------------------------------------------

    def delegate(self, row: Row) -> DelegateResult | None:
        name = clean_name(row.raw("name"))
        if not name:
            row.problem("name", "姓名为空", "填写代表姓名，或删去这一行")
            return None
        found = self.by_name.get(name, [])
        if not found:
            row.problem(
                "name",
                f"{self.year}年参加考核的代表中没有“{name}”",
                f"核对姓名；新进站的代表请先重新打开{self.year}年的考核",
            )
            return None
        return self.narrow(row, name, found, [(d.station,) for d in found])

    def narrow(
        self, row: Row, name: str, items: list[T], stations: list[tuple[str, ...]]
    ) -> T | None:
        """One of several namesakes, told apart by the row's 联络站."""
        station = clean_name(row.raw("station"))
        if station:
            matches = [x for x, s in zip(items, stations, strict=True) if station in s]
            if len(matches) == 1:
                return matches[0]
            where = "、".join(sorted({s for group in stations for s in group})) or "未进站"
            if not matches:
                row.problem("station", f"“{name}”不在这个联络站（在：{where}）")
            else:
                row.problem(
                    "station", f"这个联络站有 {len(matches)} 位“{name}”", "导入后在界面中录入"
                )
            return None
        if len(items) == 1:
            return items[0]
        where = "、".join(s for group in stations for s in group[:1]) or "未进站"
        row.problem(
            "name",
            f"有 {len(items)} 位同名代表“{name}”（{where}）",
            "在“联络站”列填写这位代表所在的联络站",
        )
        return None

    def first(self, row: Row, person_id: str) -> bool:
        """The delegate's first row in the sheet (a second one is a problem)."""
        earlier = self.seen.setdefault(person_id, row.number)
        if earlier != row.number:
            row.problem("name", f"与第{earlier}行是同一位代表", "每位代表只保留一行")
            return False
        return True

    def not_locked(self, row: Row, delegate: DelegateResult) -> None:
        if delegate.stage == PAST_RESULT and not _is_past(row.preview.mapping):
            row.problem(
                "name",
                f"{self.year}年只有从纸质结果导入的总分和等次，不能再按指标录入",
                "删去这一行，或只填“总分”“等次”重新导入",
            )
        elif delegate.locked:
            row.problem(
                "name",
                f"{delegate.station}{self.year}年的考核已锁定，不能再导入",
                "先解锁这一年（解锁需填写理由），或删去这一行",
            )

    # -- a stage's scores ------------------------------------------------------------------

    def stage_row(self, row: Row, delegate: DelegateResult | None) -> _StageRow | None:
        notes = clean_prose(row.raw("notes")) if row.has("notes") else ""
        indicators = {i.seq: i for i in delegate.indicators} if delegate else {}
        scores: dict[int, Decimal | None] = {}
        reasons: dict[int, str] = {}
        defaulted = 0
        for name in _indicator_fields(row.preview.mapping):
            seq = indicator_seq(name)
            assert seq is not None
            value = _number(row, name, "分数")
            ind = indicators.get(seq)
            if value is None:
                if notes and ind is not None and self.unexplained(ind):
                    reasons[seq] = notes  # the stage's earlier override, explained now
                continue
            if ind is None:
                if delegate is not None:
                    row.problem(name, f"这位代表{self.year}年的考核没有第{seq}项指标")
                continue
            if value > ind.points:
                row.problem(name, f"超过这一项的满分 {fmt(ind.points)} 分")
                continue
            scores[seq] = value
            if ind.suggested is not None and value != ind.suggested:
                reasons[seq] = notes or self.kept_reason(ind, value)
                if not reasons[seq]:
                    reasons[seq] = DEFAULT_REASON
                    defaulted += 1
        bonus = _number(row, "bonus", "加分") if row.has("bonus") else None
        veto = self.veto(row) if row.has("veto") else None
        if delegate is None or not row.ok:
            return None
        entry = StageEntry(
            scores=scores,
            reasons=reasons,
            bonus=bonus,
            veto=veto,
            notes=notes if row.has("notes") and notes else None,
        )
        overrides = sum(1 for seq in reasons if seq in scores)
        return _StageRow(row.number, delegate.person_id, entry, overrides, defaulted)

    def unexplained(self, ind: IndicatorResult) -> bool:
        """The stage's earlier score differs from the suggestion (recomputed since) and no
        reason was recorded: a blank cell keeps it only with a reason from 备注."""
        return (
            ind.suggested is not None and ind.overridden(self.stage) and not ind.reason(self.stage)
        )

    def kept_reason(self, ind: IndicatorResult, value: Decimal) -> str:
        """The reason already recorded when the stage's score stays what it was."""
        return ind.reason(self.stage) if ind.score(self.stage) == value else ""

    def veto(self, row: Row) -> str | None:
        text = clean_text(row.raw("veto"))
        if not text or text in ("无", "否", "-", "—"):
            return None
        items = self.scheme.veto_items
        number = _VETO_NUMBER.match(text)
        if number:
            n = int(number.group(1))
            if 1 <= n <= len(items):
                return items[n - 1]
        else:
            for item in items:
                if header_key(item) == header_key(text):
                    return item
        listed = "；".join(f"{n}.{item}" for n, item in enumerate(items, 1))
        row.problem("veto", "没有这个否决情形", f"填写序号或原文（{listed}），没有否决的留空")
        return None

    # -- a past year's 总分 and 等次 ---------------------------------------------------------

    def people(self) -> PeopleIndex:
        if self._people is None:
            self._people = PeopleIndex.load(self.session)
        return self._people

    def past_row(self, row: Row) -> _PastRow | None:
        person_id = self.past_person(row)
        if person_id is not None and self.first(row, person_id):
            evaluated = [d for d in self.results if d.person_id == person_id]
            if evaluated:
                self.not_locked(row, evaluated[0])
        total = _number(row, "total", "总分") if row.has("total") else None
        if total is None and "total" not in row.reported:
            row.problem("total", "没有填写总分")
        elif total is not None and total > 100 + self.scheme.bonus_cap:
            row.problem("total", f"总分超过 {fmt(100 + self.scheme.bonus_cap)} 分")
        grade = clean_name(row.raw("grade")) if row.has("grade") else ""
        if grade not in {str(g) for g in Grade}:
            row.problem("grade", "没有填写等次" if not grade else "不是考核等次")
        if person_id is None or total is None or not row.ok:
            return None
        notes = clean_prose(row.raw("notes")) if row.has("notes") else ""
        return _PastRow(row.number, person_id, total, grade, notes)

    def past_person(self, row: Row) -> str | None:
        """The delegate among everyone who is or was a delegate (a past year needs no
        evaluation opened): the year's evaluated delegates first, then the roster."""
        name = clean_name(row.raw("name"))
        if not name:
            row.problem("name", "姓名为空", "填写代表姓名，或删去这一行")
            return None
        evaluated = self.by_name.get(name, [])
        if evaluated:
            found = self.narrow(row, name, evaluated, [(d.station,) for d in evaluated])
            return found.person_id if found else None
        people = [
            e
            for e in self.people().entries
            if e.name == name and any(r in e.roles for r in DELEGATE_ROLES)
        ]
        if not people:
            row.problem("name", f"名册中没有团代表“{name}”", "核对姓名，或先在名册中登记这位代表")
            return None
        entry = self.narrow(row, name, people, [e.stations for e in people])
        return entry.id if entry else None


def check_evaluation(
    session: Session,
    path: Path,
    *,
    year: int,
    stage: Stage | str,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> EvaluationPreview:
    """Read and check the whole sheet; writes nothing (the import dialog's preview)."""
    try:
        stage = Stage(stage)
    except ValueError:
        raise EvaluationImportError(
            f"没有“{stage}”这个考核阶段，应为 {'、'.join(str(s) for s in Stage)}。"
        ) from None
    scheme = evaluation.current_scheme(session)
    checker = _Checker(session, year, stage, scheme)
    preview = check_file(
        Path(path), spec(scheme), checker, progress=progress, cancel=cancel, kind=EvaluationPreview
    )
    if preview.headers:
        _check_columns(preview, scheme)
    if not preview.past and not checker.results and preview.mapping:
        preview.add(
            0,
            "",
            "",
            f"{year}年的考核还没有打开",
            f"先在“履职考核”页打开{year}年，或运行 twdesk evaluate open --year {year}",
        )
    preview.sort_problems()
    return preview


def _check_columns(preview: EvaluationPreview, scheme: Scheme) -> None:
    """Header problems: no score column at all, a column twice, an unknown indicator."""
    if "name" not in preview.mapping:
        return  # the engine has said 缺少“姓名”列
    if not _indicator_fields(preview.mapping) and not preview.past:
        preview.add(
            0,
            "",
            "",
            "没有任何指标列，也没有“总分”“等次”列",
            "用“导出评分表”生成的表格填写，或按“3.驻站坐班”这样的列名加上指标列",
        )
    for name, columns in column_fields(preview.headers, preview.spec.aliases).items():
        for extra in columns[1:]:
            what = preview.headers[columns[0]]
            preview.problems.append(
                Problem(
                    0,
                    preview.headers[extra],
                    "",
                    f"与“{what}”列是同一项（{_name_of(name)}）",
                    "删去重复的列",
                )
            )
    for header in preview.unknown_headers:
        if looks_like_indicator(header, scheme.indicators):
            listed = "、".join(f"{i.seq}.{i.name}" for i in scheme.indicators)
            preview.problems.append(
                Problem(
                    0,
                    header,
                    "",
                    "对应不上考核方案中的任何一项指标",
                    f"改成“序号.名称”或只写序号（{listed}），或删去这一列",
                )
            )


_SERVICE_LINE = re.compile(r"^(?:指标(\d+)|(加分)|(否决))")
_SERVICE_HINT = "在这一格填写分数，或在“备注”中写明理由；改正后重新导入"


def _service_problems(preview: EvaluationPreview, row: int, message: str) -> list[Problem]:
    """The service's refusal of one row, one problem per line it lists, each on its column
    where the line names an indicator, 加分 or 否决 that the sheet has."""
    lines = [line.strip() for line in message.splitlines() if line.strip()]
    if len(lines) < 2:
        return [Problem(row, "", "", message.strip(), "改正后重新导入")]
    problems = []
    for line in lines[1:]:
        found = _SERVICE_LINE.match(line)
        name = ""
        if found and found.group(1):
            name = indicator_field(int(found.group(1)))
        elif found:
            name = "bonus" if found.group(2) else "veto"
        column = preview.column(name) if name in preview.mapping else ""
        hint = _SERVICE_HINT if "理由" in line else "改正后重新导入"
        problems.append(Problem(row, column, "", line, hint))
    return problems


def _name_of(field_name: str) -> str:
    seq = indicator_seq(field_name)
    return f"指标{seq}" if seq is not None else HEADER_OF.get(field_name, field_name)


def import_evaluation(
    session: Session,
    path: Path,
    *,
    year: int,
    stage: Stage | str,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> EvaluationImportSummary:
    """Check the whole sheet, then write it in the caller's transaction; or raise
    ImportProblems (nothing written). Refused when the year is locked for a row's station."""
    checking, writing = check_then_write(progress)
    preview = check_evaluation(
        session, path, year=year, stage=stage, progress=checking, cancel=cancel
    )
    preview.raise_problems()
    backup_before_import(session)  # 导入前: the file as it was, kept in the backups
    stage_rows = [r for r in preview.rows if isinstance(r, _StageRow)]
    if preview.past:
        _write_past(session, year, preview, writing, cancel)
    else:
        _write_stages(session, year, Stage(stage), preview, stage_rows, writing, cancel)
    counts = {
        "scores": sum(len(r.entry.scores) for r in stage_rows),
        "overrides": sum(r.overrides for r in stage_rows),
        "default_reasons": sum(r.default_reasons for r in stage_rows),
        "vetoes": sum(r.entry.veto is not None for r in stage_rows),
    }
    total = len(preview.rows)
    stage_name = PAST_RESULT if preview.past else str(Stage(stage))
    return EvaluationImportSummary(year=year, stage=stage_name, delegates=total, **counts)


def _write_stages(
    session: Session,
    year: int,
    stage: Stage,
    preview: EvaluationPreview,
    rows: list[_StageRow],
    writing: Progress | None,
    cancel: Cancel | None,
) -> None:
    """One stage for every row, through the service's batch save (grades recomputed once);
    a refusal only the service knows is named by its row and, where it says, its column."""
    try:
        evaluation.save_stages(
            session,
            year,
            stage,
            [(r.person_id, r.entry) for r in rows],
            progress=writing,
            cancel=cancel,
        )
    except StageProblems as exc:
        row_of = {r.person_id: r.row for r in rows}
        failed = [
            p
            for person_id, message in exc.problems.items()
            for p in _service_problems(preview, row_of.get(person_id, 0), message)
        ]
        raise ImportProblems(failed) from None  # the caller's transaction rolls back


def _write_past(
    session: Session,
    year: int,
    preview: EvaluationPreview,
    writing: Progress | None,
    cancel: Cancel | None,
) -> None:
    """A past year's 总分 and 等次, row by row (nothing to recompute)."""
    failed: list[Problem] = []
    rows = [r for r in preview.rows if isinstance(r, _PastRow)]
    for i, row in enumerate(rows):
        if cancel and i % 100 == 0 and cancel():
            raise ImportCancelled
        try:
            evaluation.save_past_result(
                session, year, row.person_id, row.total, row.grade, row.notes
            )
        except EvaluationError as exc:  # a rule only the service knows: named by its row
            failed += _service_problems(preview, row.row, str(exc))
        if writing and i % 100 == 0:
            writing(i, len(rows))
    if failed:
        raise ImportProblems(failed)  # the caller's transaction rolls every row back
    if writing:
        writing(len(rows), len(rows))
