"""生成档案…: the folder, the year, 年度 or 本届, merged or not; then the dossiers are written in
worker processes behind a progress bar with Cancel, and 打开文件夹. 打印… writes them into a
temporary folder as one PDF and shows it in Qt's print preview (and so to the office printer)."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from twdesk.services.dossier_batch import BatchResult, delegates_for, existing_files, run_batch
from twdesk.ui.actions import last_folder, remember_folder, run_long, run_read
from twdesk.ui.i18n import notr

# (session, year) → the person ids to write, in order
Choose = Callable[[Any, int], list[str]]
KIND = "dossier"


def station_delegates(station_id: str) -> Choose:
    """The delegates of a station (and the stations under it) in the chosen year."""
    return lambda s, year: [pid for pid, _n in delegates_for(s, year, station_ids=[station_id])]


class DossierDialog(QDialog):
    """`what` names the delegates in the dialog and the merged file (a station's name, or
    "选中的 3 位代表"); `choose(session, year)` gives their ids once the year is chosen."""

    def __init__(
        self,
        db: Any,
        choose: Choose,
        what: str,
        *,
        year: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db, self.choose, self.what = db, choose, what
        self.result_: BatchResult | None = None
        self.setWindowTitle(self.tr("生成履职档案"))
        self.folder = QLineEdit(str(last_folder(KIND)))
        self.folder.setObjectName("folder")
        browse = QPushButton(self.tr("选择…"))
        browse.clicked.connect(lambda: self.browse())
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(browse)
        self.year = QSpinBox()
        self.year.setObjectName("year")
        self.year.setRange(2000, 2100)
        self.year.setValue(year or date.today().year)
        self.yearly = QRadioButton(self.tr("年度档案"))
        self.term = QRadioButton(self.tr("本届档案（逐年并附本届汇总）"))
        self.yearly.setChecked(True)
        scope = QButtonGroup(self)
        scope.addButton(self.yearly)
        scope.addButton(self.term)
        scope_row = QHBoxLayout()
        scope_row.addWidget(self.yearly)
        scope_row.addWidget(self.term)
        scope_row.addStretch(1)
        self.merged = QCheckBox(self.tr("另外合并为一个 PDF（每位代表一个书签）"))
        form = QFormLayout()
        form.addRow(self.tr("代表"), QLabel(what))
        form.addRow(self.tr("保存到文件夹"), folder_row)
        form.addRow(self.tr("年度"), self.year)
        form.addRow(self.tr("范围"), scope_row)
        form.addRow("", self.merged)
        buttons = QDialogButtonBox()
        self.generate_button = buttons.addButton(
            self.tr("生成"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.print_button = buttons.addButton(
            self.tr("打印…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.print_button.setToolTip(self.tr("生成后在打印预览中查看，再送往打印机"))
        buttons.addButton(self.tr("取消"), QDialogButtonBox.ButtonRole.RejectRole)
        self.generate_button.clicked.connect(lambda: self.generate())
        self.print_button.clicked.connect(lambda: self.print_())
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(
            self, self.tr("选择保存档案的文件夹"), self.folder.text()
        )
        if chosen:
            self.folder.setText(chosen)

    def _people(self, year: int) -> list[str] | None:
        ids = run_read(self, self.db, lambda s: self.choose(s, year))
        if ids is not None and not ids:
            QMessageBox.information(
                self,
                self.windowTitle(),
                self.tr("{0}年度{1}没有团代表，没有可生成的档案。").format(year, self.what),
            )
            return None
        return ids

    def _merged_name(self, year: int) -> str:
        scope = self.tr("本届") if self.term.isChecked() else self.tr("{0}年度").format(year)
        return notr("团代表履职档案_{0}_{1}.pdf").format(self.what, scope)

    def generate(self) -> Any:
        """Write them into the chosen folder, then say where they are."""
        year, folder = self.year.value(), Path(self.folder.text().strip()).expanduser()
        if not self.folder.text().strip() or not folder.is_dir():
            QMessageBox.warning(
                self,
                self.windowTitle(),
                self.tr("文件夹「{0}」不存在。请点“选择…”选一个文件夹。").format(folder),
            )
            return None
        ids = self._people(year)
        if ids is None:
            return None
        merged = folder / self._merged_name(year) if self.merged.isChecked() else None
        existing = run_read(self, self.db, lambda s: existing_files(s, ids, year, folder, merged))
        if existing is None:
            return None
        if existing:
            answer = QMessageBox.question(
                self,
                self.windowTitle(),
                self.tr("文件夹中已有 {0} 个同名文件（如「{1}」），要替换它们吗？").format(
                    len(existing), existing[0]
                ),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return None
        remember_folder(KIND, folder)
        self.accept()
        return self._run(ids, year, folder, merged, self._saved)

    def print_(self) -> Any:
        """Write them as one PDF into a temporary folder and show the print preview."""
        year = self.year.value()
        ids = self._people(year)
        if ids is None:
            return None
        folder = Path(tempfile.mkdtemp(prefix="twdesk-print-"))
        merged = folder / self._merged_name(year)

        def done(result: BatchResult) -> None:
            try:
                self._failures(result)
                if result.merged is not None:
                    from twdesk.ui.print_pdf import preview_pdf

                    preview_pdf(self, result.merged)
            finally:
                shutil.rmtree(folder, ignore_errors=True)

        return self._run(ids, year, folder, merged, done, here=True)

    def _run(
        self,
        ids: list[str],
        year: int,
        folder: Path,
        merged: Path | None,
        done: Callable[[BatchResult], None],
        *,
        here: bool = False,
    ) -> Any:
        """The batch behind a progress bar with Cancel; `here`: printing from the dialog, which
        stays open, into a temporary folder of our own."""
        temporary = here
        db_path, term = self.db.location, self.term.isChecked()

        def job(progress: Any, cancelled: Any) -> BatchResult:
            try:
                result = run_batch(
                    db_path,
                    ids,
                    year,
                    folder,
                    term=term,
                    merged=merged,
                    progress=progress,
                    cancel=cancelled,
                    overwrite=True,  # the user agreed, or the folder is our own
                )
            except BaseException:
                if temporary:
                    shutil.rmtree(folder, ignore_errors=True)
                raise
            if temporary and result.cancelled:
                shutil.rmtree(folder, ignore_errors=True)
            return result

        def finished(result: BatchResult) -> None:
            self.result_ = result
            done(result)

        label = self.tr("正在生成 {0} 份履职档案…").format(len(ids))
        return run_long(self if here else self.parentWidget() or self, label, job, finished)

    def _failures(self, result: BatchResult) -> None:
        if result.failures:
            QMessageBox.warning(
                self,
                self.tr("部分档案没有生成"),
                "\n".join(f"{who}：{why}" for who, why in result.failures[:20])
                + (
                    self.tr("\n……共 {0} 位").format(len(result.failures))
                    if len(result.failures) > 20
                    else ""
                ),
            )

    def _saved(self, result: BatchResult) -> None:
        """The summary with 打开文件夹 (and the merged PDF), failures listed beneath."""
        box = QMessageBox(self.parentWidget() or self)
        box.setIcon(QMessageBox.Icon.Warning if result.failures else QMessageBox.Icon.Information)
        box.setWindowTitle(self.tr("档案已生成"))
        box.setText(result.one_line())
        folder = result.files[0].parent if result.files else Path(self.folder.text())
        box.setInformativeText(str(folder))
        if result.failures:
            box.setDetailedText("\n".join(f"{who}：{why}" for who, why in result.failures))
        open_folder = box.addButton(self.tr("打开文件夹"), QMessageBox.ButtonRole.ActionRole)
        open_merged = None
        if result.merged is not None:
            open_merged = box.addButton(
                self.tr("打开合并的 PDF"), QMessageBox.ButtonRole.ActionRole
            )
        box.addButton(self.tr("关闭"), QMessageBox.ButtonRole.RejectRole)
        box.exec()
        if box.clickedButton() is open_folder:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
        elif open_merged is not None and box.clickedButton() is open_merged:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(result.merged)))
