"""编辑 → 回收站…: deleted records of every kind (and retired stations) with who deleted them and
when; 恢复 brings a record back with what was deleted with it, 彻底删除 asks twice."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from twdesk.services import recycle_bin
from twdesk.services.recycle_bin import BinEntry
from twdesk.ui.actions import (
    DUTY,
    EVALUATION,
    LEDGER,
    PEOPLE,
    STATIONS,
    VISITS,
    delete_shortcut,
    run_action,
    run_read,
)
from twdesk.ui.readonly import mark_editing
from twdesk.ui.widgets.tables import ID_ROLE, fill_table, make_table

if TYPE_CHECKING:
    from twdesk.db.dbfile import Database

RETIRED = "retired"  # the kind filter's key for 撤销 stations
# what a restore or purge of each kind can change on the tabs
AREAS = {
    "station": {STATIONS, PEOPLE, DUTY, VISITS, LEDGER, EVALUATION},
    "special_group": {STATIONS, PEOPLE, LEDGER},
    "person": {PEOPLE, STATIONS, DUTY, VISITS, LEDGER, EVALUATION},
    "youth_branch": {PEOPLE, LEDGER},
    "visit": {VISITS, EVALUATION},
    "opinion_item": {VISITS, EVALUATION},
    "activity": {LEDGER, EVALUATION},
    "project": {LEDGER, EVALUATION},
}


class RecycleBinDialog(QDialog):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.entries: list[BinEntry] = []
        self.shown: list[BinEntry] = []
        self.setWindowTitle(self.tr("回收站"))
        self.resize(820, 480)
        self.kind = QComboBox()
        self.kind.addItem(self.tr("全部类别"), None)
        for table, label in recycle_bin.LABELS.items():
            self.kind.addItem(label, table)
        self.kind.addItem(recycle_bin.RETIRED_LABEL, RETIRED)
        self.kind.currentIndexChanged.connect(lambda _i: self.show_entries())
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("查找名称"))
        self.search.textChanged.connect(lambda _t: self.show_entries())
        self.count = QLabel()
        bar = QHBoxLayout()
        bar.addWidget(self.kind)
        bar.addWidget(self.search, 1)
        bar.addWidget(self.count)
        self.table = make_table(
            (
                self.tr("类别"),
                self.tr("名称"),
                self.tr("删除人"),
                self.tr("删除时间"),
                self.tr("同时删除"),
            )
        )
        self.table.itemSelectionChanged.connect(lambda: self._selected())
        self.table.doubleClicked.connect(lambda _i: self.restore_selected())
        self.restore_button = QPushButton(self.tr("恢复"))
        self.restore_button.setToolTip(self.tr("恢复选中的记录，连同和它一起删除的记录"))
        self.restore_button.clicked.connect(lambda: self.restore_selected())
        self.purge_button = QPushButton(self.tr("彻底删除…"))
        self.purge_button.setToolTip(self.tr("从文件中永久删除，无法恢复"))
        self.purge_button.clicked.connect(lambda: self.purge_selected())
        delete_shortcut(self.table, self.purge_selected, self.tr("彻底删除…"))
        mark_editing(self.restore_button, self.purge_button)
        self.hint = QLabel(
            self.tr(
                "恢复一条记录时，和它一起删除的记录（如来访登记的意见建议）也一起恢复；"
                "之前单独删除的记录仍留在回收站。"
            )
        )
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #555;")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        buttons.rejected.connect(lambda: self.reject())
        bottom = QHBoxLayout()
        bottom.addWidget(self.restore_button)
        bottom.addWidget(self.purge_button)
        bottom.addStretch(1)
        bottom.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.hint)
        layout.addLayout(bottom)
        self.reload()

    # --- the list -----------------------------------------------------------------------------

    def reload(self) -> None:
        self.entries = run_read(self, self.db, recycle_bin.list_bin) or []
        self.show_entries()

    def show_entries(self) -> None:
        kind, text = self.kind.currentData(), self.search.text().strip()
        self.shown = [
            e
            for e in self.entries
            if (
                kind is None
                or (kind == RETIRED and e.retired)
                or (kind == e.table and not e.retired)
            )
            and (not text or text in e.title)
        ]
        fill_table(
            self.table,
            [
                (e.label, e.title, e.deleted_by, f"{e.deleted_at:%Y-%m-%d %H:%M}", e.with_text)
                for e in self.shown
            ],
            [str(i) for i in range(len(self.shown))],
        )
        for r, e in enumerate(self.shown):
            if e.with_text:
                self.table.item(r, 4).setToolTip(
                    self.tr("恢复或彻底删除时一起处理：{0}").format(e.with_text)
                )
        self.count.setText(self.tr("共 {0} 条").format(len(self.shown)))
        self._selected()

    def selected_entry(self) -> BinEntry | None:
        items = self.table.selectedItems()
        return self.shown[int(items[0].data(ID_ROLE))] if items else None

    def select_title(self, title: str) -> bool:
        for r, e in enumerate(self.shown):
            if e.title == title:
                self.table.selectRow(r)
                return True
        return False

    def _selected(self) -> None:
        entry = self.selected_entry()
        self.restore_button.setEnabled(entry is not None)
        self.purge_button.setEnabled(entry is not None and not entry.retired)

    # --- restore and purge --------------------------------------------------------------------

    def restore_selected(self) -> bool:
        entry = self.selected_entry()
        if entry is None or not self.restore_button.isEnabled():
            return False
        done = run_action(
            self,
            self.db,
            lambda s: recycle_bin.restore_record(
                s, entry.table, entry.row_id, retired=entry.retired
            ),
            changes=AREAS.get(entry.table, ()),
            error_title=self.tr("不能恢复"),
        )
        self.reload()
        return done is not None

    def purge_selected(self) -> bool:
        """Asks twice; the second question says it cannot be undone."""
        entry = self.selected_entry()
        if entry is None or not self.purge_button.isEnabled():
            return False
        what = f"{entry.label}「{entry.title}」"
        if entry.with_text:
            what += self.tr("（连同 {0}）").format(entry.with_text)
        no = QMessageBox.StandardButton.No
        yes = QMessageBox.StandardButton.Yes
        first = QMessageBox.question(
            self,
            self.tr("彻底删除"),
            self.tr(
                "彻底删除{0}？\n依附于它的记录（办理记录、进站和联系记录、坐班安排等）也一并删除。"
            ).format(what),
            yes | no,
            no,
        )
        if first != yes:
            return False
        second = QMessageBox.question(
            self,
            self.tr("再次确认：彻底删除"),
            self.tr(
                "{0}将从文件中永久删除，此操作无法撤销，也不能从回收站恢复。\n确定删除吗？"
            ).format(what),
            yes | no,
            no,
        )
        if second != yes:
            return False
        done = run_action(
            self,
            self.db,
            lambda s: recycle_bin.purge(s, entry.table, entry.row_id),
            changes=AREAS.get(entry.table, ()),
            error_title=self.tr("不能彻底删除"),
        )
        self.reload()
        return done is not None


def open_recycle_bin(db: Database, parent: QWidget | None = None) -> RecycleBinDialog:
    """Shown without blocking the window's event loop (window-modal)."""
    dialog = RecycleBinDialog(db, parent)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.open()
    return dialog
