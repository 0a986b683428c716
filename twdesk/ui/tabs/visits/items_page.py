"""意见办理: opinion items (overdue in red) with their stamped history and the workflow steps
交办 → 办理中 → 办结 → 反馈 (and 重新办理), each step asking for what it needs."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from twdesk.core.vocab import OpinionStatus, Satisfaction
from twdesk.services import visits
from twdesk.services.visits import ItemRow, StepInfo
from twdesk.ui import actions
from twdesk.ui.actions import VISITS, run_action
from twdesk.ui.i18n import notr, tr
from twdesk.ui.models.paged_model import Column, PagedModel
from twdesk.ui.readonly import mark_editing
from twdesk.ui.tabs.visits.common import PageContext, StepDialog, date_edit, paged_view
from twdesk.ui.tabs.visits.filters import FilterBar, FilterChoices

STATUS_COLUMN = 4
DEADLINE_COLUMN = 6
ENABLED_STEPS = {
    str(OpinionStatus.REGISTERED): ("assign",),
    str(OpinionStatus.ASSIGNED): ("start", "handle", "slip"),
    str(OpinionStatus.IN_PROGRESS): ("handle", "slip"),
    str(OpinionStatus.HANDLED): ("feedback", "reopen", "slip"),
    str(OpinionStatus.FED_BACK): ("reopen", "slip"),
}


def deadline_text(row: ItemRow) -> str:
    if row.deadline is None:
        return ""
    return row.deadline.isoformat() + (" " + tr("超期") if row.overdue else "")


class ItemsPage(QSplitter):
    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.last_message = ""
        self.steps: list[StepInfo] = []
        self.dialog: StepDialog | None = None  # the step dialog last opened
        self.shown_version: int | None = None  # row_version of the item shown
        self.filter = FilterBar()
        self.filter.changed.connect(lambda: self.refresh())
        self.count = QLabel()
        self.model: PagedModel[ItemRow] = PagedModel(
            [
                Column(self.tr("编号"), lambda r: r.number, 90),
                Column(self.tr("来访日期"), lambda r: r.visit_date.isoformat(), 90),
                Column(self.tr("联络站"), lambda r: r.station, 130),
                Column(self.tr("类别"), lambda r: r.category, 80),
                Column(
                    self.tr("状态"),
                    lambda r: r.status + (self.tr("（超期）") if r.overdue else ""),
                    90,
                ),
                Column(self.tr("交办部门"), lambda r: r.department, 110),
                Column(self.tr("期限"), deadline_text, 120),
                Column(self.tr("意见建议"), lambda r: r.content.replace("\n", " "), 120),
            ],
            key=lambda r: r.number,
            alert=lambda r: r.overdue,
            parent=self,
        )
        self.model.rowsInserted.connect(lambda *_: self._show_count())
        self.view = paged_view(self.model)
        header = self.view.horizontalHeader()
        for column in (0, 1, STATUS_COLUMN, DEADLINE_COLUMN):  # never cut off
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self.show_selected())
        actions.delete_shortcut(self.view, self.delete_selected)
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.history = QListWidget()
        self.history.setWordWrap(True)  # a long note wraps instead of scrolling sideways
        self.history.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.step_buttons: dict[str, QPushButton] = {}
        grid = QGridLayout()
        for i, (key, label, slot) in enumerate(
            (
                ("assign", self.tr("交办…"), self.assign),
                ("start", self.tr("办理中"), self.start_handling),
                ("handle", self.tr("办结…"), self.handle),
                ("feedback", self.tr("反馈…"), self.feed_back),
                ("reopen", self.tr("重新办理…"), self.reopen),
                ("slip", self.tr("打印交办单…"), self.print_slips),
                ("delete", self.tr("删除"), self.delete_selected),
            )
        ):
            button = QPushButton(label)
            button.clicked.connect(lambda _c=False, f=slot: f())
            self.step_buttons[key] = button
            if key != "slip":  # the slip is an output
                mark_editing(button)
            grid.addWidget(button, i // 3, i % 3)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.addWidget(self.title)
        side_layout.addLayout(grid)
        side_layout.addWidget(QLabel(self.tr("办理记录")))
        side_layout.addWidget(self.history, 1)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.filter)
        left_layout.addWidget(self.count)
        left_layout.addWidget(self.view)
        self.addWidget(left)
        self.addWidget(side)
        self.setStretchFactor(0, 1)
        self.setSizes([900, 340])

    def fill_choices(self, choices: FilterChoices) -> None:
        self.filter.fill(choices)

    # --- the list -----------------------------------------------------------------------------

    def refresh(self) -> None:
        flt, today, db = self.filter.value(), self.ctx.today, self.ctx.db

        def fetch(after: object, limit: int) -> list[ItemRow]:
            with db.session() as s:
                return visits.item_page(s, flt, after=after, limit=limit, today=today)  # type: ignore[arg-type]

        self.model.reset(fetch, 0)
        self._show_count()
        self.show_selected()

    def _show_count(self) -> None:
        text = self.tr("意见建议（红色为超期未办结）：已显示 {0} 条").format(self.model.rowCount())
        if self.model.canFetchMore():
            text += self.tr("，向下滚动加载更多")
        self.count.setText(text)

    def selected_item(self) -> ItemRow | None:
        index = self.view.currentIndex()
        return self.model.row(index.row()) if index.isValid() else None

    def select_item(self, number: str) -> bool:
        while True:
            for i, r in enumerate(self.model.rows):
                if r.number == number:
                    self.view.selectRow(i)
                    return True
            if not self.model.canFetchMore():
                return False
            self.model.fetchMore()

    def show_selected(self) -> None:
        row = self.selected_item()
        self.history.clear()
        self.steps = []
        for button in self.step_buttons.values():
            button.setEnabled(False)
        if row is None:
            self.title.setText(self.tr("选择一条意见建议"))
            return
        with self.ctx.db.session() as s:
            item = visits.item_info(s, row.id)
            self.steps = visits.item_steps(s, row.id)
        deadline = "　" + tr("期限 {0}").format(f"{row.deadline:%Y-%m-%d}") if row.deadline else ""
        self.title.setText(
            f"<b>{row.number}</b>　{item.status}{deadline}"
            + ("<span style='color:#b3261e'>" + tr("（已超期）") + "</span>" if row.overdue else "")
            + f"<br>{row.content}"
        )
        for st in self.steps:
            self.history.addItem(
                f"{st.done_on:%Y-%m-%d} {st.from_status}→{st.to_status}　{st.note}　{st.done_by}"
            )
        for key in ENABLED_STEPS.get(item.status, ()):
            self.step_buttons[key].setEnabled(True)
        self.step_buttons["delete"].setEnabled(True)
        self.shown_version = item.row_version  # a step is refused if the item moved on

    def delete_selected(self) -> bool:
        """Ask, then move the selected opinion item to the recycle bin."""
        row = self.selected_item()
        if row is None:
            return False
        return actions.delete_record(self, self.ctx.db, "opinion_item", row.id, changes=[VISITS])

    # --- the steps ----------------------------------------------------------------------------

    def _run_step(self, action: Callable[..., object]) -> bool:
        """`action(session, item_id, expected_version=…)`: a step on the item as shown here;
        refused (offering 重新载入) when another PC changed the item since it was shown."""
        row = self.selected_item()
        if row is None:
            return False
        version = self.shown_version
        done = run_action(
            self,
            self.ctx.db,
            lambda s: action(s, row.id, expected_version=version),
            changes=[VISITS],
            error_title=self.tr("不能办理"),
            on_reload=self._reload_item,
        )
        if done is None:
            return False
        self.select_item(row.number)  # the list reloaded on the change
        return True

    def _reload_item(self) -> None:
        """重新载入: the step's form closes and the item shows as now saved."""
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.done(0)
        self.show_selected()

    def _last_step_date(self) -> date | None:
        return max((st.done_on for st in self.steps), default=None)

    def _open(self, title: str, fields: list[tuple[str, QWidget]], save: Callable[[], bool]):  # type: ignore[no-untyped-def]
        self.dialog = StepDialog(title, fields, save, self)
        self.dialog.open()
        return self.dialog

    def assign(self) -> StepDialog | None:
        if self.selected_item() is None:
            return None
        today = self.ctx.today
        default = run_action(self, self.ctx.db, lambda s: visits.default_deadline(s, today))
        with self.ctx.db.session() as s:
            used = visits.departments_used(s)
        department = QComboBox()
        department.setEditable(True)
        department.addItems(used)
        department.setCurrentIndex(-1)
        department.lineEdit().setPlaceholderText(self.tr("选择以前交办过的部门，或输入新的"))
        department.setMinimumWidth(240)
        person = QLineEdit()
        due = date_edit(default or today, minimum=today)

        def save() -> bool:
            name, who, deadline = department.currentText(), person.text(), due.date().toPython()
            return self._run_step(
                lambda s, i, **v: visits.assign(s, i, name, who, on=today, deadline=deadline, **v)
            )

        return self._open(
            self.tr("交办"),
            [
                (self.tr("交办部门"), department),
                (self.tr("责任人"), person),
                (self.tr("办理期限（默认 7 个工作日）"), due),
            ],
            save,
        )

    def start_handling(self) -> bool:
        today = self.ctx.today
        return self._run_step(lambda s, i, **v: visits.start_handling(s, i, on=today, **v))

    def handle(self) -> StepDialog | None:
        if self.selected_item() is None:
            return None
        result = QPlainTextEdit()
        result.setTabChangesFocus(True)
        on = date_edit(self.ctx.today, minimum=self._last_step_date(), maximum=self.ctx.today)

        def save() -> bool:
            text, day = result.toPlainText(), on.date().toPython()
            return self._run_step(lambda s, i, **v: visits.handle(s, i, text, on=day, **v))

        return self._open(
            self.tr("办结"), [(self.tr("办理结果"), result), (self.tr("办结日期"), on)], save
        )

    def feed_back(self) -> StepDialog | None:
        if self.selected_item() is None:
            return None
        how = QLineEdit()
        how.setPlaceholderText(self.tr("如：电话告知、当面答复"))
        mood = QComboBox()
        mood.addItems([str(s) for s in Satisfaction])
        on = date_edit(self.ctx.today, minimum=self._last_step_date(), maximum=self.ctx.today)

        def save() -> bool:
            method, satisfaction, day = how.text(), mood.currentText(), on.date().toPython()
            return self._run_step(
                lambda s, i, **v: visits.feed_back(s, i, method, satisfaction, on=day, **v)
            )

        return self._open(
            self.tr("反馈"),
            [(self.tr("反馈方式"), how), (self.tr("满意度"), mood), (self.tr("反馈日期"), on)],
            save,
        )

    def reopen(self) -> StepDialog | None:
        if self.selected_item() is None:
            return None
        reason = QLineEdit()
        today = self.ctx.today

        def save() -> bool:
            text = reason.text()
            return self._run_step(lambda s, i, **v: visits.reopen(s, i, text, on=today, **v))

        return self._open(self.tr("重新办理"), [(self.tr("原因"), reason)], save)

    def print_slips(self) -> int:
        row = self.selected_item()
        if row is None:
            return 0
        path = actions.ask_save_path(
            self,
            "referral-slip",
            self.tr("保存交办单"),
            notr("交办单-{0}.pdf").format(row.number),
            self.tr("PDF 文件 (*.pdf)"),
        )
        if path is None:
            return 0
        from twdesk.services.visit_outputs import print_slips

        count = actions.run_read(
            self, self.ctx.db, lambda s: print_slips(s, path, [row.id], overwrite=True)
        )
        if count is None:
            return 0
        self.last_message = self.tr("交办单已保存：{0}").format(path.name)
        actions.show_saved(self, path, self.tr("交办单已保存。"))
        return count
