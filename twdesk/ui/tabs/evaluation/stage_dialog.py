"""Stage entry by keyboard: one delegate, one row per indicator prefilled with the stage's score
or the suggestion; Tab walks the score fields in order, a reason field appears only where the
score differs from the suggestion; 保存并下一位 (Enter) moves on to the next delegate."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from itertools import pairwise
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from twdesk.core.errors import UserError
from twdesk.core.evaluation_rules import Scheme
from twdesk.core.evaluation_view import STAGES, DelegateResult, IndicatorResult, Stage, text
from twdesk.services import evaluation
from twdesk.services.evaluation import StageEntry
from twdesk.ui.actions import EVALUATION, run_action, run_read, show_error
from twdesk.ui.readonly import mark_editing
from twdesk.ui.tabs.evaluation.common import parse_score, score_field, stage_text, tr

if TYPE_CHECKING:
    from twdesk.services.files import Database


class _IndicatorRow:
    """The widgets of one indicator: its score field and the reason shown for an override."""

    def __init__(self, ind: IndicatorResult, stage: Stage, before: Stage | None) -> None:
        self.ind = ind
        self.label = QLabel(f"{ind.seq}. {ind.name}")
        self.label.setToolTip(ind.rule)
        self.points = QLabel(text(ind.points))
        self.suggested = QLabel(tr("无排班") if ind.no_duty else text(ind.suggested, tr("无")))
        self.suggested.setToolTip(ind.basis)
        self.before = QLabel("" if before is None else text(ind.score(before)))
        self.score = score_field()
        self.score.setObjectName(f"score{ind.seq}")
        stage_score = ind.score(stage)
        self.score.setText(text(ind.suggested if stage_score is None else stage_score))
        self.reason = QLineEdit(ind.reason(stage))
        self.reason.setObjectName(f"reason{ind.seq}")
        self.reason.setPlaceholderText(tr("与建议分不同，请写明理由"))
        self.score.textChanged.connect(lambda _t: self.update_reason())
        self.update_reason()

    def value(self) -> Decimal | None:
        return parse_score(self.score.text())

    def overridden(self) -> bool:
        """A score typed that differs from the suggestion (a manual indicator has none)."""
        try:
            value = self.value()
        except ValueError:
            return False
        return value is not None and self.ind.suggested is not None and value != self.ind.suggested

    def update_reason(self) -> None:
        self.reason.setVisible(self.overridden())


class StageEntryDialog(QDialog):
    def __init__(
        self,
        db: Database,
        year: int,
        stage: Stage,
        scheme: Scheme,
        order: list[tuple[str, str]],
        start: int = 0,
        parent: QWidget | None = None,
    ) -> None:
        """`order`: (person id, name) of the station's delegates as the table lists them."""
        super().__init__(parent)
        self.db, self.year, self.stage, self.scheme = db, year, stage, scheme
        self.order, self.position = order, start
        self.saved = 0
        self.delegate: DelegateResult | None = None
        self.rows: list[_IndicatorRow] = []
        self.resize(760, 560)
        self.who = QLabel()
        self.who.setStyleSheet("font-weight: bold; font-size: 14px;")
        self.grid_holder = QWidget()
        self.grid = QGridLayout(self.grid_holder)
        self.bonus = score_field()
        self.bonus.setObjectName("bonus")
        self.veto = QComboBox()
        self.veto.setObjectName("veto")
        self.veto.addItem(tr("（无）"), None)
        for k, item in enumerate(scheme.veto_items, 1):
            self.veto.addItem(f"{k}. {item}", str(k))
        self.notes = QLineEdit()
        self.notes.setObjectName("notes")
        extras = QFormLayout()
        extras.addRow(tr("加分（上限 {0} 分）").format(text(scheme.bonus_cap)), self.bonus)
        extras.addRow(tr("否决情形"), self.veto)
        extras.addRow(tr("备注"), self.notes)
        self.buttons = QDialogButtonBox()
        self.save_next = QPushButton(tr("保存并下一位"))
        self.save_button = QPushButton(tr("保存"))
        self.buttons.addButton(self.save_next, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.rejected.connect(self.reject)
        self.save_next.clicked.connect(lambda: self.save_and_next())
        self.save_button.clicked.connect(lambda: self.save_and_close())
        mark_editing(self.save_next, self.save_button)
        hint = QLabel(
            tr("按 Tab 在各项得分间移动，回车保存并录入下一位；与建议分不同的得分需写明理由。")
        )
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.who)
        layout.addWidget(self.grid_holder)
        layout.addLayout(extras)
        layout.addStretch(1)
        layout.addWidget(hint)
        layout.addWidget(self.buttons)
        self.load(start)

    # --- one delegate -------------------------------------------------------------------------

    def load(self, position: int) -> bool:
        person_id, _name = self.order[position]
        d = run_read(self, self.db, lambda s: evaluation.delegate_result(s, self.year, person_id))
        if d is None:
            return False
        self.position, self.delegate = position, d
        self.setWindowTitle(tr("录入{0} — {1}").format(stage_text(self.stage), d.name))
        self.who.setText(
            tr("{0}（{1}）　{2}年 · {3}　第 {4}/{5} 位").format(
                d.name, d.station, self.year, self.stage, position + 1, len(self.order)
            )
        )
        self._build_rows(d)
        self.bonus.setText(text(d.bonus) if d.bonus else "")
        veto = next((k for k, v in enumerate(self.scheme.veto_items, 1) if v == d.veto), None)
        self.veto.setCurrentIndex(self.veto.findData(None if veto is None else str(veto)))
        self.notes.setText(d.notes)
        last = position + 1 >= len(self.order)
        self.save_next.setEnabled(not last)
        (self.save_button if last else self.save_next).setDefault(True)
        if self.rows:
            self.rows[0].score.setFocus()
            self.rows[0].score.selectAll()
        return True

    def _build_rows(self, d: DelegateResult) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        before = self._stage_before()
        heads = (
            tr("指标"),
            tr("分值"),
            tr("建议分"),
            str(before or ""),
            tr("得分"),
            tr("调整理由"),
        )
        for c, head in enumerate(heads):
            label = QLabel(head)
            label.setStyleSheet("color: #555; font-weight: bold;")
            self.grid.addWidget(label, 0, c)
        self.rows = [_IndicatorRow(ind, self.stage, before) for ind in d.indicators]
        for r, row in enumerate(self.rows, 1):
            self.grid.addWidget(row.label, r, 0)
            self.grid.addWidget(row.points, r, 1, Qt.AlignmentFlag.AlignCenter)
            self.grid.addWidget(row.suggested, r, 2, Qt.AlignmentFlag.AlignCenter)
            self.grid.addWidget(row.before, r, 3, Qt.AlignmentFlag.AlignCenter)
            self.grid.addWidget(row.score, r, 4)
            self.grid.addWidget(row.reason, r, 5)
        self.grid.setColumnStretch(5, 1)
        chain: list[QWidget] = [w for row in self.rows for w in (row.score, row.reason)]
        chain += [self.bonus, self.veto, self.notes, self.save_next, self.save_button]
        for a, b in pairwise(chain):
            QWidget.setTabOrder(a, b)

    def _stage_before(self) -> Stage | None:
        """The stage entered before this one (its scores are shown for comparison)."""
        k = STAGES.index(self.stage)
        return STAGES[k - 1] if k else None

    # --- saving -------------------------------------------------------------------------------

    def entry(self) -> StageEntry | None:
        """What was typed, or None after saying which field is not a score."""
        scores: dict[int, Decimal | None] = {}
        reasons: dict[int, str] = {}
        for row in self.rows:
            try:
                value = row.value()
            except ValueError:
                return self._refuse(
                    row.score,
                    tr(
                        "第 {0} 项“{1}”的得分“{2}”不是有效的分数，请填写 0 到 {3} 之间的数。"
                    ).format(row.ind.seq, row.ind.name, row.score.text(), text(row.ind.points)),
                )
            if value is not None:
                scores[row.ind.seq] = value
            if row.overridden() and row.reason.text().strip():
                reasons[row.ind.seq] = row.reason.text().strip()
        try:
            bonus = parse_score(self.bonus.text()) or Decimal(0)
        except ValueError:
            return self._refuse(
                self.bonus, tr("加分“{0}”不是有效的分数。").format(self.bonus.text())
            )
        return StageEntry(
            scores=scores,
            reasons=reasons,
            bonus=bonus,
            veto=self.veto.currentData() or "",  # "" clears a veto given earlier
            notes=self.notes.text().strip(),
        )

    def _refuse(self, field: QWidget, message: str) -> None:
        QMessageBox.warning(self, tr("录入{0}").format(stage_text(self.stage)), message)
        field.setFocus()
        return None

    def save(self) -> bool:
        entry = self.entry()
        if entry is None or self.delegate is None:
            return False
        person_id = self.delegate.person_id
        # the scores shown: another PC's save of this stage since is refused, not overwritten
        shown = {ind.seq: ind.score(self.stage) for ind in self.delegate.indicators}
        entry = replace(entry, loaded=shown)
        position = self.position
        result = run_action(
            self,
            self.db,
            lambda s: evaluation.save_stage(s, self.year, person_id, self.stage, entry),
            changes=[EVALUATION],
            on_error=self._save_failed,
            on_reload=lambda: self.load(position),
        )
        if result is None:
            return False
        self.saved += 1
        return True

    def _save_failed(self, exc: UserError) -> None:
        """The service's message; the cursor goes to the first override still without reason."""
        show_error(self, exc)
        missing = next(
            (r for r in self.rows if r.overridden() and not r.reason.text().strip()), None
        )
        if missing is not None:
            missing.reason.setFocus()

    def save_and_next(self) -> None:
        if self.save():
            if self.position + 1 < len(self.order):
                self.load(self.position + 1)
            else:
                self.accept()

    def save_and_close(self) -> None:
        if self.save():
            self.accept()
