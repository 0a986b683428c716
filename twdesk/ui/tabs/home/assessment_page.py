"""联络站考评: each station's suggested and entered scores, total, grade and county rank; the
records behind a suggestion one click away; the checklist editor; the ranked table as PDF and
.xlsx for the 通报."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from twdesk.core.station_assessment import MEASURE_LABELS, CheckItemSpec, GradeRule, Measure
from twdesk.ui import actions
from twdesk.ui.i18n import notr
from twdesk.ui.readonly import mark_editing
from twdesk.ui.tabs.home.common import HomeContext, tr
from twdesk.ui.widgets.tables import fill_table, make_table

ENTERED = QColor("#0b57d0")
RED = QColor("#b3261e")
FIXED = 2  # 名次, 联络站


def fmt(value: Decimal) -> str:
    """46.0 → 46, 55.5 → 55.5."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


class RecordsDialog(QDialog):
    """The records behind one suggested number."""

    def __init__(self, records: object, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("计分依据"))
        self.resize(640, 440)
        title = QLabel(records.title)  # type: ignore[attr-defined]
        title.setStyleSheet("font-weight: bold;")
        self.basis = QLabel(records.basis)  # type: ignore[attr-defined]
        self.basis.setWordWrap(True)
        self.table = make_table(records.headers)  # type: ignore[attr-defined]
        fill_table(self.table, records.rows)  # type: ignore[attr-defined]
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.basis)
        layout.addWidget(self.table, 1)
        layout.addWidget(QLabel(tr("共 {0} 条").format(len(records.rows))))  # type: ignore[attr-defined]
        layout.addWidget(buttons)


class ChecklistDialog(QDialog):
    """考评细则: items, points, how each is measured, its parameter; and the grades' lines
    (等次分数线: a total at or above a line earns its grade)."""

    def __init__(
        self,
        year: int,
        items: list[CheckItemSpec],
        parent: QWidget | None = None,
        rule: GradeRule | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("{0} 年联络站考评细则").format(year))
        self.resize(820, 560)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [tr("考评项目"), tr("分值"), tr("计分方式"), tr("参数")]
        )
        self.table.setColumnWidth(0, 240)
        self.table.setColumnWidth(2, 300)
        self.table.horizontalHeader().setStretchLastSection(True)
        for item in items:
            self.add_row(item)
        add = QPushButton(tr("添加一项"))
        add.clicked.connect(lambda: self.add_row())
        remove = QPushButton(tr("删除选中项"))
        remove.clicked.connect(lambda: self.remove_row())
        note = QLabel(
            tr("参数：“超期意见”为每条扣分；“每月活动”为每月至少几次。总分建议为 100 分。")
        )
        note.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(add)
        row.addWidget(remove)
        row.addStretch(1)
        self.grade_table = QTableWidget(0, 2)
        self.grade_table.setHorizontalHeaderLabels([tr("等次"), tr("总分不低于")])
        self.grade_table.setColumnWidth(0, 240)
        self.grade_table.horizontalHeader().setStretchLastSection(True)
        self.grade_table.setMaximumHeight(170)
        for name, minimum in (rule or GradeRule()).grades:
            self.add_grade(name, minimum)
        self.add_grade_button = QPushButton(tr("添加等次"))
        self.add_grade_button.clicked.connect(lambda: self.add_grade())
        self.remove_grade_button = QPushButton(tr("删除选中等次"))
        self.remove_grade_button.clicked.connect(lambda: self.remove_grade())
        grade_row = QHBoxLayout()
        grade_row.addWidget(self.add_grade_button)
        grade_row.addWidget(self.remove_grade_button)
        grade_row.addStretch(1)
        grade_note = QLabel(
            tr("等次从高到低排列，最后一档的分数线为 0；各年度通用（如：五星 95、四星 85 …）。")
        )
        grade_note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(note)
        layout.addWidget(QLabel(tr("等次分数线")))
        layout.addWidget(self.grade_table)
        layout.addLayout(grade_row)
        layout.addWidget(grade_note)
        layout.addWidget(self.buttons)

    def add_grade(self, name: str | None = None, minimum: Decimal | None = None) -> None:
        r = self.grade_table.rowCount()
        self.grade_table.insertRow(r)
        self.grade_table.setItem(r, 0, QTableWidgetItem(name if name is not None else tr("新等次")))
        line = QDoubleSpinBox()
        line.setRange(0, 1000)
        line.setDecimals(1)
        line.setValue(float(minimum) if minimum is not None else 0)
        self.grade_table.setCellWidget(r, 1, line)

    def remove_grade(self) -> None:
        row = self.grade_table.currentRow()
        if row >= 0:
            self.grade_table.removeRow(row)

    def grade_rule(self) -> GradeRule:
        grades = []
        for r in range(self.grade_table.rowCount()):
            cell = self.grade_table.item(r, 0)
            line = self.grade_table.cellWidget(r, 1).value()  # type: ignore[attr-defined]
            grades.append(((cell.text() if cell else "").strip(), Decimal(str(line))))
        return GradeRule(tuple(grades))

    def add_row(self, item: CheckItemSpec | None = None) -> None:
        r = self.table.rowCount()
        self.table.insertRow(r)
        name = QTableWidgetItem(item.name if item else tr("新考评项"))
        # the name it was loaded with: a renamed item keeps the scores entered on it
        name.setData(Qt.ItemDataRole.UserRole, item.name if item else None)
        self.table.setItem(r, 0, name)
        points = QDoubleSpinBox()
        points.setRange(0, 100)
        points.setDecimals(1)
        points.setValue(float(item.points) if item else 10)
        self.table.setCellWidget(r, 1, points)
        measure = QComboBox()
        for key, label in MEASURE_LABELS.items():
            measure.addItem(tr(label), str(key))
        measure.setCurrentIndex(
            max(measure.findData(str(item.measure) if item else Measure.INSPECTION), 0)
        )
        self.table.setCellWidget(r, 2, measure)
        param = QDoubleSpinBox()
        param.setRange(0, 100)
        param.setDecimals(1)
        param.setValue(float(item.param) if item else 0)
        self.table.setCellWidget(r, 3, param)

    def remove_row(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)

    def items(self) -> list[CheckItemSpec]:
        result = []
        for r in range(self.table.rowCount()):
            name = self.table.item(r, 0).text() if self.table.item(r, 0) else ""
            points = self.table.cellWidget(r, 1).value()  # type: ignore[attr-defined]
            measure = self.table.cellWidget(r, 2).currentData()  # type: ignore[attr-defined]
            param = self.table.cellWidget(r, 3).value()  # type: ignore[attr-defined]
            cell = self.table.item(r, 0)
            was = cell.data(Qt.ItemDataRole.UserRole) if cell else None
            result.append(
                CheckItemSpec(
                    r + 1,
                    name,
                    Decimal(str(points)),
                    measure,
                    Decimal(str(param)),
                    # a new row never takes over a removed item's scores by reusing its name
                    was if was else f"\x00new{r}",
                )
            )
        return result


class AssessmentPage(QWidget):
    def __init__(self, ctx: HomeContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.loaded = False
        self.rows: list = []
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setSuffix(tr(" 年"))
        self.year.setValue(ctx.today.year)
        self.year.valueChanged.connect(lambda _v: self.refresh())
        self.records_button = QPushButton(tr("计分依据…"))
        self.records_button.setToolTip(tr("选中一个得分格，查看建议分依据的记录"))
        self.records_button.clicked.connect(lambda: self.show_records())
        self.score_button = QPushButton(tr("录入得分…"))
        self.score_button.clicked.connect(lambda: self.enter_score())
        self.clear_button = QPushButton(tr("恢复建议分"))
        self.clear_button.clicked.connect(lambda: self.clear_score())
        self.checklist_button = QPushButton(tr("考评细则…"))
        self.checklist_button.clicked.connect(lambda: self.edit_checklist())
        mark_editing(self.score_button, self.clear_button, self.checklist_button)
        self.pdf_button = QPushButton(tr("导出 PDF…"))
        self.pdf_button.clicked.connect(lambda: self.export(".pdf"))
        self.xlsx_button = QPushButton(tr("导出 Excel…"))
        self.xlsx_button.clicked.connect(lambda: self.export(".xlsx"))
        top = QHBoxLayout()
        top.addWidget(QLabel(tr("考评年度")))
        top.addWidget(self.year)
        for b in (
            self.records_button,
            self.score_button,
            self.clear_button,
            self.checklist_button,
            self.pdf_button,
            self.xlsx_button,
        ):
            top.addWidget(b)
        top.addStretch(1)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.table = make_table([tr("名次"), tr("联络站")])
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectItems)
        self.table.verticalHeader().hide()  # the rank is the first column
        self.table.cellDoubleClicked.connect(lambda r, c: self.show_records(r, c))
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        legend = QLabel(
            tr(
                "得分格显示计入总分的分数：蓝色为考评组录入的分数，其余为根据记录算出的建议分；"
                "双击得分格查看依据的记录。"
            )
        )
        legend.setStyleSheet("color: #666;")
        legend.setWordWrap(True)
        layout.addWidget(legend)

    # --- loading ----------------------------------------------------------------------------

    def refresh(self) -> None:
        from twdesk.services import station_assessment as sa

        year, today = self.year.value(), self.ctx.today
        found = actions.run_read(self, self.ctx.db, lambda s: sa.assess(s, year, today=today))
        self.loaded = True
        self.rows = found or []
        self._show()

    def _show(self) -> None:
        rows = self.rows
        names = (
            [i.name + "\n" + tr("（{0}分）").format(fmt(i.points)) for i in rows[0].items]
            if rows
            else []
        )
        headers = [tr("名次"), tr("联络站"), *names, tr("总分"), tr("等次")]
        self.table.clear()
        self.table.setColumnCount(len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setRowCount(len(rows))
        bold = QFont()
        bold.setBold(True)
        for r, row in enumerate(rows):
            cells = [str(row.rank), row.station]
            cells += [fmt(i.score) for i in row.items]
            cells += [fmt(row.total), row.grade]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.table.setItem(r, c, item)
            for n, score in enumerate(row.items):
                item = self.table.item(r, FIXED + n)
                suggested = "—" if score.suggested is None else fmt(score.suggested)
                tip = tr("建议分 {0}：{1}").format(suggested, score.basis)
                if score.entered is not None:
                    item.setForeground(QBrush(ENTERED))
                    item.setFont(bold)
                    tip += tr("\n录入得分 {0}{1}").format(
                        fmt(score.entered), f"（{score.note}）" if score.note else ""
                    )
                item.setToolTip(tip)
            if row.grade == "不合格":
                self.table.item(r, len(cells) - 1).setForeground(QBrush(RED))
        self.table.resizeColumnsToContents()
        self.table.setColumnWidth(1, max(self.table.columnWidth(1), 180))
        self.table.resizeRowsToContents()
        grades: dict[str, int] = {}
        for row in rows:
            grades[row.grade] = grades.get(row.grade, 0) + 1
        self.summary.setText(
            tr("{0} 年共 {1} 个联络站参加考评：{2}").format(
                self.year.value(),
                len(rows),
                tr("，").join(tr("{0} {1} 个").format(g, n) for g, n in grades.items()) or tr("无"),
            )
        )

    def select_cell(self, station: str, seq: int) -> bool:
        for r, row in enumerate(self.rows):
            if row.station == station:
                self.table.setCurrentCell(r, FIXED + seq - 1)
                return True
        return False

    def _selected(self) -> tuple[object, object] | None:
        r, c = self.table.currentRow(), self.table.currentColumn()
        if not (0 <= r < len(self.rows)) or not (FIXED <= c < FIXED + len(self.rows[r].items)):
            return None
        row = self.rows[r]
        return row, row.items[c - FIXED]

    # --- actions ----------------------------------------------------------------------------

    def show_records(self, r: int | None = None, c: int | None = None) -> RecordsDialog | None:
        from twdesk.services import station_assessment as sa

        if r is not None and c is not None:
            self.table.setCurrentCell(r, c)
        chosen = self._selected()
        if chosen is None:
            return None
        row, score = chosen
        year, today = self.year.value(), self.ctx.today
        records = actions.run_read(
            self,
            self.ctx.db,
            lambda s: sa.records_behind(s, year, row.station_id, score.seq, today=today),  # type: ignore[attr-defined]
        )
        if records is None:
            return None
        dialog = RecordsDialog(records, self)
        dialog.open()
        return dialog

    def enter_score(self, value: float | None = None, note: str | None = None) -> bool:
        from twdesk.services import station_assessment as sa

        chosen = self._selected()
        if chosen is None:
            return False
        row, score = chosen
        if value is None:
            start = float(score.score)  # type: ignore[attr-defined]
            value, ok = QInputDialog.getDouble(
                self,
                tr("录入得分"),
                tr("{0}「{1}」得分（0–{2}）：").format(row.station, score.name, fmt(score.points)),  # type: ignore[attr-defined]
                start,
                0,
                float(score.points),  # type: ignore[attr-defined]
                1,
            )
            if not ok:
                return False
        if note is None:
            note, ok = QInputDialog.getText(self, tr("录入得分"), tr("说明（可不填）："))
            if not ok:
                return False
        year = self.year.value()
        done = actions.run_action(
            self,
            self.ctx.db,
            lambda s: sa.set_score(
                s,
                year,
                row.station_id,  # type: ignore[attr-defined]
                score.seq,  # type: ignore[attr-defined]
                Decimal(str(value)),
                note,
                expected_version=score.row_version,  # type: ignore[attr-defined]
            ),
            changes=(actions.ASSESSMENT,),
            on_reload=self.refresh,
            error_title=tr("得分没有保存"),
        )
        return done is not None

    def clear_score(self) -> bool:
        from twdesk.services import station_assessment as sa

        chosen = self._selected()
        if chosen is None:
            return False
        row, score = chosen
        year = self.year.value()
        actions.run_action(
            self,
            self.ctx.db,
            lambda s: sa.set_score(
                s,
                year,
                row.station_id,  # type: ignore[attr-defined]
                score.seq,  # type: ignore[attr-defined]
                None,
                expected_version=score.row_version,  # type: ignore[attr-defined]
            ),
            changes=(actions.ASSESSMENT,),
            on_reload=self.refresh,
        )
        return True

    def edit_checklist(self) -> ChecklistDialog | None:
        from twdesk.services import station_assessment as sa

        year = self.year.value()
        read = actions.run_read(
            self, self.ctx.db, lambda s: (sa.checklist(s, year), sa.grade_rule(s))
        )
        if read is None:
            return None
        items, rule = read
        dialog = ChecklistDialog(year, items, self, rule)

        def save() -> None:
            chosen, grades = dialog.items(), dialog.grade_rule()
            saved = actions.run_action(
                dialog,
                self.ctx.db,
                lambda s: sa.save_checklist_and_grades(s, year, chosen, grades),
                changes=(actions.ASSESSMENT,),
                error_title=tr("考评细则没有保存"),
            )
            if saved is not None:
                dialog.accept()

        dialog.buttons.accepted.connect(save)
        dialog.open()
        return dialog

    def export(self, suffix: str) -> Path | None:
        from twdesk.services.station_assessment import write_assessment

        year, today = self.year.value(), self.ctx.today
        kind = "assessment-pdf" if suffix == ".pdf" else "assessment-xlsx"
        file_filter = tr("PDF 文件 (*.pdf)") if suffix == ".pdf" else tr("Excel 文件 (*.xlsx)")
        path = actions.ask_save_path(
            self,
            kind,
            tr("导出考评结果"),
            notr("{0}年联络站考评结果{1}").format(year, suffix),
            file_filter,
        )
        if path is None:
            return None
        saved = actions.run_read(
            self,
            self.ctx.db,
            lambda s: write_assessment(s, path, year, today=today, overwrite=True),
        )
        if saved is not None:
            actions.show_saved(self, saved, tr("考评结果已保存。"))
        return saved
