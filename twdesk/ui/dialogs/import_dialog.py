"""Roster import: the import engine checks the file off the GUI thread; its preview (headers,
column mapping, the rows as read, every problem by row and column) is shown with the bad cells
marked, the mapping can be corrected, then everything is imported in one transaction — or
nothing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from twdesk.core.errors import UserError
from twdesk.excel.roster_columns import ROSTER_COLUMNS
from twdesk.services.files import Database
from twdesk.services.import_problems import save_problem_list
from twdesk.services.roster_import import (
    ImportCancelled,
    ImportProblems,
    ImportSummary,
    OnDuplicate,
    Problem,
    RosterPreview,
    import_roster,
    preview_roster,
)
from twdesk.ui.actions import ask_save_path, show_error, show_saved
from twdesk.ui.i18n import notr, tr
from twdesk.ui.workers import Worker

Index = QModelIndex | QPersistentModelIndex
BAD_CELL = QColor("#f4c7c3")
BAD_ROW = QColor("#fdecea")
DUPLICATE_CHOICES: tuple[tuple[str, OnDuplicate], ...] = (
    (tr("已有的人员：报错，不导入"), "fail"),
    (tr("已有的人员：跳过，保留库中信息"), "skip"),
    (tr("已有的人员：用文件内容更新"), "update"),
)


def display(value: object) -> str:
    """A cell as the spreadsheet shows it: 3 not 3.0; long numbers in full, not 5.1e17."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


class PreviewModel(QAbstractTableModel):
    """The file's rows as read, with the cells that have problems marked and explained."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.headers: list[str] = []
        self.rows: list[tuple[int, list[object]]] = []
        self.cell_problems: dict[tuple[int, int], list[Problem]] = {}
        self.row_problems: dict[int, list[Problem]] = {}
        self.only_bad = False
        self._shown: list[int] = []

    def set_preview(self, preview: RosterPreview) -> None:
        self.beginResetModel()
        self.headers = list(preview.headers)
        self.rows = list(preview.raw_rows)
        column_of = {h: i for i, h in reversed(list(enumerate(self.headers)))}
        self.cell_problems = defaultdict(list)
        self.row_problems = defaultdict(list)
        for p in preview.problems:
            self.row_problems[p.row].append(p)
            if p.column in column_of:
                self.cell_problems[(p.row, column_of[p.column])].append(p)
        self._update_shown()
        self.endResetModel()

    def set_only_bad(self, only_bad: bool) -> None:
        self.beginResetModel()
        self.only_bad = only_bad
        self._update_shown()
        self.endResetModel()

    def _update_shown(self) -> None:
        self._shown = [
            i
            for i, (number, _cells) in enumerate(self.rows)
            if not self.only_bad or number in self.row_problems
        ]

    def position_of(self, row_number: int, column: str) -> QModelIndex:
        for shown, i in enumerate(self._shown):
            if self.rows[i][0] == row_number:
                col = self.headers.index(column) if column in self.headers else 0
                return self.index(shown, col)
        return QModelIndex()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._shown)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._shown):
            return None
        number, cells = self.rows[self._shown[index.row()]]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return display(cells[col] if col < len(cells) else None)
        problems = self.cell_problems.get((number, col))
        if role == Qt.ItemDataRole.BackgroundRole:
            if problems:
                return QBrush(BAD_CELL)
            if number in self.row_problems:
                return QBrush(BAD_ROW)
        if role == Qt.ItemDataRole.ToolTipRole and problems:
            return "\n".join(f"{p.message} —— {p.hint}" for p in problems)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.headers[section] if section < len(self.headers) else None
        if section < len(self._shown):
            return tr("第{0}行").format(self.rows[self._shown[section]][0])
        return None


class RosterImportDialog(QDialog):
    """Opened on a chosen file; checks it at once and imports only a file without problems."""

    def __init__(
        self,
        db: Database,
        path: Path,
        parent: QWidget | None = None,
        *,
        ask: Callable[[str, str], bool] | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.path = Path(path)
        self.preview: RosterPreview | None = None
        self.summary: ImportSummary | None = None
        self.worker: Worker | None = None
        self._ask = ask or self._ask_user
        self.setWindowTitle(self.tr("导入团代表名册 — {0}").format(self.path.name))

        self.mapping_table = QTableWidget(len(ROSTER_COLUMNS), 2)
        self.mapping_table.setHorizontalHeaderLabels([self.tr("名册项目"), self.tr("文件中的列")])
        self.mapping_table.verticalHeader().hide()
        self.mapping_table.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.ResizeToContents
        )
        self.mapping_table.horizontalHeader().setStretchLastSection(True)
        self.mapping_combos: dict[str, QComboBox] = {}
        for r, column in enumerate(ROSTER_COLUMNS):
            label = column.header + (" *" if column.required else "")
            self.mapping_table.setItem(r, 0, QTableWidgetItem(label))
            combo = QComboBox()
            combo.currentIndexChanged.connect(self._mapping_edited)
            self.mapping_combos[column.field] = combo
            self.mapping_table.setCellWidget(r, 1, combo)
        self.recheck_button = QPushButton(self.tr("按修改后的对应重新检查"))
        self.recheck_button.setEnabled(False)
        self.recheck_button.clicked.connect(lambda: self.start_check(self.current_mapping()))

        self.duplicates = QComboBox()
        for text, value in DUPLICATE_CHOICES:
            self.duplicates.addItem(self.tr(text), value)
        self.duplicates.currentIndexChanged.connect(
            lambda _i: self.start_check(self.current_mapping() if self.preview else None)
        )

        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        self.only_bad = QCheckBox(self.tr("只显示有问题的行"))
        self.only_bad.toggled.connect(lambda on: self.preview_model.set_only_bad(on))
        self.preview_model = PreviewModel(self)
        self.preview_view = QTableView()
        self.preview_view.setModel(self.preview_model)
        self.preview_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.problem_list = QListWidget()
        self.problem_list.setWordWrap(True)
        self.problem_list.currentRowChanged.connect(self._go_to_problem)

        self.progress = QProgressBar()
        self.progress.setTextVisible(True)
        self.status = QLabel()
        self.cancel_button = QPushButton(self.tr("取消"))
        self.cancel_button.clicked.connect(self.cancel_work)
        self.save_problems_button = QPushButton(self.tr("保存问题清单…"))
        self.save_problems_button.clicked.connect(lambda: self.save_problem_list())
        self.import_button = QPushButton(self.tr("导入"))
        self.import_button.setDefault(True)
        self.import_button.clicked.connect(self.start_import)
        close = QPushButton(self.tr("关闭"))
        close.clicked.connect(self.reject)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(QLabel(self.tr("列的对应（自动识别，可修改）")))
        left_layout.addWidget(self.mapping_table)
        left_layout.addWidget(self.recheck_button)
        left_layout.addWidget(self.duplicates)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(self.summary_label, 1)
        top.addWidget(self.only_bad)
        right_layout.addLayout(top)
        inner = QSplitter(Qt.Orientation.Vertical)
        inner.addWidget(self.preview_view)
        inner.addWidget(self.problem_list)
        inner.setSizes([420, 180])
        right_layout.addWidget(inner)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([300, 800])
        bottom = QHBoxLayout()
        bottom.addWidget(self.status)
        bottom.addWidget(self.progress, 1)
        bottom.addWidget(self.cancel_button)
        bottom.addStretch(0)
        bottom.addWidget(self.save_problems_button)
        bottom.addWidget(self.import_button)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)
        self.resize(1180, 720)
        self._set_busy(False)
        self.import_button.setEnabled(False)
        self.save_problems_button.setEnabled(False)
        self.start_check()

    # --- state --------------------------------------------------------------------------------

    @property
    def on_duplicate(self) -> OnDuplicate:
        return self.duplicates.currentData()

    @property
    def busy(self) -> bool:
        return self.worker is not None

    def _set_busy(self, busy: bool) -> None:
        self.cancel_button.setEnabled(busy)
        self.progress.setVisible(busy)
        for widget in (self.mapping_table, self.duplicates, self.only_bad):
            widget.setEnabled(not busy)
        if busy:
            self.import_button.setEnabled(False)
            self.save_problems_button.setEnabled(False)
            self.recheck_button.setEnabled(False)

    def current_mapping(self) -> dict[str, int]:
        return {
            field: combo.currentData()
            for field, combo in self.mapping_combos.items()
            if combo.currentData() is not None
        }

    # --- checking -----------------------------------------------------------------------------

    def start_check(self, mapping: dict[str, int] | None = None) -> None:
        if self.busy:
            return
        db, path, on_duplicate = self.db, self.path, self.on_duplicate

        def job(progress: Callable[[int, int], None], cancelled: Callable[[], bool]) -> Any:
            with db.session() as s:
                return preview_roster(
                    s,
                    path,
                    on_duplicate=on_duplicate,
                    mapping=mapping,
                    progress=progress,
                    cancel=cancelled,
                )

        self._run(job, self.tr("正在读取并检查文件…"), self._checked)

    def _checked(self, preview: RosterPreview) -> None:
        self.preview = preview
        self._fill_mapping(preview)
        self.preview_model.set_preview(preview)
        self._fit_columns()
        self.problem_list.clear()
        for p in preview.problems:
            item = QListWidgetItem(p.text())
            item.setForeground(QBrush(QColor("#b3261e")))
            self.problem_list.addItem(item)
        people = len(preview.rows)
        if preview.problems:
            rows = len({p.row for p in preview.problems})
            text = self.tr(
                "发现 {0} 处问题（涉及 {1} 行）。请在表格中修改后重新选择文件，"
                "或调整左侧列的对应；有问题时不会导入任何数据。"
            ).format(len(preview.problems), rows)
            self.summary_label.setStyleSheet("color: #b3261e; font-weight: bold;")
        else:
            text = self.tr("检查通过：共 {0} 人可以导入").format(people)
            if preview.duplicates_in_db:
                text += self.tr("，其中 {0} 人库中已有").format(len(preview.duplicates_in_db))
            if preview.new_stations:
                text += self.tr("；将新建联络站：{0}").format("、".join(preview.new_stations))
            text += "。"
            self.summary_label.setStyleSheet("color: #1b5e20; font-weight: bold;")
        if preview.unknown_headers:
            text += self.tr("\n未识别的列（不会导入）：{0}").format(
                "、".join(preview.unknown_headers)
            )
        self.summary_label.setText(text)
        self.import_button.setEnabled(preview.ok and bool(preview.rows))
        self.save_problems_button.setEnabled(bool(preview.problems))
        self.recheck_button.setEnabled(False)

    def _fit_columns(self) -> None:
        """Widths from the header and the first rows (a hidden view cannot measure itself)."""
        metrics = self.preview_view.fontMetrics()
        model = self.preview_model
        for col in range(model.columnCount()):
            texts = [str(model.headerData(col, Qt.Orientation.Horizontal))]
            texts += [model.data(model.index(r, col)) for r in range(min(model.rowCount(), 300))]
            width = max(metrics.horizontalAdvance(t or "") for t in texts) + 18
            self.preview_view.setColumnWidth(col, min(max(width, 40), 320))

    def _fill_mapping(self, preview: RosterPreview) -> None:
        for field, combo in self.mapping_combos.items():
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(self.tr("（不导入）"), None)
            for i, header in enumerate(preview.headers):
                if header:
                    combo.addItem(header, i)
            combo.setCurrentIndex(max(combo.findData(preview.mapping.get(field)), 0))
            combo.blockSignals(False)

    def _mapping_edited(self) -> None:
        if self.preview is not None and not self.busy:
            self.recheck_button.setEnabled(self.current_mapping() != self.preview.mapping)
            self.import_button.setEnabled(False)

    def _go_to_problem(self, row: int) -> None:
        if self.preview is None or not 0 <= row < len(self.preview.problems):
            return
        p = self.preview.problems[row]
        index = self.preview_model.position_of(p.row, p.column)
        if index.isValid():
            self.preview_view.setCurrentIndex(index)
            self.preview_view.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)

    def save_problem_list(self, path: Path | None = None) -> Path | None:
        """保存问题清单…: asks where (the last folder used for problem lists), writes through the
        one output writer, then shows where it went. With `path`, writes there without asking."""
        if self.preview is None or not self.preview.problems:
            return None
        asked = path is None
        if path is None:
            path = ask_save_path(
                self,
                "problem-list",
                self.tr("保存问题清单"),
                notr("{0}-问题清单.xlsx").format(self.path.stem),
                self.tr("Excel 文件 (*.xlsx)"),
            )
            if path is None:
                return None
        try:
            saved = save_problem_list(self.preview.problems, path, overwrite=True)
        except UserError as exc:
            show_error(self, exc, self.tr("问题清单没有保存"))
            return None
        except OSError as exc:
            QMessageBox.warning(
                self, self.tr("无法保存"), self.tr("问题清单没有保存：{0}").format(exc.strerror)
            )
            return None
        self.status.setText(self.tr("问题清单已保存：{0}").format(saved.name))
        if asked:
            show_saved(
                self,
                saved,
                self.tr("已保存 {0} 处问题，交给填表人逐条改正后重新导入。").format(
                    len(self.preview.problems)
                ),
            )
        return saved

    # --- importing ----------------------------------------------------------------------------

    def start_import(self) -> None:
        preview = self.preview
        if self.busy or preview is None or not preview.ok:
            return
        if preview.new_stations and not self._ask(
            self.tr("新建联络站"),
            self.tr("文件中的以下联络站在数据库中还没有：\n{0}\n\n导入时新建这些联络站吗？").format(
                "\n".join(preview.new_stations)
            ),
        ):
            self.status.setText(self.tr("未导入：请先在联络站树中建好联络站，或核对站名。"))
            return
        db, path, mapping, on_duplicate = self.db, self.path, preview.mapping, self.on_duplicate

        def job(progress: Callable[[int, int], None], cancelled: Callable[[], bool]) -> Any:
            with db.transaction() as s:
                return import_roster(
                    s,
                    path,
                    on_duplicate=on_duplicate,
                    mapping=mapping,
                    progress=progress,
                    cancel=cancelled,
                )

        self._run(job, self.tr("正在导入…"), self._imported)

    def _imported(self, summary: ImportSummary) -> None:
        self.summary = summary
        self.status.setText(summary.one_line())
        self.accept()  # the tab reports the summary and refreshes

    # --- running work off the GUI thread ------------------------------------------------------

    def _run(
        self,
        job: Callable[[Callable[[int, int], None], Callable[[], bool]], Any],
        message: str,
        done: Callable[[Any], None],
    ) -> None:
        self.worker = Worker(job)
        self._done = done
        # bound methods of this dialog, so Qt queues the calls to the GUI thread
        self.worker.progress.connect(self._progress)
        self.worker.finished.connect(self._work_ended)
        self.worker.failed.connect(self._failed)
        self.status.setText(message)
        self.progress.setRange(0, 0)
        self._set_busy(True)
        self.worker.start()

    def _progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _finish_worker(self) -> None:
        if self.worker is not None:
            self.worker.wait()
            self.worker = None
        self._set_busy(False)

    def _work_ended(self, result: Any) -> None:
        self._finish_worker()
        self.status.setText("")
        self._done(result)

    def _failed(self, exc: object) -> None:
        self._finish_worker()
        if isinstance(exc, ImportCancelled):
            self.status.setText(self.tr("已取消，没有导入任何数据。"))
            if self.preview is not None:
                self.import_button.setEnabled(self.preview.ok)
                self.save_problems_button.setEnabled(bool(self.preview.problems))
        elif isinstance(exc, ImportProblems):
            # the database changed since the check (e.g. someone added the same person)
            self.status.setText(self.tr("数据库在检查后有变化，已重新检查。"))
            self.start_check(self.preview.mapping if self.preview else None)
        elif isinstance(exc, UserError):  # not a table, a text too long …: nothing imported
            self.status.setText(str(exc))
            show_error(self, exc, self.tr("无法导入"))
        elif isinstance(exc, OSError):
            self.status.setText(str(exc))
            QMessageBox.warning(self, self.tr("无法读取文件"), str(exc))
        else:
            raise exc if isinstance(exc, BaseException) else RuntimeError(str(exc))

    def cancel_work(self) -> None:
        if self.worker is not None:
            self.status.setText(self.tr("正在取消…"))
            self.worker.cancel()

    def reject(self) -> None:
        if self.worker is not None:
            self.worker.cancel()
            self.worker.wait()
        super().reject()

    def _ask_user(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(self, title, text)
        return answer == QMessageBox.StandardButton.Yes
