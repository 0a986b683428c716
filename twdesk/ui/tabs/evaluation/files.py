"""Paper in, paper out: import a scoring sheet, export the results or the blank sheet, print the
station's result sheet, the consequence list and one delegate's sheet. The output modules load
on first use (the window opens fast)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QWidget

from twdesk.core.evaluation_view import STAGES, DelegateResult, Stage
from twdesk.ui.actions import EVALUATION, ask_save_path, run_long, run_read, show_saved
from twdesk.ui.i18n import notr
from twdesk.ui.tabs.evaluation.common import tr

if TYPE_CHECKING:
    from twdesk.services.files import Database

SHEETS = tr("表格文件 (*.xlsx *.xls *.ods);;所有文件 (*)")
XLSX = tr("Excel 文件 (*.xlsx)")
PDF = tr("PDF 文件 (*.pdf)")


class Where(Protocol):
    """What the file actions read from the tab."""

    db: Database
    last_message: str

    @property
    def year_value(self) -> int: ...

    @property
    def station_id(self) -> str | None: ...

    @property
    def station_name(self) -> str: ...

    @property
    def stage(self) -> Stage: ...

    def selected_delegate(self) -> DelegateResult | None: ...


class FileActions:
    def __init__(self, tab: QWidget, where: Where) -> None:
        self.tab, self.where = tab, where

    def _need_station(self, title: str) -> str | None:
        station_id = self.where.station_id
        if station_id is None:
            QMessageBox.information(
                self.tab, title, tr("本年度还没有开启考核：请先点“开启/刷新本年度考核”。")
            )
        return station_id

    def _saved(self, path: Path, message: str) -> None:
        self.where.last_message = message
        show_saved(self.tab, path, message)

    def _write(
        self, path: Path, write: Callable[[Any], object], message: Callable[[Any], str]
    ) -> object:
        """`write(session)` (the user agreed to replace the file), then where it went."""
        result = run_read(self.tab, self.where.db, write)
        if result is not None:
            self._saved(path, message(result))
        return result

    # --- in -----------------------------------------------------------------------------------

    def import_scores(self) -> object:
        title = tr("导入评分表")
        names = [str(s) for s in STAGES]
        stage, ok = QInputDialog.getItem(
            self.tab,
            title,
            tr("导入哪个阶段的评分？"),
            names,
            names.index(str(self.where.stage)),
            False,
        )
        if not ok:
            return None
        name, _ = QFileDialog.getOpenFileName(self.tab, tr("选择评分表"), "", tr(SHEETS))
        if not name:
            return None
        path, db, year = Path(name), self.where.db, self.where.year_value

        def job(progress: Callable[[int, int], None], cancelled: Callable[[], bool]) -> object:
            from twdesk.services.evaluation_import import import_evaluation

            with db.transaction() as s:
                return import_evaluation(
                    s, path, year=year, stage=Stage(stage), progress=progress, cancel=cancelled
                )

        def done(summary: Any) -> None:
            self.where.last_message = summary.message()
            QMessageBox.information(self.tab, title, self.where.last_message)

        return run_long(self.tab, tr("正在导入评分表…"), job, done, changes=[EVALUATION])

    # --- out ----------------------------------------------------------------------------------

    def export_results(self) -> object:
        title = tr("导出考核结果")
        station_id = self._need_station(title)
        if station_id is None:
            return None
        year, db = self.where.year_value, self.where.db
        path = ask_save_path(
            self.tab,
            "evaluation-results",
            title,
            notr("{0}{1}年履职考核结果.xlsx").format(self.where.station_name, year),
            tr(XLSX),
        )
        if path is None:
            return None

        def job(progress: Callable[[int, int], None], cancelled: Callable[[], bool]) -> object:
            from twdesk.services.evaluation_outputs import export_results

            with db.session() as s:
                return export_results(
                    s,
                    year,
                    path,
                    station_id=station_id,
                    overwrite=True,  # the save dialog asked
                    progress=progress,
                    cancel=cancelled,
                )

        return run_long(
            self.tab,
            tr("正在导出考核结果…"),
            job,
            lambda _r: self._saved(path, tr("考核结果已导出：{0}").format(path.name)),
        )

    def _station_file(
        self,
        title: str,
        kind: str,
        name: str,
        file_filter: str,
        write: Callable[[Any, int, str, Path], object],
        message: Callable[[Path, Any], str],
    ) -> object:
        """One file about the chosen station's year: ask where (suggesting 站名+年+``name``),
        ``write(session, year, station_id, path)``, then say where it went."""
        station_id = self._need_station(title)
        if station_id is None:
            return None
        year = self.where.year_value
        path = ask_save_path(
            self.tab,
            kind,
            title,
            notr("{0}{1}年{2}").format(self.where.station_name, year, name),
            tr(file_filter),
        )
        if path is None:
            return None
        return self._write(
            path,
            lambda s: write(s, year, station_id, path),
            lambda result: message(path, result),
        )

    def export_form(self) -> object:
        def write(s: Any, year: int, station_id: str, path: Path) -> object:
            from twdesk.services.evaluation_import import export_form

            return export_form(s, year, path, station_id=station_id, overwrite=True)

        return self._station_file(
            tr("导出空白评分表"),
            "evaluation-form",
            notr("履职考核评分表.xlsx"),
            XLSX,
            write,
            lambda path, rows: tr("空白评分表已导出：{0}（{1} 位代表）").format(path.name, rows),
        )

    def print_results(self) -> object:
        def write(s: Any, year: int, station_id: str, path: Path) -> object:
            from twdesk.services.evaluation_outputs import print_result_sheet

            return print_result_sheet(s, year, station_id, path, overwrite=True)

        return self._station_file(
            tr("打印结果表"),
            "evaluation-print",
            notr("履职考核结果表.pdf"),
            PDF,
            write,
            lambda path, _p: tr("结果表已保存：{0}").format(path.name),
        )

    def print_consequences(self) -> object:
        def write(s: Any, year: int, station_id: str, path: Path) -> object:
            from twdesk.services.evaluation_outputs import print_consequences

            return print_consequences(s, year, path, station_id=station_id, overwrite=True)

        return self._station_file(
            tr("打印后续处理名单"),
            "evaluation-print",
            notr("考核后续处理名单.pdf"),
            PDF,
            write,
            lambda path, count: tr("后续处理名单已保存：{0}（{1} 人）").format(path.name, count),
        )

    def print_delegate(self) -> object:
        title = tr("打印个人考核表")
        delegate = self.where.selected_delegate()
        if delegate is None:
            QMessageBox.information(
                self.tab, title, tr("请先在表中选中一位代表，再打印他（她）的个人考核表。")
            )
            return None
        year = self.where.year_value
        path = ask_save_path(
            self.tab,
            "evaluation-print",
            title,
            notr("{0}{1}年履职考核表.pdf").format(delegate.name, year),
            tr(PDF),
        )
        if path is None:
            return None
        person_id = delegate.person_id

        def write(s: Any) -> object:
            from twdesk.services.evaluation_outputs import print_delegate_sheet

            return print_delegate_sheet(s, year, person_id, path, overwrite=True)

        return self._write(path, write, lambda _p: tr("个人考核表已保存：{0}").format(path.name))
