"""考核方案: the office's scheme — indicators (points, which records count and how), bonus items
and cap, veto situations, grade bands and the 优秀 quota. The points' sum and every problem
show live; saving goes through the service, which refuses a scheme that cannot be used."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from twdesk.core.evaluation_rules import (
    GradeBands,
    Indicator,
    Rule,
    RuleKind,
    Scheme,
    fmt,
    scheme_problems,
)
from twdesk.services import evaluation
from twdesk.ui.actions import EVALUATION, run_action
from twdesk.ui.readonly import mark_editing
from twdesk.ui.tabs.evaluation.common import tr
from twdesk.ui.tabs.evaluation.indicator_form import IndicatorForm, points_spin, spin_decimal
from twdesk.ui.widgets.tables import fill_table, fit_columns, make_table

if TYPE_CHECKING:
    from twdesk.services.files import Database


class SchemeDialog(QDialog):
    def __init__(
        self,
        db: Database,
        scheme: Scheme,
        activity_types: list[str],
        term: tuple[int, int] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.original = scheme
        self.indicators: list[Indicator] = list(scheme.indicators)
        self.setWindowTitle(tr("考核方案"))
        self.resize(980, 640)
        self.name = QLineEdit(scheme.name)
        self.name.setObjectName("schemeName")
        self.name.textChanged.connect(lambda _t: self._check())

        # 指标
        self.list = make_table((tr("序号"), tr("指标"), tr("分值"), tr("计分规则")))
        self.list.setMinimumWidth(430)
        self.list.itemSelectionChanged.connect(self._selected)
        self.form = IndicatorForm(activity_types)
        self.form.changed.connect(self._indicator_edited)
        self.add_button = QPushButton(tr("添加指标"))
        self.add_button.clicked.connect(lambda: self.add_indicator())
        self.remove_button = QPushButton(tr("删除指标"))
        self.remove_button.clicked.connect(lambda: self.remove_indicator())
        self.sum_label = QLabel()
        self.sum_label.setObjectName("pointsSum")
        left = QVBoxLayout()
        left.addWidget(self.list, 1)
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        row.addStretch(1)
        row.addWidget(self.sum_label)
        left.addLayout(row)
        indicators_page = QWidget()
        page = QHBoxLayout(indicators_page)
        page.addLayout(left, 3)
        page.addWidget(self.form, 2)

        # 加分与否决
        self.bonus_table = make_table((tr("加分项"), tr("分值")))
        self.bonus_table.setEditTriggers(self.bonus_table.EditTrigger.AllEditTriggers)
        for name, points in scheme.bonus_items:
            self._add_bonus_row(name, points)
        self.bonus_table.itemChanged.connect(lambda _i: self._check())
        add_bonus = QPushButton(tr("添加加分项"))
        add_bonus.clicked.connect(lambda: self.add_bonus())
        remove_bonus = QPushButton(tr("删除加分项"))
        remove_bonus.clicked.connect(lambda: self._remove_bonus_row())
        self.bonus_cap = points_spin(100)
        self.bonus_cap.setValue(float(scheme.bonus_cap))
        self.bonus_cap.valueChanged.connect(lambda _v: self._check())
        self.vetoes = QPlainTextEdit("\n".join(scheme.veto_items))
        self.vetoes.setObjectName("vetoes")
        self.vetoes.textChanged.connect(self._check)
        extras_page = QWidget()
        extras = QVBoxLayout(extras_page)
        extras.addWidget(QLabel(tr("加分项（总加分不超过上限）")))
        extras.addWidget(self.bonus_table, 1)
        bonus_row = QHBoxLayout()
        bonus_row.addWidget(add_bonus)
        bonus_row.addWidget(remove_bonus)
        bonus_row.addStretch(1)
        bonus_row.addWidget(QLabel(tr("加分上限")))
        bonus_row.addWidget(self.bonus_cap)
        extras.addLayout(bonus_row)
        extras.addWidget(QLabel(tr("否决情形（每行一条；出现任一情形，等次直接定为不称职）")))
        extras.addWidget(self.vetoes, 1)

        # 等次与名额
        bands = scheme.bands
        self.excellent = points_spin()
        self.excellent.setValue(float(bands.excellent))
        self.competent = points_spin()
        self.competent.setValue(float(bands.competent))
        self.basic = points_spin()
        self.basic.setValue(float(bands.basic))
        self.quota = points_spin()
        self.quota.setRange(0, 100)
        self.quota.setSuffix(" %")
        self.quota.setObjectName("quota")
        self.quota.setValue(float(scheme.excellent_quota * 100))
        for spin in (self.excellent, self.competent, self.basic, self.quota):
            spin.valueChanged.connect(lambda _v: self._check())
        grades_page = QWidget()
        grades = QFormLayout(grades_page)
        grades.addRow(tr("优秀：总分不低于"), self.excellent)
        grades.addRow(tr("称职：总分不低于"), self.competent)
        grades.addRow(tr("基本称职：总分不低于"), self.basic)
        grades.addRow(QLabel(tr("低于基本称职分数线为不称职。")))
        grades.addRow(tr("优秀比例（每个联络站，向下取整，至少 1 人）"), self.quota)
        self.term_first, self.term_last = QSpinBox(), QSpinBox()
        for spin, value, name in (
            (self.term_first, term[0] if term else 0, "termFirst"),
            (self.term_last, term[1] if term else 0, "termLast"),
        ):
            spin.setRange(1999, 2100)
            spin.setSpecialValueText(tr("未设置"))  # the minimum reads 未设置
            spin.setValue(value if value else 1999)
            spin.setObjectName(name)
        term_row = QHBoxLayout()
        term_row.addWidget(self.term_first)
        term_row.addWidget(QLabel("—"))
        term_row.addWidget(self.term_last)
        term_row.addStretch()
        grades.addRow(tr("本届起止年份（每年均为优秀者在最后一年推荐为下届候选人）"), term_row)

        self.pages = QTabWidget()
        self.pages.addTab(indicators_page, tr("指标"))
        self.pages.addTab(extras_page, tr("加分与否决"))
        self.pages.addTab(grades_page, tr("等次与名额"))
        self.problems = QLabel()
        self.problems.setObjectName("problems")
        self.problems.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(tr("保存"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        mark_editing(self.save_button)
        note = QLabel(
            tr(
                "已锁定的年度保留锁定时的方案，不受修改影响；未锁定的年度在“开启/刷新”时按新方案重算建议分。"
            )
        )
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        top = QFormLayout()
        top.addRow(tr("方案名称"), self.name)
        layout.addLayout(top)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.problems)
        layout.addWidget(note)
        layout.addWidget(self.buttons)
        self._fill_list(0)

    # --- indicators ---------------------------------------------------------------------------

    def _fill_list(self, select: int) -> None:
        self.list.blockSignals(True)
        fill_table(
            self.list,
            [(i.seq, i.name, fmt(i.points), i.rule.describe(i.points)) for i in self.indicators],
        )
        self.list.blockSignals(False)
        if self.indicators:
            self.list.selectRow(min(select, len(self.indicators) - 1))
        self._selected()
        self._check()

    def current(self) -> int:
        rows = self.list.selectionModel().selectedRows()
        return rows[0].row() if rows else -1

    def _selected(self) -> None:
        k = self.current()
        self.form.setEnabled(k >= 0)
        self.remove_button.setEnabled(k >= 0)
        if k >= 0:
            self.form.set_indicator(self.indicators[k])

    def _indicator_edited(self) -> None:
        k = self.current()
        if k < 0:
            return
        ind = self.indicators[k] = self.form.indicator()
        for c, value in enumerate(
            (ind.seq, ind.name, fmt(ind.points), ind.rule.describe(ind.points))
        ):
            self.list.item(k, c).setText(str(value))
        self._check()

    def add_indicator(self) -> None:
        seq = max((i.seq for i in self.indicators), default=0) + 1
        self.indicators.append(
            Indicator(seq, tr("新指标"), Decimal(5), Rule(RuleKind.MANUAL), tr("手工评定"))
        )
        self._fill_list(len(self.indicators) - 1)
        self.form.name.setFocus()
        self.form.name.selectAll()

    def remove_indicator(self) -> None:
        k = self.current()
        if k >= 0:
            del self.indicators[k]
            self._fill_list(k)

    # --- bonus --------------------------------------------------------------------------------

    def _add_bonus_row(self, name: str, points: Decimal) -> None:
        r = self.bonus_table.rowCount()
        spin = points_spin()
        spin.setValue(float(points))
        spin.valueChanged.connect(lambda _v: self._check())
        self.bonus_table.blockSignals(True)  # the row is checked once it is whole
        self.bonus_table.setRowCount(r + 1)
        self.bonus_table.setItem(r, 0, QTableWidgetItem(name))
        self.bonus_table.setCellWidget(r, 1, spin)
        self.bonus_table.blockSignals(False)
        fit_columns(self.bonus_table)

    def add_bonus(self) -> None:
        self._add_bonus_row(tr("新加分项"), Decimal(1))
        self._check()

    def _remove_bonus_row(self) -> None:
        r = self.bonus_table.currentRow()
        if r >= 0:
            self.bonus_table.removeRow(r)
            self._check()

    def _bonus_items(self) -> tuple[tuple[str, Decimal], ...]:
        items = []
        for r in range(self.bonus_table.rowCount()):
            item, spin = self.bonus_table.item(r, 0), self.bonus_table.cellWidget(r, 1)
            name = item.text().strip() if item is not None else ""
            if name:
                items.append((name, spin_decimal(spin)))  # type: ignore[arg-type]
        return tuple(items)

    # --- the whole scheme ---------------------------------------------------------------------

    def scheme(self) -> Scheme:
        vetoes = tuple(v.strip() for v in self.vetoes.toPlainText().splitlines() if v.strip())
        return replace(
            self.original,
            name=self.name.text().strip() or self.original.name,
            indicators=tuple(self.indicators),
            bonus_items=self._bonus_items(),
            bonus_cap=spin_decimal(self.bonus_cap),
            veto_items=vetoes,
            bands=GradeBands(
                spin_decimal(self.excellent), spin_decimal(self.competent), spin_decimal(self.basic)
            ),
            excellent_quota=spin_decimal(self.quota) / 100,
        )

    def _check(self) -> None:
        total = sum((i.points for i in self.indicators), Decimal(0))
        ok = total == 100
        self.sum_label.setText(tr("分值合计：{0} 分").format(fmt(total)))
        self.sum_label.setStyleSheet(f"font-weight: bold; color: {'#1b5e20' if ok else '#b3261e'};")
        problems = scheme_problems(self.scheme())
        self.problems.setText("\n".join(problems) if problems else tr("方案检查通过。"))
        self.problems.setStyleSheet(f"color: {'#b3261e' if problems else '#1b5e20'};")

    def term(self) -> tuple[int, int] | None:
        """The term's years as set, None while either reads 未设置."""
        first, last = self.term_first.value(), self.term_last.value()
        minimum = self.term_first.minimum()
        return None if minimum in (first, last) else (first, last)

    def save(self) -> None:
        scheme, term = self.scheme(), self.term()

        def write(s) -> bool:  # type: ignore[no-untyped-def]
            evaluation.save_scheme(s, scheme)
            if term is not None:
                evaluation.set_term_years(s, *term)
            return True

        if run_action(self, self.db, write, changes=[EVALUATION]):
            self.accept()
