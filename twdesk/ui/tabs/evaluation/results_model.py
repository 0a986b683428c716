"""The station's year as a table model: one row per delegate, ranked, one column per indicator
showing the chosen stage's score (or the suggestion while the stage has none), overrides and
ties marked. Texts are computed once per reload, so a 500-delegate station shows at once."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QFont

from twdesk.core.evaluation_view import (
    DelegateResult,
    IndicatorResult,
    Stage,
    StationYear,
    text,
)
from twdesk.core.vocab import Grade
from twdesk.ui.tabs.evaluation.common import (
    EXCELLENT_BG,
    OVERRIDE_BG,
    SUGGESTED_FG,
    TIE_BG,
    TIE_FG,
    grade_text,
    stage_text,
    tr,
)

Index = QModelIndex | QPersistentModelIndex
FIXED_BEFORE = 2  # 名次, 姓名
TAIL = (tr("加分"), tr("否决"), tr("总分"), tr("等次"), tr("后续处理"), tr("阶段"))
TIE_TEXT = tr("并列待定")
NO_DUTY = tr("无排班")


HEADER_LINE = 4  # characters of an indicator's name per header line: ten columns fit the window


def _header(seq: int, name: str, points: Decimal) -> str:
    """``1.参加会议`` / ``10分`` in short lines (the full name is in the header's tooltip)."""
    name = name.replace(" ", "")
    lines = [name[k : k + HEADER_LINE] for k in range(0, len(name), HEADER_LINE)] or [""]
    return "\n".join([f"{seq}.{lines[0]}", *lines[1:], tr("{0}分").format(text(points))])


def excellent_places(year: StationYear) -> int:
    """The 优秀 places of the station's year; a locked year (which keeps its grades and reports
    no places) has as many as it graded 优秀."""
    return year.excellent_slots or year.grade_counts.get(Grade.EXCELLENT, 0)


class _Row:
    """One delegate's cell texts and which indicator cells are overrides or suggestions
    (tooltips are written only when asked for: hovering is rare, a reload must be fast)."""

    __slots__ = ("delegate", "overridden", "suggested_only", "texts")

    def __init__(self, d: DelegateResult, stage: Stage) -> None:
        self.delegate = d
        self.overridden: set[int] = set()
        self.suggested_only: set[int] = set()
        cells = []
        for k, ind in enumerate(d.indicators, FIXED_BEFORE):
            score = ind.score(stage)
            if score is None:
                cells.append(NO_DUTY if ind.no_duty else text(ind.suggested))
                if ind.suggested is not None or ind.no_duty:
                    self.suggested_only.add(k)
            else:
                cells.append(text(score))
                if ind.suggested is not None and score != ind.suggested:  # manual: none
                    self.overridden.add(k)
        self.texts: list[str] = [
            "" if d.rank is None else str(d.rank),
            d.name,
            *cells,
            text(d.bonus) if d.bonus else "",
            d.veto or "",
            text(d.total),
            TIE_TEXT if d.quota_tie else grade_text(d.grade or ""),
            d.consequence or "",
            stage_text(d.stage),
        ]

    def tooltip(self, column: int, stage: Stage) -> str:
        d = self.delegate
        k = column - FIXED_BEFORE
        if 0 <= k < len(d.indicators):
            return _indicator_tip(d.indicators[k], stage, column in self.overridden)
        tail = column - FIXED_BEFORE - len(d.indicators)
        if column == 1:
            return d.notes
        if tail == 3 and d.decided:
            return tr("并列决定：{0}").format(d.decision_reason)
        if tail == 3 and d.quota_tie:
            return tr("与他人并列在优秀名额线上，请点“决定并列…”")
        if tail == 4:
            return "\n".join(d.consequence_reasons)
        return ""


def _indicator_tip(ind: IndicatorResult, stage: Stage, overridden: bool) -> str:
    score = ind.score(stage)
    tip = [
        tr("{0}. {1}（{2} 分）").format(ind.seq, ind.name, text(ind.points)),
        tr("建议分：{0}").format(text(ind.suggested, tr("无"))),
    ]
    if ind.basis:
        tip.append(ind.basis)
    if score is None:
        tip.append(tr("{0}尚未录入，显示的是建议分").format(stage_text(stage)))
    else:
        tip.append(tr("{0}：{1}").format(stage_text(stage), text(score)))
    if overridden:
        tip.append(tr("调整理由：{0}").format(ind.reason(stage) or tr("（未填写）")))
    tip.append(tr("双击查看计分依据"))
    return "\n".join(tip)


class ResultsModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.year: StationYear | None = None
        self.stage = Stage.SELF
        self.headers: list[str] = []
        self.tips: list[str] = []
        self._rows: list[_Row] = []
        self.quota_row = -1  # the last row above the 优秀 quota line (-1: no line)
        self._bold = QFont()
        self._bold.setBold(True)

    def set_year(self, year: StationYear | None, stage: Stage) -> None:
        self.beginResetModel()
        self.year, self.stage = year, stage
        delegates = year.delegates if year else ()
        indicators = year.scheme.indicators if year else ()
        self.tips = (
            [""] * FIXED_BEFORE
            + [
                tr("{0}. {1}（{2} 分）").format(i.seq, i.name, text(i.points))
                + "："
                + i.rule.describe(i.points)
                for i in indicators
            ]
            + [""] * len(TAIL)
        )
        self.headers = [
            tr("名次"),
            tr("姓名"),
            *(_header(i.seq, i.name, i.points) for i in indicators),
            *TAIL,
        ]
        self._rows = [_Row(d, stage) for d in delegates]
        slots = excellent_places(year) if year else 0
        self.quota_row = slots - 1 if 0 < slots < len(self._rows) else -1
        self.endResetModel()

    # --- what the tab asks --------------------------------------------------------------------

    def delegate(self, row: int) -> DelegateResult:
        return self._rows[row].delegate

    def delegates(self) -> list[DelegateResult]:
        return [r.delegate for r in self._rows]

    def row_of(self, person_id: str) -> int:
        return next((i for i, r in enumerate(self._rows) if r.delegate.person_id == person_id), -1)

    def indicator_seq(self, column: int) -> int | None:
        """The indicator shown in `column` (None for the other columns)."""
        if self.year is None:
            return None
        k = column - FIXED_BEFORE
        indicators = self.year.scheme.indicators
        return indicators[k].seq if 0 <= k < len(indicators) else None

    def column_texts(self, column: int) -> set[str]:
        """Every text the column shows, once each (for measuring its width)."""
        return {r.texts[column] for r in self._rows}

    def overridden(self, row: int, column: int) -> bool:
        return column in self._rows[row].overridden

    def tied(self, row: int) -> bool:
        return self._rows[row].delegate.quota_tie

    # --- Qt -----------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.headers):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tips[section] or None
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row, column = self._rows[index.row()], index.column()
        if column >= len(self.headers):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return row.texts[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.tooltip(column, self.stage) or None
        if role == Qt.ItemDataRole.TextAlignmentRole and column != 1:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.BackgroundRole:
            if column in row.overridden:
                return QBrush(OVERRIDE_BG)
            if row.delegate.quota_tie:
                return QBrush(TIE_BG)
            if row.delegate.grade == Grade.EXCELLENT:
                return QBrush(EXCELLENT_BG)
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            if row.delegate.quota_tie and column == len(self.headers) - 3:
                return QBrush(TIE_FG)
            if column in row.suggested_only:
                return QBrush(SUGGESTED_FG)
            return None
        if role == Qt.ItemDataRole.FontRole and column == len(self.headers) - 4:
            return self._bold  # 总分
        return None
