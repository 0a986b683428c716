"""履职记录: the station's register (总账本) with confirm / return of self-reports, one delegate's
ledger (分账本) with 1+100 progress and duty days from the calendar, monthly / quarterly
summaries, delegates behind target, projects and the targets themselves."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from twdesk.core.vocab import ActivitySource, Confirmation
from twdesk.db.dbfile import Database
from twdesk.services import duty, ledger
from twdesk.services.ledger import ActivityRow, LedgerError, Targets
from twdesk.services.people import group_choices, station_choices
from twdesk.services.people_search import PeopleIndex
from twdesk.ui.dialogs.activity_dialog import ActivityDialog
from twdesk.ui.dialogs.pickers import ID_ROLE, LinkList, people_picker
from twdesk.ui.tabs.lazy import LazyLoad
from twdesk.ui.widgets.tables import fill_table, make_table

REGISTER_LIMIT = 2000  # rows on screen; a table widget with tens of thousands is sluggish
STATE_COLORS = {
    str(Confirmation.PENDING): QColor("#fff3e0"),
    str(Confirmation.RETURNED): QColor("#fdecea"),
}


class ProjectDialog(QDialog):
    """A 领办项目: name, leading and participating delegates, period, youth served."""

    def __init__(self, index: PeopleIndex, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("新增领办项目"))
        self.name = QLineEdit()
        self.leader = QComboBox()
        self.leader.addItem(self.tr("（未定）"), None)
        for e in index.entries:
            if "团代表" in e.roles:
                self.leader.addItem(e.name, e.id)

        self.members = LinkList(
            self.tr("参与代表"), people_picker(self, index, self.tr("选择参与代表"), role="团代表")
        )
        self.start = QDateEdit(QDate.currentDate())
        self.end = QDateEdit(QDate.currentDate().addMonths(6))
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.youth = QSpinBox()
        self.youth.setRange(0, 1000000)
        self.youth.setSuffix(self.tr(" 人次"))
        form = QFormLayout(self)
        form.addRow(self.tr("项目名称"), self.name)
        form.addRow(self.tr("领办代表"), self.leader)
        form.addRow(self.members)
        form.addRow(self.tr("开始"), self.start)
        form.addRow(self.tr("结束"), self.end)
        form.addRow(self.tr("服务青年"), self.youth)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def values(self) -> tuple[str, str | None, list[str], date, date, int]:
        return (
            self.name.text(),
            self.leader.currentData(),
            self.members.ids(),
            self.start.date().toPython(),
            self.end.date().toPython(),
            self.youth.value(),
        )


class LedgerTab(LazyLoad, QWidget):
    data_changed = Signal()

    def __init__(
        self,
        db: Database,
        parent: QWidget | None = None,
        *,
        today: date | None = None,
        lazy: bool = False,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self._today = today
        self.rows: list[ActivityRow] = []
        self.index = PeopleIndex([])
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(self.today.year)
        self.year.setSuffix(self.tr(" 年"))
        self.year.valueChanged.connect(lambda _v: self.reload())
        self.station = QComboBox()
        self.station.setMinimumWidth(200)
        self.station.currentIndexChanged.connect(lambda _i: self.reload())
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("联络站")))
        top.addWidget(self.station)
        top.addWidget(self.year)
        top.addStretch(1)
        self.pages = QTabWidget()

        # 活动登记簿
        self.type_filter = QComboBox()
        self.person_filter = QComboBox()
        self.group_filter = QComboBox()
        self.state_filter = QComboBox()
        self.state_filter.addItem(self.tr("全部记录"), None)
        for state in Confirmation:
            self.state_filter.addItem(str(state), str(state))
        for combo in (self.type_filter, self.person_filter, self.group_filter, self.state_filter):
            combo.currentIndexChanged.connect(lambda _i: self.refresh_register())
        add = QPushButton(self.tr("登记活动…"))
        add.clicked.connect(lambda: self.open_activity())
        edit = QPushButton(self.tr("编辑…"))
        edit.clicked.connect(lambda: self.open_activity(self.selected_activity_id()))
        self.confirm_button = QPushButton(self.tr("确认"))
        self.confirm_button.clicked.connect(lambda: self.confirm())
        self.return_button = QPushButton(self.tr("退回…"))
        self.return_button.clicked.connect(lambda: self.return_entry())
        bar = QHBoxLayout()
        for w in (self.type_filter, self.person_filter, self.group_filter, self.state_filter):
            bar.addWidget(w)
        bar.addStretch(1)
        for w in (add, edit, self.confirm_button, self.return_button):
            bar.addWidget(w)
        self.register = make_table(
            (
                "日期",
                "类型",
                "活动名称",
                "地点",
                "参与代表",
                "覆盖人次",
                "项目",
                "来源",
                "状态",
                "附件",
                "说明",
            )
        )
        self.register.itemSelectionChanged.connect(self._register_selected)
        self.register.doubleClicked.connect(
            lambda _i: self.open_activity(self.selected_activity_id())
        )
        register_page = QWidget()
        register_layout = QVBoxLayout(register_page)
        self.register_note = QLabel()
        self.register_note.setStyleSheet("color: #8a5300;")
        register_layout.addLayout(bar)
        register_layout.addWidget(self.register_note)
        register_layout.addWidget(self.register)

        # 代表履职手册
        self.delegate = QComboBox()
        self.delegate.currentIndexChanged.connect(lambda _i: self.refresh_delegate())
        self_report = QPushButton(self.tr("本人填报…"))
        self_report.clicked.connect(
            lambda: self.open_activity(self_report_for=self.delegate.currentData())
        )
        self.youth_bar = QProgressBar()
        self.branch_bar = QProgressBar()
        self.duty_bar = QProgressBar()
        for bar_widget in (self.youth_bar, self.branch_bar, self.duty_bar):
            bar_widget.setTextVisible(True)
        self.delegate_summary = QLabel()
        self.delegate_summary.setWordWrap(True)
        self.type_totals = make_table(("活动类型", "次数"))
        self.type_totals.setMaximumWidth(260)
        self.delegate_entries = make_table(("日期", "类型", "内容", "覆盖人次", "来源", "状态"))
        head = QHBoxLayout()
        head.addWidget(QLabel(self.tr("团代表")))
        head.addWidget(self.delegate)
        head.addStretch(1)
        head.addWidget(self_report)
        bars = QFormLayout()
        bars.addRow(self.tr("联系青年（人次）"), self.youth_bar)
        bars.addRow(self.tr("联系团支部（个）"), self.branch_bar)
        bars.addRow(self.tr("驻站坐班（到岗/安排）"), self.duty_bar)
        body = QHBoxLayout()
        body.addWidget(self.type_totals)
        body.addWidget(self.delegate_entries, 1)
        delegate_page = QWidget()
        delegate_layout = QVBoxLayout(delegate_page)
        delegate_layout.addLayout(head)
        delegate_layout.addLayout(bars)
        delegate_layout.addWidget(self.delegate_summary)
        delegate_layout.addLayout(body, 1)

        # 月度 / 季度汇总
        self.quarterly = QCheckBox(self.tr("按季度（一季一总结）"))
        self.quarterly.toggled.connect(lambda _on: self.refresh_summary())
        self.summary = make_table(
            ("期间", "活动次数", "覆盖人次", "主题（人次最多的活动）", "各类活动")
        )
        summary_page = QWidget()
        summary_layout = QVBoxLayout(summary_page)
        summary_layout.addWidget(self.quarterly)
        summary_layout.addWidget(self.summary)

        # 未达标
        self.behind = make_table(
            ("代表", "联络站", "联系青年人次", "团支部", "坐班到岗/安排", "待确认")
        )
        self.behind_label = QLabel()

        behind_page = QWidget()
        behind_layout = QVBoxLayout(behind_page)
        behind_layout.addWidget(self.behind_label)
        behind_layout.addWidget(self.behind)

        # 项目
        self.projects = QListWidget()
        add_project = QPushButton(self.tr("新增项目…"))
        add_project.clicked.connect(lambda: self.add_project())
        project_page = QWidget()
        project_layout = QVBoxLayout(project_page)
        project_layout.addWidget(self.projects)
        project_layout.addWidget(add_project)

        # 目标
        self.target_youth = QSpinBox()
        self.target_youth.setRange(0, 100000)
        self.target_branches = QSpinBox()
        self.target_branches.setRange(0, 100)
        self.target_types = QListWidget()
        save_targets = QPushButton(self.tr("保存目标"))
        save_targets.clicked.connect(lambda: self.save_targets())
        self.targets_error = QLabel()
        self.targets_error.setStyleSheet("color: #b3261e;")
        targets_page = QWidget()
        targets_form = QFormLayout(targets_page)
        targets_form.addRow(self.tr("每年联系青年（人次）"), self.target_youth)
        targets_form.addRow(self.tr("每年联系团支部（个）"), self.target_branches)
        targets_form.addRow(self.tr("计入联系青年人次的活动类型"), self.target_types)
        targets_form.addRow("", save_targets)
        targets_form.addRow("", self.targets_error)

        self.pages.addTab(register_page, self.tr("活动登记簿（总账本）"))
        self.pages.addTab(delegate_page, self.tr("代表履职手册（分账本）"))
        self.pages.addTab(summary_page, self.tr("月度 / 季度汇总"))
        self.pages.addTab(behind_page, self.tr("未达标代表"))
        self.pages.addTab(project_page, self.tr("领办项目"))
        self.pages.addTab(targets_page, self.tr("目标设置"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(top)
        layout.addWidget(self.pages)
        if lazy:
            self._stale = True
        else:
            self.full_reload()

    @property
    def today(self) -> date:
        return self._today or date.today()

    def set_database(self, db: Database) -> None:
        self.db = db
        self.mark_stale()

    def full_reload(self) -> None:
        with self.db.session() as s:
            stations = station_choices(s)
            types = ledger.activity_types(s)
            self.index = PeopleIndex.load(s)
            goal = ledger.targets(s)
            groups = group_choices(s)
        current = self.station.currentData()
        self.station.blockSignals(True)
        self.station.clear()
        self.station.addItem(self.tr("全部联络站"), None)
        for sid, name in stations:
            self.station.addItem(name, sid)
        self.station.setCurrentIndex(max(self.station.findData(current), 0))
        self.station.blockSignals(False)
        self.type_filter.blockSignals(True)
        self.type_filter.clear()
        self.type_filter.addItem(self.tr("全部类型"), None)
        for t in types:
            self.type_filter.addItem(t, t)
        self.type_filter.blockSignals(False)
        for combo, first, items in (
            (
                self.person_filter,
                self.tr("全部代表"),
                [(e.id, e.name) for e in self.index.entries if "团代表" in e.roles],
            ),
            (self.group_filter, self.tr("全部专项小组"), [(g, f"{st}·{n}") for g, n, st in groups]),
        ):
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(first, None)
            for value, text in items:
                combo.addItem(text, value)
            combo.blockSignals(False)
        self.target_youth.setValue(goal.youth)
        self.target_branches.setValue(goal.branches)
        self.target_types.clear()
        for t in types:
            item = QListWidgetItem(t)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked if t in goal.youth_types else Qt.CheckState.Unchecked
            )
            self.target_types.addItem(item)
        self.reload()

    def reload(self) -> None:
        self.refresh_register()
        with self.db.session() as s:
            rows = ledger.ledger(
                s, self.year.value(), station_id=self.station.currentData(), today=self.today
            )
        self.refresh_delegates(rows)
        self.refresh_summary()
        self.refresh_behind(rows)
        self.refresh_projects()

    # --- register -----------------------------------------------------------------------------

    def refresh_register(self) -> None:
        year = self.year.value()
        with self.db.session() as s:
            self.rows = ledger.activity_rows(
                s,
                start=date(year, 1, 1),
                end=date(year, 12, 31),
                station_id=self.station.currentData(),
                activity_type=self.type_filter.currentData(),
                person_id=self.person_filter.currentData(),
                group_id=self.group_filter.currentData(),
                confirmation=self.state_filter.currentData(),
                limit=REGISTER_LIMIT + 1,
            )
        self.register_note.setText(
            self.tr("只显示最近 {0} 条，请用上面的筛选缩小范围（导出不受此限）").format(
                REGISTER_LIMIT
            )
            if len(self.rows) > REGISTER_LIMIT
            else ""
        )
        self.rows = self.rows[:REGISTER_LIMIT]
        fill_table(
            self.register,
            [
                (
                    a.activity_date.isoformat(),
                    a.activity_type,
                    a.title,
                    a.place,
                    "、".join(a.participants),
                    a.youth_count,
                    a.project,
                    a.source,
                    a.confirmation,
                    a.attachments or "",
                    a.confirmation_note,
                )
                for a in self.rows
            ],
            [a.id for a in self.rows],
        )
        for r, a in enumerate(self.rows):
            color = STATE_COLORS.get(a.confirmation)
            if color:
                for c in range(self.register.columnCount()):
                    self.register.item(r, c).setBackground(QBrush(color))
        self._register_selected()

    def selected_activity_id(self) -> str | None:
        items = self.register.selectedItems()
        return items[0].data(ID_ROLE) if items else None

    def select_activity(self, activity_id: str) -> bool:
        for r in range(self.register.rowCount()):
            if self.register.item(r, 0).data(ID_ROLE) == activity_id:
                self.register.selectRow(r)
                return True
        return False

    def _register_selected(self) -> None:
        aid = self.selected_activity_id()
        row = next((a for a in self.rows if a.id == aid), None)
        pending = row is not None and row.confirmation != Confirmation.CONFIRMED
        self.confirm_button.setEnabled(pending)
        self.return_button.setEnabled(
            row is not None
            and row.source == ActivitySource.SELF
            and row.confirmation == Confirmation.PENDING
        )

    def open_activity(
        self, activity_id: str | None = None, *, self_report_for: str | None = None
    ) -> ActivityDialog:
        dialog = ActivityDialog(
            self.db,
            self.index,
            activity_id,
            source=str(ActivitySource.SELF if self_report_for else ActivitySource.STATION),
            recorded_by_id=self_report_for,
            station_id=self.station.currentData(),
            parent=self,
        )
        dialog.accepted.connect(lambda: self._changed(dialog.saved_id))
        dialog.open()
        return dialog

    def _changed(self, activity_id: str | None = None) -> None:
        self.reload()
        if activity_id:
            self.select_activity(activity_id)
        self.data_changed.emit()

    def confirm(self) -> bool:
        aid = self.selected_activity_id()
        if aid is None:
            return False
        try:
            with self.db.transaction() as s:
                ledger.confirm(s, aid)
        except LedgerError as exc:
            QMessageBox.warning(self, self.tr("不能确认"), str(exc))
            return False
        self._changed(aid)
        return True

    def return_entry(self, reason: str | None = None) -> bool:
        aid = self.selected_activity_id()
        if aid is None:
            return False
        if reason is None:
            reason, ok = QInputDialog.getText(
                self, self.tr("退回"), self.tr("退回原因（如：缺少活动照片）")
            )
            if not ok:
                return False
        try:
            with self.db.transaction() as s:
                ledger.return_entry(s, aid, reason)
        except LedgerError as exc:
            QMessageBox.warning(self, self.tr("不能退回"), str(exc))
            return False
        self._changed(aid)
        return True

    # --- one delegate -------------------------------------------------------------------------

    def refresh_delegates(self, rows: list[ledger.DelegateYear]) -> None:
        current = self.delegate.currentData()
        self.ledger_rows = {r.person_id: r for r in rows}
        self.delegate.blockSignals(True)
        self.delegate.clear()
        for r in rows:
            self.delegate.addItem(f"{r.name}（{r.station or '未进站'}）", r.person_id)
        self.delegate.setCurrentIndex(max(self.delegate.findData(current), 0))
        self.delegate.blockSignals(False)
        self.refresh_delegate()

    def refresh_delegate(self) -> None:
        pid = self.delegate.currentData()
        row = self.ledger_rows.get(pid) if pid else None
        if row is None:
            fill_table(self.type_totals, [])
            fill_table(self.delegate_entries, [])
            self.delegate_summary.setText(self.tr("没有团代表"))
            return
        with self.db.session() as s:
            goal = ledger.targets(s)
            entries = ledger.activity_rows(
                s,
                start=date(self.year.value(), 1, 1),
                end=date(self.year.value(), 12, 31),
                person_id=pid,
            )
            duty_days = duty.duty_days(s, person_id=pid, year=self.year.value(), today=self.today)
        for bar_widget, value, target in (
            (self.youth_bar, row.youth_contacts, goal.youth),
            (self.branch_bar, row.branches, goal.branches),
            (self.duty_bar, row.duty_attended, row.duty_assigned),
        ):
            bar_widget.setRange(0, max(target, 1))
            bar_widget.setValue(min(value, max(target, 1)))
            bar_widget.setFormat(f"{value} / {target}")
            done = value >= target
            bar_widget.setStyleSheet(
                "QProgressBar::chunk { background: %s; }" % ("#2e7d32" if done else "#c25e00")
            )
        met = all(row.targets_met.values())
        self.delegate_summary.setText(
            self.tr("{0}年：{1}。待站上确认 {2} 条，被退回 {3} 条。坐班记录来自坐班日历。").format(
                self.year.value(),
                self.tr("已达标") if met else self.tr("未达标"),
                row.pending,
                row.returned,
            )
        )
        totals = dict(row.by_type)
        if row.duty_attended:
            totals[self.tr("坐班接待（坐班日历）")] = row.duty_attended
        fill_table(self.type_totals, sorted(totals.items(), key=lambda kv: -kv[1]))
        lines = [
            (
                a.activity_date.isoformat(),
                a.activity_type,
                a.title,
                a.youth_count,
                a.source,
                a.confirmation,
            )
            for a in entries
        ]
        for d in duty_days:
            for seat in d.seats:
                mine = seat.person_id == pid or seat.substitute_id == pid
                if mine:
                    what = (
                        self.tr("替{0}坐班").format(seat.name)
                        if seat.substitute_id == pid
                        else d.station
                    )
                    lines.append(
                        (
                            d.day.isoformat(),
                            self.tr("驻站坐班"),
                            what,
                            "",
                            self.tr("坐班日历"),
                            seat.shown,
                        )
                    )
        lines.sort(key=lambda r: str(r[0]), reverse=True)
        fill_table(self.delegate_entries, lines)

    # --- summaries ----------------------------------------------------------------------------

    def refresh_summary(self) -> None:
        with self.db.session() as s:
            periods = ledger.period_summary(
                s,
                self.year.value(),
                station_id=self.station.currentData(),
                quarterly=self.quarterly.isChecked(),
            )
        fill_table(
            self.summary,
            [
                (
                    p.label,
                    p.activities,
                    p.youth,
                    p.theme,
                    "，".join(f"{k}{v}" for k, v in p.by_type.items()),
                )
                for p in periods
            ],
        )

    def refresh_behind(self, everyone: list[ledger.DelegateYear]) -> None:
        rows = ledger.behind_target(everyone)
        with self.db.session() as s:
            goal = ledger.targets(s)
        self.behind_label.setText(
            self.tr("{0}年未达到“联系青年 {1} 人次、联系团支部 {2} 个”的代表：{3} 人").format(
                self.year.value(), goal.youth, goal.branches, len(rows)
            )
        )
        fill_table(
            self.behind,
            [
                (
                    r.name,
                    r.station,
                    r.youth_contacts,
                    r.branches,
                    f"{r.duty_attended}/{r.duty_assigned}",
                    r.pending,
                )
                for r in rows
            ],
        )

    def refresh_projects(self) -> None:
        with self.db.session() as s:
            projects = ledger.project_summaries(s)
        self.projects.clear()
        for p in projects:
            period = " — ".join(d.isoformat() for d in (p.start, p.end) if d)
            text = self.tr("{0}　领办：{1}　参与：{2}　{3}　服务青年 {4} 人次　活动 {5} 次").format(
                p.name,
                p.leader or "—",
                "、".join(p.members) or "—",
                period,
                p.youth_served,
                p.activities,
            )
            item = QListWidgetItem(text)
            item.setData(ID_ROLE, p.id)
            self.projects.addItem(item)

    def add_project(
        self,
        name: str | None = None,
        leader_id: str | None = None,
        member_ids: list[str] | None = None,
        start: date | None = None,
        end: date | None = None,
        youth_served: int = 0,
    ) -> bool:
        if name is None:
            dialog = ProjectDialog(self.index, self)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return False
            name, leader_id, member_ids, start, end, youth_served = dialog.values()
        try:
            with self.db.transaction() as s:
                ledger.save_project(
                    s,
                    name,
                    leader_id=leader_id,
                    member_ids=member_ids,
                    station_id=self.station.currentData(),
                    start=start,
                    end=end,
                    youth_served=youth_served,
                )
        except LedgerError as exc:
            QMessageBox.warning(self, self.tr("不能新增"), str(exc))
            return False
        self.refresh_projects()
        return True

    def save_targets(self) -> bool:
        types = tuple(
            self.target_types.item(i).text()
            for i in range(self.target_types.count())
            if self.target_types.item(i).checkState() == Qt.CheckState.Checked
        )
        try:
            with self.db.transaction() as s:
                ledger.set_targets(
                    s, Targets(self.target_youth.value(), self.target_branches.value(), types)
                )
        except LedgerError as exc:
            self.targets_error.setText(str(exc))
            return False
        self.targets_error.setText("")
        self.reload()
        return True
