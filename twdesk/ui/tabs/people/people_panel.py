"""联络站与代表, right page: search as you type, filters, the people table, the editor, and
the roster's import, export and template."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from twdesk.services.files import Database
from twdesk.services.people_search import PeopleIndex, PersonEntry
from twdesk.ui.actions import (
    PEOPLE,
    STATIONS,
    announce,
    ask_save_path,
    delete_record,
    delete_shortcut,
    run_read,
    show_saved,
)
from twdesk.ui.dialogs.person_dialog import PersonDialog
from twdesk.ui.i18n import notr, tr
from twdesk.ui.models.people_model import PeopleModel
from twdesk.ui.readonly import is_read_only, mark_editing
from twdesk.ui.tabs.people.station_panel import StationPanel

if TYPE_CHECKING:
    from twdesk.ui.dialogs.import_dialog import RosterImportDialog

SPREADSHEETS = tr("表格文件 (*.xlsx *.xls *.csv);;所有文件 (*)")
ALL = ""


class PeoplePanel(QWidget):
    """Emits `filters_changed` when the search text or a filter changes; `stations` is the
    station page (a new person starts in its station, the export names it)."""

    filters_changed = Signal()

    def __init__(self, db: Database, stations: StationPanel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.stations = stations
        self.index = PeopleIndex([])
        self.last_message = ""
        self.search = QLineEdit()
        self.search.setObjectName("peopleSearch")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(
            self.tr("查找：姓名、拼音（zs 或 zhangsan）、电话，或身份证号后几位")
        )
        self.search.textChanged.connect(lambda _t: self.filters_changed.emit())
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
        self.add_person_button.clicked.connect(lambda: self.add_person())
        self.edit_person_button = QPushButton(self.tr("编辑"))
        self.edit_person_button.clicked.connect(lambda: self.edit_person())
        self.delete_person_button = QPushButton(self.tr("删除"))
        self.delete_person_button.setToolTip(self.tr("把选中的人员移入回收站（可恢复）"))
        self.delete_person_button.clicked.connect(lambda: self.delete_person())
        import_button = QPushButton(self.tr("导入名册…"))
        import_button.clicked.connect(lambda: self.import_roster())
        export_button = QPushButton(self.tr("导出名册…"))
        export_button.clicked.connect(lambda: self.export_roster())
        template_button = QPushButton(self.tr("下载导入模板…"))
        template_button.clicked.connect(lambda: self.save_template())
        dossier_button = QPushButton(self.tr("生成档案…"))
        dossier_button.setToolTip(
            self.tr("为表中选中的代表生成履职档案 PDF（按住 Ctrl 或 Shift 多选）")
        )
        dossier_button.clicked.connect(lambda: self.make_dossiers())
        mark_editing(
            self.add_person_button,
            self.edit_person_button,
            self.delete_person_button,
            import_button,
        )
        actions = QHBoxLayout()
        for b in (self.add_person_button, self.edit_person_button, self.delete_person_button):
            actions.addWidget(b)
        actions.addStretch(1)
        for b in (import_button, export_button, template_button, dossier_button):
            actions.addWidget(b)
        self.model = PeopleModel(self)
        self.table = QTableView()
        self.table.setObjectName("peopleTable")
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.doubleClicked.connect(lambda _i: is_read_only() or self.edit_person())
        for column, width in enumerate((76, 44, 140, 104, 130, 64, 100, 70, 50, 80)):
            self.table.setColumnWidth(column, width)
        # fits the default window (1280 wide) without scrolling; 备注 takes what is left
        self.table.horizontalHeader().setStretchLastSection(True)
        delete_shortcut(self.table, self.delete_person)
        right_layout = QVBoxLayout(self)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addLayout(filters)
        right_layout.addLayout(actions)
        right_layout.addWidget(self.table, 1)

    def _filter_combo(self, everything: str, items: tuple[str, ...]) -> QComboBox:
        combo = QComboBox()
        combo.addItem(everything, ALL)
        for item in items:
            combo.addItem(item, item)
        combo.currentIndexChanged.connect(lambda _i: self.filters_changed.emit())
        return combo

    def filters(self) -> dict[str, str | None]:
        """The level, status and role filters, as `PeopleIndex.search` takes them."""
        return {
            "level": self.level.currentData() or None,
            "status": self.status.currentData() or None,
            "role": self.role.currentData() or None,
        }

    def show_entries(self, results: list[PersonEntry]) -> None:
        self.model.set_entries(results)
        self.count_label.setText(self.tr("共 {0} 人").format(len(results)))
        self.edit_person_button.setEnabled(bool(results))
        self.delete_person_button.setEnabled(bool(results))

    def delete_person(self) -> bool:
        """Ask (naming the selected people and what goes with them), then move them to the
        recycle bin."""
        ids = self.selected_person_ids()
        if not ids:
            return False
        return delete_record(self, self.db, "person", ids, changes=[PEOPLE, STATIONS])

    def selected_person_id(self) -> str | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.model.data(self.model.index(index.row(), 0), Qt.ItemDataRole.UserRole)

    def selected_person_ids(self) -> list[str]:
        """The selected rows' people, top to bottom (the current row when none is selected)."""
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        ids = [self.model.entry(row).id for row in rows]
        current = self.selected_person_id()
        return ids or ([current] if current else [])

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
            self.db,
            self.index,
            person_id,
            station_id=self.stations.selected_station_id(),
            parent=self,
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

    def make_dossiers(self) -> QDialog | None:
        """生成档案… for the selected delegates."""
        from twdesk.ui.dialogs.dossier_dialog import DossierDialog

        ids = self.selected_person_ids()
        if not ids:
            QMessageBox.information(
                self,
                self.tr("生成档案"),
                self.tr("请先在表中选择代表（按住 Ctrl 或 Shift 多选）。"),
            )
            return None
        first = self.model.entry(self.model.row_of(ids[0])).name
        what = first if len(ids) == 1 else self.tr("选中的 {0} 位代表").format(len(ids))
        dialog = DossierDialog(self.db, lambda _s, _year: ids, what, parent=self)
        dialog.open()
        return dialog

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
        station = self.stations.selected_station_name()
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
        asked = path is None  # a path given by the caller (scripts, tests): no 已保存 box
        if path is None:
            path = ask_save_path(
                self,
                "roster",
                self.tr("导出名册"),
                notr("{0}名册{1}.xlsx").format(
                    station or notr("团代表"), notr("（脱敏）") if mask else ""
                ),
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
        if asked:
            show_saved(self, path, self.last_message)
        return count

    def save_template(self, path: Path | None = None) -> Path | None:
        asked = path is None
        if path is None:
            path = ask_save_path(
                self,
                "roster-template",
                self.tr("保存导入模板"),
                notr("团代表名册导入模板.xlsx"),
                self.tr("Excel 文件 (*.xlsx)"),
            )
            if path is None:
                return None
        from twdesk.services.roster_export import save_roster_template

        if run_read(self, self.db, lambda s: save_roster_template(s, path, overwrite=True)) is None:
            return None
        self.last_message = self.tr("模板已保存：{0}").format(path.name)
        if asked:
            show_saved(self, path, self.last_message)
        return path
