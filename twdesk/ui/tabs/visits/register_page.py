"""来访记录: the paged register with every filter, the total counted in the background for a
text search, double-click to correct a visit, and the Excel export of what the filters show."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from twdesk.core.idcard import mask_phone
from twdesk.services import visits
from twdesk.services.visits import VisitRow
from twdesk.ui import actions
from twdesk.ui.models.paged_model import Column, PagedModel
from twdesk.ui.readonly import mark_editing
from twdesk.ui.tabs.visits.common import PageContext, paged_view
from twdesk.ui.tabs.visits.filters import FilterBar, FilterChoices


class _CountRelay(QObject):
    """Carries a count made in a worker thread back to the GUI thread."""

    counted = Signal(int, int)


class RegisterPage(QWidget):
    edit_requested = Signal(str)  # a visit's id, double-clicked to be corrected

    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.last_message = ""
        self._count_generation = 0
        self._count_threads: list[threading.Thread] = []
        self._count_relay = _CountRelay(self)
        self._count_relay.counted.connect(self._counted)
        self.filter = FilterBar()
        self.filter.changed.connect(lambda: self.refresh())
        self.count = QLabel()
        self.mask = QCheckBox(self.tr("隐去姓名和电话"))
        self.mask.setChecked(True)
        self.mask.setToolTip(self.tr("对外提供时请勾选：来访人只留姓氏（张某），电话隐去中间四位"))
        self.export_button = QPushButton(self.tr("导出 Excel…"))
        self.export_button.setToolTip(self.tr("导出当前筛选出的全部来访登记"))
        self.export_button.clicked.connect(lambda: self.export())
        self.delete_button = QPushButton(self.tr("删除"))
        self.delete_button.setToolTip(
            self.tr("把选中的来访登记连同它的意见建议移入回收站（可恢复）")
        )
        self.delete_button.clicked.connect(lambda: self.delete_selected())
        mark_editing(self.delete_button)
        self.model: PagedModel[VisitRow] = PagedModel(
            [
                Column(self.tr("日期"), lambda r: r.visit_date.isoformat(), 90),
                Column(self.tr("联络站"), lambda r: r.station, 150),
                Column(self.tr("接待代表"), lambda r: r.receiver, 80),
                Column(self.tr("来访人"), lambda r: r.visitor, 80),
                Column(self.tr("联系电话"), lambda r: mask_phone(r.phone), 110),
                Column(self.tr("身份"), lambda r: r.identity, 60),
                Column(self.tr("渠道"), lambda r: r.channel, 60),
                Column(self.tr("类别"), lambda r: r.category, 80),
                Column(self.tr("人数"), lambda r: str(r.people), 50),
                Column(self.tr("意见"), lambda r: self._item_summary(r), 130),
                Column(self.tr("来访事由"), lambda r: r.content.replace("\n", " "), 160),
            ],
            key=lambda r: (r.visit_date, r.id),
            alert=lambda r: r.overdue_items > 0,
            parent=self,
        )
        self.view = paged_view(self.model)
        self.view.doubleClicked.connect(lambda index: self._double_clicked(index.row()))
        actions.delete_shortcut(self.view, self.delete_selected)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        top = QHBoxLayout()
        top.addWidget(self.count, 1)
        top.addWidget(self.mask)
        top.addWidget(self.export_button)
        top.addWidget(self.delete_button)
        layout.addLayout(top)
        layout.addWidget(self.view)

    def fill_choices(self, choices: FilterChoices) -> None:
        self.filter.fill(choices)

    def selected_visit(self) -> VisitRow | None:
        index = self.view.currentIndex()
        return self.model.row(index.row()) if index.isValid() else None

    def delete_selected(self) -> bool:
        """Ask, then move the selected visit and its opinion items to the recycle bin."""
        row = self.selected_visit()
        if row is None:
            return False
        return actions.delete_record(self, self.ctx.db, "visit", row.id, changes=[actions.VISITS])

    def _double_clicked(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            self.edit_requested.emit(self.model.row(row).id)

    def _item_summary(self, r: VisitRow) -> str:
        if not r.items:
            return ""
        text = self.tr("{0} 条").format(r.items)
        if r.overdue_items:
            text += self.tr("，{0} 超期").format(r.overdue_items)
        elif r.open_items:
            text += self.tr("，{0} 办理中").format(r.open_items)
        return text

    def refresh(self) -> int:
        """Reload the rows; returns the total, or -1 while a text search is still counting."""
        flt, today, db = self.filter.value(), self.ctx.today, self.ctx.db

        def fetch(after: object, limit: int) -> list[VisitRow]:
            with db.session() as s:
                return visits.visit_page(s, flt, after=after, limit=limit, today=today)  # type: ignore[arg-type]

        self._count_generation += 1
        if flt.text.strip():
            # a text search reads every row to count them: count in a thread, show rows now
            self.model.reset(fetch, 0)
            self.count.setText(
                self.tr("已显示 {0} 条，正在统计总数…").format(self.model.rowCount())
            )
            generation = self._count_generation

            def count_in_background() -> None:
                with db.session() as s:
                    n = visits.visit_count(s, flt, today=today)
                self._count_relay.counted.emit(generation, n)

            thread = threading.Thread(target=count_in_background, name="twdesk-visit-count")
            self._count_threads = [t for t in self._count_threads if t.is_alive()] + [thread]
            thread.start()
            return -1
        with db.session() as s:
            total = visits.visit_count(s, flt, today=today)
        self.model.reset(fetch, total)
        self.count.setText(self.tr("共 {0} 条来访登记").format(f"{total:,}"))
        return total

    def _counted(self, generation: int, total: int) -> None:
        if generation == self._count_generation:  # not a stale answer to an older filter
            self.model.total = total
            self.count.setText(self.tr("共 {0} 条来访登记").format(f"{total:,}"))

    def shutdown(self) -> None:
        """Wait for background counts (a fraction of a second) before the file is closed."""
        self._count_generation += 1
        for thread in self._count_threads:
            thread.join()
        self._count_threads.clear()

    # --- export -------------------------------------------------------------------------------

    def export(self) -> object:
        """Every visit the filters select (not only the rows on screen), in a worker with
        progress and Cancel; names and phones hidden unless the box is unticked."""
        mask = self.mask.isChecked()
        path = actions.ask_save_path(
            self,
            "visits-export",
            self.tr("导出来访登记"),
            self.tr("来访登记（脱敏）.xlsx") if mask else self.tr("来访登记.xlsx"),
            self.tr("Excel 文件 (*.xlsx)"),
        )
        if path is None:
            return None
        flt, today, db = self.filter.value(), self.ctx.today, self.ctx.db

        def job(progress, cancelled) -> int:  # type: ignore[no-untyped-def]
            from twdesk.services.visit_export import export_visits

            with db.session() as s:
                return export_visits(
                    s,
                    path,
                    flt=flt,
                    mask=mask,
                    today=today,
                    overwrite=True,  # the save dialog asked
                    progress=progress,
                    cancel=cancelled,
                )

        return actions.run_long(
            self,
            self.tr("正在导出来访登记…"),
            job,
            lambda count: self._exported(path, count),
        )

    def _exported(self, path: Path, count: int) -> None:
        self.last_message = self.tr("已导出 {0} 行").format(count)
        actions.show_saved(self, path, self.tr("已导出 {0} 行来访登记。").format(f"{count:,}"))
