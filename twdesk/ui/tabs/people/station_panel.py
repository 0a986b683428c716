"""联络站与代表, left page: the station tree, the station's board (五公开) and its special groups."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from twdesk.services import stations
from twdesk.services.files import Database
from twdesk.ui.actions import PEOPLE, STATIONS, delete_record, delete_shortcut, run_action
from twdesk.ui.dialogs.pickers import ID_ROLE
from twdesk.ui.dialogs.station_dialog import StationDialog
from twdesk.ui.i18n import tr
from twdesk.ui.readonly import is_read_only, mark_editing

GROUP_NAME_ROLE = Qt.ItemDataRole.UserRole + 1


class StationPanel(QWidget):
    """Emits `filters_changed` when another station or group is selected."""

    filters_changed = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.station_names: dict[str, str] = {}
        self._total = 0
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([self.tr("联络站"), self.tr("在任代表")])
        self.tree.setColumnWidth(0, 190)
        self.tree.currentItemChanged.connect(lambda *_: self._station_selected())
        self.tree.itemDoubleClicked.connect(lambda *_: is_read_only() or self.edit_station())
        self.show_retired = QCheckBox(self.tr("显示已撤销的联络站"))
        self.show_retired.toggled.connect(lambda _on: self.reload_stations(self._total))
        add_station = QPushButton(self.tr("新增站"))
        add_station.clicked.connect(lambda: self.add_station())
        self.edit_station_button = QPushButton(self.tr("编辑"))
        self.edit_station_button.clicked.connect(lambda: self.edit_station())
        self.retire_button = QPushButton(self.tr("撤销"))
        self.retire_button.setToolTip(self.tr("撤销后不再出现在树中，历史记录保留"))
        self.retire_button.clicked.connect(lambda: self.retire_station())
        self.delete_station_button = QPushButton(self.tr("删除"))
        self.delete_station_button.setToolTip(
            self.tr("删除误建的联络站（移入回收站）；有历史记录的联络站请用「撤销」")
        )
        self.delete_station_button.clicked.connect(lambda: self.delete_station())
        station_buttons = QHBoxLayout()
        for b in (
            add_station,
            self.edit_station_button,
            self.retire_button,
            self.delete_station_button,
        ):
            station_buttons.addWidget(b)
        self.dossier_button = QPushButton(self.tr("生成本站档案…"))
        self.dossier_button.setToolTip(self.tr("为本站（及下属各站）的团代表生成履职档案 PDF"))
        self.dossier_button.clicked.connect(lambda: self.make_dossiers())
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
        self.groups.currentItemChanged.connect(lambda *_: self.filters_changed.emit())
        self.add_group_button = QPushButton(self.tr("新增小组"))
        self.add_group_button.clicked.connect(lambda: self.add_group())
        self.remove_group_button = QPushButton(self.tr("删除小组"))
        self.remove_group_button.clicked.connect(lambda: self.remove_group())
        mark_editing(
            add_station,
            self.edit_station_button,
            self.retire_button,
            self.delete_station_button,
            self.add_group_button,
            self.remove_group_button,
        )
        delete_shortcut(self.tree, self.delete_station)
        delete_shortcut(self.groups, self.remove_group)
        group_buttons = QHBoxLayout()
        group_buttons.addWidget(self.add_group_button)
        group_buttons.addWidget(self.remove_group_button)
        left_layout = QVBoxLayout(self)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.tree, 1)
        left_layout.addWidget(self.show_retired)
        left_layout.addLayout(station_buttons)
        left_layout.addWidget(self.dossier_button)
        left_layout.addWidget(self.board)
        left_layout.addWidget(QLabel(self.tr("专项小组（点选可筛选成员）")))
        left_layout.addWidget(self.groups)
        left_layout.addLayout(group_buttons)

    def selected_station_name(self) -> str | None:
        station_id = self.selected_station_id()
        return self.station_names.get(station_id) if station_id else None

    def selected_group_name(self) -> str | None:
        item = self.groups.currentItem()
        return item.data(GROUP_NAME_ROLE) if item is not None else None

    def reload_stations(self, total: int) -> None:
        """The tree (with `total` in-office delegates on 全部人员), keeping the selection."""
        self._total = total
        current = self.selected_station_id()
        with self.db.session() as s:
            nodes = stations.station_tree(s, include_retired=self.show_retired.isChecked())
        self.station_names = {n.id: n.name for n in nodes}
        self.tree.blockSignals(True)
        self.tree.clear()
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
            self.delete_station_button,
            self.add_group_button,
            self.remove_group_button,
        ):
            widget.setEnabled(has_station)
        self.dossier_button.setEnabled(has_station)
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
                item.setData(GROUP_NAME_ROLE, g.name)
                self.groups.addItem(item)
        else:
            self.board.setText(
                self.tr(
                    "<b>全部人员</b><br>选择左侧的联络站，可查看它的进站代表、专项小组和五公开信息。"
                )
            )
        self.groups.blockSignals(False)
        self.filters_changed.emit()

    def _board_html(self, v: dict[str, object]) -> str:
        def row(label: str, key: str) -> str:
            value = (
                str(v.get(key) or "").strip()
                or "<span style='color:#999'>" + tr("未填写") + "</span>"
            )
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

    def make_dossiers(self) -> QDialog | None:
        """生成本站档案…: every delegate of the station in the chosen year."""
        from twdesk.ui.dialogs.dossier_dialog import DossierDialog, station_delegates

        station_id = self.selected_station_id()
        if station_id is None:
            return None
        name = self.station_names.get(station_id, "")
        dialog = DossierDialog(self.db, station_delegates(station_id), name, parent=self)
        dialog.open()
        return dialog

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

    def delete_station(self) -> bool:
        """Ask, then move the selected station (and its special groups) to the recycle bin;
        one with history is refused with a pointer to 撤销."""
        station_id = self.selected_station_id()
        if station_id is None:
            return False
        return delete_record(self, self.db, "station", station_id, changes=[STATIONS, PEOPLE])

    def remove_group(self) -> bool:
        """Ask, then move the selected special group to the recycle bin (its members' records
        are hidden with it and come back when it is restored)."""
        item = self.groups.currentItem()
        if item is None:
            return False
        return delete_record(
            self, self.db, "special_group", item.data(ID_ROLE), changes=[STATIONS, PEOPLE]
        )
