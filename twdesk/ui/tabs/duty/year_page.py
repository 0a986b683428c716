"""坐班日历, 全年列表 page: every duty day of the year with its delegates and states, and the
sign-in sheet coming back: the exported list with 状态 / 替班代表 filled in (导入签到表…)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from twdesk.services.duty import DutyDayView
from twdesk.ui import actions
from twdesk.ui.i18n import tr
from twdesk.ui.readonly import mark_editing
from twdesk.ui.tabs.duty.common import set_rows, table

if TYPE_CHECKING:
    from twdesk.services.duty_import import DutyImportSummary
    from twdesk.ui.tabs.duty_tab import DutyTab

SPREADSHEETS = tr("表格文件 (*.xlsx *.xls *.ods *.csv);;所有文件 (*)")


class YearPage(QWidget):
    def __init__(self, tab: DutyTab) -> None:
        super().__init__()
        self.tab = tab
        self.year_table = table(
            (
                tr("日期"),
                tr("星期"),
                tr("时间"),
                tr("坐班代表"),
                tr("联系电话"),
                tr("状态"),
                tr("说明"),
            )
        )
        self.import_button = QPushButton(self.tr("导入签到表…"))
        self.import_button.setToolTip(
            self.tr(
                "先“导出 Excel…”，按纸质签到表填写“状态”（到岗、缺席、请假、替班）"
                "和“替班代表”，再导入；全部核对无误才登记。"
            )
        )
        self.import_button.clicked.connect(lambda: self.import_sheet())
        mark_editing(self.import_button)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("纸质签到表：导出 Excel → 填写“状态”“替班代表” → 导入签到表")))
        bar.addStretch(1)
        bar.addWidget(self.import_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.year_table)

    def fill(self, days: list[DutyDayView]) -> None:
        rows = []
        for d in days:
            note = (
                self.tr("原{0}，遇节假日调整").format(f"{d.moved_from:%m-%d}")
                if d.moved_from
                else ""
            )
            for s in d.seats:
                extra = "；".join(
                    x
                    for x in (
                        note,
                        tr("{0}替班").format(s.substitute) if s.substitute else "",
                        s.note,
                    )
                    if x
                )
                rows.append(
                    (d.day.isoformat(), d.weekday, d.hours, s.name, s.phone, s.shown, extra)
                )
        set_rows(self.year_table, rows, 5)

    def import_sheet(self) -> Any:
        """The filled-in list, checked and recorded in a worker (all or nothing); problems are
        listed by row and column in the one error box."""
        name, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("导入签到表（填好状态的坐班安排）"),
            str(actions.last_folder("duty-excel")),
            self.tr(SPREADSHEETS),
        )
        if not name:
            return None
        path, db, today = Path(name), self.tab.db, self.tab.today

        def job(progress, cancelled) -> DutyImportSummary:  # type: ignore[no-untyped-def]
            from twdesk.services.duty_import import import_duty

            with db.transaction() as s:
                return import_duty(s, path, today=today, progress=progress, cancel=cancelled)

        return actions.run_long(
            self,
            self.tr("正在导入签到表…"),
            job,
            self._imported,
            changes=[actions.DUTY],
        )

    def _imported(self, summary: DutyImportSummary) -> None:
        self.tab.last_message = summary.one_line()
        QMessageBox.information(self, self.tr("导入签到表"), summary.one_line())
