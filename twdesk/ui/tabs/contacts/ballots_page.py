"""满意度测评: survey rounds, paper ballots entered per person (满意 / 基本满意 / 不满意) or imported,
and the tally per person and overall, with the 10th-indicator suggestion it gives."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from twdesk.core.youth_contacts import satisfaction_suggestion
from twdesk.services import contact_ballots
from twdesk.services.contact_ballots import RoundRow, RoundTally
from twdesk.ui.actions import run_action, run_long, run_read
from twdesk.ui.i18n import tr
from twdesk.ui.readonly import mark_editing
from twdesk.ui.tabs.contacts.common import CHANGES, ContactsContext, date_edit
from twdesk.ui.widgets.combos import refill
from twdesk.ui.widgets.tables import fill_table, make_table

SHEETS = tr("表格文件 (*.xlsx *.xls *.ods *.csv);;所有文件 (*)")


class BallotsPage(QWidget):
    def __init__(self, ctx: ContactsContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.rounds: list[RoundRow] = []
        self.tally: RoundTally | None = None
        self.round = QComboBox()
        self.round.setMinimumWidth(260)
        self.round.currentIndexChanged.connect(lambda _i: self.load_tally())
        # a new round
        self.new_name = QLineEdit()
        self.new_name.setPlaceholderText(self.tr("测评名称，如 2026年上半年联系青年满意度测评"))
        self.new_date = date_edit(ctx.today)
        self.covers_contactors = QCheckBox(self.tr("测评联系人"))
        self.covers_contactors.setChecked(True)
        self.covers_delegates = QCheckBox(self.tr("测评团代表（计入考核第10项建议分）"))
        self.covers_delegates.setChecked(True)
        self.new_button = QPushButton(self.tr("新建测评"))
        self.new_button.clicked.connect(lambda: self.new_round())
        # ballots about one person
        self.person = QComboBox()
        self.person.setMinimumWidth(160)
        self.satisfied, self.basic, self.dissatisfied = QSpinBox(), QSpinBox(), QSpinBox()
        for box in (self.satisfied, self.basic, self.dissatisfied):
            box.setRange(0, 10000)
        self.enter_button = QPushButton(self.tr("录入票数"))
        self.enter_button.clicked.connect(lambda: self.enter())
        self.clear_button = QPushButton(self.tr("撤回此人本次的票"))
        self.clear_button.clicked.connect(lambda: self.clear())
        self.import_button = QPushButton(self.tr("导入测评票…"))
        self.import_button.clicked.connect(lambda: self.import_file())
        mark_editing(self.new_button, self.enter_button, self.clear_button, self.import_button)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b3261e;")
        self.error.setWordWrap(True)
        self.overall = QLabel()
        self.table = make_table(
            (
                tr("被测评人"),
                tr("满意"),
                tr("基本满意"),
                tr("不满意"),
                tr("票数"),
                tr("满意率"),
                tr("第10项建议分"),
            )
        )
        new_box = QGroupBox(self.tr("新建测评"))
        new_row = QHBoxLayout(new_box)
        new_row.addWidget(self.new_name, 2)
        new_row.addWidget(self.new_date)
        new_row.addWidget(self.covers_contactors)
        new_row.addWidget(self.covers_delegates)
        new_row.addWidget(self.new_button)
        head = QHBoxLayout()
        head.addWidget(QLabel(self.tr("测评")))
        head.addWidget(self.round)
        head.addStretch(1)
        head.addWidget(self.import_button)
        enter = QGroupBox(self.tr("录入纸质测评票（匿名，按人汇总票数）"))
        enter_row = QHBoxLayout(enter)
        enter_row.addWidget(QLabel(self.tr("被测评人")))
        enter_row.addWidget(self.person)
        for label, box in (
            (self.tr("满意"), self.satisfied),
            (self.tr("基本满意"), self.basic),
            (self.tr("不满意"), self.dissatisfied),
        ):
            enter_row.addWidget(QLabel(label))
            enter_row.addWidget(box)
        enter_row.addWidget(self.enter_button)
        enter_row.addWidget(self.clear_button)
        enter_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(new_box)
        layout.addLayout(head)
        layout.addWidget(enter)
        layout.addWidget(self.error)
        layout.addWidget(self.overall)
        layout.addWidget(self.table, 1)

    def refresh(self) -> None:
        self.rounds = run_read(self, self.ctx.db, contact_ballots.rounds) or []
        refill(self.round, [(r.id, f"{r.name}（{r.held_on:%Y-%m-%d}）") for r in self.rounds])
        refill(self.person, [(c.id, f"{c.name}（{c.role}）") for c in self.ctx.contactors])
        self.load_tally()

    def load_tally(self) -> None:
        rid = self.round.currentData()
        self.tally = (
            run_read(self, self.ctx.db, lambda s: contact_ballots.round_tally(s, rid))
            if rid
            else None
        )
        if self.tally is None:
            self.overall.setText(self.tr("还没有测评：先新建一次测评。"))
            fill_table(self.table, [])
            return
        t = self.tally.overall
        self.overall.setText(
            self.tr(
                "测评对象：{0}。共 {1} 票：满意 {2}，基本满意 {3}，不满意 {4}；总体满意率 {5}。"
            ).format(
                self._covers(),
                t.total,
                t.satisfied,
                t.basic,
                t.dissatisfied,
                t.rate_text(),
            )
        )
        fill_table(
            self.table,
            [
                (
                    p.name,
                    p.tally.satisfied,
                    p.tally.basic,
                    p.tally.dissatisfied,
                    p.tally.total,
                    p.tally.rate_text(),
                    satisfaction_suggestion(p.tally.positive, p.tally.total) or "",
                )
                for p in self.tally.people
            ],
            [p.person_id for p in self.tally.people],
        )

    def _act(self, fn: Callable[[Any], Any]) -> Any:
        self.error.setText("")
        return run_action(
            self,
            self.ctx.db,
            fn,
            changes=[*CHANGES, "evaluation"],
            on_error=lambda exc: self.error.setText(str(exc)),
        )

    def new_round(self) -> str | None:
        name, day = self.new_name.text(), self.new_date.date().toPython()
        contactors, delegates = (
            self.covers_contactors.isChecked(),
            self.covers_delegates.isChecked(),
        )
        rid = self._act(
            lambda s: contact_ballots.save_round(
                s, name, day, covers_contactors=contactors, covers_delegates=delegates
            )
        )
        if rid:
            self.new_name.clear()
            self.refresh()
            self.round.setCurrentIndex(max(self.round.findData(rid), 0))
        return rid

    def enter(self) -> int | None:
        rid, pid = self.round.currentData(), self.person.currentData()
        if not rid or not pid:
            self.error.setText(self.tr("请先选择测评和被测评人。"))
            return None
        counts = self.satisfied.value(), self.basic.value(), self.dissatisfied.value()
        added = self._act(
            lambda s: contact_ballots.add_ballots(
                s, rid, pid, satisfied=counts[0], basic=counts[1], dissatisfied=counts[2]
            )
        )
        if added:
            for box in (self.satisfied, self.basic, self.dissatisfied):
                box.setValue(0)
            self.load_tally()
        return added

    def clear(self) -> int | None:
        rid, pid = self.round.currentData(), self.person.currentData()
        if not rid or not pid:
            return None
        done = self._act(lambda s: contact_ballots.clear_ballots(s, rid, pid, by="联系青年页"))
        self.load_tally()
        return done

    def import_file(self) -> object:
        rid = self.round.currentData()
        chosen = next((r for r in self.rounds if r.id == rid), None)
        if chosen is None:
            self.error.setText(self.tr("请先新建或选择一次测评，再导入它的测评票。"))
            return None
        name, _ = QFileDialog.getOpenFileName(self, self.tr("导入测评票"), "", self.tr(SHEETS))
        if not name:
            return None
        db, path = self.ctx.db, Path(name)

        def job(progress: Callable[[int, int], None], cancelled: Callable[[], bool]) -> Any:
            from twdesk.services.contact_import import import_ballots

            with db.transaction() as s:
                return import_ballots(
                    s, path, round_name=chosen.name, progress=progress, cancel=cancelled
                )

        def done(summary: Any) -> None:
            QMessageBox.information(self, self.tr("导入测评票"), summary.one_line())

        return run_long(
            self, self.tr("正在导入测评票…"), job, done, changes=[*CHANGES, "evaluation"]
        )

    def _covers(self) -> str:
        """Whom the survey rates (services' ContactRound.covers, in the interface language)."""
        survey = self.tally.round
        parts = [self.tr("联系人")] if survey.covers_contactors else []
        parts += [self.tr("团代表")] if survey.covers_delegates else []
        return self.tr("、").join(parts)
