"""联络站与代表: the station tree, the people table with search as you type, import and export."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from twdesk.services import stations
from twdesk.services.files import Database
from twdesk.services.people_search import PeopleIndex, PersonEntry
from twdesk.ui.actions import (
    PEOPLE,
    STATIONS,
    announce,
    ask_save_path,
    run_action,
    run_read,
    show_saved,
)
from twdesk.ui.dialogs.person_dialog import PersonDialog
from twdesk.ui.dialogs.pickers import ID_ROLE
from twdesk.ui.dialogs.station_dialog import StationDialog
from twdesk.ui.models.people_model import PeopleModel
from twdesk.ui.tabs.lazy import LazyLoad

if TYPE_CHECKING:
    from twdesk.ui.dialogs.import_dialog import RosterImportDialog

SPREADSHEETS = "表格文件 (*.xlsx *.xls *.csv);;所有文件 (*)"
ALL = ""


class PeopleTab(LazyLoad, QWidget):
    """Reloads itself when people or stations change (the `actions.changes()` bus)."""

    reload_on = frozenset({PEOPLE, STATIONS})

    def __init__(self, db: Database, parent: QWidget | None = None, *, lazy: bool = False) -> None:
        super().__init__(parent)
        self.db = db
        self.index = PeopleIndex([])
        self.station_names: dict[str, str] = {}
        self.last_message = ""

        # --- left: stations -------------------------------------------------------------------
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([self.tr("联络站"), self.tr("在任代表")])
        self.tree.setColumnWidth(0, 190)
        self.tree.currentItemChanged.connect(lambda *_: self._station_selected())
        self.tree.itemDoubleClicked.connect(lambda *_: self.edit_station())
        self.show_retired = QCheckBox(self.tr("显示已撤销的联络站"))
        self.show_retired.toggled.connect(lambda _on: self.reload_stations())
        add_station = QPushButton(self.tr("新增站"))
        add_station.clicked.connect(self.add_station)
        self.edit_station_button = QPushButton(self.tr("编辑"))
        self.edit_station_button.clicked.connect(self.edit_station)
        self.retire_button = QPushButton(self.tr("撤销"))
        self.retire_button.setToolTip(self.tr("撤销后不再出现在树中，历史记录保留"))
        self.retire_button.clicked.connect(self.retire_station)
        station_buttons = QHBoxLayout()
        for b in (add_station, self.edit_station_button, self.retire_button):
            station_buttons.addWidget(b)
        self.board = QLabel()
        self.board.setObjectName("stationBoard")
        self.board.setWordWrap(True)
        self.board.setTextFormat(Qt.TextFormat.RichText)
        self.board.setStyleSheet(
            "#stationBoard { background: #f6f8fa; border: 1px solid #dde3ea; border-radius: 6px;"
            " padding: 8px; }"
        )
        self.groups = QListWidget()
        self.groups.setMaximumHeight(130)
        self.groups.currentItemChanged.connect(lambda *_: self.apply_filters())
        self.add_group_button = QPushButton(self.tr("新增小组"))
        self.add_group_button.clicked.connect(lambda: self.add_group())
        self.remove_group_button = QPushButton(self.tr("删除小组"))
        self.remove_group_button.clicked.connect(self.remove_group)
        group_buttons = QHBoxLayout()
        group_buttons.addWidget(self.add_group_button)
        group_buttons.addWidget(self.remove_group_button)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.tree, 1)
        left_layout.addWidget(self.show_retired)
        left_layout.addLayout(station_buttons)
        left_layout.addWidget(self.board)
        left_layout.addWidget(QLabel(self.tr("专项小组（点选可筛选成员）")))
        left_layout.addWidget(self.groups)
        left_layout.addLayout(group_buttons)

        # --- right: people --------------------------------------------------------------------
        self.search = QLineEdit()
        self.search.setObjectName("peopleSearch")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(
            self.tr("查找：姓名、拼音（zs 或 zhangsan）、电话，或身份证号后几位")
        )
        self.search.textChanged.connect(lambda _t: self.apply_filters())
        self.level = self._filter_combo(self.tr("全部层级"), ("市", "县", "乡镇"))
        self.status = self._filter_combo(self.tr("全部状态"), ("在任", "免职", "辞职", "届满"))
        self.role = self._filter_combo(
            self.tr("全部身份"), ("团代表", "委员", "往届团代表", "团干部")
        )
        self.count_label = QLabel()
        filters = QHBoxLayout()
        filters.addWidget(self.search, 3)
        for combo in (self.level, self.status, self.role):
            filters.addWidget(combo)
        filters.addWidget(self.count_label)
        self.add_person_button = QPushButton(self.tr("新增人员"))
        self.add_person_button.clicked.connect(self.add_person)
        self.edit_person_button = QPushButton(self.tr("编辑"))
        self.edit_person_button.clicked.connect(self.edit_person)
        import_button = QPushButton(self.tr("导入名册…"))
        import_button.clicked.connect(lambda: self.import_roster())
        export_button = QPushButton(self.tr("导出名册…"))
        export_button.clicked.connect(lambda: self.export_roster())
        template_button = QPushButton(self.tr("下载导入模板…"))
        template_button.clicked.connect(lambda: self.save_template())
        actions = QHBoxLayout()
        for b in (self.add_person_button, self.edit_person_button):
            actions.addWidget(b)
        actions.addStretch(1)
        for b in (import_button, export_button, template_button):
            actions.addWidget(b)
        self.model = PeopleModel(self)
        self.table = QTableView()
        self.table.setObjectName("peopleTable")
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.doubleClicked.connect(lambda _i: self.edit_person())
        for column, width in enumerate((80, 44, 160, 110, 150, 70, 150, 110, 60, 180)):
            self.table.setColumnWidth(column, width)
        self.table.horizontalHeader().setStretchLastSection(True)  # 备注 takes what is left
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addLayout(filters)
        right_layout.addLayout(actions)
        right_layout.addWidget(self.table, 1)

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([300, 900])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(splitter)
        self.defer_or_reload(lazy)

    def _filter_combo(self, everything: str, items: tuple[str, ...]) -> QComboBox:
        combo = QComboBox()
        combo.addItem(everything, ALL)
        for item in items:
            combo.addItem(item, item)
        combo.currentIndexChanged.connect(lambda _i: self.apply_filters())
        return combo

    # --- loading ------------------------------------------------------------------------------

    def full_reload(self) -> None:
        self.reload()

    def set_database(self, db: Database) -> None:
        self.db = db
        self.mark_stale()

    def reload(self, select_person: str | None = None) -> None:
        with self.db.session() as s:
            self.index = PeopleIndex.load(s)
        self.reload_stations()
        self.apply_filters()
        if select_person:
            self.select_person(select_person)

    def reload_stations(self) -> None:
        current = self.selected_station_id()
        with self.db.session() as s:
            nodes = stations.station_tree(s, include_retired=self.show_retired.isChecked())
        self.station_names = {n.id: n.name for n in nodes}
        self.tree.blockSignals(True)
        self.tree.clear()
        total = sum(1 for e in self.index.entries if e.status == "在任" and "团代表" in e.roles)
        everyone = QTreeWidgetItem([self.tr("全部人员"), str(total)])
        everyone.setData(0, ID_ROLE, None)
        self.tree.addTopLevelItem(everyone)
        items: dict[str, QTreeWidgetItem] = {}
        for n in nodes:
            label = n.name + (self.tr("（已撤销）") if n.retired else "")
            item = QTreeWidgetItem([label, str(n.delegates)])
            item.setData(0, ID_ROLE, n.id)
            item.setToolTip(0, n.kind)
            parent = items.get(n.parent_id) if n.parent_id else None
            (parent.addChild(item) if parent else self.tree.addTopLevelItem(item))
            items[n.id] = item
        self.tree.expandAll()
        self.tree.setCurrentItem(items.get(current) if current in items else everyone)
        self.tree.blockSignals(False)
        self._station_selected()

    def selected_station_id(self) -> str | None:
        item = self.tree.currentItem()
        return item.data(0, ID_ROLE) if item is not None else None

    def select_station(self, name: str) -> bool:
        for item in self.tree.findItems(
            name, Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive
        ):
            self.tree.setCurrentItem(item)
            return True
        return False

    def _station_selected(self) -> None:
        station_id = self.selected_station_id()
        has_station = station_id is not None
        for widget in (
            self.edit_station_button,
            self.retire_button,
            self.add_group_button,
            self.remove_group_button,
        ):
            widget.setEnabled(has_station)
        self.groups.blockSignals(True)
        self.groups.clear()
        if has_station:
            with self.db.session() as s:
                values = stations.load_station(s, station_id)
                groups = stations.station_groups(s, station_id)
            self.board.setText(self._board_html(values))
            for g in groups:
                item = QListWidgetItem(self.tr("{0}（{1} 人）").format(g.name, g.members))
                item.setData(ID_ROLE, g.id)
                item.setData(Qt.ItemDataRole.UserRole + 1, g.name)
                self.groups.addItem(item)
        else:
            self.board.setText(
                self.tr(
                    "<b>全部人员</b><br>选择左侧的联络站，可查看它的进站代表、专项小组和五公开信息。"
                )
            )
        self.groups.blockSignals(False)
        self.apply_filters()

    def _board_html(self, v: dict[str, object]) -> str:
        def row(label: str, key: str) -> str:
            value = str(v.get(key) or "").strip() or "<span style='color:#999'>未填写</span>"
            return f"<tr><td style='color:#555;padding-right:6px'>{label}</td><td>{value}</td></tr>"

        return (
            f"<b>{v.get('name')}</b> <span style='color:#777'>（{v.get('kind')}）</span>"
            "<table>"
            + row(self.tr("负责人"), "leader_name")
            + row(self.tr("电话"), "leader_phone")
            + row(self.tr("开放时间"), "hours")
            + row(self.tr("地址"), "address")
            + row(self.tr("工作职责"), "duties")
            + "</table>"
        )

    # --- filtering ----------------------------------------------------------------------------

    def apply_filters(self) -> list[PersonEntry]:
        station_id = self.selected_station_id()
        group_item = self.groups.currentItem()
        results = self.index.search(
            self.search.text(),
            station=self.station_names.get(station_id) if station_id else None,
            level=self.level.currentData() or None,
            status=self.status.currentData() or None,
            group=group_item.data(Qt.ItemDataRole.UserRole + 1) if group_item else None,
            role=self.role.currentData() or None,
        )
        self.model.set_entries(results)
        self.count_label.setText(self.tr("共 {0} 人").format(len(results)))
        self.edit_person_button.setEnabled(bool(results))
        return results

    def selected_person_id(self) -> str | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.model.data(self.model.index(index.row(), 0), Qt.ItemDataRole.UserRole)

    def select_person(self, person_id: str) -> bool:
        row = self.model.row_of(person_id)
        if row < 0:
            return False
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))
        return True

    # --- people -------------------------------------------------------------------------------

    def person_dialog(self, person_id: str | None = None) -> PersonDialog:
        return PersonDialog(
            self.db, self.index, person_id, station_id=self.selected_station_id(), parent=self
        )

    def add_person(self) -> None:
        self._run_person_dialog(self.person_dialog())

    def edit_person(self) -> None:
        person_id = self.selected_person_id()
        if person_id is None:
            if self.model.rowCount() == 0:
                return
            person_id = self.model.entry(0).id
        self._run_person_dialog(self.person_dialog(person_id))

    def _run_person_dialog(self, dialog: PersonDialog) -> None:
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.saved_id:
            self.select_person(dialog.saved_id)  # the bus has reloaded the table already

    # --- stations and groups ------------------------------------------------------------------

    def add_station(self) -> None:
        dialog = StationDialog(self.db, parent_id=self.selected_station_id(), parent=self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._stations_changed(dialog.saved_id)

    def edit_station(self) -> None:
        station_id = self.selected_station_id()
        if station_id is None:
            return
        dialog = StationDialog(self.db, station_id, parent=self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._stations_changed(station_id)

    def retire_station(self) -> None:
        station_id = self.selected_station_id()
        if station_id is None:
            return
        name = self.station_names.get(station_id, "")
        answer = QMessageBox.question(
            self,
            self.tr("撤销联络站"),
            self.tr(
                "撤销「{0}」？\n撤销后它不再出现在联络站树中，代表、坐班和来访等历史记录都保留。"
            ).format(name),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return

        def retire(s: object) -> bool:
            stations.retire_station(s, station_id)
            return True

        run_action(
            self, self.db, retire, changes=[STATIONS, PEOPLE], error_title=self.tr("不能撤销")
        )

    def _stations_changed(self, select_id: str | None) -> None:
        if select_id:
            for item in self.tree.findItems(
                "", Qt.MatchFlag.MatchContains | Qt.MatchFlag.MatchRecursive
            ):
                if item.data(0, ID_ROLE) == select_id:
                    self.tree.setCurrentItem(item)

    def add_group(self, name: str | None = None) -> bool:
        station_id = self.selected_station_id()
        if station_id is None:
            return False
        if name is None:
            name, ok = QInputDialog.getText(
                self, self.tr("新增专项小组"), self.tr("小组名称（如：志愿服务小组）")
            )
            if not ok:
                return False
        saved = run_action(
            self,
            self.db,
            lambda s: stations.save_group(s, station_id, name),
            changes=[STATIONS, PEOPLE],
            error_title=self.tr("无法新增"),
        )
        return saved is not None

    def remove_group(self) -> None:
        item = self.groups.currentItem()
        if item is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("删除专项小组"),
            self.tr("删除「{0}」？成员的小组记录到今天结束，小组可在回收站中恢复。").format(
                item.data(Qt.ItemDataRole.UserRole + 1)
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        group_id = item.data(ID_ROLE)

        def remove(s: object) -> bool:
            stations.remove_group(s, group_id)
            return True

        run_action(self, self.db, remove, changes=[STATIONS, PEOPLE])

    # --- files --------------------------------------------------------------------------------

    def import_roster(self, path: Path | None = None) -> RosterImportDialog | None:
        if path is None:
            name, _ = QFileDialog.getOpenFileName(
                self, self.tr("选择要导入的名册"), "", self.tr(SPREADSHEETS)
            )
            if not name:
                return None
            path = Path(name)
        from twdesk.ui.dialogs.import_dialog import RosterImportDialog

        dialog = RosterImportDialog(self.db, path, self)
        dialog.accepted.connect(lambda: self._imported(dialog))
        dialog.open()
        return dialog

    def _imported(self, dialog: RosterImportDialog) -> None:
        if dialog.summary is None:
            return
        self.last_message = dialog.summary.one_line()
        announce([PEOPLE, STATIONS])
        QMessageBox.information(self, self.tr("导入完成"), self.last_message)

    def export_roster(self, path: Path | None = None, *, mask: bool | None = None) -> int:
        station_id = self.selected_station_id()
        station = self.station_names.get(station_id) if station_id else None
        if mask is None:
            box = QMessageBox(self)
            box.setWindowTitle(self.tr("导出名册"))
            box.setText(
                self.tr("导出{0}的名册。\n对外提供时请选择“隐去证件号和电话”。").format(
                    f"「{station}」" if station else self.tr("全部联络站")
                )
            )
            full = box.addButton(self.tr("完整导出（内部使用）"), QMessageBox.ButtonRole.AcceptRole)
            masked = box.addButton(self.tr("隐去证件号和电话"), QMessageBox.ButtonRole.AcceptRole)
            box.addButton(self.tr("取消"), QMessageBox.ButtonRole.RejectRole)
            box.exec()
            if box.clickedButton() not in (full, masked):
                return 0
            mask = box.clickedButton() is masked
        if path is None:
            path = ask_save_path(
                self,
                "roster",
                self.tr("导出名册"),
                f"{station or '团代表'}名册{'（脱敏）' if mask else ''}.xlsx",
                self.tr("Excel 文件 (*.xlsx)"),
            )
            if path is None:
                return 0
        from twdesk.services.roster_export import export_roster

        count = run_read(
            self,
            self.db,
            lambda s: export_roster(s, path, station=station, mask=mask, overwrite=True),
        )
        if count is None:
            return 0
        self.last_message = self.tr("已导出 {0} 人到 {1}").format(count, path.name)
        show_saved(self, path, self.last_message)
        return count

    def save_template(self, path: Path | None = None) -> Path | None:
        if path is None:
            path = ask_save_path(
                self,
                "roster-template",
                self.tr("保存导入模板"),
                "团代表名册导入模板.xlsx",
                self.tr("Excel 文件 (*.xlsx)"),
            )
            if path is None:
                return None
        from twdesk.services.roster_export import save_roster_template

        if run_read(self, self.db, lambda s: save_roster_template(s, path, overwrite=True)) is None:
            return None
        self.last_message = self.tr("模板已保存：{0}").format(path.name)
        show_saved(self, path, self.last_message)
        return path
