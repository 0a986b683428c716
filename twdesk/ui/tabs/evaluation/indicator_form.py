"""One indicator of the scheme in a form: name, points, which records it counts and how."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSpinBox,
    QWidget,
)

from twdesk.core.evaluation_rules import (
    ALLOWED_KINDS,
    SOURCE_LABELS,
    Indicator,
    Rule,
    RuleKind,
    Source,
    fmt,
)
from twdesk.ui.tabs.evaluation.common import KIND_LABELS, tr


def spin_decimal(spin: QDoubleSpinBox) -> Decimal:
    """The spin box's value as the Decimal people typed (10, 2.5)."""
    return Decimal(fmt(round(spin.value(), spin.decimals())))


def points_spin(maximum: float = 100, decimals: int = 1) -> QDoubleSpinBox:
    spin = QDoubleSpinBox()
    spin.setRange(0, maximum)
    spin.setDecimals(decimals)
    spin.setSingleStep(0.5)
    return spin


class IndicatorForm(QWidget):
    """Edits one `Indicator`; `changed` after every edit (read it back with `indicator()`)."""

    changed = Signal()

    def __init__(self, activity_types: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.activity_types = list(activity_types)
        self.seq = QSpinBox()
        self.seq.setRange(1, 99)
        self.name = QLineEdit()
        self.name.setObjectName("indicatorName")
        self.points = points_spin()
        self.points.setObjectName("indicatorPoints")
        self.source = QComboBox()
        for source in Source:
            self.source.addItem(SOURCE_LABELS[source], str(source))
        self.kind = QComboBox()
        self.types = QListWidget()
        self.types.setMaximumHeight(120)
        self.per_item = points_spin()
        self.cap = points_spin()
        self.cap.setSpecialValueText(tr("同分值"))
        self.penalty = points_spin()
        self.lead = points_spin()
        self.target = QSpinBox()
        self.target.setRange(0, 100000)
        self.target.setSpecialValueText(tr("用台账目标"))
        self.description = QLineEdit()
        self.rule_text = QLabel()
        self.rule_text.setWordWrap(True)
        self.rule_text.setStyleSheet("color: #1b5e20;")
        self.form = QFormLayout(self)
        self.form.addRow(tr("序号"), self.seq)
        self.form.addRow(tr("名称"), self.name)
        self.form.addRow(tr("分值"), self.points)
        self.form.addRow(tr("计分来源"), self.source)
        self.form.addRow(tr("计分方式"), self.kind)
        self.form.addRow(tr("计入的活动类型"), self.types)
        self.form.addRow(tr("每项得分"), self.per_item)
        self.form.addRow(tr("封顶分"), self.cap)
        self.form.addRow(tr("每次扣分"), self.penalty)
        self.form.addRow(tr("领办得分"), self.lead)
        self.form.addRow(tr("目标数"), self.target)
        self.form.addRow(tr("说明"), self.description)
        self.form.addRow(tr("计分规则"), self.rule_text)
        self._filling = False
        for spin in (self.seq, self.points, self.per_item, self.cap, self.penalty, self.lead):
            spin.valueChanged.connect(lambda _v: self._edited())
        self.target.valueChanged.connect(lambda _v: self._edited())
        self.name.textChanged.connect(lambda _t: self._edited())
        self.description.textChanged.connect(lambda _t: self._edited())
        self.source.currentIndexChanged.connect(lambda _i: self._source_changed())
        self.kind.currentIndexChanged.connect(lambda _i: self._edited())
        self.types.itemChanged.connect(lambda _item: self._edited())

    # --- filling ------------------------------------------------------------------------------

    def set_indicator(self, ind: Indicator) -> None:
        self._filling = True
        rule = ind.rule
        self.seq.setValue(ind.seq)
        self.name.setText(ind.name)
        self.points.setValue(float(ind.points))
        self.source.setCurrentIndex(self.source.findData(str(rule.source)))
        self._fill_kinds(rule.source, rule.kind)
        self.types.clear()
        for name in [
            *self.activity_types,
            *(t for t in rule.activity_types if t not in self.activity_types),
        ]:
            item = QListWidgetItem(name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = name in rule.activity_types
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.types.addItem(item)
        self.per_item.setValue(float(rule.per_item))
        self.cap.setValue(0 if rule.cap is None else float(rule.cap))
        self.penalty.setValue(float(rule.penalty))
        self.lead.setValue(float(rule.lead_points))
        self.target.setValue(rule.target or 0)
        self.description.setText(ind.description)
        self.description.setCursorPosition(0)
        self._filling = False
        self._show_fields()

    def _fill_kinds(self, source: Source, kind: RuleKind | None) -> None:
        self.kind.blockSignals(True)
        self.kind.clear()
        for k in RuleKind:
            if k in ALLOWED_KINDS[source]:
                self.kind.addItem(KIND_LABELS[k], str(k))
        self.kind.setCurrentIndex(max(0, self.kind.findData(str(kind))))
        self.kind.blockSignals(False)

    def _source_changed(self) -> None:
        if not self._filling:
            self._fill_kinds(Source(self.source.currentData()), self._kind())
        self._edited()

    def _kind(self) -> RuleKind:
        return RuleKind(self.kind.currentData() or RuleKind.MANUAL)

    def _show_fields(self) -> None:
        """Only the fields the chosen source and kind use."""
        source, kind = Source(self.source.currentData()), self._kind()
        per_item = kind == RuleKind.PER_ITEM
        visible = {
            self.types: source == Source.ACTIVITIES,
            self.per_item: per_item,
            self.cap: per_item,
            self.penalty: kind in (RuleKind.PER_ITEM, RuleKind.RATIO),
            self.lead: per_item and source == Source.PROJECTS,
            self.target: kind in (RuleKind.RATIO, RuleKind.THRESHOLD) and source != Source.DUTY,
        }
        for widget, shown in visible.items():
            self.form.setRowVisible(widget, shown)
        self.rule_text.setText(self.indicator().rule.describe(spin_decimal(self.points)))

    def _edited(self) -> None:
        if self._filling:
            return
        self._show_fields()
        self.changed.emit()

    # --- reading ------------------------------------------------------------------------------

    def indicator(self) -> Indicator:
        source, kind = Source(self.source.currentData()), self._kind()
        types = tuple(
            self.types.item(i).text()
            for i in range(self.types.count())
            if self.types.item(i).checkState() == Qt.CheckState.Checked
        )
        cap = spin_decimal(self.cap)
        rule = Rule(
            kind,
            source,
            activity_types=types if source == Source.ACTIVITIES else (),
            per_item=spin_decimal(self.per_item) if kind == RuleKind.PER_ITEM else Decimal(0),
            cap=cap if cap and kind == RuleKind.PER_ITEM else None,
            penalty=spin_decimal(self.penalty)
            if kind in (RuleKind.PER_ITEM, RuleKind.RATIO)
            else Decimal(0),
            lead_points=spin_decimal(self.lead)
            if kind == RuleKind.PER_ITEM and source == Source.PROJECTS
            else Decimal(0),
            target=(self.target.value() or None)
            if kind in (RuleKind.RATIO, RuleKind.THRESHOLD)
            else None,
        )
        return Indicator(
            self.seq.value(),
            self.name.text().strip(),
            spin_decimal(self.points),
            rule,
            self.description.text().strip(),
        )
